"""Choosing initiatives to compare from the list: ticks are kept through filtering, searching and paging."""

import pytest

from initiatives.models import Place
from tests.conftest import make_initiative

from .dom import parse

pytestmark = pytest.mark.usefixtures("denmark")


@pytest.fixture
def two_pages():
    """Enough initiatives for a second page of the list (twenty to a page)."""
    denmark = Place.objects.get(slug="denmark")
    for number in range(5):
        make_initiative(f"zz-extra-{number}", name=f"Zz extra {number}", country=denmark)


def test_each_row_has_a_compare_tick_box_in_a_form_that_goes_to_the_compare_page(client):
    page = parse(client.get("/initiatives/").content)
    form = page.find("form", class_="compare-form")
    assert form.attrs["action"] == "/compare/"
    assert form.attrs["method"] == "get"
    boxes = form.find_all("input", type="checkbox", name="i")
    assert len(boxes) == 20
    assert all(box.attrs["aria-label"].startswith("Compare ") for box in boxes)
    assert form.find("button", formaction="/initiatives/") is not None


def test_ticked_initiatives_stay_ticked_through_facets_search_and_exports(client):
    page = parse(client.get("/initiatives/?era=new&i=frivillignet&i=venligboerne").content)
    ticked = {box.attrs["value"] for box in page.find_all("input", type="checkbox") if "checked" in box.attrs}
    assert ticked == {"venligboerne"}
    # Frivillignet is not in this filtered list: the compare form carries it along.
    hidden = [
        i.attrs["value"] for i in page.find("form", class_="compare-form").find_all("input", type="hidden", name="i")
    ]
    assert hidden == ["frivillignet"]
    facet_links = [a.attrs["href"] for a in page.find("aside", class_="facets").find_all("a")]
    assert facet_links and all("i=frivillignet&i=venligboerne" in href for href in facet_links)
    search = page.find("form", class_="search-form")
    assert {i.attrs["value"] for i in search.find_all("input", type="hidden", name="i")} == {
        "frivillignet",
        "venligboerne",
    }
    downloads = [a.attrs["href"] for a in page.find("p", class_="downloads").find_all("a")]
    assert downloads and not any("i=" in href for href in downloads)


def test_ticked_initiatives_stay_ticked_from_page_to_page(client, two_pages):
    response = client.get("/initiatives/?sort=name&i=venligboerne&i=zz-extra-4")
    assert response.status_code == 200
    page = parse(response.content)
    following = page.find("a", rel="next").attrs["href"]
    assert "i=venligboerne" in following and "i=zz-extra-4" in following
    second = parse(client.get(following).content)
    ticked = {box.attrs["value"] for box in second.find_all("input", type="checkbox") if "checked" in box.attrs}
    assert ticked == {"zz-extra-4"}
    assert second.find("a", rel="prev").attrs["href"].endswith("i=venligboerne&i=zz-extra-4")


def test_list_keeps_compare_choices_in_its_canonical_address(client):
    response = client.get("/initiatives/?i=venligboerne&era=new&i=venligboerne")
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/?era=new&i=venligboerne"
