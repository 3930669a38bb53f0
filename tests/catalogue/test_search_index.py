"""Search reads each initiative's stored document: it finds what the initiative holds now, however it changed."""

import io
import math

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_webtest import DjangoTestApp

from initiatives.catalogue import indexing
from initiatives.catalogue.search import SQLITE_TABLE
from initiatives.models import Initiative, Place, SearchDocument
from tests.conftest import make_initiative, make_organisation, make_place
from tests.curation.conftest import HTTPS, admin_url, save


def found(client, q):
    response = client.get("/initiatives/", {"q": q})
    assert response.status_code == 200
    return [initiative.slug for initiative in response.context["initiatives"]]


@pytest.fixture
def catalogue(db):
    place = make_place("sonderborg", name="Sønderborg", kind=Place.Kind.CITY)
    lead = make_organisation("lead", name="Harbour Welcome", acronym="HWA")
    initiative = make_initiative("football", name="Idræt for alle", lead_organisation=lead, summary="Football.")
    initiative.places.add(place)
    make_initiative("other", name="Language café", description="Conversation in Danish.")
    return initiative


@pytest.fixture
def admin_browser(django_app, admin_user):
    app = DjangoTestApp(extra_environ=HTTPS)
    app.set_user(admin_user)
    return app


def test_refresh_catalogue_rebuilds_every_document_batch_by_batch(client, catalogue, monkeypatch):
    # At 100,000 initiatives one statement for all of them outlasts the statement timeout: it goes in batches.
    monkeypatch.setattr(indexing, "REBUILD_BATCH", 2)
    Initiative.objects.bulk_create(
        Initiative(slug=f"batch-{n}", name=f"Batchloaded {n}", era="new", country=catalogue.country, published=True)
        for n in range(5)
    )
    with CaptureQueriesContext(connection) as queries:
        call_command("refresh_catalogue", stdout=io.StringIO())
    documents = SQLITE_TABLE if connection.vendor == "sqlite" else SearchDocument._meta.db_table
    rewrites = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(f'INSERT INTO "{documents}"')
        or query["sql"].startswith(f"INSERT OR REPLACE INTO {documents}")
    ]
    assert len(rewrites) == math.ceil(Initiative.objects.count() / 2) >= 3
    assert found(client, "Batchloaded") == [f"batch-{n}" for n in range(5)]
    assert found(client, "idræt") == ["football"]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    "q", ["idræt", "Sønderborg", "Harbour", "HWA", "football", "Sonderborg", "sønderborg", "Idraet", "idraet alle"]
)
def test_search_finds_an_initiative_by_its_name_place_lead_organisation_and_summary_whatever_the_accents(client, q):
    assert found(client, q) == ["football"]


@pytest.mark.usefixtures("catalogue")
def test_every_word_must_match(client):
    assert found(client, "football conversation") == []


def test_a_word_finds_its_plural(client, catalogue):
    make_initiative("helpers", name="Buddies", summary="Volunteers welcome newcomers.")
    assert found(client, "volunteer newcomer") == ["helpers"]


def test_a_match_in_the_name_ranks_before_one_in_the_description(client, catalogue):
    make_initiative("talk", name="Conversation club")
    assert found(client, "conversation") == ["talk", "other"]


def rename(record, name):
    record.name = name
    record.save()


@pytest.mark.parametrize("renamed", ["place", "organisation"])
def test_a_renamed_place_or_organisation_is_found_by_its_new_name_only(client, catalogue, renamed):
    record = catalogue.places.get() if renamed == "place" else catalogue.lead_organisation
    old = record.name
    rename(record, "Aabenraa")
    assert found(client, "Aabenraa") == ["football"]
    assert found(client, old) == []


@pytest.mark.parametrize("renamed", ["place", "organisation"])
def test_a_rename_in_the_admin_is_found_by_its_new_name_only(client, admin_browser, catalogue, renamed):
    record = catalogue.places.get() if renamed == "place" else catalogue.lead_organisation
    old = record.name
    response = save(admin_browser, admin_url(type(record), "change", record.pk), name="Nordborg Æblehave")
    assert response.status_code == 302
    assert found(client, "Nordborg Aeblehave") == ["football"]
    assert found(client, old) == []


def test_an_initiative_edited_in_the_admin_is_found_by_its_new_name(client, admin_browser, catalogue):
    response = save(admin_browser, admin_url(Initiative, "change", catalogue.pk), name="Svømning")
    assert response.status_code == 302
    assert found(client, "svomning") == ["football"]
    assert found(client, "idræt") == []


def test_places_added_removed_and_cleared_from_either_side_change_what_is_found(client, catalogue):
    place = make_place("tonder", name="Tønder", kind=Place.Kind.CITY)
    place.initiatives.add(catalogue)
    assert found(client, "Tonder") == ["football"]
    place.initiatives.clear()
    assert found(client, "Tonder") == []
    catalogue.places.add(place)
    assert found(client, "Tonder") == ["football"]
    catalogue.places.remove(place)
    assert found(client, "Tonder") == []
    catalogue.places.clear()
    assert found(client, "Sonderborg") == []


def test_a_deleted_place_no_longer_finds_its_initiatives(client, catalogue):
    catalogue.places.get().delete()
    assert found(client, "Sonderborg") == []
    assert found(client, "idræt") == ["football"]


def test_a_deleted_initiative_is_no_longer_found_and_leaves_no_document(client, catalogue):
    pk = catalogue.pk
    catalogue.delete()
    assert found(client, "football") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {SQLITE_TABLE} WHERE rowid = %s", [pk])
            assert cursor.fetchone() == (0,)


def test_bulk_created_initiatives_are_found_after_refresh_catalogue(client, catalogue):
    country = catalogue.country
    Initiative.objects.bulk_create(
        Initiative(slug=f"bulk-{n}", name=f"Bulkloaded {n}", era="new", country=country, published=True)
        for n in range(3)
    )
    assert found(client, "Bulkloaded") == []
    out = io.StringIO()
    call_command("refresh_catalogue", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert found(client, "Bulkloaded") == ["bulk-0", "bulk-1", "bulk-2"]
    assert found(client, "idræt") == ["football"]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"football',
        "*",
        "foot*",
        "NEAR(",
        "NEAR(football alle)",
        "a:b",
        "name:football",
        "-",
        "-football",
        "^",
        "^football",
        "football OR",
        "AND",
        "(",
        "x" * 10_000,
        "foot\x00ball",
        "\x00",
    ],
)
def test_hostile_searches_are_answered_never_with_a_server_error(client, q):
    assert client.get("/initiatives/", {"q": q}).status_code in (200, 400)


def search_plan(q):
    queryset = Initiative.objects.search(q)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            return queryset.explain()
    return queryset.explain()


@pytest.mark.usefixtures("catalogue")
def test_a_search_reads_the_index_not_every_document():
    plan = search_plan("football")
    if connection.vendor == "postgresql":
        assert "initiative_search_document" in plan
    else:
        assert "VIRTUAL TABLE INDEX" in plan and SQLITE_TABLE in plan
