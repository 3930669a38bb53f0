"""Every change made in the admin is kept with who made it and when, shown with its differences, and can be undone."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from initiatives.models import Figure, Initiative, Measure, Theme
from tests.conftest import make_place, make_source
from tests.curation.conftest import CATALOGUE_MODELS, add_inline_row, admin_url, make_record, record_form, save

reasons_migration = importlib.import_module("initiatives.migrations.0009_history_reasons_never_missing")

pytestmark = pytest.mark.django_db
model_ids = [model._meta.label for model in CATALOGUE_MODELS]


def revert_url(record, historical):
    return reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_simple_history", args=[record.pk, historical.pk]
    )


def test_history_records_a_theme_added_in_the_admin_with_its_curator(curator_app, curator):
    response = save(curator_app, admin_url(Theme, "add"), name="Sport", slug="sport")

    assert response.status_code == 302
    theme = Theme.objects.get(slug="sport")
    assert [(h.history_type, h.history_user, h.name) for h in theme.history.all()] == [("+", curator, "Sport")]


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_history_records_a_change_made_in_the_admin_with_its_curator(curator_app, curator, model):
    record = make_record(model)
    field = "note" if hasattr(record, "note") else "name"

    response = save(curator_app, admin_url(model, "change", record.pk), **{field: "Changed by a curator"})

    assert response.status_code == 302, response.context["errors"]
    latest = record.history.latest()
    assert (latest.history_type, latest.history_user, getattr(latest, field)) == ("~", curator, "Changed by a curator")


def test_history_records_inline_rows_added_with_their_initiative_with_the_curator(curator_app, curator):
    source = make_source("denmark-report")
    members = Measure.objects.create(name="members", slug="members")
    initiative = make_record(Initiative)
    form = record_form(curator_app.get(admin_url(Initiative, "change", initiative.pk)))
    add_inline_row(form, "figures", measure=members, value="150000", source=source)

    response = form.submit("_save")

    assert response.status_code == 302, response.context["errors"]
    figure = initiative.figures.get()
    assert [(h.history_type, h.history_user, h.value) for h in figure.history.all()] == [("+", curator, 150000)]


def test_history_records_a_deletion_with_who_deleted(admin_app, admin_user):
    # Curators may not delete; an administrator's deletion is kept in the history all the same.
    figure = make_record(Figure)

    response = record_form(admin_app.get(admin_url(Figure, "delete", figure.pk))).submit()

    assert response.status_code == 302
    assert not Figure.objects.filter(pk=figure.pk).exists()
    deleted = Figure.history.filter(id=figure.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.value) == ("-", admin_user, figure.value)


def test_deleting_an_initiative_keeps_the_history_of_its_figures_too(admin_app, admin_user):
    figure = make_record(Figure)

    record_form(admin_app.get(admin_url(Initiative, "delete", figure.initiative.pk))).submit()

    assert Figure.history.filter(id=figure.pk).latest().history_type == "-"
    assert Initiative.history.filter(id=figure.initiative.pk).latest().history_user == admin_user


def test_curator_sees_the_changed_field_on_an_initiatives_history_page(curator_app, curator):
    initiative = make_record(Initiative)
    save(curator_app, admin_url(Initiative, "change", initiative.pk), summary="Neighbours help newcomers settle in.")

    response = curator_app.get(admin_url(Initiative, "history", initiative.pk))

    assert response.status_code == 200
    page = response.text
    assert "summary" in page.lower()
    assert "Neighbours help newcomers settle in." in page
    assert curator.username in page


def test_history_records_changes_to_an_initiatives_themes(curator_app):
    initiative = make_record(Initiative)
    sport = Theme.objects.create(name="Sport", slug="sport")

    save(curator_app, admin_url(Initiative, "change", initiative.pk), themes=[sport])

    latest = initiative.history.latest()
    assert [row.theme for row in latest.themes.all()] == [sport]
    response = curator_app.get(admin_url(Initiative, "history", initiative.pk))
    assert "Sport" in response.text


def test_curator_reverts_an_initiative_to_an_earlier_version(curator_app, curator):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    save(curator_app, change, summary="First words.")
    first = initiative.history.latest()
    save(curator_app, change, summary="A mistake.", start_year="2016")
    assert Initiative.objects.get(pk=initiative.pk).summary == "A mistake."

    response = save(curator_app, revert_url(initiative, first))

    assert response.status_code == 302, response.context["errors"]
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.start_year) == ("First words.", None)
    assert initiative.version == 4  # made at 1, two changes and the revert
    latest = initiative.history.latest()
    assert (latest.history_type, latest.history_user, latest.summary) == ("~", curator, "First words.")


def test_revert_opened_before_someone_elses_change_is_refused(curator_app, other_curator_app):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    save(curator_app, change, summary="First words.")
    revert_form = record_form(curator_app.get(revert_url(initiative, initiative.history.earliest())))
    save(other_curator_app, change, summary="Their words.")

    response = revert_form.submit("_save")

    assert response.status_code == 200
    assert "Someone else changed this initiative since you opened it" in response.text
    assert Initiative.objects.get(pk=initiative.pk).summary == "Their words."


def test_history_does_not_show_the_version_as_a_change(curator_app):
    initiative = make_record(Initiative)
    save(curator_app, admin_url(Initiative, "change", initiative.pk), summary="First words.")

    latest = initiative.history.latest()
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["summary"]


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_curator_opens_the_history_page_of_every_catalogue_model(curator_client, model):
    # simple-history asks for the model's own view or change permission: curators need nothing more.
    record = make_record(model)
    response = curator_client.get(admin_url(model, "history", record.pk))
    assert response.status_code == 200


def in_order(record):
    return list(record.history.order_by("history_date", "history_id"))


def changed_fields(entry):
    return sorted(entry.diff_against(entry.prev_record).changed_fields)


def test_reverting_to_the_first_version_restores_the_themes_as_they_were(curator_app, curator):
    welcome = Theme.objects.create(name="Welcome", slug="welcome")
    sport = Theme.objects.create(name="Sport", slug="sport")
    response = save(
        curator_app,
        admin_url(Initiative, "add"),
        name="Venligboerne",
        slug="venligboerne",
        country=make_place("denmark"),
        era=Initiative.Era.NEW,
        themes=[welcome],
    )
    assert response.status_code == 302, response.context["errors"]
    initiative = Initiative.objects.get(slug="venligboerne")
    save(curator_app, admin_url(Initiative, "change", initiative.pk), themes=[sport])
    assert list(initiative.themes.all()) == [sport]
    first = in_order(initiative)[0]

    response = save(curator_app, revert_url(initiative, first))

    assert response.status_code == 302, response.context["errors"]
    assert list(initiative.themes.all()) == [welcome]
    added, changed, reverted = in_order(initiative)
    assert [(entry.history_type, entry.history_user) for entry in (added, changed, reverted)] == [
        ("+", curator),
        ("~", curator),
        ("~", curator),
    ]
    assert [[row.theme for row in entry.themes.all()] for entry in (added, changed, reverted)] == [
        [welcome],
        [sport],
        [welcome],
    ]
    assert changed_fields(reverted) == ["themes"]


def test_each_admin_save_writes_one_history_entry_naming_exactly_the_fields_it_changed(curator_app):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    sport = Theme.objects.create(name="Sport", slug="sport")

    save(curator_app, change, summary="Neighbours meet newcomers.")
    save(curator_app, change, themes=[sport])
    save(curator_app, change, start_year="2015", end_year="2019")

    _, *saves = in_order(initiative)
    assert [changed_fields(entry) for entry in saves] == [["summary"], ["themes"], ["end_year", "start_year"]]


def test_the_loaded_entry_holds_the_themes_and_reverting_to_it_brings_a_removed_theme_back(denmark, curator_app):
    venligboerne = Initiative.objects.get(slug="venligboerne")
    themes = list(venligboerne.themes.order_by("slug"))
    loaded = venligboerne.history.earliest()
    assert loaded.history_change_reason == "Loaded from denmark.json"
    assert [row.theme for row in loaded.themes.order_by("theme__slug")] == themes
    removed, *kept = themes
    save(curator_app, admin_url(Initiative, "change", venligboerne.pk), themes=kept)
    assert removed not in venligboerne.themes.all()

    response = save(curator_app, revert_url(venligboerne, loaded))

    assert response.status_code == 302, response.context["errors"]
    assert list(venligboerne.themes.order_by("slug")) == themes


def change_reasons(history_page):
    table = history_page.html.find(id="change-history")
    column = [heading.get_text(strip=True) for heading in table.thead.find_all("th")].index("Change reason")
    return [row.find_all("td")[column].get_text(strip=True) for row in table.tbody.find_all("tr")]


def test_the_history_page_shows_no_none_for_a_change_without_a_reason(curator_app):
    initiative = make_record(Initiative)
    save(curator_app, admin_url(Initiative, "change", initiative.pk), summary="Neighbours meet newcomers.")

    reasons = change_reasons(curator_app.get(admin_url(Initiative, "history", initiative.pk)))

    assert len(reasons) == 2
    assert "None" not in reasons


def test_the_migration_gives_entries_stored_with_no_reason_an_empty_one(curator_app):
    # Entries written before every entry got a reason hold none (NULL) in databases already in use.
    initiative = make_record(Initiative)
    initiative.history.update(history_change_reason=None)

    reasons_migration.empty_reasons(django_apps, None)

    reasons = change_reasons(curator_app.get(admin_url(Initiative, "history", initiative.pk)))
    assert reasons == [""]
