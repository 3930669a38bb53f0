"""Two curators edit the same record: the second save of a form opened before the first is refused, never silent."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.forms import modelform_factory

from initiatives.curation.forms import VersionedForm
from initiatives.models import Figure, Initiative, Theme
from tests.curation.conftest import CATALOGUE_MODELS, admin_url, fill, make_record, record_form

pytestmark = pytest.mark.django_db
STALE = "Someone else changed this {} since you opened it"


def open_twice(first_app, second_app, url):
    """The form each curator sees, both opened before either saves."""
    return record_form(first_app.get(url)), record_form(second_app.get(url))


def submitted(form, **values):
    fill(form, **values)
    return form.submit("_save")


def test_second_save_of_a_stale_initiative_is_refused_and_the_first_kept(curator_app, other_curator_app):
    initiative = make_record(Initiative)
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(Initiative, "change", initiative.pk))

    first = submitted(mine, summary="The first change.")
    second = submitted(theirs, summary="The second change.")

    assert first.status_code == 302, first.context["errors"]
    assert second.status_code == 200
    assert STALE.format("initiative") in second.text
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("The first change.", 2)


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=[model._meta.label for model in CATALOGUE_MODELS])
def test_every_catalogue_model_refuses_a_stale_form(curator_app, other_curator_app, model):
    record = make_record(model)
    field = "note" if hasattr(record, "note") else "name"
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(model, "change", record.pk))

    assert submitted(mine, **{field: "First"}).status_code == 302
    second = submitted(theirs, **{field: "Second"})

    assert STALE.format(model._meta.verbose_name) in second.text
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("First", 2)


def stale_messages(page):
    """The form's own errors as the curator reads them, above its fields."""
    return [item.get_text() for item in page.html.select("ul.errorlist.nonfield li")]


def test_a_refused_form_lists_both_versions_keeps_what_was_typed_and_saves_on_purpose(curator_app, other_curator_app):
    initiative = make_record(Initiative)
    sport = Theme.objects.create(name="Sport", slug="sport")
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(Initiative, "change", initiative.pk))
    assert submitted(mine, summary="Neighbours meet newcomers.", themes=[sport]).status_code == 302

    refused = submitted(theirs, summary="Volunteers welcome refugees.", start_year="2015")

    assert refused.status_code == 200
    message, *differences = stale_messages(refused)
    assert message.startswith(STALE.format("initiative"))
    assert sorted(differences) == [
        "Start year: theirs “”, yours “2015”",
        "Summary: theirs “Neighbours meet newcomers.”, yours “Volunteers welcome refugees.”",
        "Themes: theirs “Sport”, yours “”",
    ]
    again = record_form(refused)
    assert (again["summary"].value, again["start_year"].value, again["themes"].value) == (
        "Volunteers welcome refugees.",
        "2015",
        None,
    )

    saved = again.submit("_save")

    assert saved.status_code == 302, saved.context["errors"]
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.start_year, list(initiative.themes.all())) == (
        "Volunteers welcome refugees.",
        2015,
        [],
    )
    assert initiative.version == 3


def test_saving_unchanged_a_form_opened_before_someone_elses_change_is_refused(curator_app, other_curator_app):
    # Saving it would write the old values back over the other curator's change.
    initiative = make_record(Initiative)
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(Initiative, "change", initiative.pk))
    submitted(mine, summary="The first change.")

    second = submitted(theirs)

    assert STALE.format("initiative") in second.text
    assert Initiative.objects.get(pk=initiative.pk).summary == "The first change."


def test_each_save_of_a_fresh_form_goes_through(curator_app):
    initiative = make_record(Initiative)
    change = admin_url(Initiative, "change", initiative.pk)

    for n in range(3):
        response = submitted(record_form(curator_app.get(change)), summary=f"Change {n}")
        assert response.status_code == 302, response.context["errors"]

    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("Change 2", 4)


def test_a_change_form_posted_without_its_version_is_refused(curator_app):
    # As a page cached from before the form carried its version would post it.
    initiative = make_record(Initiative)
    form = record_form(curator_app.get(admin_url(Initiative, "change", initiative.pk)))
    del form.fields["version"]
    form.field_order = [(name, field) for name, field in form.field_order if name != "version"]

    response = submitted(form, summary="Changed")

    assert STALE.format("initiative") in response.text
    assert Initiative.objects.get(pk=initiative.pk).summary == ""


def test_second_save_of_a_stale_figure_row_is_refused_and_the_first_kept(curator_app, other_curator_app):
    figure = make_record(Figure)
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(Initiative, "change", figure.initiative.pk))

    first = submitted(mine, **{"figures-0-value": "1500"})
    second = submitted(theirs, **{"figures-0-value": "2500"})

    assert first.status_code == 302, first.context["errors"]
    assert second.status_code == 200
    assert STALE.format("figure") in second.text
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (1500, 2)


def test_a_page_that_would_write_back_a_stale_row_is_refused(curator_app, other_curator_app):
    # Django saves every row whose posted values differ from the stored ones: the other curator's
    # untouched but stale figure row would undo the first change.
    figure = make_record(Figure)
    initiative = figure.initiative
    mine, theirs = open_twice(curator_app, other_curator_app, admin_url(Initiative, "change", initiative.pk))
    submitted(mine, **{"figures-0-value": "1500"})

    second = submitted(theirs, summary="Only the summary.")

    assert STALE.format("figure") in second.text
    assert Figure.objects.get(pk=figure.pk).value == 1500
    assert Initiative.objects.get(pk=initiative.pk).summary == ""


def test_rows_nobody_else_changed_save_alongside_a_fresh_page(curator_app):
    figure = make_record(Figure)
    initiative = figure.initiative
    mine = record_form(curator_app.get(admin_url(Initiative, "change", initiative.pk)))

    response = submitted(mine, summary="New summary.", **{"figures-0-note": "As stated."})

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
    first_checked, second_started, second_seen = threading.Event(), threading.Event(), threading.Event()
    outcome = {}

    def first():
        with transaction.atomic():
            form = ThemeForm({**opened, "description": "First"}, instance=Theme.objects.get(pk=theme.pk))
            outcome["first"] = form.is_valid()
            first_checked.set()
            second_seen.wait(timeout=30)  # holds the lock until the second is seen waiting on it, or gave up
            form.save()
        connection.close()

    def second():
        first_checked.wait()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            outcome["second pid"] = cursor.fetchone()[0]
        second_started.set()
        with transaction.atomic():
            form = ThemeForm({**opened, "description": "Second"}, instance=Theme.objects.get(pk=theme.pk))
            outcome["second"] = form.is_valid()
            outcome["second errors"] = form.non_field_errors()
        connection.close()

    second_thread = threading.Thread(target=second)
    first_thread = threading.Thread(target=first)
    second_thread.start()
    first_thread.start()
    second_started.wait(timeout=10)
    outcome["second waited"] = waits_on_a_lock(outcome.get("second pid"), alive=second_thread.is_alive)
    second_seen.set()
    first_thread.join()
    second_thread.join()

    assert outcome["first"] and outcome["second waited"]
    assert not outcome["second"]
    assert STALE.format("theme") in outcome["second errors"][0]
    theme.refresh_from_db()
    assert (theme.description, theme.version) == ("First", 2)


def waits_on_a_lock(pid, alive, timeout=10):
    """Whether the backend `pid` is seen waiting on a lock, asked from this thread's own connection
    (a third one) until it is, until `alive()` turns false, or for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while pid and alive() and time.monotonic() < deadline:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row and row[0] == "Lock":
                return True
            time.sleep(0.01)
    return False
