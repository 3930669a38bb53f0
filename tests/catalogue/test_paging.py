"""Deep pages of the list: each page holds exactly the initiatives the whole ordered list has in its place."""

import re

import pytest

from initiatives.models import Initiative
from tests.conftest import make_initiative

pytestmark = pytest.mark.django_db

PAGE_SIZE = 20


@pytest.fixture
def fifty_three():
    # Start years repeat, so sorting by them leaves ties that the name must break the same way on every page.
    for n in range(53):
        make_initiative(
            f"initiative-{n:02}",
            name=f"Volunteers {52 - n:02}",
            start_year=2000 + n % 4,
            summary="Volunteers meet newcomers." if n % 2 else "Mentors meet newcomers.",
        )


def listed(client, query):
    response = client.get("/initiatives/" + query)
    assert response.status_code == 200, query
    return re.findall(r'href="/initiatives/(initiative-\d\d)/"', response.content.decode())


@pytest.mark.parametrize(
    ("query", "ordering"),
    [
        ("", ["name"]),
        ("?sort=-start_year", ["-start_year", "name"]),
        ("?sort=start_year", ["start_year", "name"]),
    ],
)
def test_every_page_holds_its_slice_of_the_ordered_list(client, fifty_three, query, ordering):
    expected = list(Initiative.objects.order_by(*ordering).values_list("slug", flat=True))
    separator = "&" if query else "?"

    pages = [listed(client, query + (f"{separator}page={n}" if n > 1 else "")) for n in (1, 2, 3)]

    assert [len(page) for page in pages] == [20, 20, 13]
    assert sum(pages, []) == expected


def test_the_pages_of_a_search_hold_every_match_once_best_first(client, fifty_three):
    pages = [listed(client, "?q=volunteers" + (f"&page={n}" if n > 1 else "")) for n in (1, 2, 3)]
    found = sum(pages, [])

    assert [len(page) for page in pages] == [20, 20, 13]
    assert sorted(found) == sorted(Initiative.objects.values_list("slug", flat=True))
    # Those that also say "volunteers" in their summary match better, and come first on every database.
    assert set(found[:26]) == {f"initiative-{n:02}" for n in range(1, 53, 2)}
