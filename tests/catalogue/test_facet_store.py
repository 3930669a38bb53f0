"""The facets' stored counts, which the unfiltered list, the home page and the record lists show, stay equal to
the counts taken from the records themselves after every kind of change a curator makes."""

import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from initiatives.catalogue.facet_counts import COLUMNS, count_together, subquery
from initiatives.catalogue.facet_store import BY_ERA, EVERY, LEAD, STORED, in_era, stored_options
from initiatives.catalogue.facets import FACETS
from initiatives.models import Award, FacetKey, Funding, Initiative, Place, Theme
from tests.conftest import make_initiative, make_organisation, make_place, make_source

pytestmark = pytest.mark.django_db


def counts_of(initiatives, names):
    """{name: {value: count}} of the facets `names` (LEAD among them, counting leads alone) over `initiatives`,
    counted from the records themselves, as the list counts a facet with a selected value."""
    facets = [name for name in names if name != LEAD]
    chosen, params = subquery(initiatives.order_by().values("pk", *COLUMNS))
    numbers = count_together(connection, chosen, list(params), [(name, []) for name in facets])
    counts = {name: {value: count for value, count in numbers[name].hits.items() if count} for name in facets}
    leads = initiatives.exclude(lead_organisation=None).values_list("lead_organisation__slug", flat=True)
    return {**counts, LEAD: dict(Counter(leads))}


def counted_from_records():
    """{facet: ({value: count}, how many values)}, and the number of public initiatives."""
    public = Initiative.objects.published()
    counts = counts_of(public, [*FACETS, LEAD])
    for era in Initiative.Era.values:
        for name, values in counts_of(public.filter(era=era), BY_ERA).items():
            counts[in_era(name, era)] = values
    return {**{name: (values, len(values)) for name, values in counts.items()}, EVERY: public.count()}


def stored():
    options = stored_options(list(STORED))
    return {**{name: options[name] for name in STORED}, EVERY: options[EVERY][1]}


@pytest.fixture
def records():
    denmark = make_place("denmark", name="Denmark")
    city = make_place("aarhus", name="Aarhus", kind=Place.Kind.CITY, parent=denmark)
    district = make_place("gellerup", name="Gellerup", kind=Place.Kind.DISTRICT, parent=city)
    other_city = make_place("odense", name="Odense", kind=Place.Kind.CITY, parent=denmark)
    lead, partner, funder = (make_organisation(slug) for slug in ("lead", "partner", "funder"))
    sport, mentoring = (
        Theme.objects.create(slug="sport", name="Sport"),
        Theme.objects.create(slug="mentoring", name="Mentoring"),
    )
    umbrella = make_initiative("umbrella", lead_organisation=lead, country=denmark)
    local = make_initiative("local", parent=umbrella, era=Initiative.Era.NEW, country=denmark)
    single = make_initiative("single", country=denmark, status=Initiative.Status.ACTIVE)
    umbrella.themes.add(sport, mentoring)
    local.themes.add(sport)
    umbrella.partners.add(partner)
    local.places.add(district)
    single.places.add(other_city)
    report = make_source()
    funding = Funding.objects.create(initiative=umbrella, funder=funder, currency="DKK", source=report)
    make_initiative("draft", published=False, lead_organisation=lead, country=denmark).themes.add(mentoring)
    return SimpleNamespace(**locals())


def saved(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def publish_draft(r):
    saved(Initiative.objects.get(slug="draft"), published=True)


def move_funding(r):
    saved(r.funding, initiative=Initiative.objects.get(slug="draft"))


def give_award(r):
    Award.objects.create(name="Prize", year=2016, outcome=Award.Outcome.WON, initiative=r.single, source=r.report)


def delete_partner(r):
    r.partner.delete()


def move_district(r):
    saved(r.district, parent=r.other_city)


CHANGES = [
    ("era", lambda r: saved(r.local, era=Initiative.Era.LONG_ESTABLISHED)),
    ("status", lambda r: saved(r.single, status="")),
    ("lead", lambda r: saved(r.single, lead_organisation=r.partner)),
    ("draft-with-its-part", lambda r: saved(r.umbrella, published=False)),
    ("draft-published", publish_draft),
    ("lead-organisation-a-draft", lambda r: saved(r.lead, published=False)),
    ("partner-a-draft", lambda r: saved(r.partner, published=False)),
    ("funder-a-draft", lambda r: saved(r.funder, published=False)),
    ("theme-added", lambda r: r.single.themes.add(r.mentoring)),
    ("theme-removed", lambda r: r.umbrella.themes.remove(r.sport)),
    ("themes-cleared", lambda r: r.umbrella.themes.clear()),
    ("theme-given-initiatives", lambda r: r.mentoring.initiatives.add(r.local, r.single)),
    ("theme-cleared-of-initiatives", lambda r: r.sport.initiatives.clear()),
    ("theme-deleted", lambda r: r.sport.delete()),
    ("group-added", lambda r: r.single.beneficiary_groups.create(slug="youth", name="Youth")),
    ("partner-added", lambda r: r.single.partners.add(r.funder)),
    ("partner-cleared-of-initiatives", lambda r: r.partner.partner_initiatives.clear()),
    ("partner-deleted", delete_partner),
    ("place-added", lambda r: r.umbrella.places.add(r.city)),
    ("place-cleared-of-initiatives", lambda r: r.district.initiatives.clear()),
    ("place-moved", move_district),
    ("place-deleted", lambda r: r.district.delete()),
    ("funding-added", lambda r: Funding.objects.create(initiative=r.single, currency="EUR", source=r.report)),
    ("funding-moved", move_funding),
    ("funding-deleted", lambda r: r.funding.delete()),
    ("award-given", give_award),
    ("initiative-deleted", lambda r: r.local.delete()),
]


@pytest.mark.parametrize("change", [change for _name, change in CHANGES], ids=[name for name, _change in CHANGES])
def test_stored_counts_follow_every_change(records, change):
    before = counted_from_records()
    assert stored() == before

    change(records)

    after = counted_from_records()
    assert after != before  # the change is one the facets show
    assert stored() == after


def test_a_rebuild_after_writes_without_signals_stores_the_counts_anew(records):
    Initiative.objects.filter(pk=records.single.pk).update(era=Initiative.Era.NEW)
    FacetKey.objects.filter(initiative=records.umbrella).delete()
    assert stored() != counted_from_records()

    call_command("refresh_catalogue", stdout=io.StringIO())

    assert stored() == counted_from_records()
