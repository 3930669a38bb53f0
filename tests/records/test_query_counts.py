import pytest

from tests.conftest import grow

PAGES = [
    # url, queries: one per kind of row the page shows (none for a relation with no rows), plus the footer's reports.
    # Themes, groups and places cite the reports they rest on: one query more, for the citation.
    ("/", 12),
    ("/initiatives/kvinfo-mentor-network/", 13),
    ("/organisations/", 3),
    ("/organisations/kvinfo/", 13),
    ("/organisations/integration-fund/", 9),
    ("/themes/", 3),
    ("/themes/mentoring/", 5),
    ("/beneficiaries/", 3),
    ("/beneficiaries/minority-youth/", 5),
    ("/places/", 3),
    ("/places/denmark/", 10),
    ("/places/copenhagen/", 10),
    ("/sources/", 2),
    ("/sources/ewsi-denmark/", 13),
    ("/sources/ewsi-denmark-section-2/", 13),
]


@pytest.mark.parametrize("url,queries", PAGES)
def test_page_runs_as_many_queries_for_many_records_as_for_few(client, world, django_assert_num_queries, url, queries):
    # A template or __str__ that follows a relation the view did not fetch costs a query per row.
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    for n in range(2, 6):
        grow(world, n)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
