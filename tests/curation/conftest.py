"""Admin fixtures: curators and their browsers, one record of any catalogue model with its related records
filled in, and filling in admin forms as a curator does."""

import copy
import itertools

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import models
from django.urls import reverse
from django_webtest import DjangoTestApp
from simple_history.models import HistoricalChanges
from webtest.forms import Checkbox

from initiatives.models import (
    Award,
    BeneficiaryGroup,
    CatalogueImport,
    FacetCount,
    FacetKey,
    Figure,
    Finding,
    FormerSlug,
    Funding,
    Initiative,
    Measure,
    Place,
    Reach,
    SearchDocument,
    Source,
    Theme,
)
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place, make_source

CATALOGUE_APPS = {"initiatives", "organisations"}
CATALOGUE_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in CATALOGUE_APPS and model is not CatalogueImport
    ),
    key=lambda model: model._meta.label,
)

_serial = itertools.count()


def catalogue_models_of(label):
    """The app's records that curators edit: not the tables of past versions that simple-history adds beside
    them, nor the former slugs kept as their slugs change, nor the catalogue files uploaded to be imported, nor
    the initiatives' reach, facet counts and search documents derived from their records."""
    return [
        model
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
        and model not in (FormerSlug, CatalogueImport, Reach, FacetKey, FacetCount, SearchDocument)
    ]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make_named(model, prefix):
    n = next(_serial)
    return model.objects.create(name=f"{prefix} {n}", slug=f"{prefix}-{n}")


def make_record(model):
    """One record of `model`, each foreign key pointing to a record of its own, so an N+1 query would show."""
    n = next(_serial)
    if model is Place:
        return make_place(f"city-{n}", kind=Place.Kind.CITY, parent=make_place(f"country-{n}"))
    if model is Source:
        country = make_place(f"country-{n}")
        report = make_source(f"report-{n}", country=country)
        return make_source(f"section-{n}", kind=Source.Kind.SECTION, parent=report, locator=str(n), country=country)
    if model is Organisation:
        parent = make_organisation(f"parent-{n}")
        return make_organisation(
            f"organisation-{n}", acronym=f"O{n}", parent=parent, country=make_place(f"country-{n}")
        )
    if model is Initiative:
        return make_initiative(
            f"initiative-{n}", lead_organisation=make_organisation(f"lead-{n}"), country=make_place(f"country-{n}")
        )
    if model in (Theme, BeneficiaryGroup, Measure):
        return make_named(model, model._meta.model_name)
    if model is Figure:
        return Figure.objects.create(
            initiative=make_record(Initiative),
            measure=make_named(Measure, "volunteers"),
            value=100 + n,
            place=make_place(f"town-{n}", kind=Place.Kind.CITY),
            source=make_source(f"report-{n}"),
        )
    if model is Funding:
        return Funding.objects.create(
            initiative=make_record(Initiative),
            funder=make_organisation(f"funder-{n}"),
            amount=1000 + n,
            currency="DKK",
            source=make_source(f"report-{n}"),
        )
    if model is Award:
        award = Award.objects.create(
            name=f"Award {n}",
            year=2016,
            initiative=make_record(Initiative),
            organisation=make_organisation(f"winner-{n}"),
            source=make_source(f"report-{n}"),
        )
        award.givers.add(make_organisation(f"giver-{n}"))
        return award
    if model is Finding:
        return Finding.objects.create(dimension=f"Dimension {n}", source=make_source(f"report-{n}"), position=n)
    raise NotImplementedError(f"No record maker for {model._meta.label}")


@pytest.fixture
def curator(db):
    """Staff, in the Curators group that the migration creates, and nothing more."""
    user = User.objects.create_user("curator", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def other_curator(db):
    user = User.objects.create_user("other-curator", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


# Served over HTTPS as in production, where the session and CSRF cookies are marked Secure:
# a browser sends them back only over HTTPS.
HTTPS = {"wsgi.url_scheme": "https"}


@pytest.fixture
def browser(django_app):
    """Opens a browser of its own for a user, signed in, posting each form as the page rendered it.

    `django_app` puts django-webtest's sign-in into the settings for the test and leaves CSRF checks on."""

    def signed_in_as(user):
        app = DjangoTestApp(extra_environ=HTTPS)
        app.set_user(user)
        return app

    return signed_in_as


@pytest.fixture
def curator_app(browser, curator):
    return browser(curator)


@pytest.fixture
def other_curator_app(browser, other_curator):
    """A second curator in a browser of their own, editing at the same time."""
    return browser(other_curator)


@pytest.fixture
def admin_app(browser, admin_user):
    return browser(admin_user)


def record_form(page):
    """The form of the record an admin page shows, beside the header's logout form."""
    (form,) = [form for key, form in page.forms.items() if isinstance(key, int) and form.id != "logout-form"]
    return form


def is_autocomplete(field):
    return "admin-autocomplete" in field.attrs.get("class", [])


def fill(form, **values):
    """Types into the form's fields, ticks its boxes and picks records by their key.

    An autocomplete renders only the options already chosen: its search adds the option of the record
    the curator picks, so the value is posted whether or not the page rendered it."""
    for name, value in values.items():
        field = form[name]
        if isinstance(field, Checkbox):
            field.checked = value
            continue
        value = [typed(item) for item in value] if isinstance(value, list | tuple) else typed(value)
        if is_autocomplete(field):
            field.force_value(value)
        else:
            field.value = value


def typed(value):
    return str(value.pk) if isinstance(value, models.Model) else str(value)


def save(app, url, **values):
    """Opens the admin page at `url`, fills in `values` and saves the form the page rendered."""
    form = record_form(app.get(url))
    fill(form, **values)
    return form.submit("_save")


def add_inline_row(form, prefix, **values):
    """Adds a row to the inline `prefix` as the admin's "Add another" does, and fills it with `values`.

    The admin renders each inline's empty row as a template whose fields are named `<prefix>-__prefix__-…`;
    its script copies the template, names the copies after the row's index and counts the row in TOTAL_FORMS."""
    total = form[f"{prefix}-TOTAL_FORMS"]
    index = int(total.value)
    template = f"{prefix}-__prefix__-"
    for name, field in list(form.field_order):
        if name is None or not name.startswith(template):
            continue
        row_field = copy.copy(field)
        row_field.name = name.replace("__prefix__", str(index))
        row_field.id = field.id and field.id.replace("__prefix__", str(index))
        if hasattr(field, "options"):
            row_field.options = list(field.options)
        form.fields.setdefault(row_field.name, []).append(row_field)
        form.field_order.append((row_field.name, row_field))
    total.force_value(str(index + 1))
    fill(form, **{f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return index
