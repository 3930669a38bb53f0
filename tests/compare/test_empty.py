"""The compare pages before any report is loaded: words instead of charts, never an error."""

from .dom import parse


def test_era_page_works_before_any_data_is_loaded(client, db):
    response = client.get("/compare/")
    assert response.status_code == 200
    page = parse(response.content)
    assert "No figures are recorded." in page.text()
    assert "No findings are recorded." in page.text()
    assert page.find("figure", class_="chart") is None


def test_grid_of_unknown_initiatives_before_any_data_is_loaded(client, db):
    assert client.get("/compare/?i=a&i=b").status_code == 400
    assert client.get("/compare.csv?i=a&i=b").status_code == 400
