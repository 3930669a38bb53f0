from django.db import models
from django.urls import reverse

from .base import Named, SlugQuerySet


class PlaceQuerySet(SlugQuerySet):
    def countries(self):
        return self.filter(kind=Place.Kind.COUNTRY)


class Place(Named):
    """A country, region, city or district, nested through its parent."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "country"
        REGION = "region", "region"
        CITY = "city", "city or town"
        DISTRICT = "district", "district"

    kind = models.CharField(max_length=20, choices=Kind)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The place this one lies in: Vesterbro in Copenhagen, Copenhagen in Denmark.",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta(Named.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="place_not_its_own_parent",
            ),
        ]

    def get_absolute_url(self):
        return reverse("initiatives:place", args=[self.slug])
