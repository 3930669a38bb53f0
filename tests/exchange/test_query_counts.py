"""The catalogue file is read in a fixed number of queries: one per kind of record and per many-to-many column."""

import json

import pytest

from tests.conftest import grow


@pytest.mark.parametrize("extension", ["json", "xlsx", "ods"])
def test_the_download_runs_as_many_queries_for_many_records_as_for_few(
    client, world, django_assert_num_queries, extension
):
    # One query per kind of record and per many-to-many column, however many records there are.
    with django_assert_num_queries(18):
        client.get(f"/data/catalogue.{extension}")
    for n in range(2, 6):
        grow(world, n)
    with django_assert_num_queries(18):
        response = client.get(f"/data/catalogue.{extension}")
    assert response.status_code == 200
    initiatives = json.loads(client.get("/data/catalogue.json").content)["initiatives"]
    assert len(initiatives) == 6
