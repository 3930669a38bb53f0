"""The home page computes its numbers in a fixed handful of aggregate queries, however large the catalogue."""

import pytest

from tests.conftest import grow

# Initiatives by era, organisations, countries, the places inside them and their counts, themes and their counts,
# beneficiary groups and their counts, the leading organisations' counts and the organisations, and the footer's
# reports.
HOME_QUERIES = 12


@pytest.mark.parametrize("more", [0, 4])
def test_home_queries_do_not_grow_with_the_catalogue(client, world, django_assert_num_queries, more):
    for n in range(2, 2 + more):
        grow(world, n)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert f"<strong>{2 + more}</strong> initiatives" in response.content.decode()
