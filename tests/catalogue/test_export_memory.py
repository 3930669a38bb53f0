"""A download streams: the memory it takes does not grow with the number of initiatives it holds."""

import tracemalloc

import pytest
from django.db import connection

from initiatives.models import BeneficiaryGroup, Initiative, Place, Theme
from initiatives.models.visibility import refresh_visibility
from tests.conftest import make_organisation, make_place

FEW, MANY = 1_000, 10_000


def add_initiatives(start, stop):
    """Initiatives numbered `start` to `stop`, each with a summary, two themes, a group, two places and a partner."""
    denmark = make_place("denmark", name="Denmark")
    themes = [Theme.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in ("sport", "housing")]
    group = BeneficiaryGroup.objects.get_or_create(slug="refugees", defaults={"name": "Refugees"})[0]
    places = [make_place(slug, kind=Place.Kind.CITY, parent=denmark) for slug in ("aarhus", "odense")]
    partner = make_organisation(f"partner-{start}")
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                slug=f"initiative-{number:05}",
                name=f"Initiative {number:05}",
                era=Initiative.Era.NEW,
                published=True,
                country=denmark,
                summary=f"Volunteers of initiative {number} meet newcomers every week for coffee and homework. " * 3,
            )
            for number in range(start, stop)
        ),
        batch_size=1000,
    )
    refresh_visibility()  # written in bulk, without the signals that store what the public may see
    links = {
        Initiative.themes.through: [{"theme": theme} for theme in themes],
        Initiative.places.through: [{"place": place} for place in places],
        Initiative.beneficiary_groups.through: [{"beneficiarygroup": group}],
        Initiative.partners.through: [{"organisation": partner}],
    }
    for through, targets in links.items():
        through.objects.bulk_create(
            (through(initiative=initiative, **target) for initiative in initiatives for target in targets),
            batch_size=2000,
        )


def streamed(client, address):
    """(peak traced Python memory while the download is requested and read, its size in bytes, its rows)."""
    tracemalloc.start()
    try:
        response = client.get(address)
        assert response.status_code == 200
        size = rows = 0
        for chunk in response.streaming_content:
            if connection.vendor == "postgresql" and not size:
                assert server_side_cursors() == 1, "the rows are read through a server-side cursor"
            size += len(chunk)
            rows += chunk.count(b"initiative-")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, size, rows


def server_side_cursors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/initiatives.csv", "/initiatives.json?theme=sport"])
def test_a_download_of_ten_times_the_initiatives_takes_no_more_memory(client, address):
    add_initiatives(0, FEW)
    few_peak, few_size, few_rows = streamed(client, address)
    add_initiatives(FEW, MANY)
    many_peak, many_size, many_rows = streamed(client, address)

    # Each row names its slug twice (slug and url).
    assert (few_rows, many_rows) == (2 * FEW, 2 * MANY)
    assert many_size > 9 * few_size
    assert many_peak < 2 * few_peak, (few_peak, many_peak)
    assert many_peak < many_size / 4, (many_peak, many_size)
