"""The data API's OpenAPI 3.1 document: valid, served as kept, and true of every answer it documents."""

import copy
import json
import re

import pytest
from django.urls import URLResolver, get_resolver
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from initiatives.api.schema import SCHEMA_FILE
from initiatives.models import Initiative, Theme
from tests.api.openapi import DOCUMENT, answer_errors, body_of, example_urls, operations, response_errors

EXAMPLES = [(path, method, url) for path, method, operation in operations() for url in example_urls(path, operation)]


def test_the_document_is_valid_openapi_3_1():
    assert DOCUMENT["openapi"].startswith("3.1.")
    validate(DOCUMENT, cls=OpenAPIV31SpecValidator)


def test_the_validator_refuses_a_document_with_a_broken_reference():
    broken = copy.deepcopy(DOCUMENT)
    broken["paths"]["/initiatives.json"]["get"]["parameters"][0] = {"$ref": "#/components/parameters/nothing"}
    with pytest.raises(Exception, match="nothing"):
        validate(broken, cls=OpenAPIV31SpecValidator)


def test_the_document_is_served_exactly_as_kept_in_the_repository(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == SCHEMA_FILE.read_bytes()


@pytest.mark.parametrize(("path", "method", "url"), EXAMPLES, ids=[url for _, _, url in EXAMPLES])
def test_every_documented_address_answers_its_examples_as_documented(client, denmark, path, method, url):
    response = client.get(url)
    assert response.status_code == 200, body_of(response)[:300]
    assert response_errors(path, method, response) == []


def renamed(record, slug):
    former = record.slug
    record.slug = slug
    record.save()
    return former


@pytest.mark.parametrize(
    ("path", "url", "status"),
    [
        ("/initiatives.json", "/initiatives.json?theme=no-such-theme&era=ancient", 400),
        ("/initiatives.csv", "/initiatives.csv?started_from=1066", 400),
        ("/initiatives/", "/initiatives/?format=xml", 400),
        ("/initiatives/", "/initiatives/?format=json&sort=colour", 400),
        ("/initiatives.json", "/initiatives.json?sort=size:stores", 400),
        ("/initiatives/{slug}.json", "/initiatives/no-such-initiative.json", 404),
        ("/initiatives/{slug}.json", "/initiatives/venligboerne.json?version=first", 400),
        ("/initiatives/{slug}.json", "/initiatives/venligboerne.json?version=99", 404),
        ("/organisations/{slug}.json", "/organisations/no-such-organisation.json", 404),
        ("/themes/{slug}/cite.{format}", "/themes/sport/cite.bib?version=0", 404),
        ("/places/{slug}/cite.{format}", "/places/copenhagen/cite.ris?version=1&version=2", 400),
        ("/compare.csv", "/compare.csv?i=venligboerne", 400),
        ("/compare.csv", "/compare.csv?i=venligboerne&i=no-such-initiative", 400),
        ("/compare.csv", "/compare.csv?i=venligboerne&i=get2sport&i=venligboerne", 302),
    ],
)
def test_refusals_and_redirects_are_documented_with_their_media_type(client, denmark, path, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response_errors(path, "get", response) == []


def test_former_slugs_answer_301_as_documented(client, denmark):
    former_initiative = renamed(Initiative.objects.get(slug="venligboerne"), "venligboerne-denmark")
    former_theme = renamed(Theme.objects.get(slug="sport"), "sport-and-games")
    cases = [
        (
            "/initiatives/{slug}.json",
            f"/initiatives/{former_initiative}.json",
            "/initiatives/venligboerne-denmark.json",
        ),
        (
            "/initiatives/{slug}/cite.{format}",
            f"/initiatives/{former_initiative}/cite.json",
            "/initiatives/venligboerne-denmark/cite.json",
        ),
        ("/initiatives.json", f"/initiatives.json?theme={former_theme}", "/initiatives.json?theme=sport-and-games"),
        (
            "/compare.csv",
            f"/compare.csv?i={former_initiative}&i=get2sport",
            "/compare.csv?i=venligboerne-denmark&i=get2sport",
        ),
    ]
    for path, url, target in cases:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target)
        assert response_errors(path, "get", response) == []


@pytest.mark.parametrize(
    ("change", "caught"),
    [
        (lambda record: record.update(colour="green"), "'colour' was unexpected"),
        (lambda record: record.pop("last_updated"), "'last_updated' is a required property"),
        (lambda record: record["funding"][0].update(amount=1750000), "1750000 is not of type"),
        (lambda record: record.update(themes="sport; education"), "is not of type 'array'"),
    ],
)
def test_an_answer_that_drifts_from_the_document_is_caught(client, denmark, change, caught):
    record = json.loads(client.get("/initiatives/idraet-plus.json").content)
    change(record)
    errors = answer_errors("/initiatives/{slug}.json", "get", 200, "application/json", json.dumps(record).encode())
    assert any(caught in error for error in errors), errors


def data_routes(patterns=None, prefix="/"):
    """Every address of the URLconf that answers with data (a `.json`, `.csv`, workbook or `cite.` route), as OpenAPI
    writes a path template."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            found += data_routes(pattern.url_patterns, route)
        elif pattern.default_args.get("format") or re.search(r"\.(json|csv|xlsx|ods)$|cite\.", route):
            found.append(route.replace("cite.{citation}", "cite.{format}"))
    return found


def test_every_data_address_of_the_site_is_documented():
    routes = set(data_routes())
    assert {"/initiatives.json", "/initiatives/{slug}.json", "/compare.csv"} <= routes
    assert routes - {"/api/openapi.json"} <= set(DOCUMENT["paths"])
