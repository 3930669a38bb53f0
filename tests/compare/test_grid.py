"""The comparison grid (/compare/?i=…) and its CSV on the Denmark data."""

import csv
import io

import pytest

from .dom import grid as read_grid
from .dom import parse
from .report import forbidden_totals, numbers_in

pytestmark = pytest.mark.usefixtures("denmark")

EIGHT = [
    "venligboerne",
    "kvinfo-mentor-network",
    "get2sport",
    "idraet-plus",
    "frivillignet",
    "red-cross-stores",
    "boys-clubs",
    "cafe-venligbo",
]


def address(*slugs, path="/compare/"):
    return path + "?" + "&".join(f"i={slug}" for slug in slugs)


def grid_of(client, *slugs):
    response = client.get(address(*slugs))
    assert response.status_code == 200
    return read_grid(parse(response.content))


def row(rows, label):
    return dict(rows)[label]


def test_grid_keeps_the_order_given(client):
    header, _ = grid_of(client, "venligboerne", "kvinfo-mentor-network", "get2sport")
    assert header == ["Initiative", "Venligboerne", "KVINFO Mentor network", "Get2Sport"]
    header, _ = grid_of(client, "get2sport", "venligboerne", "kvinfo-mentor-network")
    assert header == ["Initiative", "Get2Sport", "Venligboerne", "KVINFO Mentor network"]


def test_grid_shows_what_the_report_says_of_each_initiative(client):
    _, rows = grid_of(client, "venligboerne", "kvinfo-mentor-network", "get2sport", "idraet-plus")
    assert row(rows, "Lead organisation") == [
        ["Venligboerne"],
        ["KVINFO"],
        ["Dansk Idrætsforening (DIF)"],
        ["Danske Gymnastik og Idrætsforeninger (DGI)"],
    ]
    assert row(rows, "Era") == [["new"], ["long-established"], ["long-established"], ["long-established"]]
    assert row(rows, "Start year") == [["2012"], ["2002"], ["2005"], ["not stated"]]
    assert row(rows, "Beneficiary groups")[3] == ["Youth with other background than Danish (aged primarily 14–19)"]
    members = row(rows, "Members")
    assert "more than 80,000 (as of 2015)" in members[0]
    assert "more than 150,000 (no year stated)" in members[0]
    assert "38,000 in Copenhagen (no year stated)" in members[0]
    assert members[1:] == [["none stated"]] * 3
    assert row(rows, "Participants")[1] == ["more than 7,000 in total so far (no year stated)"]
    funding = row(rows, "Funding")
    assert (
        funding[2][0]
        == "DKK 15,200,000 in total, 2010–2013, primarily from Ministry of Gender, Children, Equality and Inclusion"
    )
    assert funding[2][1].startswith("amount not stated, period not stated, from")
    assert funding[3] == ["DKK 1,750,000 per year, 2011–2013 (stated total DKK 5,250,000), from Integration Fund"]
    awards = row(rows, "Awards")
    assert [award.split(", ")[1] for award in awards[1]] == ["2004", "2004", "2005", "2007"]
    assert "Hal Koch Democracy Award, 2015, won, given by Krogerup Højskole" in awards[0]
    sources = row(rows, "Sources")
    assert "Section 3: New volunteers/citizens' initiatives" in sources[0]
    assert "http://www.get2sport.dk/da/hvem-s-er-s-vi" in sources[2]


def test_grid_puts_one_measure_per_row_and_adds_up_nothing(client):
    response = client.get(address("venligboerne", "frivillignet", "kvinfo-mentor-network"))
    header, rows = read_grid(parse(response.content))
    labels = [label for label, _ in rows]
    for measure in ("Members", "Participants", "Cities", "Mentor processes concluded"):
        assert labels.count(measure) == 1
    assert not numbers_in(parse(response.content).text()) & forbidden_totals()


def test_grid_links_each_source(client):
    page = parse(client.get(address("get2sport", "venligboerne")).content)
    sources = [cells for label, cells in read_grid(page)[1] if label == "Sources"][0]
    assert sources
    links = {a.attrs["href"] for a in page.find("table", class_="compare-grid").find_all("a")}
    assert "/sources/ewsi-denmark-s2/" in links
    assert "http://www.get2sport.dk/da/hvem-s-er-s-vi" in links


def test_duplicates_redirect_to_the_canonical_address_with_a_message(client):
    response = client.get(address("venligboerne", "get2sport", "venligboerne"))
    assert response.status_code == 302
    assert response["Location"] == address("venligboerne", "get2sport")
    followed = client.get(response["Location"])
    assert "“venligboerne” was chosen more than once" in parse(followed.content).text()
    assert read_grid(parse(followed.content))[0] == ["Initiative", "Venligboerne", "Get2Sport"]


def test_unknown_parameters_and_blanks_are_dropped_from_the_address(client):
    response = client.get("/compare/?i=venligboerne&utm=x&i=&i=%20get2sport%20")
    assert response.status_code == 302
    assert response["Location"] == address("venligboerne", "get2sport")


def test_unknown_initiative_is_a_bad_request_with_a_message(client):
    response = client.get(address("venligboerne", "no-such-initiative"))
    assert response.status_code == 400
    page = parse(response.content)
    assert "“no-such-initiative”" in page.find("div", class_="compare-notice-error").text()
    assert page.find("table", class_="compare-grid") is None


def test_a_ninth_initiative_is_a_bad_request_with_a_message(client):
    response = client.get(address(*EIGHT, "mentornet"))
    assert response.status_code == 400
    notice = parse(response.content).find("div", class_="compare-notice-error").text()
    assert "You chose 9 initiatives" in notice
    assert "at most 8" in notice
    assert "Compare the first 8" in notice


def test_eight_initiatives_are_compared(client):
    header, _ = grid_of(client, *EIGHT)
    assert len(header) == 9


def test_one_initiative_alone_asks_for_at_least_two(client):
    response = client.get(address("venligboerne"))
    assert response.status_code == 200
    page = parse(response.content)
    assert "Choose at least 2 initiatives to compare" in page.text()
    assert page.find("table", class_="compare-grid") is None
    assert "checked" in page.find("input", value="venligboerne").attrs


@pytest.mark.parametrize(
    "query",
    [
        "?i=%3Cscript%3Ealert(1)%3C/script%3E&i=venligboerne",
        "?i=" + "x" * 5000 + "&i=venligboerne",
        "?" + "&".join(f"i=s{n}" for n in range(300)),
        "?i=venligboerne&i=venligboerne&i=venligboerne",
        "?i=%00&i=venligboerne",
        "?i=Venligboerne&i=KVINFO",
        "?i=",
        "?i=caf%C3%A9&i=%F0%9F%98%80",
        "?i[]=venligboerne",
    ],
)
@pytest.mark.parametrize("path", ["/compare/", "/compare.csv"])
def test_odd_addresses_get_an_answer_never_a_server_error(client, path, query):
    response = client.get(path + query, follow=True)
    assert response.status_code in (200, 400)
    if response["Content-Type"].startswith("text/html"):
        assert b"<script>alert" not in response.content
    else:  # the CSV's refusals are plain text, which browsers are told not to sniff as HTML
        assert response["Content-Type"].startswith(("text/plain", "text/csv"))
        assert response["X-Content-Type-Options"] == "nosniff"


def csv_of(client, *slugs):
    response = client.get(address(*slugs, path="/compare.csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_grid_csv_holds_the_same_cells_as_the_page(client):
    slugs = ("venligboerne", "kvinfo-mentor-network", "get2sport", "idraet-plus", "red-cross-stores")
    header, rows = grid_of(client, *slugs)
    lines = csv_of(client, *slugs)
    assert lines[0] == header
    assert [(line[0], [cell.split("\n") for cell in line[1:]]) for line in lines[1:]] == rows


def test_grid_csv_refuses_what_the_page_refuses(client):
    for query in (address("venligboerne"), address(*EIGHT, "mentornet"), address("venligboerne", "nope")):
        response = client.get(query.replace("/compare/", "/compare.csv"))
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")


def test_grid_offers_a_shareable_address_and_its_csv(client):
    page = parse(client.get(address("get2sport", "venligboerne")).content)
    assert page.find("link", rel="canonical").attrs["href"] == "http://testserver" + address(
        "get2sport", "venligboerne"
    )
    assert page.find("a", href=address("get2sport", "venligboerne", path="/compare.csv")) is not None


def test_grid_scrolls_in_its_own_box_under_a_header_that_stays_in_view(client):
    page = parse(client.get(address("get2sport", "venligboerne")).content)
    box = page.find("div", class_="grid-scroll")
    assert box is not None and box.find("table", class_="compare-grid") is not None
    with open("static/css/site.css", encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert ".compare-grid thead th { position: sticky; top: 0;" in css
    assert ".grid-scroll { position: relative; overflow: auto;" in css


def test_columns_can_be_moved_and_removed_by_link(client):
    page = parse(client.get(address("get2sport", "venligboerne", "frivillignet")).content)
    tools = page.find("table", class_="compare-grid").find("tfoot")
    hrefs = [a.attrs["href"] for a in tools.find_all("a")]
    assert address("venligboerne", "get2sport", "frivillignet") in hrefs  # Get2Sport moved right
    assert address("get2sport", "frivillignet") in hrefs  # Venligboerne removed


def test_picker_lists_every_initiative_with_the_chosen_ones_ticked(client):
    page = parse(client.get(address("get2sport", "venligboerne")).content)
    boxes = page.find("section", class_="picker").find_all("input", type="checkbox")
    assert len(boxes) == 20
    assert {box.attrs["value"] for box in boxes if "checked" in box.attrs} == {"get2sport", "venligboerne"}
    assert page.find("section", class_="picker").find("form").attrs["method"] == "get"


def test_grid_of_initiatives_without_figures_or_years_has_no_charts(client):
    page = parse(client.get(address("cafe-venligbo", "dgi-inklusion")).content)
    _, rows = read_grid(page)
    assert row(rows, "Start year") == [["not stated"], ["not stated"]]
    assert row(rows, "Funding") == [["none stated"], ["none stated"]]
    assert page.find("figure", class_="chart") is None
