"""A curator adds a record of every catalogue model, and a row to every inline, by submitting the page the admin
rendered, hidden and empty fields included, as the browser does."""

import pytest

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
from tests.conftest import make_organisation, make_place, make_source
from tests.curation.conftest import (
    CATALOGUE_MODELS,
    add_inline_row,
    admin_url,
    fill,
    make_named,
    make_record,
    record_form,
)

pytestmark = pytest.mark.django_db
model_ids = [model._meta.label for model in CATALOGUE_MODELS]

# What a curator fills in on each add page: its required fields, and a recipient for an award.
REQUIRED = {
    Place: lambda: {"name": "Aarhus", "slug": "aarhus", "kind": Place.Kind.CITY},
    Source: lambda: {"name": "EWSI Denmark report", "slug": "ewsi-denmark", "kind": Source.Kind.REPORT},
    Theme: lambda: {"name": "Sport", "slug": "sport"},
    BeneficiaryGroup: lambda: {"name": "Refugees", "slug": "refugees"},
    Measure: lambda: {"name": "Volunteers", "slug": "volunteers"},
    Organisation: lambda: {"name": "Danish Refugee Council", "slug": "danish-refugee-council"},
    Initiative: lambda: {
        "name": "Venligboerne",
        "slug": "venligboerne",
        "country": make_place("denmark"),
        "era": Initiative.Era.NEW,
    },
    Figure: lambda: {
        "initiative": make_record(Initiative),
        "measure": make_named(Measure, "members"),
        "value": "150000",
        "source": make_source("denmark-report"),
    },
    Funding: lambda: {"initiative": make_record(Initiative), "source": make_source("denmark-report")},
    Award: lambda: {
        "name": "Danish Integration Award",
        "initiative": make_record(Initiative),
        "source": make_source("denmark-report"),
    },
    Finding: lambda: {"dimension": "Recruiting volunteers", "source": make_source("denmark-report")},
}

# A new row of each inline, by the model whose change page shows it and the inline's prefix there.
INLINE_ROWS = {
    (Initiative, "figures"): lambda: {
        "measure": make_named(Measure, "members"),
        "qualifier": "more_than",
        "value": "150000",
        "source": make_source("denmark-report"),
    },
    (Initiative, "fundings"): lambda: {
        "funder": make_organisation("dfunk"),
        "amount": "250000",
        "currency": "DKK",
        "start_year": "2016",
        "source": make_source("denmark-report"),
    },
    (Initiative, "awards"): lambda: {
        "name": "Danish Integration Award",
        "year": "2016",
        "givers": [make_organisation("dfunk")],
        "source": make_source("denmark-report"),
    },
    (Organisation, "awards"): lambda: {
        "name": "Volunteer Prize",
        "year": "2017",
        "outcome": Award.Outcome.NOMINATED,
        "givers": [make_organisation("dfunk")],
        "source": make_source("denmark-report"),
    },
}


def history_of(record):
    return [(entry.history_type, entry.history_user) for entry in record.history.all()]


@pytest.mark.parametrize("model", CATALOGUE_MODELS, ids=model_ids)
def test_curator_adds_a_record_of_every_catalogue_model_on_its_add_page(curator_app, curator, model):
    values = REQUIRED[model]()
    existing = list(model.objects.values_list("pk", flat=True))
    form = record_form(curator_app.get(admin_url(model, "add")))
    assert form["version"].value == ""  # what the browser posts back for the hidden version of a new record
    fill(form, **values)

    response = form.submit("_save")

    assert response.status_code == 302, response.context["errors"]
    added = model.objects.exclude(pk__in=existing).get()
    assert added.version == 1
    assert history_of(added) == [("+", curator)]


def test_every_inline_on_every_catalogue_admin_has_a_row_to_add(curator_app):
    rendered = set()
    for model in CATALOGUE_MODELS:
        form = record_form(curator_app.get(admin_url(model, "change", make_record(model).pk)))
        rendered |= {
            (model, name.removesuffix("-TOTAL_FORMS")) for name in form.fields if name.endswith("-TOTAL_FORMS")
        }
    assert rendered == set(INLINE_ROWS)


@pytest.mark.parametrize(
    ("model", "prefix"), list(INLINE_ROWS), ids=[f"{model._meta.label}-{prefix}" for model, prefix in INLINE_ROWS]
)
def test_a_row_added_to_an_inline_on_the_change_page_saves(curator_app, curator, model, prefix):
    record = make_record(model)
    row = INLINE_ROWS[model, prefix]()
    form = record_form(curator_app.get(admin_url(model, "change", record.pk)))
    add_inline_row(form, prefix, **row)

    response = form.submit("_save")

    assert response.status_code == 302, response.context["errors"]
    added = getattr(record, prefix).get()
    for name, value in row.items():
        field = added._meta.get_field(name)
        if field.many_to_many:
            assert list(getattr(added, name).all()) == value, name
        elif field.is_relation:
            assert getattr(added, name) == value, name
        else:
            assert getattr(added, name) == field.to_python(value), name
    assert added.version == 1
    assert history_of(added) == [("+", curator)]
