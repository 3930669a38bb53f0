"""The catalogue's data licence: stated on every page, in every JSON answer and as a header of every download."""

import json

import pytest

from initiatives.api.schema import document
from initiatives.models import Initiative

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LINK = f'<{LICENCE["url"]}>; rel="license"'

RECORD_JSON = [
    "/initiatives/kvinfo-mentor-network.json",
    "/initiatives/kvinfo-mentor-network.json?version=1",
    "/organisations/kvinfo.json",
    "/themes/mentoring.json",
    "/beneficiaries/minority-youth.json",
    "/places/copenhagen.json",
    "/sources/ewsi-denmark.json",
    "/sources/ewsi-denmark.json?version=1",
]


@pytest.mark.parametrize("url", ["/initiatives.json", *RECORD_JSON])
def test_every_json_answer_names_the_licence(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert json.loads(body)["licence"] == LICENCE
    assert response["Link"] == LINK


def test_every_download_links_to_the_licence_without_a_row_or_column_for_it(client, world):
    pair = "&".join(f"i={slug}" for slug in Initiative.objects.values_list("slug", flat=True)[:2])
    for url in ["/initiatives.csv", f"/compare.csv?{pair}", "/initiatives/kvinfo-mentor-network/cite.bib"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Link"] == LINK, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"creativecommons" not in body, url


@pytest.mark.parametrize("url", ["/", "/api/", "/initiatives/kvinfo-mentor-network/"])
def test_pages_state_the_licence_and_that_the_reports_text_is_their_publishers(client, world, url):
    html = client.get(url).content.decode()
    assert f'<a href="{LICENCE["url"]}" rel="license">CC BY 4.0</a>' in html
    assert "The text of each report remains its publisher's." in html


def test_the_licence_is_one_setting(client, world, settings):
    settings.CATALOGUE_LICENCE = {"name": "ODbL", "url": "https://opendatacommons.org/licenses/odbl/"}
    assert json.loads(client.get("/themes/mentoring.json").content)["licence"]["name"] == "ODbL"
    assert (
        '<a href="https://opendatacommons.org/licenses/odbl/" rel="license">ODbL</a>'
        in client.get("/").content.decode()
    )


def test_the_api_document_names_the_licence_of_the_settings(settings):
    assert document()["info"]["license"] == settings.CATALOGUE_LICENCE
