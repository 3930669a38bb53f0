"""A curator imports a catalogue file in the admin: uploads it, reads the preview, confirms, and finds drafts.

Every form is submitted as the admin rendered it (django-webtest), hidden fields included."""

import json

import pytest
from django.contrib.auth.models import User
from webtest import Upload

from initiatives.exchange.export import as_json, catalogue
from initiatives.models import CatalogueImport, Initiative
from organisations.models import Organisation
from tests.curation.conftest import admin_url
from tests.exchange import germany

pytestmark = pytest.mark.django_db

GERMAN_INITIATIVES = {"lesepaten-leipzig", "willkommensnetz"}


def upload(app, name, content):
    page = app.get(admin_url(CatalogueImport, "add"))
    form = page.forms["catalogueimport_form"]
    form["file"] = Upload(name, content)
    return form.submit()


def table(page, name):
    """The rows of one of the preview's tables, each a list of its cells' texts."""
    found = page.html.find("table", id=name)
    if found is None:
        return []
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in found.tbody.find_all("tr")]


def test_a_curator_uploads_a_workbook_sees_what_it_adds_and_imports_it_as_drafts(curator_app, denmark, curator):
    preview = upload(curator_app, "germany.xlsx", germany.workbook()).follow()

    added = table(preview, "added")
    assert ["initiatives", "3", "Willkommensnetz (willkommensnetz)"] in added
    assert ["sources", "2", "Analysis on Voluntary and Citizens' Initiative: Germany (ewsi-germany)"] in added
    assert len(added) == 11  # Germany itself is in the catalogue already
    assert not table(preview, "refused")
    assert not Initiative.objects.filter(slug__in=GERMAN_INITIATIVES).exists()  # a preview writes nothing

    page = preview.forms["apply"].submit().follow()

    assert "Imported: 11 added as drafts, 0 changed." in page.text
    imported = Initiative.objects.filter(slug__in=GERMAN_INITIATIVES)
    assert set(imported.values_list("slug", flat=True)) == GERMAN_INITIATIVES
    assert not imported.filter(published=True).exists()
    assert not Organisation.objects.filter(slug="stiftung-willkommen", published=True).exists()
    record = CatalogueImport.objects.get()
    assert (record.uploaded_by, record.applied_by) == (curator, curator)
    entry = Initiative.objects.get(slug="willkommensnetz").history.get()
    assert entry.history_change_reason == f"Imported from germany.xlsx (import {record.pk})"
    assert set(entry.partners.values_list("organisation__slug", flat=True)) == {"sprachbruecke"}  # kept with it
    assert ["initiatives", "3", "Willkommensnetz (willkommensnetz)"] in table(page, "added")

    changelist = curator_app.get(admin_url(Initiative, "changelist"), {"q": "Willkommensnetz"})
    assert "Willkommensnetz" in changelist.text


def test_importing_the_same_file_again_offers_nothing_to_apply(curator_app, denmark):
    upload(curator_app, "germany.xlsx", germany.workbook()).follow().forms["apply"].submit()
    again = upload(curator_app, "germany.xlsx", germany.workbook()).follow()
    assert "importing it would change nothing" in again.text
    assert "apply" not in again.forms


def test_a_file_with_problems_shows_each_by_sheet_row_and_field_and_cannot_be_applied(curator_app, denmark):
    rows = {**germany.ROWS, "figures": [{**germany.ROWS["figures"][0], "initiative": "no-such-initiative"}]}
    preview = upload(curator_app, "germany.xlsx", germany.workbook(rows)).follow()

    (refused,) = table(preview, "refused")
    assert refused[:3] == ["figures", "2", "initiative"]
    assert "no-such-initiative" in refused[3]
    assert "apply" not in preview.forms
    assert not Initiative.objects.filter(slug__in=GERMAN_INITIATIVES).exists()


def test_a_broken_file_is_refused_on_its_page_without_an_error(curator_app, denmark):
    preview = upload(curator_app, "germany.json", b'{"format": 1, "sources": [').follow()
    (refused,) = table(preview, "refused")
    assert refused[0] == "the file"
    assert "the JSON is broken at line 1" in refused[3]


def test_a_file_over_the_size_limit_is_refused_on_the_upload_page_and_not_kept(curator_app, denmark):
    page = upload(curator_app, "junk.xlsx", b"\x00" * (50 * 1024 * 1024))
    assert page.status_code == 200
    assert "The file is 50.0 MB; a catalogue file may be at most 10 MB." in page.text
    assert not CatalogueImport.objects.exists()


def changed_summary_file():
    """The Denmark catalogue as exported, with one initiative's summary changed; and that initiative's row."""
    data = json.loads(as_json(catalogue()))
    (number,) = [number for number, row in enumerate(data["initiatives"], 1) if row["slug"] == "venligboerne"]
    data["initiatives"][number - 1]["summary"] = "A friendly neighbours' network."
    return json.dumps(data).encode(), number


def test_a_change_to_a_stored_record_is_shown_old_and_new_and_applied_only_when_confirmed(curator_app, denmark):
    stored = Initiative.objects.get(slug="venligboerne")
    content, number = changed_summary_file()
    preview = upload(curator_app, "denmark.json", content).follow()

    (change,) = table(preview, "changed")
    assert change[:4] == ["initiatives", str(number), "Venligboerne (venligboerne)", "summary"]
    assert change[4:] == [stored.summary, "A friendly neighbours' network."]

    unconfirmed = preview.forms["apply"].submit()
    assert "Tick the box to overwrite stored values" in unconfirmed.text
    assert Initiative.objects.get(slug="venligboerne").summary == stored.summary

    form = unconfirmed.forms["apply"]
    form["confirm_changes"] = True
    form.submit().follow()
    changed = Initiative.objects.get(slug="venligboerne")
    assert (changed.summary, changed.version) == ("A friendly neighbours' network.", stored.version + 1)
    assert changed.history.latest().history_change_reason.startswith("Imported from denmark.json")


def test_a_preview_made_stale_by_a_curators_edit_is_not_applied(curator_app, denmark):
    preview = upload(curator_app, "germany.xlsx", germany.workbook()).follow()
    Organisation.objects.create(name="Sprachbrücke", slug="sprachbruecke")  # a curator added it in the meantime

    page = preview.forms["apply"].submit()

    assert "The catalogue changed since that preview" in page.text
    assert not Initiative.objects.filter(slug__in=GERMAN_INITIATIVES).exists()
    assert ["organisations", "2", "Sprachbrücke Leipzig (sprachbruecke)"] == table(page, "changed")[0][:3]


def test_staff_without_the_curators_permissions_cannot_upload(browser, denmark):
    staff = User.objects.create_user("staff", password="unused", is_staff=True)
    app = browser(staff)
    assert app.get(admin_url(CatalogueImport, "add"), expect_errors=True).status_code == 403
