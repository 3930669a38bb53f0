from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-blind search on PostgreSQL ("Sonderborg" finds "Sønderborg"); nothing to do on SQLite."""

    dependencies = [("initiatives", "0004_measure_counts_people")]

    operations = [UnaccentExtension()]
