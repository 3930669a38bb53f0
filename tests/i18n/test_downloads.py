"""Downloads are the same file in every language of the interface: the same column names, codes and values."""

import pytest

DOWNLOADS = [
    "/initiatives.csv",
    "/initiatives.json",
    "/initiatives.csv?era=new&theme=sport",
    "/compare.csv?i=venligboerne&i=krydsfelt&i=red-cross-stores",
    "/initiatives/venligboerne.json",
    "/organisations/danish-red-cross.json",
    "/places/denmark.json",
    "/themes/sport.json",
    "/beneficiaries/unaccompanied-or-separated-children.json",
    "/sources/ewsi-denmark.json",
]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_download_is_the_same_in_danish_and_in_english(client, denmark, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    danish = client.get(url, HTTP_ACCEPT_LANGUAGE="da")

    assert english.status_code == danish.status_code == 200
    assert english["Content-Type"] == danish["Content-Type"]
    assert english.getvalue() == danish.getvalue()


def test_the_comparison_download_names_its_rows_in_english_under_a_danish_interface(client, denmark):
    danish = client.get("/compare.csv?i=venligboerne&i=krydsfelt", HTTP_ACCEPT_LANGUAGE="da")

    lines = danish.getvalue().decode().splitlines()
    assert lines[0].startswith("Initiative,")
    assert any(line.startswith("Lead organisation,") for line in lines)
    assert not any(line.startswith("Ansvarlig organisation,") for line in lines)
