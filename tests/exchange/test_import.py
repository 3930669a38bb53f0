"""`manage.py import_catalogue`: what an exported catalogue brings back, drafts and history for what is new,
one transaction, and questions before it overwrites what curators changed."""

import builtins
import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from initiatives.exchange import importing, reading
from initiatives.exchange.format import MODELS
from initiatives.models import Award, CatalogueImport, Figure, Funding, Initiative, Place, Source
from organisations.models import Organisation
from tests.conftest import set_published
from tests.exchange import germany
from tests.exchange.files import counts, denmark_export, imported, small, written

pytestmark = pytest.mark.django_db

PAGES = {
    "initiatives": "/initiatives/{}/",
    "organisations": "/organisations/{}/",
    "themes": "/themes/{}/",
    "beneficiary_groups": "/beneficiaries/{}/",
    "places": "/places/{}/",
    "sources": "/sources/{}/",
}
DOWNLOADS = ("/initiatives.csv", "/initiatives.json", "/data/catalogue.json")
# Every page's language switch is a form with a CSRF token, masked afresh for each response.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# A record page says when it was last updated: the time of its latest history entry, which is when it was loaded
# or imported, so it differs between two databases that hold the same records.
LAST_UPDATED = re.compile(r"Last updated: <time datetime=\"[^\"]*\">[^<]*</time>")


@pytest.fixture(scope="module")
def denmark_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return denmark_export()


@pytest.fixture
def denmark_file(tmp_path, denmark_data):
    return written(tmp_path / "denmark-catalogue.json", denmark_data)


def pages(client, data):
    """Every record page and download of the catalogue `data` describes, as the site serves them."""
    found = {}
    for kind, address in PAGES.items():
        for row in data[kind]:
            url = address.format(row["slug"])
            response = client.get(url)
            assert response.status_code == 200, url
            found[url] = normalised(body(response))
    for url in DOWNLOADS:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = body(response)
    catalogue = json.loads(found.pop("/data/catalogue.json"))
    found["/data/catalogue.json"] = {key: value for key, value in catalogue.items() if key != "exported"}
    return found


def normalised(page):
    page = CSRF_TOKEN.sub('name="csrfmiddlewaretoken"', page)
    return LAST_UPDATED.sub("Last updated: <time>", page)


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_an_exported_catalogue_imported_with_publish_gives_the_same_pages_and_downloads(client, denmark_data, tmp_path):
    with transaction.atomic():
        call_command("load_catalogue", stdout=io.StringIO())
        before = pages(client, denmark_data)
        transaction.set_rollback(True)
    assert not Initiative.objects.exists()

    imported(written(tmp_path / "denmark.json", denmark_data), "--publish")

    after = pages(client, denmark_data)
    assert after.keys() == before.keys()
    assert len([url for url in after if url.startswith("/initiatives/")]) == 20
    for url in before:
        assert after[url] == before[url], url


def test_without_publish_new_organisations_and_initiatives_are_drafts(client, denmark_file):
    imported(denmark_file)
    assert Initiative.objects.count() == 20
    assert not Initiative.objects.filter(published=True).exists()
    assert not Organisation.objects.filter(published=True).exists()
    assert "/initiatives/venligboerne/" not in client.get("/initiatives/").content.decode()
    assert client.get("/initiatives/venligboerne/").status_code == 404
    for organisation in Organisation.objects.all():
        assert client.get(f"/organisations/{organisation.slug}/").status_code == 404, organisation.slug
    set_published(Organisation.objects.all(), True)  # as a curator publishes them: then the list shows it
    set_published(Initiative.objects.filter(slug="venligboerne"), True)
    assert "/initiatives/venligboerne/" in client.get("/initiatives/").content.decode()


def test_every_record_imported_has_one_history_entry_naming_the_import(denmark_file, denmark_data):
    imported(denmark_file)
    record = CatalogueImport.objects.get()
    reason = f"Imported from denmark-catalogue.json (import {record.pk})"
    assert str(record) == f"denmark-catalogue.json (import {record.pk})"
    for kind, label in MODELS.items():
        entries = apps.get_model(label).history.all()
        assert [entry.history_change_reason for entry in entries] == [reason] * len(denmark_data[kind]), kind
        assert {entry.history_type for entry in entries} == {"+"}, kind
    assert Initiative.objects.get(slug="venligboerne").version == 1


def test_a_long_file_name_is_shortened_in_the_history_but_kept_whole_on_the_import(tmp_path):
    name = "ewsi-austria-" + "analysis-of-voluntary-and-citizens-initiatives-" * 4 + "final.json"
    imported(written(tmp_path / name, small()))
    record = CatalogueImport.objects.get()
    assert record.file_name == name
    (entry,) = Initiative.objects.get().history.all()
    assert entry.history_change_reason.startswith("Imported from ewsi-austria-analysis")
    assert entry.history_change_reason.endswith(f" (import {record.pk})")
    assert len(entry.history_change_reason) <= 100  # simple-history's change reasons


def test_the_import_is_recorded_with_its_file_and_report(denmark_file, denmark_data):
    out = imported(denmark_file)
    record = CatalogueImport.objects.get()
    assert record.file_name == "denmark-catalogue.json"
    assert bytes(record.content) == denmark_file.read_bytes()
    assert record.applied_at is not None
    rows = sum(len(value) for value in denmark_data.values() if isinstance(value, list))
    assert len(record.report["added"]) == rows
    assert record.report["changed"] == []
    assert record.report["unchanged"] == 0
    venligboerne_row = 1 + [row["slug"] for row in denmark_data["initiatives"]].index("venligboerne")
    assert {
        "sheet": "initiatives",
        "row": venligboerne_row,
        "record": "Venligboerne (venligboerne)",
        "changes": [],
    } in (record.report["added"])
    assert f"added {rows}, changed 0" in out


def test_a_dry_run_writes_nothing_at_all(denmark_file):
    before = counts()
    out = imported(denmark_file, "--dry-run")
    assert counts() == before
    assert not CatalogueImport.objects.exists()
    assert "Nothing was written." in out
    assert "add     initiatives, row" in out


def test_a_dry_run_of_a_changed_file_writes_nothing_either(denmark_file, denmark_data, tmp_path, monkeypatch):
    imported(denmark_file, "--publish")
    changed = json.loads(json.dumps(denmark_data))
    changed["initiatives"][0]["summary"] = "A new summary."
    monkeypatch.setattr(builtins, "input", refuse_to_be_asked)
    before = counts()
    imported(written(tmp_path / "changed.json", changed), "--dry-run")
    assert counts() == before


def test_importing_the_same_file_again_changes_nothing(denmark_file):
    imported(denmark_file)
    before = counts()
    out = imported(denmark_file)
    assert counts() == before
    assert CatalogueImport.objects.count() == 1
    assert "already holds all of it" in out


def refuse_to_be_asked(prompt=""):
    raise AssertionError(f"asked: {prompt}")


@pytest.fixture
def edited_by_a_curator(denmark_file, denmark_data):
    """Denmark imported, then Venligboerne's summary edited in the admin: the file now holds the old one."""
    imported(denmark_file, "--publish")
    venligboerne = Initiative.objects.get(slug="venligboerne")
    venligboerne.summary = "Edited by a curator."
    venligboerne.version += 1
    venligboerne.save()
    row = next(row for row in denmark_data["initiatives"] if row["slug"] == "venligboerne")
    return row["summary"]


def test_a_changed_value_is_listed_old_and_new_and_not_written_when_refused(
    denmark_file, edited_by_a_curator, monkeypatch, capsys
):
    asked = []
    monkeypatch.setattr(builtins, "input", lambda prompt="": asked.append(prompt) or "n")
    before = counts()
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written."):
        call_command("import_catalogue", str(denmark_file), stdout=out)
    assert f"summary: 'Edited by a curator.' → {edited_by_a_curator!r}" in out.getvalue()
    assert "change  initiatives, row" in out.getvalue()
    assert len(asked) == 1
    assert counts() == before
    assert Initiative.objects.get(slug="venligboerne").summary == "Edited by a curator."


def test_a_changed_value_is_written_when_confirmed(denmark_file, edited_by_a_curator, monkeypatch):
    monkeypatch.setattr(builtins, "input", lambda prompt="": "y")
    entries = Initiative.history.count()
    out = imported(denmark_file)
    venligboerne = Initiative.objects.get(slug="venligboerne")
    assert venligboerne.summary == edited_by_a_curator
    assert venligboerne.version == 3
    assert Initiative.history.count() == entries + 1
    record = CatalogueImport.objects.latest("pk")
    latest = venligboerne.history.first()
    assert (latest.history_type, latest.history_change_reason) == ("~", record.reason)
    assert latest.summary == edited_by_a_curator
    assert "added 0, changed 1" in out
    (change,) = record.report["changed"]
    assert change["changes"] == [["summary", "Edited by a curator.", edited_by_a_curator]]


def test_no_input_applies_a_change_without_asking(denmark_file, edited_by_a_curator, monkeypatch):
    monkeypatch.setattr(builtins, "input", refuse_to_be_asked)
    imported(denmark_file, "--no-input")
    assert Initiative.objects.get(slug="venligboerne").summary == edited_by_a_curator


def test_a_fact_changed_in_the_file_updates_the_stored_one_it_matches(denmark_file, denmark_data, tmp_path):
    imported(denmark_file, "--publish")
    data = json.loads(json.dumps(denmark_data))
    row = data["figures"][0]
    old, row["value"] = row["value"], row["value"] + 5
    out = imported(written(tmp_path / "figures.json", data), "--no-input")
    assert f"value: {old!r} → {old + 5!r}" in out
    assert "added 0, changed 1" in out
    figure = Figure.objects.get(initiative__slug=row["initiative"], measure__slug=row["measure"], value=old + 5)
    assert figure.version == 2
    assert Figure.objects.count() == len(data["figures"])


def test_a_bad_row_in_the_last_sheet_writes_nothing_of_the_sheets_before(tmp_path):
    data = small()
    data["findings"].append({**data["findings"][0], "position": 2, "source": "no-such-report"})
    before = counts()
    with pytest.raises(CommandError, match=r"findings, row 2, “source”: no source has the slug “no-such-report”"):
        imported(written(tmp_path / "austria.json", data))
    assert counts() == before
    assert not Source.objects.exists()
    outcome = importing.run(reading.read(json.dumps(data).encode()), "Applied directly", apply=True)
    assert not outcome.applied
    assert counts() == before


def test_a_second_countrys_workbook_arrives_beside_denmark_as_drafts_with_history(tmp_path, client):
    call_command("load_catalogue", stdout=io.StringIO())
    denmark_initiatives = Initiative.objects.count()
    path = tmp_path / "ewsi-germany.xlsx"
    path.write_bytes(germany.workbook())

    out = imported(path)

    record = CatalogueImport.objects.get()
    assert "added 11, changed 0" in out  # 3 sources, Leipzig, 2 organisations, 2 initiatives and 3 facts
    assert "1 already as in the file" in out  # Germany, which the Denmark report names too
    lesepaten = Initiative.objects.get(slug="lesepaten-leipzig")
    willkommensnetz = Initiative.objects.get(slug="willkommensnetz")
    assert not lesepaten.published and not willkommensnetz.published
    assert not Organisation.objects.filter(slug__in=["sprachbruecke", "stiftung-willkommen"], published=True).exists()
    assert set(lesepaten.themes.values_list("slug", flat=True)) == {"language-learning", "mentoring"}
    assert list(willkommensnetz.partners.values_list("slug", flat=True)) == ["sprachbruecke"]
    assert lesepaten.country.slug == "germany"
    assert Place.objects.get(slug="leipzig").parent.slug == "germany"
    sections = Source.objects.filter(parent__slug="ewsi-germany").order_by("locator")
    assert list(sections.values_list("locator", flat=True)) == ["1", "2"]
    figure = Figure.objects.get(initiative=willkommensnetz)
    assert (figure.measure.slug, figure.value, figure.qualifier) == ("volunteers", 420, "more_than")
    funding = Funding.objects.get(initiative=willkommensnetz)
    assert (str(funding.amount), funding.currency, funding.funder.slug) == ("250000.00", "EUR", "stiftung-willkommen")
    award = Award.objects.get(name="Leipziger Bürgerpreis")
    assert (award.year, award.initiative) == (2012, lesepaten)
    for written_record in (lesepaten, willkommensnetz, figure, funding, award, Place.objects.get(slug="leipzig")):
        assert [entry.history_change_reason for entry in written_record.history.all()] == [record.reason]
    assert Place.objects.get(slug="germany").history.count() == 1  # as the Denmark report loaded it
    assert Initiative.objects.count() == denmark_initiatives + 2
    assert Initiative.objects.published().count() == denmark_initiatives
    assert client.get("/initiatives/lesepaten-leipzig/").status_code == 404
    assert client.get("/initiatives/venligboerne/").status_code == 200
