"""Admin fixtures: curators, one record of any catalogue model with its related records filled in,
and the form a browser posts back."""

import itertools

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from simple_history.models import HistoricalChanges

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
from tests.conftest import make_initiative, make_organisation, make_place, make_source

CATALOGUE_APPS = {"initiatives", "organisations"}
CATALOGUE_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in CATALOGUE_APPS),
    key=lambda model: model._meta.label,
)

_serial = itertools.count()


def catalogue_models_of(label):
    """The app's own models, without the tables of past versions that simple-history adds beside them."""
    return [model for model in apps.get_app_config(label).get_models() if not issubclass(model, HistoricalChanges)]


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
def other_curator_client(db):
    """A second curator in a browser of their own, editing at the same time."""
    user = User.objects.create_user("other-curator", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    other = Client()
    other.force_login(user)
    return other


def posted(response, **changes):
    """What the browser posts back from the admin form in `response`, hidden version fields included, with `changes`."""
    forms, data = [response.context["adminform"].form], {}
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:  # an empty or unticked field posts nothing
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return {**data, **changes}
