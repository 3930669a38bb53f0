from django.conf import settings
from django.db import models

REASON_LENGTH = 100  # simple-history's change reasons


class CatalogueImport(models.Model):
    """A catalogue file uploaded to be imported: kept, with its preview, until a curator applies it, and
    afterwards as the record of who brought what in."""

    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(
        null=True, blank=True, help_text="What the import added and changed, by sheet and row, once applied."
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "catalogue import"

    def __str__(self):
        return f"{self.file_name} (import {self.pk})"

    @property
    def reason(self):
        """What each record's history says of the import that wrote it."""
        suffix = f" (import {self.pk})"
        name = self.file_name[: REASON_LENGTH - len("Imported from ") - len(suffix)]
        return f"Imported from {name}{suffix}"
