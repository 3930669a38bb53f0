"""Shared fixtures: small explicit factories, the real Denmark data, and a small catalogue for the page tests
which can grow around the same records."""

import functools
import importlib
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_migrate

from initiatives.models import (
    Award,
    BeneficiaryGroup,
    Figure,
    Finding,
    Funding,
    Initiative,
    Measure,
    Place,
    Source,
    Theme,
)
from organisations.models import Organisation

# The migrations that make the Curators group and give it its permissions, each with the function that does it.
CURATORS_MIGRATIONS = {
    ("initiatives", "0003_curators_group"): "create_curators_group",
    ("initiatives", "0015_catalogue_imports"): "let_curators_import",
}


@functools.cache
def apps_when_migrated(node, using="default"):
    """The models as they were when the migration `node` ran: what it gave permissions on."""
    return MigrationLoader(connections[using], ignore_no_migrations=True).project_state(node).apps


def curators_group(using="default"):
    """The Curators group. Its migrations make it, but a transactional test's flush empties every table and only
    the permissions come back: then it is made again by the migrations' own functions, on the models of their time."""
    group = Group.objects.using(using).filter(name="Curators").first()
    if group is None:
        schema_editor = SimpleNamespace(connection=connections[using])
        for node, function in CURATORS_MIGRATIONS.items():
            migration = importlib.import_module(f"{node[0]}.migrations.{node[1]}")
            getattr(migration, function)(apps_when_migrated(node, using), schema_editor)
        group = Group.objects.using(using).get(name="Curators")
    return group


def restore_curators_group(sender, using, **kwargs):
    # The flush after each transactional test sends post_migrate, as migrating does: the permissions come back
    # then, and so does the group, for the tests that run after it.
    curators_group(using)


post_migrate.connect(
    restore_curators_group, sender=apps.get_app_config("initiatives"), dispatch_uid="restore_curators_group"
)


@pytest.fixture(scope="module")
def denmark_once(django_db_setup, django_db_blocker):
    """The Denmark data, loaded once for a whole test module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def denmark(denmark_once, db):
    """The catalogue as `make run` builds it: every record of the Denmark report.

    Each test runs in its own savepoint, so what it changes is gone for the next one."""


def set_published(records, published=True):
    """Publishes the records of a queryset, or makes them drafts, as a curator does: each saved, so that what
    follows from it (what the public may see) follows."""
    for record in records:
        record.published = published
        record.save(update_fields=["published"])


def make_place(slug="denmark", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("kind", Place.Kind.COUNTRY)
    return Place.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_source(slug="a-report", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("kind", Source.Kind.REPORT)
    return Source.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_organisation(slug="an-organisation", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("published", True)
    return Organisation.objects.create(slug=slug, **kw)


def make_initiative(slug="an-initiative", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("era", Initiative.Era.LONG_ESTABLISHED)
    kw.setdefault("published", True)
    kw.setdefault("country", make_place())
    return Initiative.objects.create(slug=slug, **kw)


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
