from django.db import models
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Named, SlugQuerySet, not_part_of_itself, part_of


class PlaceQuerySet(SlugQuerySet):
    def countries(self):
        return self.filter(kind=Place.Kind.COUNTRY)

    def within(self, *places):
        """The places and every place inside them, as deep as the kinds nest (district in city in region in country)."""
        nested, lookup = models.Q(pk__in=[place.pk for place in places]), "parent"
        for _level in range(len(Place.Kind)):
            nested |= models.Q(**{f"{lookup}__in": places})
            lookup = f"parent__{lookup}"
        return self.filter(nested)

    def labelled(self):
        """The places with what their `label` needs to tell each from another place of the same name."""
        namesakes = Place.objects.filter(name=OuterRef("name")).exclude(pk=OuterRef("pk"))
        return self.annotate(
            shares_name=Exists(namesakes),
            shares_name_and_kind=Exists(namesakes.filter(kind=OuterRef("kind"))),
            parent_name=F("parent__name"),
        )


class Place(Named):
    """A country, region, city or district, nested through its parent."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        CITY = "city", _("city or town")
        DISTRICT = "district", _("district")

    kind = models.CharField(max_length=20, choices=Kind)
    parent = part_of(
        "The place this one lies in: Vesterbro in Copenhagen, Copenhagen in Denmark.", verbose_name=_("lies in")
    )

    objects = PlaceQuerySet.as_manager()

    class Meta(Named.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [not_part_of_itself("place", _("A place cannot lie in itself."))]
        # Labels look for namesakes (PlaceQuerySet.labelled) and places are listed by name.
        indexes = [models.Index(fields=["name"], name="place_name")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name, and where another place has it too, the kind, or the place it lies in when that is the same too:
        "Aarhus (region)" beside "Aarhus (city or town)". Read from `Place.objects.labelled()`; a place read
        otherwise is named by its name alone."""
        if not getattr(self, "shares_name", False):
            return self.name
        if getattr(self, "shares_name_and_kind", False) and self.parent_name:
            return f"{self.name} ({self.parent_name})"
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("initiatives:place", args=[self.slug])


class Reach(models.Model):
    """Every place an initiative is active in and every place those lie in, one row each, kept by
    initiatives/catalogue/indexing.py: a place's initiatives are found, and counted, without looking down the
    places inside it, nor deduplicating the places an initiative's places have in common."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "place"], name="reach_initiative_place")]
        indexes = [models.Index(fields=["place", "initiative"], name="reach_place_initiative")]

    def __str__(self):
        return f"{self.initiative} in {self.place}"
