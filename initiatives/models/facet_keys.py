from django.db import models


class FacetKey(models.Model):
    """One option of one facet that a public initiative has (its era, a theme, a place of its reach...), as
    initiatives/catalogue/facet_store.py keeps them: the facet's key is the option's record id, or its value."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(max_length=50)
    key = models.CharField(max_length=30)

    class Meta:
        # The listed initiatives' options are read from the index alone, not looked up row by row.
        indexes = [models.Index(fields=["initiative", "facet", "key"], name="facet_key_of_initiative")]

    def __str__(self):
        return f"{self.initiative_id}: {self.facet} {self.key}"


class FacetCount(models.Model):
    """How many public initiatives have each option of each facet."""

    facet = models.CharField(max_length=50)
    key = models.CharField(max_length=30)
    initiatives = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["facet", "key"], name="facet_count_option")]
        indexes = [models.Index(fields=["facet", "-initiatives"], name="facet_count_highest")]

    def __str__(self):
        return f"{self.facet} {self.key}: {self.initiatives}"
