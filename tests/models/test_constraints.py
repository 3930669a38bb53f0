"""The database itself refuses nonsense, whatever path the data comes in by."""

import pytest
from django.db import IntegrityError, transaction

from initiatives.models import Award, BeneficiaryGroup, Figure, Funding, Measure, Place, Theme
from tests.conftest import make_initiative, make_organisation, make_place, make_source

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()
    return True


def test_initiative_cannot_end_before_it_starts():
    assert refused(lambda: make_initiative(start_year=2015, end_year=2014))
    assert make_initiative(slug="one-year", start_year=2015, end_year=2015).pk


@pytest.mark.parametrize("year", [0, 1799, 2201, 32767])
def test_initiative_years_must_be_plausible(year):
    assert refused(lambda: make_initiative(start_year=year))


@pytest.mark.parametrize(("min_age", "max_age"), [(121, None), (None, 121), (18, 17)])
def test_beneficiary_ages_are_between_0_and_120_and_ordered(min_age, max_age):
    assert refused(lambda: BeneficiaryGroup.objects.create(name="x", slug="x", min_age=min_age, max_age=max_age))


def test_beneficiary_ages_may_be_equal_or_open_ended():
    BeneficiaryGroup.objects.create(name="a", slug="a", min_age=0, max_age=0)
    BeneficiaryGroup.objects.create(name="b", slug="b", min_age=120)
    assert BeneficiaryGroup.objects.count() == 2


def test_negative_ages_are_refused():
    assert refused(lambda: BeneficiaryGroup.objects.create(name="x", slug="x", min_age=-1))


def funding(**kw):
    return Funding.objects.create(initiative=make_initiative(), source=make_source(), currency="DKK", **kw)


@pytest.mark.parametrize("field", ["amount", "total_amount"])
def test_funding_amounts_are_not_negative(field):
    assert refused(lambda: funding(**{field: -1}))


def test_funding_amount_needs_a_currency():
    assert refused(
        lambda: Funding.objects.create(initiative=make_initiative(), source=make_source(), amount=100, currency="")
    )


def test_funding_period_cannot_end_before_it_starts():
    assert refused(lambda: funding(amount=1, start_year=2013, end_year=2011))


def test_figure_value_is_not_negative():
    measure = Measure.objects.create(name="members", slug="members")
    assert refused(
        lambda: Figure.objects.create(initiative=make_initiative(), measure=measure, source=make_source(), value=-5)
    )


def test_figure_as_of_year_is_not_before_since_year():
    measure = Measure.objects.create(name="clubs", slug="clubs")
    assert refused(
        lambda: Figure.objects.create(
            initiative=make_initiative(),
            measure=measure,
            source=make_source(),
            value=12,
            since_year=2008,
            as_of_year=2007,
        )
    )


def test_award_needs_a_recipient():
    assert refused(lambda: Award.objects.create(name="Prize", source=make_source()))
    assert Award.objects.create(name="Prize", source=make_source(), person="A Volunteer").pk


@pytest.mark.parametrize(
    "create",
    [
        lambda: make_initiative(slug="same"),
        lambda: make_organisation(slug="same"),
        lambda: Theme.objects.create(name="Same", slug="same"),
        lambda: Place.objects.create(name="Same", slug="same", kind=Place.Kind.CITY),
    ],
    ids=["initiative", "organisation", "theme", "place"],
)
def test_slugs_are_unique(create):
    create()
    assert refused(create)


def test_a_place_is_not_its_own_parent():
    place = make_place()
    place.parent = place
    assert refused(place.save)


def test_an_initiative_is_not_its_own_parent():
    initiative = make_initiative()
    initiative.parent = initiative
    assert refused(initiative.save)
