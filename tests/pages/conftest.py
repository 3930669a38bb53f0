"""A small catalogue for the page tests, which can grow around the same records."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from initiatives.models import Award, BeneficiaryGroup, Figure, Finding, Funding, Measure, Place, Source, Theme
from tests.conftest import make_initiative, make_organisation, make_place, make_source


def grow(world, n):
    """Adds one more initiative, with a fact of every kind, to every record the pages show."""
    district = make_place(f"district-{n}", name=f"District {n}", kind=Place.Kind.DISTRICT, parent=world.city)
    page = make_source(
        f"cited-page-{n}", kind=Source.Kind.WEB_PAGE, parent=world.section, url=f"https://example.org/page-{n}"
    )
    partner = make_organisation(f"partner-{n}", kind="ngo", country=world.denmark)
    partner.sources.add(page)
    initiative = make_initiative(
        f"initiative-{n}",
        lead_organisation=world.lead,
        parent=world.initiative,
        era="new",
        country=world.denmark,
        summary=f"Summary of initiative {n}.",
    )
    initiative.partners.add(partner, world.partner)
    initiative.themes.add(world.theme, Theme.objects.create(slug=f"theme-{n}", name=f"Theme {n}"))
    initiative.beneficiary_groups.add(world.group)
    initiative.places.add(district)
    initiative.sources.add(world.section, page)
    for target in (initiative, world.initiative):
        Figure.objects.create(initiative=target, measure=world.measure, value=100 + n, place=district, source=page)
        Funding.objects.create(
            initiative=target, funder=world.funder, amount=Decimal(1000 * n), currency="DKK", source=page
        )
        award = Award.objects.create(name=f"Award {n}", year=2015, initiative=target, source=page)
        award.givers.add(world.giver, partner)
    Award.objects.create(name=f"Organisation award {n}", year=2016, organisation=world.lead, source=page)
    Finding.objects.create(dimension=f"Dimension {n}", new="More.", source=world.section, position=n)
    return initiative


@pytest.fixture
def world(db):
    """The records of a Denmark-like report, one of each, wired together as the pages show them."""
    denmark = make_place("denmark", name="Denmark")
    city = make_place("copenhagen", name="Copenhagen", kind=Place.Kind.CITY, parent=denmark)
    report = make_source(
        "ewsi-denmark",
        name="EWSI Analysis: Denmark",
        publisher="European Website on Integration",
        country=denmark,
        url="https://example.eu/ewsi-denmark",
    )
    section = make_source(
        "ewsi-denmark-section-2",
        name="Long-established initiatives",
        kind=Source.Kind.SECTION,
        parent=report,
        locator="2",
    )
    parent_org = make_organisation("danish-refugee-council", name="Danish Refugee Council", kind="ngo", country=denmark)
    lead = make_organisation(
        "kvinfo",
        name="KVINFO",
        acronym="KV",
        native_name="Videnscenter",
        kind="ngo",
        country=denmark,
        parent=parent_org,
    )
    lead.sources.add(section)
    world = SimpleNamespace(
        denmark=denmark,
        city=city,
        report=report,
        section=section,
        parent_org=parent_org,
        lead=lead,
        partner=make_organisation("dif", name="Danmarks Idrætsforbund", acronym="DIF", kind="sports_federation"),
        funder=make_organisation("integration-fund", name="Integration Fund", kind="public_authority", country=denmark),
        giver=make_organisation("krogerup", name="Krogerup Højskole", kind="award_giver", country=denmark),
        theme=Theme.objects.create(slug="mentoring", name="Mentoring"),
        group=BeneficiaryGroup.objects.create(slug="minority-youth", name="Minority youth", min_age=14, max_age=19),
        measure=Measure.objects.create(slug="participants", name="participants"),
    )
    world.initiative = make_initiative(
        "kvinfo-mentor-network", name="KVINFO Mentor network", lead_organisation=lead, country=denmark
    )
    world.initiative.sources.add(report)
    grow(world, 1)
    return world
