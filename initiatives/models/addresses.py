"""The slugs named records had before, so that their old addresses lead to the current ones.

A live slug always beats a former one: a record that takes a slug another record used to have
becomes its owner, and that former slug is forgotten (initiatives/signals.py keeps these rows).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.validators import slug_re
from django.db import models
from django.utils import timezone


class FormerSlugQuerySet(models.QuerySet):
    def of(self, record):
        """The slugs `record` had, the most recently replaced first."""
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def current(self, queryset, slugs):
        """{former slug: the record of `queryset` that had it}, for those of `slugs` that are former slugs.

        Records outside `queryset` (a draft, when it holds what the public may see) are left out."""
        # What cannot be a slug (text from an address: anything) was never one, and is not asked for.
        slugs = [slug for slug in dict.fromkeys(slugs) if slug_re.match(slug)]
        if not slugs:
            return {}
        content_type = ContentType.objects.get_for_model(queryset.model)
        owners = dict(self.filter(content_type=content_type, slug__in=slugs).values_list("slug", "object_id"))
        if not owners:
            return {}
        # Only the record itself is needed: what the queryset prefetches for its page is not.
        records = queryset.prefetch_related(None).in_bulk(set(owners.values()))
        return {slug: records[pk] for slug, pk in owners.items() if pk in records}


class FormerSlug(models.Model):
    """A slug a named record had until it was given another one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200, db_index=False)
    replaced_at = models.DateTimeField(default=timezone.now)

    objects = FormerSlugQuerySet.as_manager()

    class Meta:
        # Shown to curators only, in English as the rest of the admin's own texts.
        verbose_name = "former slug"
        verbose_name_plural = "former slugs"
        ordering = ["-replaced_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="former_slug_unique_per_kind_of_record"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="former_slug_of_record")]

    def __str__(self):
        return self.slug
