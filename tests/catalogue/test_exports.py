"""The list's downloads, cell by cell on a small catalogue: lists as arrays in JSON and as "; " joins in CSV, only
what the public may see, exactly the filtered initiatives, in one query however many there are."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from initiatives.catalogue.exports import CHUNK_SIZE, COLUMNS
from initiatives.models import BeneficiaryGroup, Initiative, Place, Theme
from tests.conftest import make_initiative, make_organisation, make_place

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

ALPHA = {
    "slug": "alpha",
    "name": "Alpha",
    "native_name": "Alfa",
    "url": "http://testserver/initiatives/alpha/",
    "era": "new",
    "status": "active",
    "start_year": 2015,
    "end_year": None,
    "country": "denmark",
    "lead_organisation": "lead",
    "partners": ["a-partner", "b-partner"],
    "parent": None,
    "themes": ["education", "sport"],
    "beneficiary_groups": ["refugees"],
    "places": ["aarhus", "copenhagen"],
    "summary": "=1+1 friends",
    "website": "https://example.org/alpha",
}
BETA = {
    "slug": "beta",
    "name": "Beta",
    "native_name": "",
    "url": "http://testserver/initiatives/beta/",
    "era": "long_established",
    "status": "",
    "start_year": None,
    "end_year": None,
    "country": "denmark",
    "lead_organisation": None,
    "partners": [],
    "parent": "alpha",
    "themes": [],
    "beneficiary_groups": [],
    "places": [],
    "summary": "",
    "website": "",
}


@pytest.fixture
def catalogue(db):
    """Two public initiatives, one under the other, and a draft; partners published, draft and part of a draft."""
    denmark = make_place("denmark", name="Denmark")
    lead = make_organisation("lead")
    draft = make_organisation("draft-partner", published=False)
    alpha = make_initiative(
        "alpha",
        native_name="Alfa",
        era=Initiative.Era.NEW,
        status=Initiative.Status.ACTIVE,
        start_year=2015,
        lead_organisation=lead,
        country=denmark,
        summary="=1+1 friends",
        website="https://example.org/alpha",
    )
    # Added out of order: the downloads sort each list by slug.
    alpha.partners.add(
        make_organisation("b-partner"),
        draft,
        make_organisation("branch-of-draft", parent=draft),
        make_organisation("a-partner"),
    )
    alpha.themes.add(
        Theme.objects.create(slug="sport", name="Sport"), Theme.objects.create(slug="education", name="Education")
    )
    alpha.beneficiary_groups.add(BeneficiaryGroup.objects.create(slug="refugees", name="Refugees"))
    alpha.places.add(
        make_place("copenhagen", kind=Place.Kind.CITY, parent=denmark),
        make_place("aarhus", kind=Place.Kind.CITY, parent=denmark),
    )
    make_initiative("beta", parent=alpha, country=denmark)
    hidden = make_initiative("gamma-draft", published=False, country=denmark)
    hidden.themes.add(Theme.objects.get(slug="sport"))


def download(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response, b"".join(response.streaming_content).decode()


def as_csv(row):
    """What a CSV cell holds for each value: lists joined by "; ", nothing for None, formulas defused."""

    def cell(value):
        if isinstance(value, list):
            return "; ".join(value)
        return "" if value is None else str(value)

    cells = {name: cell(value) for name, value in row.items()}
    return {**cells, "summary": "'" + cells["summary"] if cells["summary"].startswith("=") else cells["summary"]}


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("address", ["/initiatives.json", "/initiatives/?format=json"])
def test_the_json_download_holds_lists_as_arrays_and_no_draft(client, address):
    response, body = download(client, address)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body) == {"columns": COLUMNS, "licence": LICENCE, "initiatives": [ALPHA, BETA]}
    assert response["Link"] == f'<{LICENCE["url"]}>; rel="license"'


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("address", ["/initiatives.csv", "/initiatives/?format=csv"])
def test_the_csv_download_joins_lists_and_defuses_formulas(client, address):
    response, body = download(client, address)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="initiatives.csv"'
    assert body.splitlines()[0] == ",".join(COLUMNS)
    assert response["Link"] == f'<{LICENCE["url"]}>; rel="license"'  # the licence, without a row or a column for it
    assert list(csv.DictReader(io.StringIO(body))) == [as_csv(ALPHA), as_csv(BETA)]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("?theme=sport", ["alpha"]),
        ("?era=long_established", ["beta"]),
        ("?place=denmark", ["alpha"]),  # through Copenhagen and Aarhus, inside Denmark
        ("?organisation=a-partner", ["alpha"]),
        ("?sort=-start_year", ["alpha", "beta"]),
        ("?theme=not-stated", ["beta"]),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_downloads_hold_exactly_the_filtered_initiatives(client, query, slugs, fmt):
    _, body = download(client, f"/initiatives.{fmt}{query}")
    rows = list(csv.DictReader(io.StringIO(body))) if fmt == "csv" else json.loads(body)["initiatives"]
    assert [row["slug"] for row in rows] == slugs


def add_initiatives(count):
    """`count` more public initiatives, each with two themes, a group, a place and a partner, written in bulk and
    followed, as bulk writes must be, by refresh_catalogue."""
    denmark, partner = Place.objects.get(slug="denmark"), make_organisation("bulk-partner")
    themes, group, place = list(Theme.objects.all()), BeneficiaryGroup.objects.get(), Place.objects.get(slug="aarhus")
    initiatives = Initiative.objects.bulk_create(
        Initiative(slug=f"bulk-{number}", name=f"Bulk {number}", era="new", published=True, country=denmark)
        for number in range(count)
    )
    Initiative.themes.through.objects.bulk_create(
        Initiative.themes.through(initiative=initiative, theme=theme) for initiative in initiatives for theme in themes
    )
    for relation, target, field in [
        (Initiative.beneficiary_groups, group, "beneficiarygroup"),
        (Initiative.places, place, "place"),
        (Initiative.partners, partner, "organisation"),
    ]:
        relation.through.objects.bulk_create(
            relation.through(initiative=initiative, **{field: target}) for initiative in initiatives
        )
    call_command("refresh_catalogue", stdout=io.StringIO())


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("address", ["/initiatives.csv", "/initiatives.json?theme=sport&place=denmark"])
def test_a_download_is_one_query_however_many_initiatives_it_holds(client, django_assert_num_queries, address):
    # The filter's choices (one query for the theme, one for the place), then the rows with every list joined in
    # subqueries; more rows than a chunk of the cursor add no query.
    expected = 1 if "?" not in address else 3
    with django_assert_num_queries(expected):
        download(client, address)
    add_initiatives(CHUNK_SIZE * 2 + 1)
    with django_assert_num_queries(expected):
        _, body = download(client, address)
    assert body.count("bulk-") >= CHUNK_SIZE * 2 + 1
