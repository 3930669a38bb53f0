"""Every kind of page, as a browser renders it: no WCAG 2.1 A or AA violation, valid HTML, its stylesheets
served, and no sideways scrolling on a phone."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.browser.checks import axe_violations, sideways_scroll
from tests.compare.dom import VOID

PAGES = {
    "home": "/",
    "initiatives-filtered": "/initiatives/?q=mentor&era=long_established",
    "initiatives-by-size": "/initiatives/?sort=size%3Amembers",
    "facet-options": "/initiatives/facets/place/?era=new",
    "initiative": "/initiatives/venligboerne/",
    "organisations": "/organisations/",
    "organisation": "/organisations/danish-red-cross/",
    "themes": "/themes/",
    "theme": "/themes/mentoring/",
    "beneficiary-groups": "/beneficiaries/",
    "beneficiary-group": "/beneficiaries/unaccompanied-or-separated-children/",
    "places": "/places/",
    "place": "/places/denmark/",
    "sources": "/sources/",
    "source": "/sources/ewsi-denmark/",
    "compare-eras": "/compare/",
    "compare-grid": "/compare/?i=venligboerne&i=kvinfo-mentor-network&i=get2sport",
    "api-docs": "/api/",
}
ADMIN_PAGES = {
    "admin-login": None,
    "admin-changelist": "admin:initiatives_initiative_changelist",
    "admin-change-form": "admin:initiatives_initiative_change",
}

# Django's own admin markup, which the catalogue does not write and cannot change without copying Django's
# templates. Exactly these elements, and only on the admin pages; the same fault anywhere else is reported.
# Autocomplete fields are Django's vendored Select2 4.0, which it puts right after the field's own <select>.
AUTOCOMPLETE = "select.admin-autocomplete + .select2-container"
ADMIN_A11Y_NOT_OURS = [
    # Select2 names neither its combobox (when empty) nor its search box, and puts the box straight inside a <ul>.
    ("aria-input-field-name", f"{AUTOCOMPLETE} .select2-selection[role=combobox]"),
    ("aria-input-field-name", f"{AUTOCOMPLETE} .select2-selection__rendered[role=textbox]"),
    ("label", f"{AUTOCOMPLETE} input.select2-search__field"),
    ("list", f"{AUTOCOMPLETE} ul.select2-selection__rendered"),
]


def autocomplete_option(elements, first=False):
    """Whether the innermost of `elements` is an <option> of an AutocompleteSelect (the first one, if `first`)."""
    *outer, (tag, _attrs, index) = elements
    if tag != "option" or not outer:
        return False
    select, attrs, _index = outer[-1]
    return select == "select" and "admin-autocomplete" in attrs.get("class", "").split() and (not first or index == 0)


ADMIN_HTML_ERRORS_NOT_OURS = [
    # Django's AutocompleteSelect renders an empty <option> for Select2 to fill in ...
    ("Element “option” without attribute “label” must not be empty.", autocomplete_option),
    # ... and a required one with only its chosen <option>, which the checker takes for a missing placeholder.
    (
        "The first “option” element in a “select” element with a “required” attribute",
        lambda elements: autocomplete_option(elements, first=True),
    ),
]


class Located(HTMLParser):
    """Where each tag of a page ends in its source, as (line, column of its last character), with the elements
    it is in, innermost last, each as (tag, attributes, how many elements its parent held before it)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.open, self.counts, self.tags = [], [0], {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), self.counts[-1])
        self.counts[-1] += 1
        self.tags[self._end(self.get_starttag_text())] = [*self.open, element]
        if tag not in VOID:
            self.open.append(element)
            self.counts.append(0)

    def handle_endtag(self, tag):
        self.tags[self._end(f"</{tag}>")] = list(self.open)
        if any(name == tag for name, _attrs, _index in self.open):
            while self.open.pop()[0] != tag:
                self.counts.pop()
            self.counts.pop()

    def _end(self, text):
        line, column = self.getpos()
        *above, last = text.split("\n")
        return line + len(above), (0 if above else column) + len(last)


def admin_html_errors(html_checker, html):
    """The checker's errors on an admin page, one line each, but those ADMIN_HTML_ERRORS_NOT_OURS names on the
    exact elements they are for."""
    located = Located(html)
    return [
        f"line {message.get('lastLine')}: {message['message']} — {message.get('extract', '').strip()!r}"
        for message in html_checker.messages(html)
        if message["type"] == "error"
        and not any(
            message["message"].startswith(start)
            and is_theirs(located.tags.get((message.get("lastLine"), message.get("lastColumn")), [("", {}, 0)]))
            for start, is_theirs in ADMIN_HTML_ERRORS_NOT_OURS
        )
    ]


def open_page(page, url):
    """Go to `url`; the HTML the server sent, once every file the page asks for has been served."""
    failed = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on(  # Chromium asks every site for /favicon.ico, which the catalogue does not have
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and failed.append(f"{response.url} ({response.status})")
        ),
    )
    response = page.goto(url, wait_until="load")
    assert response.status == 200, f"{url} answered {response.status}"
    assert not failed, f"Files {url} asks for were not served: {failed}"
    sheets = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.sheet ? l.sheet.cssRules.length : 0)"
    )
    assert sheets and all(sheets), f"A stylesheet of {url} did not load: {sheets} rules"
    return response.text()


def admin_url(name):
    if name is None:
        return reverse("admin:login")
    if name.endswith("_change"):
        return reverse(name, args=[Initiative.objects.get(slug="venligboerne").pk])
    return reverse(name)


def test_the_site_stylesheet_is_served_by_whitenoise_and_applied(page, site, catalogue):
    open_page(page, site.url + "/")
    sheet = page.evaluate("document.querySelector('link[rel=stylesheet]').getAttribute('href')")
    assert sheet.startswith("/static/css/site.") and sheet.endswith(".css") and sheet != "/static/css/site.css"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(23, 65, 79)"
    )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_meets_wcag_21_aa_is_valid_html_and_fits_a_phone(page, site, catalogue, html_checker, path):
    html = open_page(page, site.url + path)
    problems = {"axe": axe_violations(page), "vnu": html_checker.errors(html), "sideways": sideways_scroll(page)}
    assert problems == {"axe": [], "vnu": [], "sideways": 0}


def test_an_old_version_of_a_record_meets_wcag_21_aa_and_is_valid_html(page, site, catalogue, html_checker):
    # The browser's catalogue is loaded without history: one save gives the record its first version.
    Initiative.objects.get(slug="venligboerne").save()

    html = open_page(page, site.url + "/initiatives/venligboerne/?version=1")

    assert "You are viewing version 1 of 1" in html
    problems = {"axe": axe_violations(page), "vnu": html_checker.errors(html), "sideways": sideways_scroll(page)}
    assert problems == {"axe": [], "vnu": [], "sideways": 0}


@pytest.mark.parametrize("name", ADMIN_PAGES.values(), ids=ADMIN_PAGES.keys())
def test_admin_page_meets_wcag_21_aa_is_valid_html_and_fits_a_phone(page, admin_page, site, html_checker, name):
    if name is None:  # the login page, as someone not logged in sees it
        page.context.clear_cookies()
    html = open_page(page, site.url + admin_url(name))
    problems = {
        "axe": axe_violations(page, not_ours=ADMIN_A11Y_NOT_OURS),
        "vnu": admin_html_errors(html_checker, html),
        "sideways": sideways_scroll(page),
    }
    assert problems == {"axe": [], "vnu": [], "sideways": 0}


def test_the_comparison_grid_scrolls_inside_its_own_box_on_a_phone(page, site, catalogue):
    open_page(page, site.url + PAGES["compare-grid"])
    assert sideways_scroll(page) == 0
    box = page.evaluate(
        "(() => { const box = document.querySelector('.grid-scroll');"
        " return {scroll: box.scrollWidth, client: box.clientWidth, overflow: getComputedStyle(box).overflowX}; })()"
    )
    assert box["scroll"] > box["client"] and box["overflow"] == "auto", box
