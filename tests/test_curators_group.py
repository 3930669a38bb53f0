"""The Curators group that a migration makes is there for every test, also after a transactional test has
emptied the database: pytest-django runs the transactional tests after the others, and empties every table
after each of them."""

import pytest
from django.contrib.auth.models import Group

from tests.curation.conftest import CATALOGUE_APPS, catalogue_models_of

LEFT_BEHIND = "Made by a transactional test"
transactional_tests_run = []


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_commits_what_it_makes_and_the_database_is_emptied_after_it():
    Group.objects.create(name=LEFT_BEHIND)
    transactional_tests_run.append(LEFT_BEHIND)


def test_a_normal_test_after_a_transactional_one_finds_the_curators_group_with_its_permissions(request):
    # The database is asked for here, not in the signature: pytest-django orders this test after the
    # transactional ones, as it does every test that does not declare the database.
    request.getfixturevalue("db")
    assert transactional_tests_run, "this test runs after the transactional test above"
    assert not Group.objects.filter(name=LEFT_BEHIND).exists()  # the database was emptied in between

    group = Group.objects.get(name="Curators")

    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        (label, f"{action}_{model._meta.model_name}")
        for label in CATALOGUE_APPS
        for model in catalogue_models_of(label)
        for action in ["add", "change", "view"]
    } | {("initiatives", f"{action}_catalogueimport") for action in ["add", "change", "view"]}
