"""Every change made in the admin is kept with who made it and when, shown with its differences, and can be undone."""

import pytest
from django.urls import reverse

from initiatives.models import Figure, Initiative, Measure, Theme
from tests.admin.conftest import CATALOGUE_MODELS, admin_url, make_record, posted
from tests.conftest import make_source

pytestmark = pytest.mark.django_db
model_ids = [model._meta.label for model in CATALOGUE_MODELS]


def revert_url(record, historical):
    return reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_simple_history", args=[record.pk, historical.pk]
    )


def test_history_records_a_theme_added_in_the_admin_with_its_curator(curator_client, curator):
    response = curator_client.post(admin_url(Theme, "add"), {"name": "Sport", "slug": "sport"})

    assert response.status_code == 302
    theme = Theme.objects.get(slug="sport")
    assert [(h.history_type, h.history_user, h.name) for h in theme.history.all()] == [("+", curator, "Sport")]


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_history_records_a_change_made_in_the_admin_with_its_curator(curator_client, curator, model):
    record = make_record(model)
    change = admin_url(model, "change", record.pk)
    field = "note" if hasattr(record, "note") else "name"

    response = curator_client.post(change, posted(curator_client.get(change), **{field: "Changed by a curator"}))

    assert response.status_code == 302, response.context["errors"]
    latest = record.history.latest()
    assert (latest.history_type, latest.history_user, getattr(latest, field)) == ("~", curator, "Changed by a curator")


def test_history_records_inline_rows_added_with_their_initiative_with_the_curator(curator_client, curator):
    source = make_source("denmark-report")
    members = Measure.objects.create(name="members", slug="members")
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    data = posted(curator_client.get(change))
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-measure": str(members.pk),
            "figures-0-value": "150000",
            "figures-0-source": str(source.pk),
        }
    )

    response = curator_client.post(change, data)

    assert response.status_code == 302, response.context["errors"]
    figure = initiative.figures.get()
    assert [(h.history_type, h.history_user, h.value) for h in figure.history.all()] == [("+", curator, 150000)]


def test_history_records_a_deletion_with_who_deleted(admin_client, admin_user):
    # Curators may not delete; an administrator's deletion is kept in the history all the same.
    figure = make_record(Figure)

    response = admin_client.post(admin_url(Figure, "delete", figure.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Figure.objects.filter(pk=figure.pk).exists()
    deleted = Figure.history.filter(id=figure.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.value) == ("-", admin_user, figure.value)


def test_deleting_an_initiative_keeps_the_history_of_its_figures_too(admin_client, admin_user):
    figure = make_record(Figure)

    admin_client.post(admin_url(Initiative, "delete", figure.initiative.pk), {"post": "yes"})

    assert Figure.history.filter(id=figure.pk).latest().history_type == "-"
    assert Initiative.history.filter(id=figure.initiative.pk).latest().history_user == admin_user


def test_curator_sees_the_changed_field_on_an_initiatives_history_page(curator_client, curator):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    curator_client.post(change, posted(curator_client.get(change), summary="Neighbours help newcomers settle in."))

    response = curator_client.get(admin_url(Initiative, "history", initiative.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "summary" in page.lower()
    assert "Neighbours help newcomers settle in." in page
    assert curator.username in page


def test_history_records_changes_to_an_initiatives_themes(curator_client):
    initiative = make_record(Initiative)
    sport = Theme.objects.create(name="Sport", slug="sport")
    change = admin_url(Initiative, "change", initiative.pk)

    curator_client.post(change, posted(curator_client.get(change), themes=[str(sport.pk)]))

    latest = initiative.history.latest()
    assert [row.theme for row in latest.themes.all()] == [sport]
    response = curator_client.get(admin_url(Initiative, "history", initiative.pk))
    assert "Sport" in response.content.decode()


def test_curator_reverts_an_initiative_to_an_earlier_version(curator_client, curator):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    curator_client.post(change, posted(curator_client.get(change), summary="First words."))
    first = initiative.history.latest()
    curator_client.post(change, posted(curator_client.get(change), summary="A mistake.", start_year="2016"))
    assert Initiative.objects.get(pk=initiative.pk).summary == "A mistake."

    url = revert_url(initiative, first)
    response = curator_client.post(url, posted(curator_client.get(url)))

    assert response.status_code == 302, response.context["errors"]
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.start_year) == ("First words.", None)
    assert initiative.version == 4  # made at 1, two changes and the revert
    latest = initiative.history.latest()
    assert (latest.history_type, latest.history_user, latest.summary) == ("~", curator, "First words.")


def test_revert_opened_before_someone_elses_change_is_refused(curator_client, other_curator_client):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    curator_client.post(change, posted(curator_client.get(change), summary="First words."))
    url = revert_url(initiative, initiative.history.earliest())
    revert_form = curator_client.get(url)
    other_curator_client.post(change, posted(other_curator_client.get(change), summary="Their words."))

    response = curator_client.post(url, posted(revert_form))

    assert response.status_code == 200
    assert "Someone else changed this initiative since you opened it." in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).summary == "Their words."


def test_history_does_not_show_the_version_as_a_change(curator_client):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    curator_client.post(change, posted(curator_client.get(change), summary="First words."))

    latest = initiative.history.latest()
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["summary"]


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_curator_opens_the_history_page_of_every_catalogue_model(curator_client, model):
    # simple-history asks for the model's own view or change permission: curators need nothing more.
    record = make_record(model)
    response = curator_client.get(admin_url(model, "history", record.pk))
    assert response.status_code == 200
