"""Two places of one name are told apart wherever the site names them: Aarhus the region and Aarhus the city."""

import csv
import io

import pytest
from django.utils import translation

from initiatives.models import Place
from tests.conftest import make_place

REGION, CITY = "Aarhus (region)", "Aarhus (city or town)"

pytestmark = pytest.mark.usefixtures("denmark")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_shared_name_gets_the_kind_and_a_name_of_its_own_stays_as_it_is():
    with translation.override("en"):
        labels = {place.slug: place.label for place in Place.objects.labelled()}
    assert (labels["aarhus-region"], labels["aarhus"]) == (REGION, CITY)
    assert labels["copenhagen"] == "Copenhagen" and labels["vesterbro"] == "Vesterbro"
    assert Place.objects.get(slug="aarhus").name == "Aarhus"  # the data keeps the report's names


def test_namesakes_of_one_kind_are_told_apart_by_the_place_they_lie_in():
    for region in ("northern-zealand", "midtjylland"):
        make_place(
            f"springfield-{region}", name="Springfield", kind=Place.Kind.CITY, parent=Place.objects.get(slug=region)
        )
    labels = {place.slug: place.label for place in Place.objects.labelled().filter(name="Springfield")}
    assert labels == {
        "springfield-northern-zealand": "Springfield (Northern Zealand)",
        "springfield-midtjylland": "Springfield (Midtjylland)",
    }


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/places/aarhus-region/", [f"<h1>{REGION}</h1>", f"Initiatives in {REGION}"]),
        ("/places/aarhus/", [f"<h1>{CITY}</h1>"]),
        ("/places/", [f">{REGION}</a>", f">{CITY}</a>"]),
        ("/places/denmark/", [f">{REGION}</a>", f">{CITY}</a>"]),
        ("/initiatives/idraet-plus/", [f">{REGION}</a>"]),
        ("/initiatives/venligboerne/", [f">{CITY}</a>"]),
        ("/initiatives/?place=aarhus-region", [REGION]),
        ("/initiatives/?place=aarhus", [CITY]),
    ],
)
def test_pages_tell_the_two_aarhus_apart(client, url, shown):
    page = html(client, url)
    for text in shown:
        assert text in page, text


@pytest.mark.parametrize("url", ["/initiatives/venligboerne/", "/places/aarhus/", "/sources/ewsi-denmark-s3/"])
def test_a_figure_table_names_the_city_of_aarhus_as_the_city(client, url):
    table = html(client, url).split('id="figures"')[1].split("</table>")[0]

    assert f'<a href="/places/aarhus/">{CITY}</a>' in table


def test_the_place_facet_tells_the_two_aarhus_apart(client):
    response = client.get("/initiatives/facets/place/")
    assert response.status_code == 200
    labels = {option.value: option.label for option in response.context["facet"].options}
    assert (labels["aarhus-region"], labels["aarhus"]) == (REGION, CITY)


def test_the_kind_is_told_in_the_readers_language(client):
    page = client.get("/places/aarhus/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "<h1>Aarhus (by)</h1>" in page


def test_admin_choices_tell_the_two_aarhus_apart(admin_client):
    response = admin_client.get("/admin/initiatives/initiative/add/")
    labels = {str(place) for place in response.context["adminform"].form.fields["places"].queryset}
    assert {REGION, CITY} <= labels
    found = admin_client.get("/admin/autocomplete/", {"term": "Aarhus", "app_label": "initiatives",
                                                      "model_name": "initiative", "field_name": "places"}).json()  # fmt: skip
    assert {result["text"] for result in found["results"]} == {REGION, CITY}


def test_downloads_keep_the_places_slugs(client):
    rows = csv.DictReader(io.StringIO(b"".join(client.get("/initiatives.csv").streaming_content).decode()))
    places = {row["slug"]: row["places"] for row in rows}
    assert "aarhus-region" in places["idraet-plus"].split("; ")
    assert "Aarhus (" not in "".join(places.values())
