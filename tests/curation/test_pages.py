"""Every catalogue page of the admin opens for a curator, and for nobody who is not signed in."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from initiatives.models import Initiative, Place
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place
from tests.curation.conftest import CATALOGUE_APPS, CATALOGUE_MODELS, admin_url, catalogue_models_of, make_record

pytestmark = pytest.mark.django_db
model_ids = [model._meta.label for model in CATALOGUE_MODELS]


def test_every_catalogue_model_is_registered():
    catalogue = {model for label in CATALOGUE_APPS for model in catalogue_models_of(label)}
    assert len(catalogue) == 11
    assert set(CATALOGUE_MODELS) == catalogue


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_curator_opens_changelist_add_and_change_pages(curator_client, model):
    record = make_record(model)
    for url in [admin_url(model, "changelist"), admin_url(model, "add"), admin_url(model, "change", record.pk)]:
        assert curator_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_curator_finds_a_record_by_searching_the_changelist(curator_client, model):
    record = make_record(model)
    term = getattr(record, "name", None) or getattr(record, "dimension", None) or record.initiative.name
    response = curator_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert record in response.context["cl"].result_list


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_anonymous_visitor_is_sent_to_the_login_page(client, model):
    record = make_record(model)
    for url in [admin_url(model, "changelist"), admin_url(model, "add"), admin_url(model, "change", record.pk)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


@pytest.mark.parametrize("model", [User, Group], ids=["auth.User", "auth.Group"])
def test_curator_cannot_open_user_and_group_admin(curator_client, model):
    assert curator_client.get(admin_url(model, "changelist")).status_code == 403


def test_organisation_search_matches_native_name_and_acronym(curator_client):
    duf = Organisation.objects.create(
        name="Danish Youth Council", native_name="Dansk Ungdoms Fællesråd", acronym="DUF", slug="duf"
    )
    for term in ["Ungdoms Fællesråd", "DUF"]:
        response = curator_client.get(admin_url(Organisation, "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [duf], term


def test_initiative_search_matches_its_lead_organisations_acronym(curator_client):
    initiative = make_initiative(
        "cafe-venligbo", native_name="Café Venligbo", lead_organisation=make_organisation("duf", acronym="DUF")
    )
    for term in ["Venligbo", "DUF"]:
        response = curator_client.get(admin_url(Initiative, "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [initiative], term


def autocomplete(client, model, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_curator_picks_a_lead_organisation_by_its_acronym(curator_client):
    make_organisation("dansk-ungdoms-faellesraad", name="Danish Youth Council", acronym="DUF")
    assert autocomplete(curator_client, Initiative, "lead_organisation", "DUF") == ["Danish Youth Council (DUF)"]


def test_initiative_country_picker_offers_only_countries(curator_client):
    make_place("denmark")
    make_place("copenhagen", kind=Place.Kind.CITY)
    assert autocomplete(curator_client, Initiative, "country", "") == ["Denmark"]
