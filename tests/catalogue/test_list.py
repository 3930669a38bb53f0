"""The researchers' list: filters, facet counts, search, sorting, pagination and exports on the Denmark data."""

import csv
import io
import json
import re

import pytest

from initiatives.models import Figure, Initiative, Measure, Place, Theme
from tests.catalogue.test_list_robustness import queries_for
from tests.conftest import make_initiative, make_place

pytestmark = pytest.mark.usefixtures("denmark")

RED_CROSS = {
    "red-cross-stores",
    "red-cross-representatives-for-unaccompanied-minors",
    "red-cross-homework-helpers",
    "red-cross-asylum-centre-volunteers",
}


def slugs_on_page(response):
    return [initiative.slug for initiative in response.context["initiatives"]]


def listed(client, query):
    response = client.get("/initiatives/" + query, follow=True)
    assert response.status_code == 200, query
    return set(slugs_on_page(response))


# Expected sets read from the report, not from the fixtures.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?era=new", {"venligboerne", "cafe-venligbo"}),
        ("?organisation=danish-red-cross", RED_CROSS),
        ("?organisation=dif", {"get2sport", "dbu-get2footballschool"}),
        ("?organisation=dbu", {"dbu-get2footballschool"}),
        ("?organisation=dfunk&organisation=duf", {"dfunk-activities", "krydsfelt"}),
        ("?place=vesterbro", {"cafe-venligbo"}),
        ("?place=midtjylland", {"idraet-plus"}),
        ("?place=sonderborg", {"venligboerne"}),
        ("?place=greece&place=midtjylland", {"venligboerne", "idraet-plus"}),
        ("?started_to=2005", {"kvinfo-mentor-network", "get2sport"}),
        ("?started_from=2010&started_to=2011", {"krydsfelt"}),  # Idræt+: the report gives no start year
        ("?started_from=2012", {"venligboerne"}),
        ("?has_funding=true", {"red-cross-stores", "idraet-plus", "get2sport"}),
        (
            "?has_award=true",
            {"dbu-get2footballschool", "kvinfo-mentor-network", "mind-your-own-business", "venligboerne"},
        ),
        (
            "?has_award=true&era=long_established",
            {"dbu-get2footballschool", "kvinfo-mentor-network", "mind-your-own-business"},
        ),
        ("?has_award=true&organisation=danish-refugee-council", {"mind-your-own-business"}),
        ("?has_funding=true&has_award=true", set()),
        ("?organisation=danish-red-cross&era=new", set()),
        ("?beneficiary_group=ethnic-minority-women", {"kvinfo-mentor-network", "kvinfo-politicians-programme"}),
        ("?country=denmark&era=new", {"venligboerne", "cafe-venligbo"}),
    ],
)
def test_filters_alone_and_combined_give_the_right_initiatives(client, query, expected):
    assert listed(client, query) == expected


def test_place_includes_the_places_inside_it(client):
    copenhagen = listed(client, "?place=copenhagen")
    assert {"venligboerne", "cafe-venligbo"} <= copenhagen
    assert copenhagen <= listed(client, "?place=denmark")


def test_a_filter_state_has_one_canonical_address(client):
    response = client.get("/initiatives/?q=&era=new&theme=&organisation=dif&era=new")
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/?organisation=dif&era=new"


@pytest.mark.parametrize(
    "state",
    [
        "",
        "?era=new",
        "?era=long_established",
        "?theme=education",
        "?has_award=true",
        "?theme=education&place=denmark",
        "?organisation=danish-red-cross&organisation=dif",
        "?place=copenhagen&place=denmark",
        "?theme=not-stated&theme=sport&status=active",
    ],
)
def test_facet_counts_equal_what_one_click_gives(client, state):
    page = client.get("/initiatives/" + state)
    assert page.status_code == 200
    for facet in page.context["facets"]:
        for option in facet.options:
            clicked = client.get("/initiatives/" + option.url)
            assert clicked.context["paginator"].count == option.count, (state, facet.name, option.value)


def test_theme_facet_counts_many_to_many_and_not_stated(client):
    page = client.get("/initiatives/")
    theme = next(facet for facet in page.context["facets"] if facet.name == "theme")
    counts = {option.value: option.count for option in theme.options}
    for slug, count in counts.items():
        if slug != "not-stated":
            assert Theme.objects.get(slug=slug).initiatives.count() == count
    assert counts.get("not-stated", 0) == Initiative.objects.filter(themes=None).count()


def test_a_selected_option_links_to_the_list_without_it(client):
    page = client.get("/initiatives/?era=new&has_award=true")
    era = next(facet for facet in page.context["facets"] if facet.name == "era")
    selected = next(option for option in era.options if option.selected)
    assert selected.url == "?has_award=true"
    assert [label for label, *_ in page.context["active"]] == ["Era", "Funding"][:1] + ["Awards"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Sønderborg", "venligboerne"),
        ("sonderborg", "venligboerne"),
        ("Idræt+", "idraet-plus"),
        ("Dansk Ungdoms Fællesråd", "krydsfelt"),
        ("Get2Footballschool", "dbu-get2footballschool"),
        ("Cafe Venligbo", "cafe-venligbo"),
        ("Café Venligbo", "cafe-venligbo"),
        ("homework", "red-cross-homework-helpers"),
        ("Hjørring", "venligboerne"),
        ("hjorring", "venligboerne"),
    ],
)
def test_search_finds_danish_and_english_names_with_or_without_accents(client, words, expected):
    response = client.get("/initiatives/", {"q": words})
    assert expected in slugs_on_page(response)


def test_search_says_why_it_matched(client):
    response = client.get("/initiatives/", {"q": "sonderborg"})
    assert re.search(r"<mark>Sønderborg</mark>", response.content.decode())


def test_search_for_nothing_known_shows_a_helpful_empty_state(client):
    response = client.get("/initiatives/", {"q": "zzzqqq"})
    assert response.context["paginator"].count == 0
    assert "No initiative matches" in response.content.decode()


def test_sort_by_start_year_puts_the_oldest_first_and_unknown_years_last(client):
    years = [i.start_year for i in client.get("/initiatives/?sort=start_year").context["initiatives"]]
    known = [year for year in years if year is not None]
    assert known == sorted(known) and known[0] == 2002
    assert years[: len(known)] == known


def test_sort_by_size_ranks_by_the_largest_figure_of_one_measure_and_shows_it(client):
    response = client.get("/initiatives/?sort=size:members")

    # The report: Venligboerne, more than 150,000 members in all (and more than 80,000 earlier); FrivilligNet, about
    # 5,000. Figures of one city and of other measures (KVINFO's 7,000 participants) do not count.
    slugs = slugs_on_page(response)
    assert slugs[:2] == ["venligboerne", "frivillignet"]
    rest = [initiative.name for initiative in response.context["initiatives"][2:]]
    assert rest == sorted(rest)
    html = response.content.decode()
    assert "Members: more than 150,000" in html and "Members: about 5,000" in html
    assert html.count('class="meta sorted-by"') == 2


def test_sort_by_size_offers_only_measures_of_people_that_have_figures(client):
    choices = dict(client.get("/initiatives/").context["filterset"].sort_options)
    assert [value for value in choices if value.startswith("size:")] == [
        "size:members",
        "size:participants",
        "size:volunteers",
    ]
    assert choices["size:members"] == "Members, most first"


def test_the_sorted_list_uses_as_many_queries_for_many_initiatives_as_for_few(client, django_assert_num_queries):
    # The sorted figure comes with each row, in the list's one query, not in a query per initiative.
    def add_members(count):
        members = Measure.objects.get(slug="members")
        source = Figure.objects.filter(measure=members).first().source
        for number in range(count):
            initiative = make_initiative(f"sized-{count}-{number}", country=Place.objects.get(slug="denmark"))
            Figure.objects.create(initiative=initiative, measure=members, value=number, source=source)

    url = "/initiatives/?sort=size:members"
    add_members(2)
    with django_assert_num_queries(len_queries := queries_for(client, url)):
        client.get(url)
    add_members(30)
    with django_assert_num_queries(len_queries):
        response = client.get(url)
    assert "Members: 29" in response.content.decode()


def test_pages_keep_the_filters(client, db):
    denmark = make_place()
    for number in range(25):
        make_initiative(slug=f"extra-{number:02}", era=Initiative.Era.NEW, country=denmark)
    first = client.get("/initiatives/?era=new")
    assert first.context["paginator"].num_pages == 2
    assert 'href="/initiatives/?era=new&amp;page=2"' in first.content.decode()
    second = client.get("/initiatives/?era=new&page=2")
    assert all(i.era == "new" for i in second.context["initiatives"])


def export_rows(client, query, fmt):
    response = client.get(f"/initiatives.{fmt}{query}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body)))
    return json.loads(body)["initiatives"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("query", ["", "?era=new", "?organisation=danish-red-cross&has_funding=true", "?q=mentor"])
def test_exports_hold_exactly_the_filtered_rows(client, fmt, query):
    shown = client.get("/initiatives/" + query).context["paginator"].object_list
    rows = export_rows(client, query, fmt)
    assert [row["slug"] for row in rows] == [initiative.slug for initiative in shown]


def test_exports_hold_every_page_not_only_the_first(client, db):
    denmark = make_place()
    for number in range(45):
        make_initiative(slug=f"extra-{number:02}", country=denmark)
    assert len(export_rows(client, "", "csv")) == Initiative.objects.count() == 65
    assert len(export_rows(client, "", "json")) == 65


def test_export_columns_are_stable(client):
    row = export_rows(client, "?place=vesterbro", "csv")[0]
    assert row["slug"] == "cafe-venligbo"
    assert row["parent"] == "venligboerne"
    assert row["places"] == "vesterbro"
    assert row["era"] == "new"


def test_the_page_links_to_downloads_of_what_it_shows(client):
    body = client.get("/initiatives/?era=new").content.decode()
    assert 'href="/initiatives.csv?era=new"' in body
    assert 'href="/initiatives.json?era=new"' in body


@pytest.mark.parametrize(
    "query",
    [
        "?theme=no-such-theme",
        "?page=abc",
        "?page=999",
        "?started_from=99999999999999999999",
        "?started_to=-5",
        "?q=%00",
        "?era=%00",
        "?q=" + "x" * 50_000,
        "?sort=sideways",
        "?sort=size",
        "?sort=size:stores",
        "?sort=size:no-such-measure",
        "?has_funding=maybe",
        "?place=" + "9" * 30,
    ],
)
def test_bad_input_gets_a_clear_answer_not_a_server_error(client, query):
    response = client.get("/initiatives/" + query, follow=True)
    assert response.status_code == 400
    assert "could not be used" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_refuse_bad_filters_instead_of_exporting_everything(client, fmt):
    response = client.get(f"/initiatives.{fmt}?theme=no-such-theme")
    assert response.status_code == 400
    assert "theme" in response.content.decode()


def test_unknown_export_format_is_refused(client):
    assert client.get("/initiatives/?format=xml").status_code == 400


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, db):
    make_initiative(slug="formula", summary="=HYPERLINK(1)", country=make_place())
    row = next(row for row in export_rows(client, "", "csv") if row["slug"] == "formula")
    assert row["summary"] == "'=HYPERLINK(1)"
    json_row = next(row for row in export_rows(client, "", "json") if row["slug"] == "formula")
    assert json_row["summary"] == "=HYPERLINK(1)"


@pytest.mark.parametrize("sort", ["", "&sort=start_year", "&sort=-start_year"])
def test_initiatives_of_one_name_and_year_are_each_on_exactly_one_page(client, sort):
    country = make_place("testland", name="Testland")
    for k in range(25):
        make_initiative(f"same-{k:02}", name="Same", start_year=2000, country=country)
    pages = [
        slugs_on_page(client.get(f"/initiatives/?country=testland&page={page}{sort}", follow=True)) for page in (1, 2)
    ]
    assert sorted(pages[0] + pages[1]) == [f"same-{k:02}" for k in range(25)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=football",
        "?q=mentor&era=long_established",
        "?started_to=2012",
        "?theme=not-stated",
        "?era=new&era=long_established",
    ],
)
def test_the_total_the_list_states_is_how_many_its_filters_select(client, query):
    context = client.get("/initiatives/" + query, follow=True).context
    assert context["paginator"].count == context["filterset"].qs.count() > 0
