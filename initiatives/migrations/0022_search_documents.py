import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import initiatives.catalogue.search
from initiatives.catalogue.indexing import rebuild_search_documents


def fill_documents(apps, schema_editor):
    rebuild_search_documents(apps.get_model("initiatives", "Initiative"), schema_editor.connection.alias)


def scan_documents_serially(apps, schema_editor):
    """A parallel plan hashes the matching documents, 1.5 kB each, to join them to the initiatives; a serial one
    hashes the initiatives' ids and streams the documents past them: a common word ranks in half the time."""
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("initiatives", "SearchDocument")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET (parallel_workers = 0)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0021_era_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="initiative", name="initiative_search_document"),
        migrations.RemoveField(model_name="initiative", name="search_document"),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="initiatives.initiative",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RunPython(scan_documents_serially, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchdocument",
            index=initiatives.catalogue.search.SearchDocumentIndex(
                fields=["document"], name="initiative_search_document"
            ),
        ),
    ]
