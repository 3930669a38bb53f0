"""Bring the catalogue's derived data up to date after writes that send no model signals (bulk_create,
loaddata with signals off, SQL imports): what the public may see, every initiative's search document, reach and
facet keys, then the cached pages."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from initiatives import caching
from initiatives.catalogue.facet_store import rebuild_facet_counts
from initiatives.catalogue.indexing import rebuild_reach, rebuild_search_documents
from initiatives.models import Initiative
from initiatives.models.visibility import refresh_visibility


class Command(BaseCommand):
    help = (
        "Store what the public may see, rebuild every search document, reach and facet count, and mark the cached catalogue as "
        "changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to refresh.")

    def handle(self, *args, database, **options):
        with transaction.atomic(using=database):
            refresh_visibility(using=database)
            rebuild_search_documents(Initiative, using=database)
            rebuild_reach(Initiative, using=database)
            rebuild_facet_counts(Initiative, using=database)
            caching.catalogue_changed(using=database)
        self.stdout.write(
            self.style.SUCCESS(
                "Public records stored, search documents, reach and facet counts rebuilt; cached pages marked as changed."
            )
        )
