"""The catalogue file: every published record in catalogue format 1, valid against its JSON Schema, the same
from `manage.py export_catalogue` and from /data/catalogue.json."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

from initiatives.exchange.format import COLUMNS, LISTS, SCHEMA_FILE, VERSION
from initiatives.models import Award, Figure, Funding, Initiative
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation
from tests.exchange.expected import KIND_OF_MODEL, canonical, fixture_rows

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
NAMED = ["sources", "places", "organisations", "initiatives", "themes", "beneficiary_groups", "measures"]
FACTS = ["figures", "fundings", "awards", "findings"]


def exported(**options):
    out = io.StringIO()
    call_command("export_catalogue", "-", stdout=out, **options)
    return json.loads(out.getvalue())


def downloaded(client):
    response = client.get("/data/catalogue.json")
    assert response.status_code == 200
    return json.loads(response.content)


def without_time(catalogue):
    return {key: value for key, value in catalogue.items() if key != "exported"}


def errors(catalogue):
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(catalogue)]


def test_the_schema_is_valid_json_schema_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("kind", COLUMNS)
def test_the_schema_has_exactly_the_formats_columns_for_each_kind(kind):
    row = SCHEMA["$defs"][f"{kind}_row"]
    assert list(row["properties"]) == row["required"] == list(COLUMNS[kind])
    assert row["additionalProperties"] is False


@pytest.mark.parametrize(("model", "kind"), KIND_OF_MODEL.items())
def test_every_field_that_carries_data_is_a_column(model, kind):
    # A field added to a model (a translated name, a new fact) fails here until the format carries it.
    meta = apps.get_model(model)._meta
    fields = {field.name for field in [*meta.concrete_fields, *meta.many_to_many]}
    assert fields - {"id", "version", "published", "public"} == set(COLUMNS[kind])
    assert {field.name for field in meta.many_to_many} == set(LISTS.get(kind, ()))


@pytest.mark.parametrize(
    ("kind", "column", "model", "field"),
    [
        ("figures", "qualifier", Figure, "qualifier"),
        ("figures", "basis", Figure, "basis"),
        ("fundings", "qualifier", Funding, "qualifier"),
        ("fundings", "direction", Funding, "direction"),
        ("fundings", "basis", Funding, "basis"),
        ("awards", "outcome", Award, "outcome"),
        ("initiatives", "era", Initiative, "era"),
        ("initiatives", "status", Initiative, "status"),
        ("organisations", "kind", Organisation, "kind"),
    ],
)
def test_the_schemas_choices_are_the_models(kind, column, model, field):
    schema = SCHEMA["$defs"][f"{kind}_row"]["properties"][column]
    schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
    model_field = model._meta.get_field(field)
    assert set(schema["enum"]) == {value for value, _ in model_field.choices} | ({""} if model_field.blank else set())


def test_the_denmark_export_validates_against_the_schema(denmark):
    catalogue = exported()
    assert catalogue["format"] == VERSION == 1
    assert errors(catalogue) == []


@pytest.mark.parametrize("kind", NAMED)
def test_every_named_record_of_the_report_is_exported_with_the_fixtures_fields(denmark, kind):
    expected = sorted(fixture_rows()[kind], key=lambda row: row["slug"])
    assert exported()[kind] == expected


@pytest.mark.parametrize("kind", FACTS)
def test_every_fact_of_the_report_is_exported_as_the_fixture_states_it(denmark, kind):
    assert canonical(exported()[kind]) == canonical(fixture_rows()[kind])


def test_the_report_corrections_are_in_the_file(denmark):
    catalogue = exported()
    idraet = next(row for row in catalogue["initiatives"] if row["slug"] == "idraet-plus")
    assert idraet["start_year"] is None
    youth = next(
        row for row in catalogue["beneficiary_groups"] if row["slug"] == "youth-with-other-background-than-danish"
    )
    assert (youth["min_age"], youth["max_age"], youth["ages_qualifier"]) == (14, 19, "primarily")
    (ministry,) = [
        row for row in catalogue["fundings"] if row["funder"] == "ministry-of-gender-children-equality-and-inclusion"
    ]
    assert (ministry["initiative"], ministry["amount"], ministry["qualifier"]) == (
        "get2sport",
        "15200000.00",
        "primarily",
    )
    schools = [row for row in catalogue["figures"] if row["measure"] == "summer-football-schools"]
    assert [(row["value"], row["as_of_year"], row["basis"]) for row in schools] == [
        (10, 2013, "per_year"),
        (15, 2014, "per_year"),
    ]


def test_named_records_come_in_slug_order(denmark):
    catalogue = exported()
    for kind in NAMED:
        slugs = [row["slug"] for row in catalogue[kind]]
        assert slugs == sorted(slugs), kind


def test_drafts_and_what_they_hide_are_left_out(denmark):
    draft_org = make_organisation("draft-org", published=False)
    hidden_lead = make_initiative("led-by-a-draft", lead_organisation=draft_org)
    draft = make_initiative("a-draft", published=False)
    under_draft = make_initiative("under-a-draft", parent=draft)
    get2sport = Initiative.objects.get(slug="get2sport")
    get2sport.partners.add(draft_org)
    source = get2sport.figures.first().source
    Funding.objects.create(initiative=get2sport, funder=draft_org, source=source)
    Figure.objects.create(initiative=draft, measure=get2sport.figures.first().measure, value=3, source=source)
    award = Award.objects.create(name="Draft award", initiative=hidden_lead, source=source)
    Award.objects.get(name="Rode Award").givers.add(draft_org)

    catalogue = exported()

    assert "draft-org" not in {row["slug"] for row in catalogue["organisations"]}
    slugs = {row["slug"] for row in catalogue["initiatives"]}
    assert slugs.isdisjoint({hidden_lead.slug, draft.slug, under_draft.slug})
    assert len(slugs) == 20
    assert "draft-org" not in next(row for row in catalogue["initiatives"] if row["slug"] == "get2sport")["partners"]
    assert "draft-org" not in {row["funder"] for row in catalogue["fundings"]}
    assert "a-draft" not in {row["initiative"] for row in catalogue["figures"]}
    assert award.name not in {row["name"] for row in catalogue["awards"]}
    assert "draft-org" not in {giver for row in catalogue["awards"] for giver in row["givers"]}
    assert errors(catalogue) == []


def test_the_command_and_the_download_give_the_same_catalogue(denmark, client, tmp_path):
    to_file = tmp_path / "catalogue.json"
    call_command("export_catalogue", str(to_file), stdout=io.StringIO())
    from_file = json.loads(to_file.read_text(encoding="utf-8"))
    assert without_time(from_file) == without_time(exported()) == without_time(downloaded(client))
    assert len(from_file["initiatives"]) == 20


def test_the_download_is_a_dated_attachment(denmark, client):
    response = client.get("/data/catalogue.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.now().date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="catalogue-{today}.json"'
    assert json.loads(response.content)["exported"].startswith(today)


def test_the_file_states_its_licence_and_the_download_links_to_it(denmark, client, settings):
    settings.CATALOGUE_LICENCE = {"name": "ODbL", "url": "https://opendatacommons.org/licenses/odbl/"}
    catalogue = exported()
    assert catalogue["licence"] == {"name": "ODbL", "url": "https://opendatacommons.org/licenses/odbl/"}
    assert errors(catalogue) == []
    response = client.get("/data/catalogue.json")
    assert json.loads(response.content)["licence"] == catalogue["licence"]
    assert response["Link"] == '<https://opendatacommons.org/licenses/odbl/>; rel="license"'


def test_the_licence_is_null_where_none_is_set(denmark, client, settings):
    if hasattr(settings, "CATALOGUE_LICENCE"):
        del settings.CATALOGUE_LICENCE
    assert exported()["licence"] is None
    assert "Link" not in client.get("/data/catalogue.json")


def test_the_schema_is_served_as_kept_in_the_repository(client):
    response = client.get("/data/catalogue.schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response.content == SCHEMA_FILE.read_bytes()


@pytest.mark.parametrize(
    ("change", "caught"),
    [
        (lambda c: c.update(format=2), "1 was expected"),
        (lambda c: c["initiatives"][0].update(colour="green"), "'colour' was unexpected"),
        (lambda c: c["initiatives"][0].update(themes="sport education"), "is not of type 'array'"),
        (lambda c: c["fundings"][0].update(amount=1750000), "1750000 is not of type"),
        (lambda c: c["figures"][0].update(measure="not a slug"), "does not match"),
        (lambda c: c["places"][0].pop("parent"), "'parent' is a required property"),
    ],
)
def test_the_schema_refuses_a_file_that_breaks_the_format(denmark, change, caught):
    catalogue = exported()
    change(catalogue)
    assert any(caught in error for error in errors(catalogue)), errors(catalogue)


def test_the_download_refuses_to_be_posted_to(client, db):
    assert client.post("/data/catalogue.json").status_code == 405


@pytest.mark.parametrize(
    ("target", "message"),
    [("{tmp}", "is a folder: give the name of the file to write."), ("{tmp}/no/such/folder.json", "does not exist")],
)
def test_the_command_says_why_it_cannot_write(db, tmp_path, target, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_catalogue", target.format(tmp=tmp_path), stdout=io.StringIO())


def test_the_command_needs_a_file(db):
    with pytest.raises(CommandError, match="file"):
        call_command("export_catalogue")
