"""Every kind of page, as a browser renders it: no WCAG 2.1 A or AA violation, valid HTML, its stylesheets
served, and no sideways scrolling on a phone."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from tests.browser.checks import axe_violations, sideways_scroll

PAGES = {
    "home": "/",
    "initiatives-filtered": "/initiatives/?q=mentor&era=long_established",
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
}
ADMIN_PAGES = {
    "admin-login": None,
    "admin-changelist": "admin:initiatives_initiative_changelist",
    "admin-change-form": "admin:initiatives_initiative_change",
}

# Django's own admin markup, which the catalogue does not write and cannot change without copying Django's
# templates. Exactly these, and only on the admin pages:
ADMIN_A11Y_NOT_OURS = [
    # Autocomplete fields are Django's vendored Select2 4.0, whose widget names neither its combobox (when empty)
    # nor its search box, and puts its search box straight inside a <ul>.
    ("aria-input-field-name", ".select2-container"),
    ("label", ".select2-container"),
    ("list", ".select2-container"),
    ("select-name", ".tabular td"),
]
ADMIN_HTML_ERRORS_NOT_OURS = [
    # Django's AutocompleteSelect renders an empty <option> for Select2 to fill in ...
    "Element “option” without attribute “label” must not be empty.",
    # ... and a required one with only its chosen <option>, which the checker takes for a missing placeholder.
    "The first “option” element in a “select” element with a “required” attribute",
    # Django's fieldset template writes a <label> for a hidden field too: the version field of the edit forms.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
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


@pytest.mark.parametrize("name", ADMIN_PAGES.values(), ids=ADMIN_PAGES.keys())
def test_admin_page_meets_wcag_21_aa_is_valid_html_and_fits_a_phone(page, admin_page, site, html_checker, name):
    if name is None:  # the login page, as someone not logged in sees it
        page.context.clear_cookies()
    html = open_page(page, site.url + admin_url(name))
    problems = {
        "axe": axe_violations(page, not_ours=ADMIN_A11Y_NOT_OURS),
        "vnu": html_checker.errors(html, ignore=ADMIN_HTML_ERRORS_NOT_OURS),
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
