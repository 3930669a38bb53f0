from django.db import models


class SlugQuerySet(models.QuerySet):
    """Finds records by slug, which is also their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Named(models.Model):
    """A record people refer to by name, addressed by a unique slug."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Short name used in web addresses and fixtures; never change it once published.",
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Qualifier(models.TextChoices):
    """How exactly the source states a number."""

    MORE_THAN = "more_than", "more than"
    ABOUT = "about", "about"
