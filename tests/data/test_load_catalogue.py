"""`manage.py load_catalogue` builds the catalogue once and never undoes a curator's work."""

import io

import pytest
from django.core.management import call_command

from initiatives.models import Award, Figure, Finding, Funding, Initiative, Place, Source
from organisations.models import Organisation


def load():
    out = io.StringIO()
    call_command("load_catalogue", stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Initiative, Organisation, Figure, Funding, Award, Finding, Place, Source)
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load()
    before = counts()
    assert "already loaded" in load()
    assert counts() == before


@pytest.mark.django_db
def test_loading_again_keeps_a_curators_edit_and_deletion():
    load()
    Initiative.objects.filter(slug="venligboerne").update(summary="Edited by a curator")
    Figure.objects.filter(initiative__slug="red-cross-stores").delete()
    load()
    assert Initiative.objects.get(slug="venligboerne").summary == "Edited by a curator"
    assert not Figure.objects.filter(initiative__slug="red-cross-stores").exists()


@pytest.mark.django_db
def test_a_second_report_reuses_the_organisations_already_there(tmp_path):
    load()
    Organisation.objects.filter(slug="oecd").update(description="Kept as curated")
    fixture = tmp_path / "another.json"
    fixture.write_text(
        """[
  {"model": "initiatives.source", "fields": {"name": "Another report", "slug": "another-report", "kind": "report"}},
  {"model": "initiatives.place", "fields": {"name": "Sweden", "slug": "sweden", "kind": "country"}},
  {"model": "organisations.organisation", "fields": {"name": "OECD", "slug": "oecd", "description": "Overwritten"}},
  {"model": "initiatives.initiative", "fields": {"name": "Somewhere", "slug": "somewhere", "era": "new",
    "country": ["sweden"], "lead_organisation": ["oecd"], "sources": [["another-report"]]}}
]""",
        encoding="utf-8",
    )
    call_command("load_catalogue", str(fixture), stdout=io.StringIO())
    oecd = Organisation.objects.get(slug="oecd")
    assert oecd.description == "Kept as curated"
    assert Initiative.objects.get(slug="somewhere").lead_organisation == oecd


@pytest.mark.django_db
def test_a_fixture_that_does_not_start_with_its_report_is_refused(tmp_path):
    fixture = tmp_path / "bad.json"
    fixture.write_text('[{"model": "initiatives.place", "fields": {"name": "X", "slug": "x", "kind": "country"}}]')
    with pytest.raises(Exception, match="must start with its report"):
        call_command("load_catalogue", str(fixture), stdout=io.StringIO())
    assert not Place.objects.exists()


@pytest.mark.django_db
def test_each_loaded_record_starts_its_history_once():
    load()
    venligboerne = Initiative.objects.get(slug="venligboerne")
    entries = list(venligboerne.history.all())
    assert [(entry.history_type, entry.history_change_reason) for entry in entries] == [
        ("+", "Loaded from denmark.json")
    ]
    assert Figure.history.count() == Figure.objects.count()
