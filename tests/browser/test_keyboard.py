"""The catalogue with the keyboard alone: Tab, Enter, Space and typing; the focus shows at every step."""

import csv
import re

import pytest

from tests.browser.checks import focused, press_tab, tab_round, tab_to
from tests.browser.test_pages import PAGES, open_page


def test_search_filter_unfilter_and_open_an_initiative(page, site, catalogue):
    open_page(page, site.url + "/initiatives/")

    tab_to(page, "#id_q")
    page.keyboard.type("mentor")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/initiatives/?q=mentor")
    searched = page.locator("#results-title").inner_text()

    tab_to(page, ".facet a[href*='era=long_established']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "era=long_established" in page.url
    tab_to(page, ".facet a[href*='theme=']:not(.selected)")
    theme = re.search(r"theme=([\w-]+)", page.evaluate("document.activeElement.href"))[1]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"theme={theme}" in page.url and "era=long_established" in page.url and "q=mentor" in page.url
    assert len(page.locator(".active-filters li").all()) == 4  # the search, the era, the theme, and "Clear all"

    for _ in range(2):  # each chosen option, ticked in its facet, is the link that removes it
        tab_to(page, ".facet a.selected")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.url.endswith("/initiatives/?q=mentor")
    assert page.locator("#results-title").inner_text() == searched

    tab_to(page, "a.record-name")
    name = page.evaluate("document.activeElement.textContent").strip()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/initiatives/[\w-]+/$", page.url)
    assert page.locator("h1").inner_text().strip() == name


def test_compare_three_initiatives_and_download_the_grid(page, site, catalogue):
    open_page(page, site.url + "/initiatives/")
    names = []
    for _ in range(3):
        tab_to(page, ".compare-pick input:not(:checked)")
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        names.append(page.evaluate("document.activeElement.closest('li').querySelector('.record-name').textContent"))

    tab_to(page, ".compare-buttons button:not([formaction])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.count("i=") == 3
    assert page.locator(".compare-grid thead th a").all_inner_texts() == names

    tab_to(page, ".compare-actions a[href*='compare.csv']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "comparison.csv"
    with open(download.value.path(), newline="", encoding="utf-8") as grid:
        header = next(csv.reader(grid))
    assert header == ["Initiative", *names]


def test_the_first_tab_reaches_a_skip_link_to_the_content(page, site, catalogue):
    for path in ["/", PAGES["initiatives-filtered"], PAGES["compare-grid"]]:
        open_page(page, site.url + path)
        first = press_tab(page)
        assert first["name"].startswith("<a class=skip-link>"), path
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#content"
        box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert box["top"] >= 0 and box["height"] > 0, f"The focused skip link is off the screen of {path}: {box}"

        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content", path
        press_tab(page)
        assert page.evaluate("document.activeElement.closest('main')?.id") == "content", path


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_tab_goes_round_the_whole_page_with_the_focus_always_showing(page, site, catalogue, path):
    open_page(page, site.url + path)
    visited = tab_round(page)
    assert visited[0]["name"].startswith("<a class=skip-link>")
    assert len(visited) > 10
    assert focused(page) is None or focused(page)["id"] == visited[0]["id"]
