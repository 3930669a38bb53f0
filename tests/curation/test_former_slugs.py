"""Curators see, beside a record's slug, the slugs it had before; renaming in the admin keeps the old ones."""

import pytest
from django.urls import reverse

from initiatives.models import BeneficiaryGroup, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.curation.conftest import admin_url, make_record, save

pytestmark = pytest.mark.django_db
NAMED_MODELS = [BeneficiaryGroup, Initiative, Measure, Place, Source, Theme, Organisation]
named_models = pytest.mark.parametrize("model", NAMED_MODELS, ids=[model._meta.label for model in NAMED_MODELS])


def renamed(record, slug):
    record.slug = slug
    record.save()
    return record


def former_slugs_row(page):
    """The row of the change page's "former slugs" field, and the fieldset it is in."""
    (row,) = page.html.select(".form-row.field-former_slugs")
    return row, row.find_parent("fieldset")


@named_models
def test_the_change_page_shows_a_renamed_records_former_slug_beside_its_slug(curator_app, model):
    record = make_record(model)
    old = record.slug
    renamed(record, f"{old}-renamed")

    row, fieldset = former_slugs_row(curator_app.get(admin_url(model, "change", record.pk)))

    assert row.select_one(".readonly code").get_text() == old
    assert "former slugs" in row.label.get_text().lower()
    assert row.find_previous_sibling(class_="form-row") in fieldset.select(".form-row.field-slug")


@named_models
def test_the_change_page_of_a_record_never_renamed_says_it_has_no_former_slug(curator_app, model):
    record = make_record(model)

    row, _ = former_slugs_row(curator_app.get(admin_url(model, "change", record.pk)))

    assert row.select_one(".readonly").get_text(strip=True) == "None recorded."


@named_models
def test_the_add_page_has_no_former_slugs(curator_app, model):
    page = curator_app.get(admin_url(model, "add"))

    assert page.html.select(".field-slug")
    assert not page.html.select(".field-former_slugs")


def test_a_record_renamed_twice_lists_both_former_slugs_the_latest_first(curator_app):
    theme = renamed(renamed(Theme.objects.create(slug="first", name="First"), "second"), "third")

    row, _ = former_slugs_row(curator_app.get(admin_url(Theme, "change", theme.pk)))

    assert [code.get_text() for code in row.select("code")] == ["second", "first"]


def test_renaming_in_the_admin_keeps_the_old_address_working(curator_app, client):
    theme = Theme.objects.create(slug="sport", name="Sport")

    response = save(curator_app, admin_url(Theme, "change", theme.pk), slug="sport-and-play")

    assert response.status_code == 302, response.context["errors"]
    assert client.get("/themes/sport/")["Location"] == "/themes/sport-and-play/"
    row, _ = former_slugs_row(curator_app.get(admin_url(Theme, "change", theme.pk)))
    assert [code.get_text() for code in row.select("code")] == ["sport"]


def test_reverting_a_rename_in_the_admin_gives_the_record_back_its_old_address(curator_app, client):
    initiative = make_record(Initiative)
    old = initiative.slug
    first = initiative.history.latest()
    save(curator_app, admin_url(Initiative, "change", initiative.pk), slug="renamed")
    assert client.get(f"/initiatives/{old}/").status_code == 301
    revert = reverse("admin:initiatives_initiative_simple_history", args=[initiative.pk, first.pk])

    response = save(curator_app, revert)

    assert response.status_code == 302, response.context["errors"]
    assert client.get(f"/initiatives/{old}/").status_code == 200
    assert client.get("/initiatives/renamed/")["Location"] == f"/initiatives/{old}/"
