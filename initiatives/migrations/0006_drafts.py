from django.db import migrations, models

HELP = (
    "Only published records appear on the public site, in its counts and in its downloads. New records start as drafts."
)


class Migration(migrations.Migration):
    """Drafts. Records that exist already were public before drafts existed, so they stay published."""

    dependencies = [("initiatives", "0005_history_and_versions")]

    operations = [
        migrations.AddField(
            model_name="initiative", name="published", field=models.BooleanField(default=True, help_text=HELP)
        ),
        migrations.AddField(
            model_name="historicalinitiative", name="published", field=models.BooleanField(default=True, help_text=HELP)
        ),
        migrations.AlterField(
            model_name="initiative", name="published", field=models.BooleanField(default=False, help_text=HELP)
        ),
        migrations.AlterField(
            model_name="historicalinitiative", name="published", field=models.BooleanField(default=False, help_text=HELP)
        ),
    ]
