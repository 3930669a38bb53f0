from django.db import migrations

HISTORY_MODELS = [
    ("initiatives", "HistoricalAward"),
    ("initiatives", "HistoricalBeneficiaryGroup"),
    ("initiatives", "HistoricalFigure"),
    ("initiatives", "HistoricalFinding"),
    ("initiatives", "HistoricalFunding"),
    ("initiatives", "HistoricalInitiative"),
    ("initiatives", "HistoricalMeasure"),
    ("initiatives", "HistoricalPlace"),
    ("initiatives", "HistoricalSource"),
    ("initiatives", "HistoricalTheme"),
    ("organisations", "HistoricalOrganisation"),
]


def empty_reasons(apps, schema_editor):
    """History entries written without a change reason get an empty one, as every entry now has."""
    for app_label, name in HISTORY_MODELS:
        apps.get_model(app_label, name).objects.filter(history_change_reason=None).update(history_change_reason="")


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0008_former_slugs"),
        ("organisations", "0004_translatable_names"),
    ]

    operations = [migrations.RunPython(empty_reasons, migrations.RunPython.noop)]
