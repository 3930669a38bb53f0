"""The list stays fast and never breaks: constant queries at any size, no server error for any query string."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.catalogue.filters import MAX_SEARCH_LENGTH, InitiativeFilter
from initiatives.catalogue.views import PAGE_SIZE
from initiatives.models import BeneficiaryGroup, Initiative, Measure, Place, Theme
from organisations.models import Organisation
from tests.compare.dom import parse
from tests.conftest import make_initiative

LISTS = ["/initiatives/", "/organisations/", "/themes/", "/beneficiaries/", "/places/", "/sources/"]


def add_initiatives(count):
    """More initiatives, each tied to organisations, themes, groups and places, as real ones are."""
    denmark = Place.objects.get(slug="denmark")
    themes, groups = list(Theme.objects.all()[:3]), list(BeneficiaryGroup.objects.all()[:2])
    organisations, places = list(Organisation.objects.all()[:3]), list(Place.objects.all()[:4])
    for number in range(count):
        initiative = make_initiative(
            slug=f"generated-{count}-{number}",
            country=denmark,
            lead_organisation=organisations[0],
            start_year=2000 + number % 20,
        )
        initiative.themes.set(themes)
        initiative.beneficiary_groups.set(groups)
        initiative.partners.set(organisations[1:])
        initiative.places.set(places)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize(
    "url",
    [
        "/initiatives/",
        "/initiatives/?theme=education&place=denmark&era=long_established",
        "/initiatives/?q=mentor&sort=size:participants",
        "/initiatives/?organisation=danish-red-cross&organisation=dif&has_funding=false",
        "/initiatives.csv?place=denmark",
        "/initiatives.json",
    ],
)
def test_list_and_exports_use_as_many_queries_for_many_initiatives_as_for_few(client, django_assert_num_queries, url):
    # Facets, pagination and exports must not add a query per initiative or per option.
    small = queries_for(client, url)
    add_initiatives(40)
    with django_assert_num_queries(small):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


NAMES = [*InitiativeFilter.base_filters, "page", "format", "unknown"]
VALUES = st.one_of(
    st.sampled_from(["", "new", "long_established", "true", "false", "denmark", "not-stated", "2015", "-1", "abc"]),
    st.text(max_size=30),
    st.integers().map(str),
    st.text(alphabet="0123456789", min_size=15, max_size=40),
    st.just("\x00"),
)
QUERIES = st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=6)


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("url", LISTS)
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=QUERIES)
def test_no_query_string_makes_a_list_fail(client, choices, url, params):
    sent = dict_of_lists(params)
    response = client.get(url, sent, follow=True)

    if url == "/organisations/":
        # Its one parameter is the page: one that does not exist is refused, beside the first page.
        assert response.status_code == (200 if names_first_page(sent.get("page", [""])[-1]) else 400)
        return
    if url != "/initiatives/":
        # The other lists take no parameters: whatever the address carries, they show themselves.
        assert response.status_code == 200
        return
    export, refused = list_refuses(sent, choices)
    if export not in (None, "csv", "json"):
        assert response.status_code == 400
        assert response.content.decode().startswith(f"Unknown format {export[:20]!r}: use csv or json.")
    elif not refused:
        assert response.status_code == 200
    elif export:
        assert response.status_code == 400
        lines = response.content.decode().splitlines()
        assert lines[0] == "These filters cannot be applied:"
        assert {line[2:].split(":")[0] for line in lines[1:] if line} == refused
    else:
        assert response.status_code == 400
        notice = parse(response.content).find("div", class_="notice-error")
        assert {name.text() for name in notice.find_all("strong")} == refused


def names_first_page(value):
    """Whether a page parameter asks for the first page (the Denmark organisations fill one page), as int() reads it."""
    try:
        return value == "" or int(value) == 1
    except ValueError:
        return False


def dict_of_lists(pairs):
    params = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    return params


YEAR = forms.IntegerField(required=False, min_value=1800, max_value=2200)


@pytest.fixture
def choices(denmark):
    """What each filter of the list accepts: the slugs of the records it chooses among, or the choices it offers."""
    assert Initiative.objects.published().count() <= PAGE_SIZE, "the Denmark catalogue fits on one page"
    return {
        "organisation": set(Organisation.objects.published().values_list("slug", flat=True)),
        "theme": {*Theme.objects.values_list("slug", flat=True), "not-stated"},
        "beneficiary_group": {*BeneficiaryGroup.objects.values_list("slug", flat=True), "not-stated"},
        "place": set(Place.objects.values_list("slug", flat=True)),
        "country": set(Place.objects.filter(kind=Place.Kind.COUNTRY).values_list("slug", flat=True)),
        "era": set(Initiative.Era.values),
        "status": {*Initiative.Status.values, "not-stated"},
        "has_funding": {"true", "false"},
        "has_award": {"true", "false"},
        "sort": {
            "name",
            "start_year",
            "-start_year",
            *(f"size:{slug}" for slug in Measure.objects.filter(counts_people=True).values_list("slug", flat=True)),
        },
    }


def list_refuses(sent, choices):
    """(export format, names of the parameters the list must refuse) for the query `sent`, given the `choices`
    of the catalogue. The page first drops unknown parameters, blanks, repeats and spaces around values, keeping
    the last value of a single-valued one; an export (a `format`) reads the values as sent, so there a blank or
    padded choice of a many-valued filter is refused. The catalogue fits on one page: page 1 is the only one."""
    export = (sent.get("format") or [None])[-1] or None
    if not export:
        sent = {name: [value.strip() for value in values if value.strip()] for name, values in sent.items()}
    refused = set()
    for name in InitiativeFilter.MULTIPLE:
        if any(value not in choices[name] for value in sent.get(name, [])):
            refused.add(name)
    for name in ("q", "started_from", "started_to", "has_funding", "has_award", "sort"):
        value = (sent.get(name) or [""])[-1]
        if name == "q":
            wrong = "\x00" in value or len(value.strip()) > MAX_SEARCH_LENGTH
        elif name.startswith("started"):
            wrong = not is_year(value)
        else:
            wrong = value != "" and value not in choices[name]
        if wrong:
            refused.add(name)
    if not export and sent.get("page") and not is_first_page(sent["page"][-1]):
        refused.add("page")
    return export, refused


def is_year(value):
    try:
        YEAR.clean(value)
    except forms.ValidationError:
        return False
    return True


def is_first_page(value):
    try:
        return int(value) == 1
    except ValueError:
        return False
