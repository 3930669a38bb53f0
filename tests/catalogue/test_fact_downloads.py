"""The figures, funding and awards downloads: the facts of exactly the initiatives the list shows for the same
filters, in the catalogue format's columns, never a draft's, refused as the list's CSV refuses, in as many queries
for many facts as for few."""

import csv
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from initiatives.catalogue.exports import CHUNK_SIZE
from initiatives.models import Award, Figure, Funding, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.compare.dom import parse
from tests.conftest import make_initiative, set_published
from tests.models.drafts import every_draft, secrets_in

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "denmark.json"
LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
KINDS = ["figures", "funding", "awards"]
# The columns README.md documents: the catalogue format's sheet, then the initiative's page.
HEADERS = {
    "figures": "initiative,measure,value,qualifier,basis,since_year,as_of_year,place,source,note,initiative_url",
    "funding": "initiative,funder,direction,amount,currency,qualifier,basis,total_amount,start_year,end_year,"
    "source,note,initiative_url",
    "awards": "name,year,outcome,givers,initiative,organisation,person,source,note,initiative_url",
}
MODELS = {"figures": "initiatives.figure", "funding": "initiatives.funding", "awards": "initiatives.award"}


def body(response):
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def download(client, address):
    response = client.get(address)
    assert response.status_code == 200, body(response)[:300]
    return response, list(csv.DictReader(io.StringIO(body(response))))


def text(value):
    """A fixture's value as a CSV cell holds it: a natural key as its slug, nothing for None."""
    if isinstance(value, list):
        return value[0] if value else ""
    return "" if value is None else str(value)


def fixture_row(kind, fields):
    """The row the report's fixture gives a fact, written out here from the fixture alone."""
    row = {name: text(value) for name, value in fields.items()}
    if kind == "funding":
        for name in ("amount", "total_amount"):
            row[name] = "" if fields[name] is None else f"{Decimal(fields[name]):.2f}"
    if kind == "awards":
        row["givers"] = " ".join(sorted(key[0] for key in fields["givers"]))
    row["initiative_url"] = f"http://testserver/initiatives/{row['initiative']}/"
    return row


def fixture_facts(kind, initiatives):
    """Every fact of `kind` that the fixture gives one of `initiatives` (slugs)."""
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [
        fixture_row(kind, record["fields"])
        for record in records
        if record["model"] == MODELS[kind] and text(record["fields"]["initiative"]) in initiatives
    ]


def fixture_initiatives(**wanted):
    """The slugs of the fixture's initiatives with each of `wanted`'s fields (a list field: holding the value)."""
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def matches(fields, name, value):
        return [value] in fields[name] if isinstance(fields[name], list) else fields[name] == value

    return {
        record["fields"]["slug"]
        for record in records
        if record["model"] == "initiatives.initiative"
        and all(matches(record["fields"], name, value) for name, value in wanted.items())
    }


def listed(client, query):
    """The initiatives the list's own CSV holds for `query`."""
    _, rows = download(client, f"/initiatives.csv{query}")
    return {row["slug"] for row in rows}


def as_counter(rows):
    return Counter(tuple(sorted(row.items())) for row in rows)


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("query", "initiatives"),
    [
        ("", fixture_initiatives()),
        ("?theme=sport", fixture_initiatives(themes="sport")),
        ("?era=new", fixture_initiatives(era="new")),
        ("?theme=mentoring&theme=sport", fixture_initiatives(themes="mentoring") | fixture_initiatives(themes="sport")),
        ("?theme=mentoring&era=long_established", fixture_initiatives(themes="mentoring", era="long_established")),
        ("?lead_organisation=kvinfo", fixture_initiatives()),  # not a filter of the list: ignored, as by the list
    ],
)
def test_each_download_holds_exactly_the_facts_the_fixture_gives_the_filtered_initiatives(
    client, kind, query, initiatives
):
    _, rows = download(client, f"/initiatives/{kind}.csv{query}")
    assert as_counter(rows) == as_counter(fixture_facts(kind, initiatives))


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "query",
    [
        "?q=venligboerne",
        "?place=copenhagen",  # through the places inside it
        "?place=denmark&era=long_established",
        "?organisation=danish-red-cross",  # lead or partner
        "?has_award=true&has_funding=false",
        "?status=not-stated&sort=size:members",
        "?started_from=2000&started_to=2010",
    ],
)
def test_each_download_follows_the_list_for_every_kind_of_filter(client, kind, query):
    initiatives = listed(client, query)
    assert initiatives, "a filter that lists nothing would prove nothing"
    _, rows = download(client, f"/initiatives/{kind}.csv{query}")
    assert as_counter(rows) == as_counter(fixture_facts(kind, initiatives))


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
def test_a_download_is_a_dated_licensed_csv_with_the_documented_columns(client, kind):
    response, _ = download(client, f"/initiatives/{kind}.csv?theme=sport")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-{timezone.localdate():%Y-%m-%d}.csv"'
    assert response["Link"] == LICENCE_LINK
    assert body(client.get(f"/initiatives/{kind}.csv")).splitlines()[0] == HEADERS[kind]


@pytest.mark.usefixtures("denmark")
def test_an_awards_givers_are_its_givers_slugs_in_order_separated_by_spaces(client):
    _, rows = download(client, "/initiatives/awards.csv?q=venligboerne")
    givers = {row["name"]: row["givers"] for row in rows}
    assert givers["Samvirke and COOPs Voluntary Award"] == "coop samvirke"
    assert givers["Rotary Award"] == ""


@pytest.mark.usefixtures("denmark")
def test_text_that_a_spreadsheet_would_run_is_defused(client):
    Figure.objects.filter(initiative__slug="get2sport").update(note="=HYPERLINK(1)")
    _, rows = download(client, "/initiatives/figures.csv?q=get2sport")
    assert [row["note"] for row in rows if row["initiative"] == "get2sport"] == ["'=HYPERLINK(1)"]


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("query", ["", "?era=new", "?theme=mentoring", "?place=copenhagen", "?has_funding=true"])
def test_no_download_shows_a_draft_or_what_hangs_on_it(client, kind, query):
    every_draft()
    response = client.get(f"/initiatives/{kind}.csv{query}")
    assert response.status_code == 200
    text = body(response)
    assert secrets_in(text) == []
    assert {row["initiative"] for row in csv.DictReader(io.StringIO(text))} <= listed(client, query)


@pytest.mark.usefixtures("denmark")
def test_a_draft_giver_is_left_out_and_its_award_kept(client):
    set_published(Organisation.objects.filter(slug="samvirke"), False)
    _, rows = download(client, "/initiatives/awards.csv?q=venligboerne")
    assert {row["name"]: row["givers"] for row in rows}["Samvirke and COOPs Voluntary Award"] == "coop"


@pytest.mark.usefixtures("denmark")
def test_funding_from_a_draft_funder_is_left_out(client):
    set_published(Organisation.objects.filter(slug="ioc"), False)
    _, rows = download(client, "/initiatives/funding.csv?q=get2sport")
    assert [row["funder"] for row in rows] == ["ministry-of-gender-children-equality-and-inclusion"]


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "query",
    [
        "?theme=no-such-theme",
        "?era=ancient",
        "?started_from=1066",
        "?sort=colour",
        "?sort=size:stores",  # a measure that does not count people
        "?organisation=danish-red-cross&organisation=nobody",
        "?q=" + "x" * 201,
        "?q=%00",
        "?q=mentor%00network",
        "?theme=%00",
    ],
)
def test_a_refused_filter_is_a_400_as_from_the_lists_csv_never_a_500(client, kind, query):
    response = client.get(f"/initiatives/{kind}.csv{query}")
    from_the_list = client.get(f"/initiatives.csv{query}")
    assert (response.status_code, response["Content-Type"]) == (400, "text/plain")
    assert body(response) == body(from_the_list)
    assert body(response).startswith("These filters cannot be applied:")


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
def test_a_former_slug_in_a_filter_redirects_to_the_same_download_with_the_current_one(client, kind):
    theme = Theme.objects.get(slug="sport")
    theme.slug = "sport-and-games"
    theme.save()
    response = client.get(f"/initiatives/{kind}.csv?theme=sport&era=long_established")
    assert (response.status_code, response["Location"]) == (
        301,
        f"/initiatives/{kind}.csv?theme=sport-and-games&era=long_established",
    )


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("query", ["", "?era=new", "?theme=sport&place=denmark"])
def test_the_list_links_to_each_download_with_its_filters(client, query):
    page = parse(client.get(f"/initiatives/{query}").content)
    for kind in KINDS:
        link = page.find("a", href=f"/initiatives/{kind}.csv{query}")
        assert link is not None, kind
        _, rows = download(client, link.attrs["href"])
        assert {row["initiative"] for row in rows} <= listed(client, query)


def add_initiatives(count):
    """`count` more public initiatives on sport in Copenhagen, each with a fact of every kind, an award with two
    givers, and as many facts again of each kind for the first of them, written in bulk."""
    sport, copenhagen = Theme.objects.get(slug="sport"), Place.objects.get(slug="copenhagen")
    source, measure = Source.objects.get(slug="ewsi-denmark-s3"), Measure.objects.get(slug="members")
    funder, givers = Organisation.objects.get(slug="dif"), Organisation.objects.filter(slug__in=["coop", "samvirke"])
    initiatives = []
    for number in range(count):
        initiative = make_initiative(f"grown-{number}", country=Place.objects.get(slug="denmark"))
        initiative.themes.add(sport)
        initiative.places.add(copenhagen)
        Figure.objects.create(initiative=initiative, measure=measure, value=number, source=source)
        Funding.objects.create(initiative=initiative, funder=funder, amount=number, currency="DKK", source=source)
        Award.objects.create(initiative=initiative, name=f"Grown award {number}", source=source).givers.set(givers)
        initiatives.append(initiative)
    first = initiatives[0]
    Figure.objects.bulk_create(
        Figure(initiative=first, measure=measure, value=number, source=source) for number in range(count)
    )
    Funding.objects.bulk_create(
        Funding(initiative=first, amount=number, currency="DKK", source=source) for number in range(count)
    )
    Award.objects.bulk_create(Award(initiative=first, name=f"Bulk {number}", source=source) for number in range(count))


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("query", "queries"), [("", 1), ("?theme=sport&place=denmark", 3)])
def test_a_download_takes_as_many_queries_for_many_facts_as_for_few(
    client, django_assert_num_queries, kind, query, queries
):
    # The filter's choices (the theme; the place, with the places inside it), then the facts with their givers
    # in a subquery; more rows than a chunk of the cursor add no query.
    with django_assert_num_queries(queries):
        _, few = download(client, f"/initiatives/{kind}.csv{query}")
    add_initiatives(CHUNK_SIZE + 1)
    with django_assert_num_queries(queries):
        _, many = download(client, f"/initiatives/{kind}.csv{query}")
    assert len(many) == len(few) + 2 * (CHUNK_SIZE + 1)


@pytest.mark.usefixtures("denmark")
def test_awards_to_an_organisation_or_a_person_alone_are_left_out(client):
    source = Source.objects.get(slug="ewsi-denmark-s2")
    Award.objects.create(name="Organisation prize", organisation=Organisation.objects.get(slug="dif"), source=source)
    Award.objects.create(name="Person prize", person="A Founder", source=source)
    _, rows = download(client, "/initiatives/awards.csv")
    assert as_counter(rows) == as_counter(fixture_facts("awards", fixture_initiatives()))


@pytest.mark.usefixtures("denmark")
def test_a_download_of_an_empty_list_is_its_header_alone(client):
    set_published(Initiative.objects.all(), False)
    for kind in KINDS:
        assert body(client.get(f"/initiatives/{kind}.csv")) == HEADERS[kind] + "\r\n"
