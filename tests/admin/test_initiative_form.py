"""Curators add an initiative with its figures, funding and awards on one page; bad input saves nothing."""

import pytest

from initiatives.models import Award, Figure, Funding, Initiative, Measure
from tests.admin.conftest import admin_url
from tests.conftest import make_organisation, make_place, make_source

pytestmark = pytest.mark.django_db


def management_form(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def form_data(db):
    """A complete add form for Venligboerne with one figure, one grant and one award."""
    source = make_source("denmark-report")
    dfunk = make_organisation("dfunk", acronym="DFUNK")
    return {
        "name": "Venligboerne",
        "slug": "venligboerne",
        "country": make_place("denmark").pk,
        "era": Initiative.Era.NEW,
        "status": Initiative.Status.ACTIVE,
        "start_year": "2015",
        "sources": [source.pk],
        **management_form("figures", 1),
        "figures-0-measure": Measure.objects.create(name="members", slug="members").pk,
        "figures-0-qualifier": "more_than",
        "figures-0-value": "150000",
        "figures-0-source": source.pk,
        **management_form("fundings", 1),
        "fundings-0-funder": dfunk.pk,
        "fundings-0-direction": "received",
        "fundings-0-amount": "250000",
        "fundings-0-currency": "DKK",
        "fundings-0-basis": "total",
        "fundings-0-start_year": "2016",
        "fundings-0-source": source.pk,
        **management_form("awards", 1),
        "awards-0-name": "Danish Integration Award",
        "awards-0-year": "2016",
        "awards-0-outcome": "won",
        "awards-0-givers": [dfunk.pk],
        "awards-0-source": source.pk,
    }


def test_curator_adds_an_initiative_with_figures_funding_and_awards(curator_client, form_data):
    response = curator_client.post(admin_url(Initiative, "add"), form_data)

    assert response.status_code == 302, response.context["errors"]
    initiative = Initiative.objects.get(slug="venligboerne")
    assert [(f.measure.slug, f.value, f.qualifier) for f in initiative.figures.all()] == [
        ("members", 150000, "more_than")
    ]
    assert [(f.funder.slug, f.amount, f.currency) for f in initiative.fundings.all()] == [("dfunk", 250000, "DKK")]
    award = initiative.awards.get()
    assert (award.name, award.year, [giver.slug for giver in award.givers.all()]) == (
        "Danish Integration Award",
        2016,
        ["dfunk"],
    )


@pytest.mark.parametrize(
    "change, form_with_errors",
    [
        ({"start_year": "2015", "end_year": "2012"}, "initiative"),
        ({"start_year": "1700"}, "initiative"),
        ({"fundings-0-amount": "-1"}, "fundings"),
        ({"fundings-0-currency": "kroner"}, "fundings"),
        ({"figures-0-since_year": "2018", "figures-0-as_of_year": "2016"}, "figures"),
    ],
    ids=[
        "ends-before-it-starts",
        "implausible-year",
        "negative-funding",
        "currency-not-iso",
        "figure-as-of-before-since",
    ],
)
def test_invalid_initiative_form_shows_an_error_and_saves_nothing(curator_client, form_data, change, form_with_errors):
    response = curator_client.post(admin_url(Initiative, "add"), {**form_data, **change})

    assert response.status_code == 200
    errors = {"initiative": response.context["adminform"].form.errors}
    errors.update(
        (inline.formset.prefix, inline.formset.errors) for inline in response.context["inline_admin_formsets"]
    )
    assert [prefix for prefix, error in errors.items() if any(error)] == [form_with_errors]
    assert response.context["errors"]
    assert not Initiative.objects.exists()
    assert not (Figure.objects.exists() or Funding.objects.exists() or Award.objects.exists())
