"""Curators add an initiative with its figures, funding and awards on one page; bad input saves nothing."""

import pytest

from initiatives.models import Award, Figure, Funding, Initiative, Measure, Theme
from tests.conftest import make_organisation, make_place, make_source
from tests.curation.conftest import add_inline_row, admin_url, fill, record_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_form(curator_app):
    """The add page's form filled in for Venligboerne with one figure, one grant and one award."""
    source = make_source("denmark-report")
    dfunk = make_organisation("dfunk", acronym="DFUNK")
    form = record_form(curator_app.get(admin_url(Initiative, "add")))
    fill(
        form,
        name="Venligboerne",
        slug="venligboerne",
        country=make_place("denmark"),
        era=Initiative.Era.NEW,
        status=Initiative.Status.ACTIVE,
        start_year="2015",
        sources=[source],
    )
    add_inline_row(
        form,
        "figures",
        measure=Measure.objects.create(name="members", slug="members"),
        qualifier="more_than",
        value="150000",
        source=source,
    )
    add_inline_row(
        form,
        "fundings",
        funder=dfunk,
        direction="received",
        amount="250000",
        currency="DKK",
        basis="total",
        start_year="2016",
        source=source,
    )
    add_inline_row(
        form, "awards", name="Danish Integration Award", year="2016", outcome="won", givers=[dfunk], source=source
    )
    return form


def test_curator_adds_an_initiative_with_figures_funding_and_awards(add_form):
    response = add_form.submit("_save")

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
def test_invalid_initiative_form_shows_an_error_and_saves_nothing(add_form, change, form_with_errors):
    fill(add_form, **change)

    response = add_form.submit("_save")

    assert response.status_code == 200
    errors = {"initiative": response.context["adminform"].form.errors}
    errors.update(
        (inline.formset.prefix, inline.formset.errors) for inline in response.context["inline_admin_formsets"]
    )
    assert [prefix for prefix, error in errors.items() if any(error)] == [form_with_errors]
    assert response.context["errors"]
    assert not Initiative.objects.exists()
    assert not (Figure.objects.exists() or Funding.objects.exists() or Award.objects.exists())


def test_a_refused_initiative_form_comes_back_with_every_typed_value_in_it(add_form):
    fill(
        add_form,
        native_name="Venligboerne Danmark",
        website="https://venligboerne.org",
        themes=[Theme.objects.create(name="Sport", slug="sport")],
        end_year="2012",
        summary="Neighbours meet newcomers.",
        description="Friendly neighbours in every town.",
        **{"figures-0-as_of_year": "2016", "fundings-0-note": "For two years.", "awards-0-person": "Mette"},
    )
    typed = {name: field.value for name, field in add_form.field_order if shown_again(name)}

    response = add_form.submit("_save")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    again = record_form(response)
    assert {name: again[name].value for name in typed} == typed
    assert not Initiative.objects.exists()


def shown_again(name):
    """A field the page shows again as posted: not the rows' template, the buttons, or the new CSRF token."""
    return name and "__prefix__" not in name and not name.startswith("_") and name != "csrfmiddlewaretoken"
