"""The comparison charts as a browser draws them: coloured by the site's stylesheet under its Content Security
Policy, each era's marks in the colour of that era's key on the page."""

from tests.browser.test_pages import open_page

COLOUR = "([selector, property]) => getComputedStyle(document.querySelector(selector))[property]"


def test_the_charts_take_their_colours_from_the_stylesheet_without_breaking_the_csp(page, site, catalogue):
    refused = []
    page.on("console", lambda message: message.type == "error" and refused.append(message.text))
    open_page(page, site.url + "/compare/")
    assert not refused, refused

    def colour(selector, property="fill"):
        return page.evaluate(COLOUR, [selector, property])

    black = "rgb(0, 0, 0)"
    # The bars in the brand's colour, that of the site header; the bars' labels muted like the page's notes.
    assert colour("#chart-funding svg .bar") == colour(".site-header", "backgroundColor") != black
    assert colour("#chart-funding svg text.label") == colour(".meta", "color") != colour("#chart-funding svg text")
    for era in ("long_established", "new"):
        key = colour(f".era-key-{era}", "backgroundColor")
        assert key != black
        assert colour(f"#chart-launches svg .mark.era-{era}") == key, era
    assert colour("#chart-launches svg .guide", "strokeDasharray") == "3px, 3px"
