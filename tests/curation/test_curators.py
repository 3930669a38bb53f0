"""The Curators group keeps the catalogue up to date but never deletes from it, and touches nothing else."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from initiatives.models import Initiative
from tests.conftest import curators_group
from tests.curation.conftest import CATALOGUE_APPS, CATALOGUE_MODELS, admin_url, catalogue_models_of, make_record

pytestmark = pytest.mark.django_db
migration = importlib.import_module("initiatives.migrations.0003_curators_group")


def curators_permissions():
    group = Group.objects.get(name="Curators")
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_curators_can_add_change_and_view_every_catalogue_model_and_import_catalogue_files():
    expected = {
        (label, f"{action}_{model._meta.model_name}")
        for label in CATALOGUE_APPS
        for model in catalogue_models_of(label)
        for action in ["add", "change", "view"]
    }
    assert len(expected) == 3 * 11
    imports = {("initiatives", f"{action}_catalogueimport") for action in ["add", "change", "view"]}
    assert curators_permissions() == expected | imports


def test_curators_cannot_delete_anything():
    assert not [codename for _, codename in curators_permissions() if codename.startswith("delete_")]


def test_curators_have_no_permission_outside_the_catalogue():
    assert {label for label, _ in curators_permissions()} == CATALOGUE_APPS


def test_curator_has_the_groups_permissions_and_is_not_superuser(curator):
    assert not curator.is_superuser
    assert curator.has_perm("initiatives.change_initiative")
    assert not curator.has_perm("initiatives.delete_initiative")
    assert not curator.has_perm("auth.change_user")


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=[model._meta.label for model in CATALOGUE_MODELS])
def test_curator_cannot_delete_a_record(curator_client, model):
    record = make_record(model)
    response = curator_client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    assert response.status_code == 403
    assert model.objects.filter(pk=record.pk).exists()


def test_curator_cannot_delete_initiatives_from_the_changelist(curator_client):
    initiative = make_record(Initiative)
    response = curator_client.post(
        admin_url(Initiative, "changelist"),
        {"action": "delete_selected", "_selected_action": [initiative.pk], "post": "yes"},
        follow=True,
    )
    assert "delete_selected" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)
    assert Initiative.objects.filter(pk=initiative.pk).exists()


@pytest.fixture
def migration_apps():
    """The models as the migration sees them, not the current ones."""
    return MigrationExecutor(connection).loader.project_state(("initiatives", "0003_curators_group")).apps


def test_curators_migration_can_run_twice(migration_apps):
    before = curators_permissions()
    migration.create_curators_group(migration_apps, connection.schema_editor())
    assert Group.objects.filter(name="Curators").count() == 1
    assert curators_permissions() == before


def test_curators_migration_reverses_by_deleting_the_group(migration_apps):
    before = curators_permissions()
    migration.delete_curators_group(migration_apps, connection.schema_editor())
    assert not Group.objects.filter(name="Curators").exists()
    curators_group()  # the group's migrations run again
    assert curators_permissions() == before
