from django.db import migrations, models


class Migration(migrations.Migration):
    """Indexes for the list's filters and sorts: era, status, start year (then name) and name."""

    dependencies = [("initiatives", "0011_search_document")]

    operations = [
        migrations.AddIndex(model_name="initiative", index=models.Index(fields=["era"], name="initiative_era")),
        migrations.AddIndex(model_name="initiative", index=models.Index(fields=["status"], name="initiative_status")),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["start_year", "name"], name="initiative_start_year_name"),
        ),
        migrations.AddIndex(model_name="initiative", index=models.Index(fields=["name"], name="initiative_name")),
    ]
