from django.db import migrations, models

HELP = (
    "Only published records appear on the public site, in its counts and in its downloads. New records start as drafts."
)


class Migration(migrations.Migration):
    """Drafts. Records that exist already were public before drafts existed, so they stay published."""

    dependencies = [("organisations", "0002_history_and_versions")]

    operations = [
        migrations.AddField(
            model_name="organisation", name="published", field=models.BooleanField(default=True, help_text=HELP)
        ),
        migrations.AddField(
            model_name="historicalorganisation", name="published", field=models.BooleanField(default=True, help_text=HELP)
        ),
        migrations.AlterField(
            model_name="organisation", name="published", field=models.BooleanField(default=False, help_text=HELP)
        ),
        migrations.AlterField(
            model_name="historicalorganisation", name="published", field=models.BooleanField(default=False, help_text=HELP)
        ),
    ]
