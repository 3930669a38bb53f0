from django.contrib.postgres.search import SearchVectorField
from django.db import models

from ..catalogue.search import SearchDocumentIndex


class SearchDocument(models.Model):
    """An initiative's weighted, accent-folded search document on PostgreSQL, kept by
    initiatives/catalogue/indexing.py; SQLite keeps the same texts in its full-text table instead.

    It has a narrow table of its own: a search for a common word reads every document, and beside the wide rows of
    the initiatives most documents were stored out of line, one look-up each (seven times slower at 100,000). The
    table is scanned serially (migration 0022)."""

    initiative = models.OneToOneField(
        "initiatives.Initiative", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField()

    class Meta:
        indexes = [SearchDocumentIndex(fields=["document"], name="initiative_search_document")]

    def __str__(self):
        return f"{self.initiative_id}: {self.document}"
