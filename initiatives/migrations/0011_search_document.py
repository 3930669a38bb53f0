import django.contrib.postgres.search
from django.db import migrations

import initiatives.catalogue.search
from initiatives.catalogue.search import CREATE_SQLITE_TABLE, SQLITE_TABLE


def create_sqlite_table(apps, schema_editor):
    """SQLite keeps the documents in a full-text table beside the initiatives; 0022 fills them."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE_SQLITE_TABLE)


def drop_sqlite_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0010_slug_help"), ("organisations", "0005_slug_help")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=initiatives.catalogue.search.SearchDocumentIndex(
                fields=["search_document"], name="initiative_search_document"
            ),
        ),
        migrations.RunPython(create_sqlite_table, drop_sqlite_table, elidable=False),
    ]
