"""The checkers themselves: each catches the fault it is there for, so their silence on the pages means something."""

import pytest

from tests.browser.checks import KeyboardProblem, axe_violations, press_tab, sideways_scroll, tab_round

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A test page</title></head>
<body><main><h1>A test page</h1>{}</main></body></html>"""


def test_axe_reports_an_image_without_alt_text(page):
    page.set_content(PAGE.format('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">'))
    violations = axe_violations(page)
    assert len(violations) == 1 and violations[0].startswith("image-alt (critical)")


def test_axe_passes_the_same_image_with_alt_text(page):
    page.set_content(PAGE.format('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">'))
    assert axe_violations(page) == []


def test_axe_leaves_out_only_what_it_is_told_is_not_ours(page):
    page.set_content(
        PAGE.format('<div class="widget"><input id="a"></div><input id="b"><div class="widget"><img src="x.gif"></div>')
    )
    violations = axe_violations(page, not_ours=[("label", ".widget")])
    assert sorted(line.split(" ")[0] for line in violations) == ["image-alt", "label"]
    assert any(line.startswith("label") and "#b" in line for line in violations)


def test_the_html_checker_reports_an_unclosed_element(html_checker):
    errors = html_checker.errors(PAGE.format("<div><p>Never closed</span>"))
    assert any("Unclosed element “div”" in error for error in errors), errors
    assert html_checker.errors(PAGE.format("<div><p>Closed</p></div>")) == []


def test_the_html_checker_reports_an_invalid_element(html_checker):
    errors = html_checker.errors(PAGE.format("<ul><div>Not a list item</div></ul>"))
    assert any("Element “div” not allowed as child of element “ul”" in error for error in errors), errors


def test_the_html_checker_leaves_out_only_the_messages_it_is_told_to(html_checker):
    html = PAGE.format("<ul><div>Not a list item</div></ul><p>Never closed</span>")
    assert len(html_checker.errors(html, ignore=["Element “div” not allowed"])) == len(html_checker.errors(html)) - 1


def test_the_tab_round_fails_on_a_focus_trap(page):
    trap = (
        '<a href="#one">One</a> <input id="trap" aria-label="Trap"> <a href="#two">Two</a>'
        "<script>trap.addEventListener('keydown', event => { if (event.key === 'Tab') event.preventDefault(); });</script>"
    )
    page.set_content(PAGE.format(trap))
    with pytest.raises(KeyboardProblem, match="focus is trapped"):
        tab_round(page)


def test_the_tab_round_fails_on_a_trap_that_refocuses(page):
    trap = (
        '<a href="#one">One</a> <button id="trap">Trap</button> <a href="#two">Two</a>'
        "<script>trap.addEventListener('blur', () => trap.focus());</script>"
    )
    page.set_content(PAGE.format(trap))
    with pytest.raises(KeyboardProblem, match="focus is trapped"):
        tab_round(page)


def test_the_tab_round_passes_a_page_without_a_trap(page):
    page.set_content(PAGE.format('<a href="#one">One</a> <input aria-label="Free"> <a href="#two">Two</a>'))
    assert [element["name"].split("> ")[1] for element in tab_round(page)] == ["One", "Free", "Two"]


def test_a_focus_that_does_not_show_fails(page):
    page.set_content(PAGE.format('<style>a:focus { outline: none; }</style><a href="#one">Hidden focus</a>'))
    with pytest.raises(KeyboardProblem, match="focus does not show"):
        press_tab(page)


def test_a_page_wider_than_a_phone_scrolls_sideways(page):
    page.set_content(PAGE.format('<p style="width: 500px">Too wide</p>'))
    assert sideways_scroll(page) > 100


def test_a_wide_box_that_scrolls_itself_keeps_the_page_still(page):
    page.set_content(PAGE.format('<div style="overflow-x: auto"><p style="width: 500px">Wide inside</p></div>'))
    assert sideways_scroll(page) == 0
