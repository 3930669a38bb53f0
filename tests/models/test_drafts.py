"""Drafts stay in the admin: no public page, its .json, list, download or search shows them or what hangs only on
them (an initiative led by a draft organisation or part of a draft initiative, a branch of a draft organisation)."""

import csv
import io
import json
import re

import pytest

from initiatives.models import BeneficiaryGroup, Initiative, Place, Source, Theme
from organisations.models import Organisation
from tests.compare.dom import parse
from tests.conftest import set_published
from tests.models.drafts import (
    BRANCH,
    DRAFT,
    DRAFT_ORGANISATION,
    LED_BY_BRANCH,
    LED_BY_DRAFT,
    UNDER_DRAFT,
    UNDER_HIDDEN,
    every_draft,
    secrets_in,
)

pytestmark = pytest.mark.usefixtures("denmark")

HIDDEN_INITIATIVES = {
    "zebra": DRAFT,
    "okapi": LED_BY_DRAFT,
    "narwhal": UNDER_DRAFT,
    "ibex": UNDER_HIDDEN,
    "tapir": LED_BY_BRANCH,
}
HIDDEN_ORGANISATIONS = {"quokka": DRAFT_ORGANISATION, "wombat": BRANCH}
HIDDEN_ADDRESSES = [
    *(f"/initiatives/{slug}{end}" for slug in HIDDEN_INITIATIVES for end in ("/", ".json")),
    *(f"/organisations/{slug}{end}" for slug in HIDDEN_ORGANISATIONS for end in ("/", ".json")),
]

# The lists, downloads and comparisons, filtered where the drafts would add to them.
LISTS = [
    "/",
    "/initiatives/",
    "/initiatives/?era=new",
    "/initiatives/?theme=housing",
    "/initiatives/?theme=mentoring",
    "/initiatives/?place=copenhagen",
    "/initiatives/?place=odense",
    "/initiatives/?organisation=danish-red-cross",
    "/initiatives/?has_funding=true",
    "/initiatives/?has_award=true",
    "/initiatives/?sort=-start_year",
    "/initiatives.csv",
    "/initiatives.json",
    "/initiatives.json?has_funding=true",
    "/initiatives.csv?theme=housing",
    "/organisations/",
    "/themes/",
    "/beneficiaries/",
    "/places/",
    "/sources/",
    "/compare/",
    "/compare/?i=venligboerne&i=krydsfelt&i=idraet-plus",
    "/compare.csv?i=venligboerne&i=krydsfelt&i=idraet-plus",
]
RECORD_KINDS = [Initiative, Organisation, Theme, BeneficiaryGroup, Place, Source]


@pytest.fixture
def drafts():
    return every_draft()


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def leaves(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif value is not None:
        yield str(value)


def shown(response):
    """What a response tells its reader, parsed: JSON values, CSV cells, or a page's text and attribute values."""
    text, kind = body(response), response["Content-Type"]
    if kind.startswith("application/json"):
        return list(leaves(json.loads(text)))
    if kind.startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    page = parse(text)
    return [
        page.text(),
        *(value for element in page.iter() if not csrf_token(element) for value in element.attrs.values() if value),
    ]


def csrf_token(element):
    # Each page's CSRF token is 64 random letters and digits: in one page of tens of thousands it spells a secret.
    return element.attrs.get("name") == "csrfmiddlewaretoken"


def public(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def leaked(client, url):
    return sorted({secret for item in shown(public(client, url)) for secret in secrets_in(item)})


def record_addresses(model):
    """Every record of the report of this kind, its page and its .json."""
    records = model.objects.exclude(slug__in=[*HIDDEN_INITIATIVES, *HIDDEN_ORGANISATIONS]).order_by("slug")
    assert records, model
    for record in records:
        yield record.get_absolute_url()
        yield record.get_absolute_url().rstrip("/") + ".json"


@pytest.mark.parametrize("url", LISTS)
def test_no_list_download_or_comparison_shows_a_draft_or_what_hangs_on_it(client, drafts, url):
    assert leaked(client, url) == []


@pytest.mark.parametrize("model", RECORD_KINDS, ids=lambda model: model.__name__)
def test_no_record_page_or_its_json_shows_a_draft_or_what_hangs_on_it(client, drafts, model):
    assert {url: leaked(client, url) for url in record_addresses(model)} == {url: [] for url in record_addresses(model)}


def without_token(text):
    # Each page carries a fresh CSRF token in its language form. A public record that a draft was linked to has
    # changed, so its version and its date of change move on (what they show of it must not): nothing else differs.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'(version[=": ]+)\d+', r"\1N", text)
    text = re.sub(r'"last_updated": "[^"]*"', "", text)
    return re.sub(r'<time datetime="[^"]*">[^<]*</time>', "", text)


TOUCHED = [
    "/",
    "/initiatives/",
    "/initiatives.json",
    "/compare/",
    "/compare/?i=venligboerne&i=krydsfelt&i=idraet-plus",
    "/compare.csv?i=venligboerne&i=krydsfelt&i=idraet-plus",
    "/organisations/",
    "/themes/",
    "/places/",
    *(
        f"{prefix}{slug}{end}"
        for prefix, slugs in [
            ("/initiatives/", ["venligboerne", "krydsfelt", "idraet-plus", "red-cross-stores"]),
            ("/organisations/", ["danish-red-cross", "venligboerne"]),
            ("/themes/", ["mentoring", "housing", "sport"]),
            ("/beneficiaries/", ["refugees", "young-refugees"]),
            ("/places/", ["denmark", "copenhagen", "aarhus", "odense", "aalborg"]),
            ("/sources/", ["ewsi-denmark", "ewsi-denmark-s3"]),
        ]
        for slug in slugs
        for end in ("/", ".json")
    ),
]


def test_the_pages_a_draft_touches_read_exactly_as_before_it(client):
    before = {url: without_token(body(public(client, url))) for url in TOUCHED}
    every_draft()
    assert [url for url in TOUCHED if without_token(body(public(client, url))) != before[url]] == []


@pytest.mark.parametrize("url", HIDDEN_ADDRESSES)
def test_the_own_address_of_a_draft_or_of_what_hangs_on_it_is_not_found(client, drafts, url):
    assert client.get(url).status_code == 404


def public_slugs(client, url):
    return {row["slug"] for row in json.loads(body(public(client, url)))["initiatives"]}


def public_organisations(client):
    return {organisation.slug for organisation in public(client, "/organisations/").context["object_list"]}


@pytest.mark.parametrize(
    ("draft", "hidden", "hidden_organisations"),
    [
        # Get2Sport is led by DIF; DBU, still public, runs the football school that is part of it.
        ("dif", {"get2sport", "dbu-get2footballschool"}, {"dif"}),
        # DFUNK is the Danish Refugee Council's youth branch, and leads DFUNK's activities.
        (
            "danish-refugee-council",
            {"frivillignet", "network-families", "mentornet", "boys-clubs", "girls-clubs", "mind-your-own-business"}
            | {"dfunk-activities"},
            {"danish-refugee-council", "dfunk"},
        ),
    ],
)
def test_a_report_organisation_back_in_draft_takes_what_hangs_on_it_off_the_site(
    client, draft, hidden, hidden_organisations
):
    listed, organisations = public_slugs(client, "/initiatives.json"), public_organisations(client)
    set_published(Organisation.objects.filter(slug=draft), False)
    assert listed - public_slugs(client, "/initiatives.json") == hidden
    assert organisations - public_organisations(client) == hidden_organisations
    for slug in hidden:
        assert client.get(f"/initiatives/{slug}/").status_code == 404, slug
    for slug in hidden_organisations:
        assert client.get(f"/organisations/{slug}.json").status_code == 404, slug


@pytest.mark.parametrize("slug", HIDDEN_INITIATIVES)
def test_a_hidden_initiative_renamed_keeps_its_old_address_not_found(client, drafts, slug):
    initiative = Initiative.objects.get(slug=slug)
    initiative.slug = f"{slug}-renamed"
    initiative.save()
    for url in (f"/initiatives/{slug}/", f"/initiatives/{slug}.json"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("word", ["Zebra", "Okapi", "Narwhal", "Ibex", "Tapir", "Quokka", "Wombat"])
def test_search_finds_nothing_by_a_hidden_name(client, drafts, word):
    # Quokka and Wombat lead Okapi and Tapir: search reads lead organisations' names too.
    assert client.get(f"/initiatives/?q={word}").context["paginator"].count == 0


def unknown_refused(client, url, slug):
    """The answers to `url` naming `slug` and naming a slug no record has ever had, the slug swapped for it."""
    hidden, unknown = client.get(url.format(slug)), client.get(url.format("no-such-record"))
    assert hidden.status_code == unknown.status_code == 400, url
    return hidden, unknown


def refusal(response, slug):
    """What a refusal says, `slug` swapped for the unknown one: a download's text, or a page's errors and count."""
    if not response["Content-Type"].startswith("text/html"):
        return body(response).replace(slug, "no-such-record")
    errors = {
        name: [message.replace(slug, "no-such-record") for message in messages]
        for name, messages in response.context["errors"].items()
    }
    return errors, response.context["paginator"].count


@pytest.mark.parametrize("slug", HIDDEN_ORGANISATIONS)
@pytest.mark.parametrize("url", ["/initiatives/?organisation={}", "/initiatives.json?organisation={}"])
def test_a_filter_naming_a_hidden_organisation_is_refused_like_an_unknown_one(client, drafts, url, slug):
    hidden, unknown = unknown_refused(client, url, slug)
    assert refusal(hidden, slug) == refusal(unknown, slug)


@pytest.mark.parametrize("slug", HIDDEN_INITIATIVES)
@pytest.mark.parametrize("url", ["/compare/?i=venligboerne&i={}", "/compare.csv?i=venligboerne&i={}"])
def test_a_comparison_naming_a_hidden_initiative_is_refused_like_an_unknown_one(client, drafts, url, slug):
    hidden, unknown = unknown_refused(client, url, slug)
    assert without_token(body(hidden).replace(slug, "no-such-record")) == without_token(body(unknown))


def test_publishing_the_drafts_brings_back_all_that_hangs_on_them(client, drafts):
    """The checks above can fail: once the drafts are published, every one of these records is public."""
    set_published(Initiative.objects.filter(slug="zebra"), True)
    set_published(Organisation.objects.filter(slug="quokka"), True)
    for url in HIDDEN_ADDRESSES:
        assert client.get(url).status_code == 200, url
    listed = {row["slug"]: row for row in json.loads(body(public(client, "/initiatives.json")))["initiatives"]}
    assert {slug: listed[slug]["name"] for slug in HIDDEN_INITIATIVES} == HIDDEN_INITIATIVES
    assert (listed["okapi"]["lead_organisation"], listed["tapir"]["lead_organisation"]) == ("quokka", "wombat")
    assert (listed["narwhal"]["parent"], listed["ibex"]["parent"]) == ("zebra", "narwhal")
    assert "quokka" in listed["venligboerne"]["partners"]
    krydsfelt = json.loads(body(public(client, "/initiatives/krydsfelt.json")))
    assert [(funding["funder"], funding["amount"]) for funding in krydsfelt["funding"]] == [("wombat", "535353.00")]
    assert json.loads(body(public(client, "/organisations/wombat.json")))["parent"]["slug"] == "quokka"
    assert set(leaked(client, "/compare/")) >= {DRAFT, LED_BY_DRAFT, UNDER_DRAFT, UNDER_HIDDEN, LED_BY_BRANCH, BRANCH}
