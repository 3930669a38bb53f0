"""The facets beside the list: what each count means, the top options, and the page of all of a facet's options."""

import pytest

from initiatives.models import Initiative, Place, Theme
from tests.compare.dom import parse
from tests.conftest import grow, make_initiative, make_organisation, make_place

pytestmark = pytest.mark.django_db


def counts(response):
    return {
        (facet.name, option.value): option.count for facet in response.context["facets"] for option in facet.options
    }


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


@pytest.fixture
def small_catalogue():
    """Four initiatives whose counts can be worked out by hand:
    A sport, new, in Vesterbro and Copenhagen, led and partnered by Red; B education, in Aarhus, led by Blue and
    partnered by Red; C sport and education, new, nowhere, no lead; D no theme, active, in Denmark.
    All but D welcome newcomers; A alone plays football."""
    denmark = make_place("denmark", name="Denmark")
    copenhagen = make_place("copenhagen", name="Copenhagen", kind=Place.Kind.CITY, parent=denmark)
    vesterbro = make_place("vesterbro", name="Vesterbro", kind=Place.Kind.DISTRICT, parent=copenhagen)
    aarhus = make_place("aarhus", name="Aarhus", kind=Place.Kind.CITY, parent=denmark)
    sport, education = (
        Theme.objects.create(slug="sport", name="Sport"),
        Theme.objects.create(slug="education", name="Education"),
    )
    red, blue = make_organisation("red", name="Red"), make_organisation("blue", name="Blue")
    a = make_initiative("a", era="new", lead_organisation=red, country=denmark, summary="Football for newcomers.")
    a.themes.add(sport), a.places.add(vesterbro, copenhagen), a.partners.add(red)
    b = make_initiative("b", lead_organisation=blue, country=denmark, summary="Language for newcomers.")
    b.themes.add(education), b.places.add(aarhus), b.partners.add(red)
    make_initiative("c", era="new", country=denmark, summary="Newcomers meet.").themes.add(sport, education)
    make_initiative("d", status=Initiative.Status.ACTIVE, country=denmark).places.add(denmark)


# The counts over A, B and C.
ABC = {
    ("theme", "sport"): 2,
    ("theme", "education"): 2,
    ("theme", "not-stated"): None,
    ("place", "denmark"): 2,
    ("place", "copenhagen"): 1,
    ("place", "aarhus"): 1,
    ("organisation", "red"): 2,
    ("organisation", "blue"): 1,
    ("era", "new"): 2,
    ("era", "long_established"): 1,
}


@pytest.mark.usefixtures("small_catalogue")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Nothing chosen: how many have the option. A counts once for Copenhagen and once for Denmark though it is
        # active in Vesterbro and Copenhagen, and once for Red, which leads and partners it.
        (
            "",
            {
                ("theme", "sport"): 2,
                ("theme", "education"): 2,
                ("theme", "not-stated"): 1,
                ("place", "denmark"): 3,
                ("place", "copenhagen"): 1,
                ("place", "vesterbro"): 1,
                ("place", "aarhus"): 1,
                ("organisation", "red"): 2,
                ("organisation", "blue"): 1,
                ("era", "new"): 2,
                ("era", "long_established"): 2,
                ("status", "active"): 1,
                ("status", "not-stated"): 3,
                ("has_award", "false"): 4,
            },
        ),
        # The only chosen value: a click removes it, giving every initiative; another one widens the list.
        ("?theme=sport", {("theme", "sport"): 4, ("theme", "education"): 3, ("theme", "not-stated"): 3}),
        # Two chosen values: a click on one leaves the other.
        (
            "?theme=education&theme=sport",
            {("theme", "sport"): 2, ("theme", "education"): 2, ("theme", "not-stated"): 4},
        ),
        (
            "?place=copenhagen&place=denmark",
            {("place", "copenhagen"): 3, ("place", "denmark"): 1, ("place", "vesterbro"): 3, ("place", "aarhus"): 3},
        ),
        # Other facets narrow: under sport, Red has A only, and every initiative with sport is new.
        ("?theme=sport", {("organisation", "red"): 1, ("era", "new"): 2}),
        ("?era=new", {("era", "new"): 4, ("era", "long_established"): 4, ("theme", "education"): 1}),
        # Filters that keep more than half of the catalogue (A, B and C): each facet with no chosen value counts the
        # initiatives they leave out (D), taken off the counts of all four; an option only D has is left out.
        *(
            (query, {**ABC, **more})
            for query, more in [
                ("?status=not-stated", {("status", "active"): 4, ("status", "not-stated"): 4}),
                ("?q=newcomers", {("status", "active"): None, ("status", "not-stated"): 3}),
            ]
        ),
        # Filters that keep fewer: each facet counts the initiatives they keep.
        (
            "?q=football",
            {("theme", "sport"): 1, ("theme", "education"): None, ("place", "aarhus"): None, ("era", "new"): 1},
        ),
        # A yes/no facet holds one value: a click on the other replaces it.
        (
            "?status=active&has_award=false",
            {("has_award", "false"): 1, ("status", "active"): 4, ("status", "not-stated"): 4},
        ),
    ],
)
def test_each_count_is_what_the_list_shows_after_that_click(client, query, expected):
    shown = counts(get(client, "/initiatives/" + query))
    assert {key: shown.get(key) for key in expected} == expected
    for facet in get(client, "/initiatives/" + query).context["facets"]:
        for option in facet.options:
            clicked = get(client, "/initiatives/" + option.url).context
            # The list's own filters, counted apart from the facets, and the total the page states.
            assert clicked["filterset"].qs.count() == clicked["paginator"].count == option.count


@pytest.mark.usefixtures("small_catalogue")
def test_options_nothing_would_be_found_with_are_left_out_unless_chosen(client):
    shown = counts(get(client, "/initiatives/?theme=sport"))
    assert ("era", "long_established") not in shown
    assert ("has_award", "true") not in shown
    assert counts(get(client, "/initiatives/?theme=sport&era=long_established"))[("era", "long_established")] == 2


def test_a_draft_partner_is_no_option_and_counts_in_no_total(client):
    for k in range(12):
        make_initiative(f"led-{k:02}", lead_organisation=make_organisation(f"lead-{k:02}"))
    make_initiative("partnered").partners.add(make_organisation("secret", name="Secret", published=False))
    organisation = next(f for f in get(client, "/initiatives/").context["facets"] if f.name == "organisation")
    assert "secret" not in {option.value for option in organisation.options}
    assert organisation.total == 12
    page = get(client, "/initiatives/facets/organisation/")
    assert [option.value for option in page.context["page_obj"]] == [f"lead-{k:02}" for k in range(12)]


@pytest.fixture
def fourteen_themes():
    """Initiative j (1 to 13) has the themes 01 to j: theme k has 14 - k initiatives. Aardvark has 4, as theme 10."""
    themes = [Theme.objects.create(slug=f"theme-{k:02}", name=f"Theme {k:02}") for k in range(1, 14)]
    aardvark = Theme.objects.create(slug="aardvark", name="Aardvark")
    for j in range(1, 14):
        initiative = make_initiative(f"initiative-{j:02}")
        initiative.themes.set(themes[:j] + ([aardvark] if j <= 4 else []))


def theme_section(response):
    page = parse(response.content)
    return next(s for s in page.find_all("section", class_="facet") if s.find("h3").text() == "Theme")


@pytest.mark.usefixtures("fourteen_themes")
def test_a_facet_shows_its_ten_top_options_ties_by_name_and_links_to_all_of_them(client):
    section = theme_section(get(client, "/initiatives/"))
    items = [(li.find("a").text(), li.find("span", class_="count").text()) for li in section.find_all("li")]
    assert items == [(f"Theme {k:02}", str(14 - k)) for k in range(1, 10)] + [("Aardvark", "4")]
    more = section.find("p", class_="facet-more").find("a")
    assert more.text() == "all 14 options"
    assert more.attrs["href"] == "/initiatives/facets/theme/"


@pytest.mark.usefixtures("fourteen_themes")
def test_chosen_options_are_shown_beside_the_top_ten_and_the_link_keeps_the_filters(client):
    response = get(client, "/initiatives/?theme=theme-12&theme=theme-13&i=initiative-01")
    theme = next(facet for facet in response.context["facets"] if facet.name == "theme")
    assert [option.value for option in theme.shown[-3:]] == ["theme-09", "theme-13", "theme-12"]
    assert [option.count for option in theme.shown[-2:]] == [2, 1]  # |theme 12| = 2, |theme 13| = 1
    assert len(theme_section(response).find_all("li")) == 12
    more = theme_section(response).find("p", class_="facet-more").find("a")
    assert more.attrs["href"] == "/initiatives/facets/theme/?theme=theme-12&theme=theme-13&i=initiative-01"


def test_a_facet_with_few_options_has_no_link_to_all(client):
    make_initiative("alone")
    page = parse(get(client, "/initiatives/").content)
    assert page.find("p", class_="facet-more") is None


@pytest.mark.usefixtures("fourteen_themes")
def test_the_page_of_all_options_shows_each_with_its_count_and_link_highest_first(client):
    listed = next(f for f in get(client, "/initiatives/?era=long_established").context["facets"] if f.name == "theme")
    response = get(client, "/initiatives/facets/theme/?era=long_established")
    every = [(o.value, o.count) for o in response.context["page_obj"]]
    assert every[:10] == [(o.value, o.count) for o in listed.shown]
    assert len(every) == listed.total == 14
    links = [a.attrs["href"] for a in parse(response.content).find("section", class_="facet-options").find_all("a")]
    assert links[0] == "/initiatives/?theme=theme-01&era=long_established"
    assert "Theme: 14 options" in response.content.decode()


@pytest.fixture
def many_themes():
    """105 themes on one long-established initiative; a new one has three of them."""
    themes = [Theme.objects.create(slug=f"theme-{k:03}", name=f"Theme {k:03}") for k in range(105)]
    make_initiative("long").themes.set(themes)
    make_initiative("new", era="new").themes.set(themes[50:53])


@pytest.mark.usefixtures("many_themes")
def test_the_page_of_all_options_has_pages_of_a_hundred_that_keep_the_filters(client):
    first = get(client, "/initiatives/facets/theme/?era=long_established")
    assert [o.value for o in first.context["page_obj"]] == [f"theme-{k:03}" for k in range(100)]
    body = first.content.decode()
    assert 'href="/initiatives/facets/theme/?era=long_established&amp;page=2"' in body
    second = get(client, "/initiatives/facets/theme/?era=long_established&page=2")
    assert [o.value for o in second.context["page_obj"]] == [f"theme-{k:03}" for k in range(100, 105)]
    assert 'href="/initiatives/facets/theme/?era=long_established"' in second.content.decode()

    everything = get(client, "/initiatives/facets/theme/").context["page_obj"]
    assert [(o.value, o.count) for o in everything][:4] == [
        ("theme-050", 2),
        ("theme-051", 2),
        ("theme-052", 2),
        ("theme-000", 1),
    ]
    newer = get(client, "/initiatives/facets/theme/?era=new")
    assert [o.value for o in newer.context["page_obj"]] == ["theme-050", "theme-051", "theme-052"]
    assert not newer.context["page_obj"].has_other_pages()


@pytest.mark.parametrize("name", ["colour", "q", "sort", "page"])
def test_the_page_of_all_options_of_no_such_facet_is_not_found(client, name):
    assert client.get(f"/initiatives/facets/{name}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ("?theme=no-such-theme", "theme"),
        ("?started_from=abc", "started_from"),
        ("?page=99", "page"),
        ("?page=x", "page"),
    ],
)
def test_the_page_of_all_options_refuses_bad_filters_as_the_list_does(client, query, refused):
    make_initiative("alone")
    response = get(client, "/initiatives/facets/era/" + query, status=400)
    notice = parse(response.content).find("div", class_="notice-error")
    assert "could not be used" in notice.text()
    assert [strong.text() for strong in notice.find_all("strong")] == [refused]


def test_the_page_of_all_options_has_one_canonical_address(client):
    response = client.get("/initiatives/facets/theme/?q=&era=new&theme=b&theme=a&era=new")
    assert response.status_code == 302
    assert response["Location"] == "/initiatives/facets/theme/?theme=a&theme=b&era=new"


# Every page: one query for the footer's reports, one per record filter to check the values given. The page of one
# facet's options: one for its choices (none for a fixed set) and one for its counts. The list: its total, its page,
# four for what each initiative shows, and 13 for the facets (one for each facet's counts, one for each kind of
# record among the choices, places serving both places and countries).
PAGES = [
    ("/initiatives/facets/organisation/", 3),
    ("/initiatives/facets/place/?era=new", 3),
    ("/initiatives/facets/theme/?theme=mentoring&place=copenhagen", 5),
    ("/initiatives/facets/has_funding/?has_funding=true", 2),
    ("/initiatives/", 13),
    ("/initiatives/?theme=mentoring&theme=theme-1&place=copenhagen&has_award=true", 18),
]


@pytest.mark.parametrize(("url", "queries"), PAGES)
def test_facets_take_as_many_queries_for_many_initiatives_as_for_few(
    client, world, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        get(client, url)
    for n in range(2, 6):
        grow(world, n)
    with django_assert_num_queries(queries):
        get(client, url)
