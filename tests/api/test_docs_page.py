"""The data API's page: rendered by the server from the same document, every operation with its parameters and
answers, in English and in Danish."""

from html.parser import HTMLParser

import pytest

from tests.api.openapi import DOCUMENT, operations, resolved

pytestmark = pytest.mark.django_db


class Operations(HTMLParser):
    """{operation id: {"address", "parameters", "statuses"}} from the page's sections, and the enum values shown."""

    KINDS = {"api-path": "address", "api-parameter": "parameters", "api-status": "statuses"}

    def __init__(self):
        super().__init__()
        self.found, self.current, self.reading, self.text = {}, None, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2" and attrs.get("id") in ids:
            self.current = attrs["id"]
            self.found[self.current] = {"address": "", "parameters": [], "statuses": []}
        elif tag == "code" and self.current and attrs.get("class") in self.KINDS:
            self.reading, self.text = self.KINDS[attrs["class"]], ""

    def handle_data(self, data):
        if self.reading:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "code" and self.reading:
            entry = self.found[self.current]
            if self.reading == "address":
                entry["address"] = self.text
            else:
                entry[self.reading].append(self.text)
            self.reading = None


ids = {operation["operationId"] for _, _, operation in operations()}


def sections(html):
    parser = Operations()
    parser.feed(html)
    return parser.found


@pytest.fixture
def page(client):
    response = client.get("/api/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_every_operation_with_its_parameters_and_answers(page):
    shown = sections(page)
    expected = {
        operation["operationId"]: {
            "address": f"{method.upper()} {path}",
            "parameters": [resolved(parameter)["name"] for parameter in operation.get("parameters", [])],
            "statuses": list(operation["responses"]),
        }
        for path, method, operation in operations()
    }
    assert shown == expected


def test_the_page_shows_each_filters_values_and_the_shape_of_each_answer(page):
    assert "<code>&quot;long_established&quot;</code>" in page
    assert "<code>&quot;-start_year&quot;</code>" in page
    for name in DOCUMENT["components"]["schemas"]:
        assert f'id="schema-{name.lower()}"' in page
    assert 'href="#schema-initiativelist"' in page
    assert 'href="/api/openapi.json"' in page


def test_the_page_speaks_danish(client):
    html = client.get("/api/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="da">' in html
    for danish in [">Parametre<", ">Svar<", ">Svarenes form<", ">Eksempel<", "liste af <", ": en af <"]:
        assert danish in html
    for english in [">Parameters<", ">Answers<", ">Shapes of the answers<", ">Example<", "list of <", ": one of <"]:
        assert english not in html
    assert sections(html).keys() == ids
