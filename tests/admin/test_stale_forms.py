"""Two curators edit the same record: the second save of a form opened before the first is refused, never silent."""

import threading

import pytest
from django.db import connection, transaction
from django.forms import modelform_factory

from initiatives.admin import VersionedForm
from initiatives.models import Figure, Initiative, Theme
from tests.admin.conftest import CATALOGUE_MODELS, admin_url, make_record, posted

pytestmark = pytest.mark.django_db
STALE = "Someone else changed this {} since you opened it. Your changes were not saved"


def open_twice(first_client, second_client, url):
    return first_client.get(url), second_client.get(url)


def test_second_save_of_a_stale_initiative_is_refused_and_the_first_kept(curator_client, other_curator_client):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    mine, theirs = open_twice(curator_client, other_curator_client, change)

    first = curator_client.post(change, posted(mine, summary="The first change."))
    second = other_curator_client.post(change, posted(theirs, summary="The second change."))

    assert first.status_code == 302, first.context["errors"]
    assert second.status_code == 200
    assert STALE.format("initiative") in second.content.decode()
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("The first change.", 2)


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=[model._meta.label for model in CATALOGUE_MODELS])
def test_every_catalogue_model_refuses_a_stale_form(curator_client, other_curator_client, model):
    record = make_record(model)
    field = "note" if hasattr(record, "note") else "name"
    change = admin_url(model, "change", record.pk)
    mine, theirs = open_twice(curator_client, other_curator_client, change)

    assert curator_client.post(change, posted(mine, **{field: "First"})).status_code == 302
    second = other_curator_client.post(change, posted(theirs, **{field: "Second"}))

    assert STALE.format(model._meta.verbose_name) in second.content.decode()
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("First", 2)


def test_saving_unchanged_a_form_opened_before_someone_elses_change_is_refused(curator_client, other_curator_client):
    # Saving it would write the old values back over the other curator's change.
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    mine, theirs = open_twice(curator_client, other_curator_client, change)
    curator_client.post(change, posted(mine, summary="The first change."))

    second = other_curator_client.post(change, posted(theirs))

    assert STALE.format("initiative") in second.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).summary == "The first change."


def test_each_save_of_a_fresh_form_goes_through(curator_client):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)

    for n in range(3):
        response = curator_client.post(change, posted(curator_client.get(change), summary=f"Change {n}"))
        assert response.status_code == 302, response.context["errors"]

    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("Change 2", 4)


def test_a_change_form_posted_without_its_version_is_refused(curator_client):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)
    data = posted(curator_client.get(change), summary="Changed")
    del data["version"]

    response = curator_client.post(change, data)

    assert STALE.format("initiative") in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).summary == ""


def test_second_save_of_a_stale_figure_row_is_refused_and_the_first_kept(curator_client, other_curator_client):
    figure = make_record(Figure)
    change = admin_url(Initiative, "change", figure.initiative.pk)
    mine, theirs = open_twice(curator_client, other_curator_client, change)

    first = curator_client.post(change, posted(mine, **{"figures-0-value": "1500"}))
    second = other_curator_client.post(change, posted(theirs, **{"figures-0-value": "2500"}))

    assert first.status_code == 302, first.context["errors"]
    assert second.status_code == 200
    assert STALE.format("figure") in second.content.decode()
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (1500, 2)


def test_a_page_that_would_write_back_a_stale_row_is_refused(curator_client, other_curator_client):
    # Django saves every row whose posted values differ from the stored ones: the other curator's
    # untouched but stale figure row would undo the first change.
    figure = make_record(Figure)
    initiative = figure.initiative
    change = admin_url(Initiative, "change", initiative.pk)
    mine, theirs = open_twice(curator_client, other_curator_client, change)
    curator_client.post(change, posted(mine, **{"figures-0-value": "1500"}))

    second = other_curator_client.post(change, posted(theirs, summary="Only the summary."))

    assert STALE.format("figure") in second.content.decode()
    assert Figure.objects.get(pk=figure.pk).value == 1500
    assert Initiative.objects.get(pk=initiative.pk).summary == ""


def test_rows_nobody_else_changed_save_alongside_a_fresh_page(curator_client, other_curator_client):
    figure = make_record(Figure)
    initiative = figure.initiative
    change = admin_url(Initiative, "change", initiative.pk)
    mine = curator_client.get(change)

    response = curator_client.post(change, posted(mine, summary="New summary.", **{"figures-0-note": "As stated."}))

    assert response.status_code == 302, response.context["errors"]
    figure.refresh_from_db()
    initiative.refresh_from_db()
    assert (figure.note, figure.version, initiative.summary, initiative.version) == ("As stated.", 2, "New summary.", 2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks; it lets one writer in at once")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_cannot_both_pass_the_check():
    """The first save holds the row locked from its check to its commit; the second waits, then is refused."""
    theme = Theme.objects.create(name="Sport", slug="sport")
    ThemeForm = modelform_factory(Theme, form=VersionedForm, fields=["name", "slug", "description", "version"])
    opened = {"name": "Sport", "slug": "sport", "version": "1"}
    first_checked, outcome = threading.Event(), {}

    def first():
        with transaction.atomic():
            form = ThemeForm({**opened, "description": "First"}, instance=Theme.objects.get(pk=theme.pk))
            outcome["first"] = form.is_valid()
            first_checked.set()
            second_thread.join(timeout=1)  # the second is waiting on the row lock meanwhile
            outcome["second waited"] = second_thread.is_alive()
            form.save()
        connection.close()

    def second():
        first_checked.wait()
        with transaction.atomic():
            form = ThemeForm({**opened, "description": "Second"}, instance=Theme.objects.get(pk=theme.pk))
            outcome["second"] = form.is_valid()
            outcome["second errors"] = form.non_field_errors()
        connection.close()

    second_thread = threading.Thread(target=second)
    first_thread = threading.Thread(target=first)
    second_thread.start()
    first_thread.start()
    first_thread.join()
    second_thread.join()

    assert outcome["first"] and outcome["second waited"]
    assert not outcome["second"]
    assert STALE.format("theme") in outcome["second errors"][0]
    theme.refresh_from_db()
    assert (theme.description, theme.version) == ("First", 2)
