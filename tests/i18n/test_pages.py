"""Every kind of page in Danish: the interface translated, the records exactly as the report writes them."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from tests.i18n.texts import left_in_english, record_pieces

# One page of every kind, with Danish words its interface must show and record text it must keep as it is.
PAGES = {
    "home": ("/", ["Initiativer", "Organisationer", "I tal", "Efter tema"], ["Venligboerne"]),
    "list": (
        "/initiatives/",
        ["Søg i initiativer", "Indsnævr", "Sortér efter", "langvarige", "nye", "ikke oplyst"],
        ["Venligboerne", "Dansk Ungdoms Fællesråd"],
    ),
    "filtered list": ("/initiatives/?theme=sport&era=new", ["Aktive filtre", "Ryd alle", "Type"], ["Sport"]),
    "initiative": (
        "/initiatives/venligboerne/",
        ["Ansvarlig organisation", "Temaer", "Målgrupper", "Hvor stammer data fra?", "nye"],
        ["Venligboerne"],
    ),
    "organisation": (
        "/organisations/duf/",
        ["Initiativer, den leder", "Art", "Hvor stammer data fra?"],
        ["Dansk Ungdoms Fællesråd"],
    ),
    "organisations": ("/organisations/", ["Organisationer", "Navn", "Forkortelse"], ["Dansk Ungdoms Fællesråd"]),
    "theme": ("/themes/sport/", ["Temaer", "Filtrér, søg i og hent disse initiativer"], ["Sport"]),
    "themes": ("/themes/", ["Temaer", "initiativer"], ["Sport"]),
    "beneficiary group": ("/beneficiaries/refugees/", ["Målgrupper", "Aldre"], ["Refugees"]),
    "beneficiary groups": ("/beneficiaries/", ["Målgrupper", "år"], ["Refugees"]),
    "place": ("/places/copenhagen/", ["Steder", "Initiativer i Copenhagen"], ["Copenhagen"]),
    "places": ("/places/", ["Steder", "aktive her"], ["Copenhagen"]),
    "source": ("/sources/ewsi-denmark/", ["Kilder", "Afsnit", "Konklusioner"], ["Venligboerne"]),
    "sources": ("/sources/", ["Kilder", "afsnit"], ["Analysis"]),
    "compare": (
        "/compare/",
        ["Langvarige og nye initiativer sammenlignet", "Sådan læses tallene", "Rapportens konklusioner"],
        ["Venligboerne"],
    ),
    "grid": (
        "/compare/?i=venligboerne&i=krydsfelt",
        ["initiativer side om side", "Ansvarlig organisation", "Flyt til højre"],
        ["Venligboerne", "Dansk Ungdoms Fællesråd"],
    ),
    "data API": ("/api/", ["Data-API", "Adresser", "Parametre", "Svarenes form"], ["/initiatives.csv"]),
    "not found": ("/initiatives/no-such-initiative/", ["Siden blev ikke fundet"], []),
}

# Further states of the pages: facts of every kind, messages, errors and empty results.
MORE_PAGES = {
    "initiative with funding": "/initiatives/get2sport/",
    "initiative with partners and an award": "/initiatives/dbu-get2footballschool/",
    "organisation that funds": "/organisations/integration-fund/",
    "organisation that gives awards": "/organisations/oecd/",
    "organisation whose initiatives won awards": "/organisations/kvinfo/",
    "report section": "/sources/ewsi-denmark-s3/",
    "cited web page": "/sources/myob/",
    "country": "/places/denmark/",
    "district": "/places/vesterbro/",
    "list with a value it does not know": "/initiatives/?era=ancient",
    "search without results": "/initiatives/?q=zzzzzz",
    "grid with an unknown initiative": "/compare/?i=venligboerne&i=no-such-initiative",
    "grid with one initiative": "/compare/?i=venligboerne",
    "grid of eight": "/compare/?"
    + "&".join(
        f"i={slug}"
        for slug in (
            "venligboerne",
            "cafe-venligbo",
            "kvinfo-mentor-network",
            "get2sport",
            "idraet-plus",
            "red-cross-stores",
            "dbu-get2footballschool",
            "mind-your-own-business",
        )
    ),
}

# What each page answers when it is not a 200: a record that does not exist, values the page cannot apply.
NOT_OK = {
    PAGES["not found"][0]: 404,
    MORE_PAGES["list with a value it does not know"]: 400,
    MORE_PAGES["grid with an unknown initiative"]: 400,
}

# Interface words of the menu, the footer and the list that must not be left in English on a Danish page.
ENGLISH = [
    ">Initiatives<",
    ">Organisations<",
    ">Themes<",
    ">Beneficiaries<",
    ">Places<",
    ">Compare<",
    ">Sources<",
    ">Data API<",
    "Skip to main content",
    "Integration initiatives catalogue",
    "Every record is transcribed from",
    "All sources",
    "may be reused under",
    "Where is this data from?",
    "not stated",
    "Narrow down",
    "Search initiatives",
    "Sort by",
    "Clear all",
    "Active filters",
    "Download",
]


@pytest.fixture
def records(denmark):
    return record_pieces()


def danish(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="da")


@pytest.mark.parametrize("url, words, kept", PAGES.values(), ids=PAGES.keys())
def test_every_page_answers_in_danish_and_keeps_the_records_as_written(client, denmark, url, words, kept):
    response = danish(client, url)

    assert response.status_code == NOT_OK.get(url, 200)
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert response["Content-Language"] == "da"
    for word in words:
        assert word in html, word
    for text in kept:
        assert text in html, text
    assert [word for word in ENGLISH if word in html] == []


# The data API page shows the OpenAPI document's own descriptions, which are written once, in English.
WORDED_BY_THE_API_DOCUMENT = {"data API"}
WORDED_BY_THE_INTERFACE = {name: url for name, (url, _, _) in PAGES.items() if name not in WORDED_BY_THE_API_DOCUMENT}


@pytest.mark.parametrize(
    "url", [*WORDED_BY_THE_INTERFACE.values(), *MORE_PAGES.values()], ids=[*WORDED_BY_THE_INTERFACE, *MORE_PAGES]
)
def test_no_text_of_a_danish_page_is_left_in_english_unless_it_is_record_data(client, records, url):
    english, danish_page = client.get(url, HTTP_ACCEPT_LANGUAGE="en"), danish(client, url)
    address = [text for pair in parse_qsl(urlsplit(url).query) for text in pair]

    assert english.status_code == danish_page.status_code == NOT_OK.get(url, 200)
    assert left_in_english(english.content.decode(), danish_page.content.decode(), records, address) == []


def test_english_is_the_language_without_a_choice_or_a_browser_preference(client, denmark):
    html = client.get("/initiatives/venligboerne/").content.decode()

    assert '<html lang="en">' in html
    assert "Lead organisation" in html and "Where is this data from?" in html


def test_the_switch_keeps_danish_for_the_next_pages_in_a_cookie(client, denmark, settings):
    response = client.post(reverse("set_language"), {"language": "da", "next": "/initiatives/?era=new"})

    assert response.status_code == 302
    assert response["Location"] == "/initiatives/?era=new"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"
    for url in ("/", "/organisations/duf/", "/compare/"):
        assert '<html lang="da">' in client.get(url).content.decode(), url


def test_the_switch_overrides_the_browser_language_and_switches_back(client, denmark):
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode()


def switch_form(html):
    return re.search(r'<form class="language-switch".*?</form>', html, re.S).group(0)


def test_the_switch_posts_the_current_address_with_its_query_string(client, denmark):
    url = "/initiatives/?theme=sport&era=new"
    form = switch_form(client.get(url).content.decode())

    assert f'action="{reverse("set_language")}" method="post"' in form
    assert '<input type="hidden" name="next" value="/initiatives/?theme=sport&amp;era=new">' in form
    assert 'name="csrfmiddlewaretoken"' in form


def test_the_switch_is_a_labelled_select_with_a_button_that_works_without_javascript(client, denmark):
    form = switch_form(client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode())

    assert '<label for="language-switch">Sprog</label>' in form
    assert '<select id="language-switch" name="language">' in form
    assert '<option value="da" lang="da" selected>Dansk</option>' in form
    assert '<option value="en" lang="en">English</option>' in form
    assert '<button type="submit">Skift sprog</button>' in form
    assert "<script" not in form


def test_addresses_carry_no_language_so_filter_links_are_the_same_in_both(client, denmark):
    url = "/initiatives/?theme=sport&era=new"

    english, danish_page = client.get(url), danish(client, url)

    assert english.status_code == danish_page.status_code == 200
    links = re.compile(r'href="(/initiatives/\?[^"]*)"')
    assert links.findall(english.content.decode()) == links.findall(danish_page.content.decode())


def test_danish_numbers_group_thousands_with_a_dot(client, denmark):
    html = danish(client, "/initiatives/venligboerne/").content.decode()

    assert re.search(r"\d\.\d{3}", html)
    assert not re.search(r">[^<]*\d,\d{3}[^<]*<", html)


def test_messages_written_by_the_views_are_danish_too(client, denmark):
    response = client.get("/compare.csv?i=venligboerne", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 400
    assert "Vælg mindst 2 initiativer" in response.content.decode()

    response = client.get("/initiatives.csv?era=ancient", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 400
    assert response.content.decode().startswith("Disse filtre kan ikke anvendes:")
