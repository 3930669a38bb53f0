"""The Curators group: add, change and view, never delete, on every catalogue model."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Curators"
CATALOGUE_APPS = ["initiatives", "organisations"]
ACTIONS = ["add", "change", "view"]


def catalogue_permissions(apps, using):
    """The permissions a curator needs, created first: on a fresh database they do not exist yet."""
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for label in CATALOGUE_APPS:
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module, and create_permissions skips those.
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = models_module
        codenames = [f"{action}_{model._meta.model_name}" for model in app_config.get_models() for action in ACTIONS]
        permissions += Permission.objects.using(using).filter(content_type__app_label=label, codename__in=codenames)
    return permissions


def create_curators_group(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=GROUP_NAME)
    group.permissions.add(*catalogue_permissions(apps, using))


def delete_curators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_initial"),
        ("organisations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_curators_group, delete_curators_group),
    ]
