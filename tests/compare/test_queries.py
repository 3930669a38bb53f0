"""The compare pages read a fixed number of queries: two initiatives or eight, small data or large."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Award, BeneficiaryGroup, Figure, Finding, Funding, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative

pytestmark = pytest.mark.usefixtures("denmark")

# Both sets hold initiatives with awards, so the awards' givers are looked up in each.
TWO = ["venligboerne", "kvinfo-mentor-network"]
EIGHT = [*TWO, "get2sport", "idraet-plus", "frivillignet", "red-cross-stores", "boys-clubs", "mind-your-own-business"]


def address(slugs, path="/compare/"):
    return path + "?" + "&".join(f"i={slug}" for slug in slugs)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(count):
    """More initiatives, each with a figure, a funding, an award and the relations the pages show."""
    denmark, section = Place.objects.get(slug="denmark"), Source.objects.get(slug="ewsi-denmark-s2")
    organisations = list(Organisation.objects.all()[:3])
    themes, groups, places = (
        list(Theme.objects.all()[:3]),
        list(BeneficiaryGroup.objects.all()[:2]),
        list(Place.objects.all()[:3]),
    )
    members = Measure.objects.get(slug="members")
    for number in range(count):
        initiative = make_initiative(
            f"grown-{number}",
            country=denmark,
            lead_organisation=organisations[0],
            start_year=2000 + number % 15,
            era="new",
        )
        initiative.partners.set(organisations[1:])
        initiative.themes.set(themes)
        initiative.beneficiary_groups.set(groups)
        initiative.places.set(places)
        initiative.sources.add(section)
        Figure.objects.create(
            initiative=initiative, measure=members, value=100 + number, place=places[-1], source=section
        )
        Funding.objects.create(
            initiative=initiative, funder=organisations[2], amount=Decimal(1000), currency="DKK", source=section
        )
        Award.objects.create(name=f"Award {number}", year=2015, initiative=initiative, source=section).givers.add(
            organisations[1]
        )
        Finding.objects.create(dimension=f"Dimension {number}", new="More.", source=section, position=20 + number)


# Why: everything a column shows comes through for_comparison()'s prefetches, never one query per initiative.
@pytest.mark.parametrize("path", ["/compare/", "/compare.csv"])
def test_grid_reads_as_many_queries_for_eight_initiatives_as_for_two(client, django_assert_num_queries, path):
    two = queries_for(client, address(TWO, path))
    with django_assert_num_queries(two):
        response = client.get(address(EIGHT, path))
    assert response.status_code == 200


# Why: the era page counts in SQL and cuts its lists there, so more records change numbers, not queries.
def test_era_page_reads_as_many_queries_for_more_data(client, django_assert_num_queries):
    small = queries_for(client, "/compare/")
    grow(30)
    with django_assert_num_queries(small):
        response = client.get("/compare/")
    assert b'<a href="/initiatives/?era=new">32</a>' in response.content


# Why: as for the grid, with thirty more initiatives behind it.
def test_grid_reads_as_many_queries_for_more_data(client, django_assert_num_queries):
    small = queries_for(client, address(EIGHT))
    grow(30)
    with django_assert_num_queries(small):
        response = client.get(address([*EIGHT[:6], "grown-0", "grown-29"]))
    assert response.status_code == 200
