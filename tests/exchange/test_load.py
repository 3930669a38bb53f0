"""`manage.py load_catalogue` reads catalogue-format files as well as report fixtures: what it exports, it loads."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from initiatives.models import Figure, Initiative, Source
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def export():
    out = io.StringIO()
    call_command("export_catalogue", "-", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def denmark_file(tmp_path):
    """The Denmark report exported as a catalogue file, from a database left empty again afterwards."""
    with transaction.atomic():
        call_command("load_catalogue", stdout=io.StringIO())
        catalogue = export()
        transaction.set_rollback(True)
    assert not Source.objects.exists()
    path = tmp_path / "denmark-catalogue.json"
    path.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return path


def load(path):
    call_command("load_catalogue", str(path), stdout=io.StringIO())


def without_time(catalogue):
    return {key: value for key, value in catalogue.items() if key != "exported"}


def written(tmp_path, catalogue):
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    return path


def test_an_exported_catalogue_loads_into_an_empty_database_and_exports_the_same(denmark_file):
    load(denmark_file)
    first = json.loads(denmark_file.read_text(encoding="utf-8"))
    assert without_time(export()) == without_time(first)
    assert len(first["initiatives"]) == 20


def test_what_a_catalogue_file_loads_is_published_with_its_first_history_entry(denmark_file):
    load(denmark_file)
    assert not Initiative.objects.filter(published=False).exists()
    assert not Organisation.objects.filter(published=False).exists()
    venligboerne = Initiative.objects.get(slug="venligboerne")
    assert [entry.history_change_reason for entry in venligboerne.history.all()] == [
        "Loaded from denmark-catalogue.json"
    ]


def test_a_catalogue_file_already_loaded_is_skipped_whole(denmark_file):
    load(denmark_file)
    figures = Figure.objects.count()
    out = io.StringIO()
    call_command("load_catalogue", str(denmark_file), stdout=out)
    assert "is already loaded; nothing changed" in out.getvalue()
    assert Figure.objects.count() == figures


def test_a_file_with_reports_loaded_and_new_is_refused(denmark_file, tmp_path):
    load(denmark_file)
    catalogue = json.loads(denmark_file.read_text(encoding="utf-8"))
    catalogue["sources"].append({**catalogue["sources"][0], "slug": "ewsi-sweden", "kind": "report", "parent": None})
    with pytest.raises(CommandError, match=r"holds reports already loaded \(ewsi-denmark\) beside new ones"):
        load(written(tmp_path, catalogue))


def change_era(catalogue):
    catalogue["initiatives"][0]["era"] = "ancient"


def unknown_measure(catalogue):
    catalogue["figures"][0]["measure"] = "no-such-measure"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.update(format=2), "format 2 is not one this version reads; it reads format 1"),
        (change_era, "initiatives, row 1, “era”: 'ancient' is not one of"),
        (lambda c: c.pop("awards"), "'awards' is a required property"),
        (unknown_measure, "was not loaded, nothing of it was kept"),
    ],
)
def test_a_broken_catalogue_file_is_refused_with_the_reason_and_nothing_loaded(denmark_file, tmp_path, change, message):
    catalogue = json.loads(denmark_file.read_text(encoding="utf-8"))
    broken = copy.deepcopy(catalogue)
    change(broken)
    with pytest.raises(CommandError, match=message):
        load(written(tmp_path, broken))
    assert not Source.objects.exists()
    assert not Initiative.objects.exists()


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("format: 1", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot be read as JSON"):
        load(path)
