"""Curators publish drafts from the admin, and each publication is in the record's history."""

import pytest
from django.test import Client

from initiatives.models import Initiative
from tests.conftest import make_initiative


@pytest.mark.django_db
def test_a_curator_publishes_a_draft_with_the_list_action_and_it_appears_publicly(curator_app):
    public = Client()
    draft = make_initiative(slug="in-preparation", name="In preparation", published=False)
    assert public.get("/initiatives/in-preparation/").status_code == 404
    form = curator_app.get("/admin/initiatives/initiative/").forms["changelist-form"]
    form["_selected_action"] = [draft.pk]
    form["action"] = "publish"
    response = form.submit("index").follow()
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.published
    assert draft.history.latest().published
    assert public.get("/initiatives/in-preparation/").status_code == 200


@pytest.mark.django_db
def test_a_new_initiative_added_in_the_admin_starts_as_a_draft():
    assert Initiative._meta.get_field("published").default is False
