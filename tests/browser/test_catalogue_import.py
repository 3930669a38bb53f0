"""A curator imports a second country's report from a workbook, in a real browser: uploads it, reads the
preview, confirms, finds the drafts in the admin and publishes them; then the public site shows them with their
country on the list, in the facets, on the compare pages and in the downloads."""

import csv
import io
import json

from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import CatalogueImport, Initiative
from tests.browser.test_curation import open_form, server_errors, success_message
from tests.exchange import germany

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GERMAN = ["Lesepaten Leipzig", "Willkommensnetz"]


def publish(page, site, model, names):
    """Ticks the named records on the admin's list of `model` and runs its publish action."""
    open_form(page, site, reverse(f"admin:{model}_changelist"))
    for name in names:
        page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True)).get_by_role(
            "checkbox"
        ).check()
    page.select_option("select[name=action]", "publish")
    with page.expect_navigation():
        page.get_by_role("button", name="Go", exact=True).click()


def test_a_curator_imports_a_second_countrys_workbook_and_publishes_it(curator_page, site, catalogue):
    page = curator_page
    errors = server_errors(page)
    open_form(page, site, reverse("admin:initiatives_catalogueimport_add"))
    page.set_input_files("#id_file", {"name": "germany.xlsx", "mimeType": XLSX, "buffer": germany.workbook()})
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()

    added = page.locator("table#added tbody tr")
    expect(added).to_have_count(11)
    expect(added.filter(has_text="Willkommensnetz (willkommensnetz)")).to_contain_text("initiatives")
    expect(page.locator("table#refused")).to_have_count(0)
    assert not Initiative.objects.filter(name__in=GERMAN).exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Import this file").click()
    assert "Imported: 11 added as drafts, 0 changed." in success_message(page)
    record = CatalogueImport.objects.get()
    assert record.applied_at is not None

    # Drafts: in the admin, not on the public site.
    open_form(page, site, reverse("admin:initiatives_initiative_changelist") + "?q=Leipzig")
    expect(page.get_by_role("link", name="Lesepaten Leipzig", exact=True)).to_be_visible()
    assert page.goto(f"{site.url}/initiatives/willkommensnetz/").status == 404

    publish(page, site, "organisations_organisation", ["Sprachbrücke Leipzig", "Stiftung Willkommen"])
    publish(page, site, "initiatives_initiative", GERMAN)
    assert "2 published" in success_message(page)

    page.goto(f"{site.url}/initiatives/?country=germany")
    expect(page.locator("#results-title")).to_contain_text("2")
    for name in GERMAN:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.goto(f"{site.url}/initiatives/")
    country = page.locator("section.facet").filter(has=page.get_by_role("heading", name="Country"))
    germany_option = country.get_by_role("listitem").filter(has=page.get_by_role("link", name="Germany", exact=True))
    expect(germany_option.locator(".count")).to_have_text("2")

    page.goto(f"{site.url}/initiatives/willkommensnetz/")
    expect(page.locator("main")).to_contain_text("Germany")
    expect(page.locator("main")).to_contain_text("Stiftung Willkommen")

    page.goto(f"{site.url}/compare/?i=lesepaten-leipzig&i=willkommensnetz")
    grid = page.locator("main")
    for name in GERMAN:
        expect(grid).to_contain_text(name)
    expect(grid).to_contain_text("420")  # the figure

    downloads = page.context.request
    rows = list(csv.DictReader(io.StringIO(downloads.get(f"{site.url}/initiatives.csv?country=germany").text())))
    assert sorted(row["name"] for row in rows) == GERMAN
    snapshot = json.loads(downloads.get(f"{site.url}/data/catalogue.json").text())
    countries = {row["slug"]: row["country"] for row in snapshot["initiatives"]}
    assert (countries["willkommensnetz"], countries["lesepaten-leipzig"]) == ("germany", "germany")
    (funding,) = [row for row in snapshot["fundings"] if row["initiative"] == "willkommensnetz"]
    assert (funding["amount"], funding["currency"], funding["funder"]) == ("250000.00", "EUR", "stiftung-willkommen")
    assert errors == []
