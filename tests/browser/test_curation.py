"""A curator's work in the admin, in a real browser: adding records with their related ones picked through the
autocomplete widgets and an inline row, editing, a refused form that keeps what was typed, and a stale save."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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


@pytest.fixture
def records(transactional_db):
    """What a curator picks from: a country and its cities, organisations, themes, a measure and a source, each
    beside a record of the same kind that a careless pick could take instead."""
    denmark = make_place("denmark")
    make_place("sweden")
    return {
        "denmark": denmark,
        "aarhus": make_place("aarhus", kind=Place.Kind.CITY, parent=denmark),
        "odense": make_place("odense", kind=Place.Kind.CITY, parent=denmark),
        "red cross": make_organisation("danish-red-cross", name="Danish Red Cross"),
        "refugee council": make_organisation("danish-refugee-council", name="Danish Refugee Council"),
        "mentoring": Theme.objects.create(name="Mentoring", slug="mentoring"),
        "language": Theme.objects.create(name="Language learning", slug="language-learning"),
        "housing": Theme.objects.create(name="Housing", slug="housing"),
        "volunteers": Measure.objects.create(name="volunteers", slug="volunteers"),
        "members": Measure.objects.create(name="members", slug="members"),
        "report": make_source("ewsi-denmark", name="EWSI Denmark"),
        "survey": make_source("a-survey", name="A survey"),
    }


def server_errors(page):
    """Every answer of 500 or more the page is given from now on, each as 'METHOD url status'."""
    errors = []
    page.on(
        "response",
        lambda response: (
            response.status >= 500 and errors.append(f"{response.request.method} {response.url} {response.status}")
        ),
    )
    return errors


def open_form(page, site, path):
    response = page.goto(site.url + path)
    assert response.status == 200, f"{path} answered {response.status}"


def pick(page, field_id, text):
    """Picks `text` in an autocomplete widget as a person does: opens it, types, and clicks the one result."""
    page.click(f"#{field_id} + .select2-container")
    with page.expect_response(lambda response: parse_qs(urlparse(response.url).query).get("term") == [text]) as answer:
        page.locator(".select2-container--open .select2-search__field").press_sequentially(text)
    assert answer.value.status == 200, f"Searching {field_id} for {text!r} answered {answer.value.status}"
    options = page.locator(".select2-container--open .select2-results__option")
    expect(options).to_have_text([text])  # the results of this search, not the list shown on opening
    options.click()
    expect(
        page.locator(f"#{field_id} option:checked").filter(has_text=re.compile(f"^{re.escape(text)}$"))
    ).to_have_count(1)


def picked(page, field_id):
    """The names a widget holds, as the select posts them and as its widget shows them."""
    select = page.locator(f"#{field_id} option:checked").all_inner_texts()
    shown = page.locator(f"#{field_id} + .select2-container .select2-selection__choice").all_inner_texts()
    return sorted(select), sorted(re.sub(r"^×\s*", "", choice).strip() for choice in shown)


def save(page):
    """Clicks Save and waits for the page the admin answers with, which must not be a server error."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Save", exact=True).click()
    response = navigation.value
    assert response.status < 500, f"Saving answered {response.status}"


def success_message(page):
    return page.locator(".messagelist .success").inner_text()


def test_a_curator_adds_an_initiative_with_its_organisation_themes_places_and_a_figure(curator_page, site, records):
    page = curator_page
    errors = server_errors(page)
    open_form(page, site, reverse("admin:initiatives_initiative_add"))

    page.locator("#id_name").press_sequentially("Welcome Friends Aarhus")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("welcome-friends-aarhus")
    pick(page, "id_country", "Denmark")
    page.select_option("#id_era", Initiative.Era.NEW)
    pick(page, "id_lead_organisation", "Danish Red Cross")
    pick(page, "id_themes", "Mentoring")
    pick(page, "id_themes", "Language learning")
    pick(page, "id_places", "Aarhus")

    page.get_by_role("button", name="Add another Figure").click()
    pick(page, "id_figures-0-measure", "volunteers")
    page.fill("#id_figures-0-value", "120")
    pick(page, "id_figures-0-source", "EWSI Denmark")
    save(page)

    assert "Welcome Friends Aarhus" in success_message(page) and "was added successfully" in success_message(page)
    initiative = Initiative.objects.get(slug="welcome-friends-aarhus")
    assert (initiative.name, initiative.country, initiative.era, initiative.lead_organisation) == (
        "Welcome Friends Aarhus",
        records["denmark"],
        Initiative.Era.NEW,
        records["red cross"],
    )
    assert set(initiative.themes.all()) == {records["mentoring"], records["language"]}
    assert list(initiative.places.all()) == [records["aarhus"]]
    assert [(f.measure, f.value, f.source) for f in initiative.figures.all()] == [
        (records["volunteers"], 120, records["report"])
    ]
    # The browser posts the new records' hidden version fields empty; each record starts at its first version.
    assert (initiative.version, initiative.figures.get().version) == (1, 1)
    assert errors == []


def test_a_curator_adds_an_organisation_and_a_theme(curator_page, site, records):
    page = curator_page
    errors = server_errors(page)

    open_form(page, site, reverse("admin:organisations_organisation_add"))
    page.locator("#id_name").press_sequentially("Aarhus Volunteer Centre")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("aarhus-volunteer-centre")
    page.fill("#id_acronym", "AVC")
    page.select_option("#id_kind", Organisation.Kind.NGO)
    pick(page, "id_country", "Denmark")
    save(page)
    assert "was added successfully" in success_message(page)

    open_form(page, site, reverse("admin:initiatives_theme_add"))
    page.locator("#id_name").press_sequentially("Language café")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("language-cafe")
    page.fill("#id_description", "Volunteers and newcomers practise Danish over coffee.")
    save(page)
    assert "was added successfully" in success_message(page)

    organisation = Organisation.objects.get(slug="aarhus-volunteer-centre")
    assert (organisation.name, organisation.acronym, organisation.kind, organisation.country) == (
        "Aarhus Volunteer Centre",
        "AVC",
        Organisation.Kind.NGO,
        records["denmark"],
    )
    theme = Theme.objects.get(slug="language-cafe")
    assert (theme.name, theme.description) == ("Language café", "Volunteers and newcomers practise Danish over coffee.")
    assert errors == []


def test_a_curator_changes_an_initiatives_summary_and_only_the_summary_changes(curator_page, site):
    # Browsers send a textarea's line breaks as CRLF: the untouched description must not count as changed.
    page = curator_page
    errors = server_errors(page)
    description = "Started in Hjørring in 2015.\nNow in many towns.\n\nMeets in cafés."
    initiative = make_initiative(
        "venligboerne", name="Venligboerne", summary="A friendly network.", description=description
    )
    open_form(page, site, reverse("admin:initiatives_initiative_change", args=[initiative.pk]))

    page.fill("textarea#id_summary", "A network of locals in Hjørring who befriend newcomers.")
    save(page)

    assert "was changed successfully" in success_message(page)
    initiative.refresh_from_db()
    assert initiative.summary == "A network of locals in Hjørring who befriend newcomers."
    assert initiative.description == description
    assert initiative.version == 2
    latest = initiative.history.latest()
    assert latest.diff_against(latest.prev_record).changed_fields == ["summary"]
    assert errors == []


def test_a_refused_initiative_keeps_every_value_the_curator_typed(curator_page, site, records):
    page = curator_page
    errors = server_errors(page)
    open_form(page, site, reverse("admin:initiatives_initiative_add"))

    page.locator("#id_name").press_sequentially("Night Cafe Odense")
    page.fill("#id_native_name", "Natcafé Odense")
    pick(page, "id_country", "Denmark")
    page.select_option("#id_era", Initiative.Era.NEW)
    page.fill("#id_start_year", "2015")
    page.fill("#id_end_year", "2012")
    page.fill("#id_summary", "Volunteers keep a café open at night.")
    pick(page, "id_themes", "Housing")
    save(page)

    expect(
        page.locator(".errorlist li").filter(has_text="The end year cannot be before the start year.")
    ).to_be_visible()
    assert {
        field: page.input_value(f"#id_{field}")
        for field in ["name", "slug", "native_name", "era", "start_year", "end_year", "summary"]
    } == {
        "name": "Night Cafe Odense",
        "slug": "night-cafe-odense",
        "native_name": "Natcafé Odense",
        "era": Initiative.Era.NEW,
        "start_year": "2015",
        "end_year": "2012",
        "summary": "Volunteers keep a café open at night.",
    }
    assert page.locator("#id_country option:checked").inner_text() == "Denmark"
    assert picked(page, "id_themes") == (["Housing"], ["Housing"])
    assert not Initiative.objects.filter(slug="night-cafe-odense").exists()
    assert errors == []


def test_a_stale_save_shows_both_versions_keeps_the_curators_text_and_saving_again_overwrites(
    curator_page, other_curator_page, site
):
    first, second = curator_page, other_curator_page
    errors_first, errors_second = server_errors(first), server_errors(second)
    initiative = make_initiative("venligboerne", name="Venligboerne", summary="A friendly network.")
    change_page = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    open_form(first, site, change_page)
    open_form(second, site, change_page)

    first.fill("#id_summary", "Locals who befriend newcomers.")
    save(first)
    assert "was changed successfully" in success_message(first)

    second.fill("#id_summary", "A Facebook network of volunteers.")
    save(second)
    refusal = second.locator(".errorlist")
    expect(refusal.filter(has_text="Someone else changed this initiative since you opened it")).to_have_count(1)
    expect(
        refusal.locator("li").filter(
            has_text="Summary: theirs “Locals who befriend newcomers.”, yours “A Facebook network of volunteers.”"
        )
    ).to_have_count(1)
    assert second.input_value("#id_summary") == "A Facebook network of volunteers."
    initiative.refresh_from_db()
    assert initiative.summary == "Locals who befriend newcomers."

    save(second)
    assert "was changed successfully" in success_message(second)
    initiative.refresh_from_db()
    assert (initiative.summary, initiative.version) == ("A Facebook network of volunteers.", 3)
    assert errors_first + errors_second == []


def fill_in(page, steps):
    for action, field_id, value in steps:
        if action == "name":  # typed as a person types, so that the admin writes the slug from it
            page.locator(f"#{field_id}").press_sequentially(value)
            page.keyboard.press("Tab")
        elif action == "type":
            page.fill(f"#{field_id}", value)
        elif action == "choose":
            page.select_option(f"#{field_id}", value)
        else:
            pick(page, field_id, value)


# Each other kind of record, added through its own page: what the curator fills in, and the record that must exist.
OTHER_KINDS = {
    "place": (
        "admin:initiatives_place_add",
        [
            ("name", "id_name", "Vesterbro"),
            ("choose", "id_kind", "district"),
            ("pick", "id_parent", "Aarhus"),
        ],
        lambda r: Place.objects.filter(slug="vesterbro", kind="district", parent=r["aarhus"]),
    ),
    "source": (
        "admin:initiatives_source_add",
        [
            ("name", "id_name", "Section 2"),
            ("choose", "id_kind", "section"),
            ("pick", "id_parent", "EWSI Denmark"),
            ("type", "id_locator", "2"),
        ],
        lambda r: Source.objects.filter(slug="section-2", kind="section", parent=r["report"], locator="2"),
    ),
    "beneficiary group": (
        "admin:initiatives_beneficiarygroup_add",
        [
            ("name", "id_name", "Young refugees"),
            ("type", "id_min_age", "14"),
            ("type", "id_max_age", "19"),
        ],
        lambda r: BeneficiaryGroup.objects.filter(slug="young-refugees", min_age=14, max_age=19),
    ),
    "measure": (
        "admin:initiatives_measure_add",
        [("name", "id_name", "stores")],
        lambda r: Measure.objects.filter(slug="stores"),
    ),
    "figure": (
        "admin:initiatives_figure_add",
        [
            ("pick", "id_initiative", "Venligboerne"),
            ("pick", "id_measure", "members"),
            ("type", "id_value", "150000"),
            ("pick", "id_source", "EWSI Denmark"),
        ],
        lambda r: Figure.objects.filter(initiative__slug="venligboerne", measure=r["members"], value=150000),
    ),
    "funding": (
        "admin:initiatives_funding_add",
        [
            ("pick", "id_initiative", "Venligboerne"),
            ("pick", "id_funder", "Danish Red Cross"),
            ("type", "id_amount", "250000"),
            ("type", "id_currency", "DKK"),
            ("pick", "id_source", "EWSI Denmark"),
        ],
        lambda r: Funding.objects.filter(initiative__slug="venligboerne", funder=r["red cross"], amount=250000),
    ),
    "award": (
        "admin:initiatives_award_add",
        [
            ("type", "id_name", "Integration Prize"),
            ("type", "id_year", "2016"),
            ("pick", "id_initiative", "Venligboerne"),
            ("pick", "id_givers", "Danish Refugee Council"),
            ("pick", "id_source", "EWSI Denmark"),
        ],
        lambda r: Award.objects.filter(name="Integration Prize", year=2016, givers=r["refugee council"]),
    ),
    "finding": (
        "admin:initiatives_finding_add",
        [("pick", "id_source", "EWSI Denmark"), ("type", "id_position", "1"), ("type", "id_dimension", "Innovation")],
        lambda r: Finding.objects.filter(dimension="Innovation", source=r["report"], position=1),
    ),
}


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_a_curator_adds_every_other_kind_of_record(curator_page, site, records, kind):
    page = curator_page
    errors = server_errors(page)
    make_initiative("venligboerne", name="Venligboerne", country=records["denmark"])
    url, steps, stored = OTHER_KINDS[kind]
    open_form(page, site, reverse(url))

    fill_in(page, steps)
    save(page)

    assert "was added successfully" in success_message(page)
    record = stored(records).get()
    assert (record.version, record.history.get().history_type) == (1, "+")
    assert errors == []
