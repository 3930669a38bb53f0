"""The catalogue file is read in a fixed number of queries: one per kind of record and per many-to-many column."""

import json

from tests.conftest import grow


def test_the_download_runs_as_many_queries_for_many_records_as_for_few(client, world, django_assert_num_queries):
    # One query per kind of record and per many-to-many column, however many records there are.
    with django_assert_num_queries(18):
        client.get("/data/catalogue.json")
    for n in range(2, 6):
        grow(world, n)
    with django_assert_num_queries(18):
        response = client.get("/data/catalogue.json")
    assert len(json.loads(response.content)["initiatives"]) == 6
