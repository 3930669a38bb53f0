"""The list stays fast and never breaks: constant queries at any size, no server error for any query string."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.catalogue.filters import InitiativeFilter
from initiatives.models import BeneficiaryGroup, Place, Theme
from organisations.models import Organisation
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
        "/initiatives/?q=mentor&sort=size",
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
def test_no_query_string_makes_a_list_fail(client, url, params):
    response = client.get(url, params and dict_of_lists(params))
    assert response.status_code < 500


def dict_of_lists(pairs):
    params = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    return params
