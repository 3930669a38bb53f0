"""Every record page has a JSON version with what the page shows."""

import json
from decimal import Decimal

import pytest

pytestmark = pytest.mark.usefixtures("denmark")


def data(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_an_initiatives_json_holds_its_figures_funding_awards_and_sources(client):
    record = data(client, "/initiatives/idraet-plus.json")
    assert record["name"] == "Idræt+"
    assert record["parent"]["slug"] == "dgi-inklusion"
    funding = record["funding"][0]
    assert (funding["funder"], Decimal(funding["amount"]), Decimal(funding["total_amount"])) == (
        "integration-fund",
        1_750_000,
        5_250_000,
    )
    assert {"measure": "regions", "value": 5}.items() <= record["figures"][0].items()
    assert {group["min_age"] for group in record["beneficiary_groups"]} == {14}
    assert "ewsi-denmark-s2" in {source["slug"] for source in record["sources"]}


def test_an_organisations_json_holds_what_it_leads_and_its_awards(client):
    record = data(client, "/organisations/kvinfo.json")
    assert {item["slug"] for item in record["leads"]} >= {"kvinfo-mentor-network", "kvinfo-politicians-programme"}
    assert {award["year"] for award in record["awards_received"]} == {2004, 2005, 2007}


@pytest.mark.parametrize(
    ("url", "member"),
    [
        ("/themes/guardianship.json", "red-cross-representatives-for-unaccompanied-minors"),
        ("/beneficiaries/ethnic-minority-women.json", "kvinfo-politicians-programme"),
        ("/places/vesterbro.json", "cafe-venligbo"),
        ("/sources/ewsi-denmark-s3.json", "venligboerne"),
    ],
)
def test_browse_pages_list_their_initiatives_as_json(client, url, member):
    assert member in data(client, url)["initiatives"]


def test_each_record_page_links_to_its_json(client):
    assert 'href="/initiatives/venligboerne.json"' in client.get("/initiatives/venligboerne/").content.decode()


def test_an_unknown_records_json_is_not_found(client):
    assert client.get("/initiatives/no-such-thing.json").status_code == 404


@pytest.mark.parametrize("url", ["/initiatives/venligboerne.json", "/organisations/danish-refugee-council.json"])
def test_json_versions_use_as_many_queries_as_their_pages(client, django_assert_num_queries, url):
    # The data comes from the page's own prefetched context: no query per fact.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as page:
        response = client.get(url.replace(".json", "/"))
    assert response.status_code == 200
    with django_assert_num_queries(len(page) - 1):  # the page also names the reports in its footer
        response = client.get(url)
    assert response.status_code == 200
