"""UNACCENT folds the same way on every database: PostgreSQL's extension, and on SQLite the function the app
gives each connection it opens."""

import pytest
from django.db import connections

from initiatives.models import Place
from tests.conftest import make_place

pytestmark = pytest.mark.django_db


def test_a_newly_opened_connection_has_unaccent():
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT UNACCENT(%s)", ["Hjørring Idræt Café Sønderborg"])
            assert cursor.fetchone()[0] == "Hjorring Idraet Cafe Sonderborg"
    finally:
        connection.close()


@pytest.mark.parametrize("asked", ["Sønderborg", "sonderborg", "SØNDERBORG", "Sonderbørg"])
def test_the_unaccent_lookup_matches_with_or_without_accents(asked):
    make_place("sonderborg", name="Sønderborg", kind=Place.Kind.CITY)
    make_place("soro", name="Sorø", kind=Place.Kind.CITY)
    assert list(Place.objects.filter(name__unaccent__iexact=asked).values_list("slug", flat=True)) == ["sonderborg"]
