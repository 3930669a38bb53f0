"""Drafts stay in the admin: no public page, count, facet, export or chart shows them or what hangs only on them."""

import pytest
from django.urls import reverse

from initiatives.models import Award, BeneficiaryGroup, Figure, Funding, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation

pytestmark = pytest.mark.usefixtures("denmark")

DRAFT = "Zebra Draft Initiative"
DRAFT_ORGANISATION = "Quokka Draft Organisation"


@pytest.fixture
def drafts():
    section = Source.objects.get(slug="ewsi-denmark-s3")
    organisation = make_organisation(slug="quokka", name=DRAFT_ORGANISATION, published=False)
    initiative = make_initiative(
        slug="zebra",
        name=DRAFT,
        published=False,
        era=Initiative.Era.NEW,
        start_year=2015,
        lead_organisation=organisation,
        country=Place.objects.get(slug="denmark"),
    )
    initiative.themes.add(Theme.objects.get(slug="mentoring"))
    initiative.beneficiary_groups.add(BeneficiaryGroup.objects.get(slug="refugees"))
    initiative.places.add(Place.objects.get(slug="copenhagen"))
    initiative.sources.add(section)
    Figure.objects.create(
        initiative=initiative, measure=Measure.objects.get(slug="members"), value=424242, source=section
    )
    Funding.objects.create(initiative=initiative, amount=919191, currency="DKK", source=section)
    Award.objects.create(initiative=initiative, name="Pangolin Prize", year=2015, source=section)
    # A draft organisation that funds and partners published initiatives stays unnamed in public too.
    venligboerne = Initiative.objects.get(slug="venligboerne")
    venligboerne.partners.add(organisation)
    Funding.objects.create(initiative=venligboerne, funder=organisation, amount=818181, currency="DKK", source=section)
    return initiative


PUBLIC_PAGES = [
    "/",
    "/initiatives/",
    "/initiatives/?theme=mentoring",
    "/initiatives/?place=denmark",
    "/initiatives.csv",
    "/initiatives.json",
    "/initiatives/venligboerne/",
    "/organisations/",
    "/organisations/danish-red-cross/",
    "/themes/",
    "/themes/mentoring/",
    "/beneficiaries/",
    "/beneficiaries/refugees/",
    "/places/",
    "/places/denmark/",
    "/places/copenhagen/",
    "/sources/",
    "/sources/ewsi-denmark/",
    "/sources/ewsi-denmark-s3/",
    "/compare/",
    "/compare/?i=venligboerne&i=kvinfo-mentor-network",
    "/compare.csv?i=venligboerne&i=kvinfo-mentor-network",
]


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_public_page_shows_a_draft_or_what_hangs_on_it(client, drafts, url):
    response = client.get(url)
    assert response.status_code == 200
    text = body(response)
    for secret in (
        DRAFT,
        "zebra",
        DRAFT_ORGANISATION,
        "quokka",
        "424242",
        "424,242",
        "919,191",
        "919191",
        "818,181",
        "Pangolin",
    ):
        assert secret not in text, secret


@pytest.mark.parametrize("url", ["/initiatives/zebra/", "/organisations/quokka/", "/initiatives/zebra.json"])
def test_a_drafts_own_address_is_not_found(client, drafts, url):
    assert client.get(url).status_code == 404


def test_search_does_not_find_a_draft(client, drafts):
    assert client.get("/initiatives/?q=zebra").context["paginator"].count == 0


def test_counts_leave_drafts_out(client, drafts):
    page = client.get("/initiatives/")
    assert page.context["paginator"].count == Initiative.objects.filter(published=True).count() == 20
    theme = next(facet for facet in page.context["facets"] if facet.name == "theme")
    mentoring = next(option for option in theme.options if option.value == "mentoring")
    assert mentoring.count == Theme.objects.get(slug="mentoring").initiatives.filter(published=True).count()


def test_a_filter_naming_a_draft_organisation_is_refused_like_an_unknown_one(client, drafts):
    assert client.get("/initiatives/?organisation=quokka").status_code == 400


def test_publishing_makes_the_record_public(client, drafts):
    Initiative.objects.filter(slug="zebra").update(published=True)
    Organisation.objects.filter(slug="quokka").update(published=True)
    assert DRAFT in body(client.get("/initiatives/?era=new"))
    assert client.get(reverse("initiatives:detail", args=["zebra"])).status_code == 200
    assert DRAFT_ORGANISATION in body(client.get("/organisations/"))
