from django.db import models
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

    def get_absolute_url(self):
        return reverse("initiatives:place", args=[self.slug])
