"""A place's initiatives are those active in it or in a place inside it, at once after any change to the places or
to where they lie, and after bulk writes once refresh_catalogue has run."""

import io

import pytest
from django.core.management import call_command

from initiatives.models import Initiative, Place
from tests.conftest import make_initiative, make_place

pytestmark = pytest.mark.django_db


def listed(client, query):
    """The slugs of the initiatives the list shows, and the place facet's counts beside it."""
    response = client.get(f"/initiatives/?{query}")
    assert response.status_code == 200
    place_facet = next(facet for facet in response.context["facets"] if facet.name == "place")
    slugs = {initiative.slug for initiative in response.context["initiatives"]}
    return slugs, {option.value: option.count for option in place_facet.options}


@pytest.fixture
def places():
    denmark, sweden = make_place("denmark"), make_place("sweden")
    copenhagen = make_place("copenhagen", kind=Place.Kind.CITY, parent=denmark)
    vesterbro = make_place("vesterbro", kind=Place.Kind.DISTRICT, parent=copenhagen)
    return denmark, sweden, copenhagen, vesterbro


def test_an_initiative_counts_once_for_a_place_its_places_lie_in_together(client, places):
    denmark, _sweden, copenhagen, vesterbro = places
    make_initiative("both").places.add(denmark, copenhagen, vesterbro)

    slugs, counts = listed(client, "place=denmark")

    assert slugs == {"both"}
    assert counts["denmark"] == counts["copenhagen"] == counts["vesterbro"] == 1


def test_a_place_moved_into_another_country_takes_its_initiatives_with_it(client, places):
    denmark, sweden, copenhagen, vesterbro = places
    make_initiative("local").places.add(vesterbro)
    assert listed(client, "place=denmark")[0] == {"local"}

    copenhagen.parent = sweden
    copenhagen.save()

    assert listed(client, "place=denmark")[0] == set()
    slugs, counts = listed(client, "place=sweden")
    assert slugs == {"local"}
    assert "denmark" not in counts and counts["sweden"] == 1


@pytest.mark.parametrize("side", ["initiative", "place"])
def test_a_place_taken_off_an_initiative_from_either_side_takes_the_places_it_lies_in(client, places, side):
    denmark, _sweden, copenhagen, vesterbro = places
    initiative = make_initiative("local")
    initiative.places.add(vesterbro)
    assert listed(client, "place=denmark")[0] == {"local"}

    if side == "initiative":
        initiative.places.remove(vesterbro)
    else:
        vesterbro.initiatives.clear()

    assert listed(client, "place=denmark")[0] == set()
    assert listed(client, "place=copenhagen")[0] == set()


def test_a_place_deleted_leaves_its_initiatives_in_no_place_it_lay_in(client, places):
    denmark, _sweden, copenhagen, vesterbro = places
    make_initiative("local").places.add(vesterbro)
    assert listed(client, "place=copenhagen")[0] == {"local"}

    vesterbro.delete()

    assert listed(client, "place=copenhagen")[0] == set()
    assert listed(client, "place=denmark")[0] == set()


def test_the_page_of_a_place_lists_what_its_places_inside_hold(client, places):
    denmark, sweden, copenhagen, vesterbro = places
    make_initiative("local", country=sweden).places.add(vesterbro)

    response = client.get("/places/denmark/")

    assert response.status_code == 200
    assert "/initiatives/local/" in response.content.decode()


def test_places_linked_in_bulk_are_found_once_refresh_catalogue_has_run(client, places):
    denmark, _sweden, _copenhagen, vesterbro = places
    initiative = make_initiative("bulk")
    Initiative.places.through.objects.bulk_create([Initiative.places.through(initiative=initiative, place=vesterbro)])
    assert listed(client, "place=denmark")[0] == set()  # bulk writes send no signal

    call_command("refresh_catalogue", stdout=io.StringIO())

    assert listed(client, "place=denmark")[0] == {"bulk"}


def test_the_places_lists_count_what_each_places_page_lists(client, places):
    denmark, _sweden, copenhagen, vesterbro = places
    make_initiative("in-the-district").places.add(vesterbro)
    make_initiative("in-the-city-and-district").places.add(copenhagen, vesterbro)

    assert {place.slug: place.initiative_count for place in client.get("/places/").context["object_list"]} == {
        "denmark": 2,
        "sweden": 0,
        "copenhagen": 2,
        "vesterbro": 2,
    }
    children = client.get("/places/denmark/").context["children"]
    assert {child.slug: child.initiative_count for child in children} == {"copenhagen": 2}
    assert client.get("/places/copenhagen/").context["initiative_count"] == 2
