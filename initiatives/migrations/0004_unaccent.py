from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class UnaccentOnPostgreSQL(UnaccentExtension):
    """Accent-blind search on PostgreSQL ("Sonderborg" finds "Sønderborg"); SQLite gets the same
    function from the app at connection time, so there is nothing to do there either way."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_curators_group")]

    operations = [UnaccentOnPostgreSQL()]
