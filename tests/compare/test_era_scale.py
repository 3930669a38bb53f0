"""The era page as the catalogue grows: numbers counted in SQL, lists cut to their first few, links to them all."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Max, Min

from initiatives.models import Award, Figure, Funding, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation

from .dom import parse
from .test_eras import era_column, numbers
from .test_queries import queries_for

pytestmark = pytest.mark.usefixtures("denmark")

GENERATED = 300


def generate(count=GENERATED):
    """`count` more new initiatives, each led by one of twelve organisations, with a figure, a funding line,
    an award and a theme."""
    denmark, section = Place.objects.get(slug="denmark"), Source.objects.get(slug="ewsi-denmark-s2")
    leads = list(Organisation.objects.published().order_by("slug")[:12])
    members, theme = Measure.objects.get(slug="members"), Theme.objects.order_by("slug").first()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            slug=f"generated-{number:03d}",
            name=f"Generated {number:03d}",
            era=Initiative.Era.NEW,
            published=True,
            country=denmark,
            start_year=1980 + number % 40,
            lead_organisation=leads[number % len(leads)],
            organising="Facebook groups.",
        )
        for number in range(count)
    )
    Figure.objects.bulk_create(
        Figure(initiative=i, measure=members, value=10 + n, as_of_year=2015, source=section)
        for n, i in enumerate(initiatives)
    )
    Funding.objects.bulk_create(
        Funding(initiative=i, amount=Decimal(1000), currency="DKK", source=section) for i in initiatives
    )
    Award.objects.bulk_create(
        Award(name=f"Award {i.slug}", year=2015, initiative=i, source=section) for i in initiatives
    )
    Initiative.themes.through.objects.bulk_create(
        Initiative.themes.through(initiative=i, theme=theme) for i in initiatives
    )
    # Written in bulk, without the signals that keep what the public may see and the stored counts.
    call_command("refresh_catalogue", stdout=io.StringIO())


@pytest.fixture
def page(client):
    generate()
    response = client.get("/compare/")
    assert response.status_code == 200
    return parse(response.content)


def cut_link(container):
    """The link to the full list under a list cut to its first few."""
    cut = container.find("p", class_="cut")
    assert cut is not None
    return cut.find("a").attrs["href"]


# Why: every number and list is one query however many initiatives, figures and facts there are.
def test_era_page_reads_as_many_queries_for_twenty_initiatives_as_for_three_hundred_and_twenty(
    client, django_assert_num_queries
):
    small = queries_for(client, "/compare/")
    generate()
    with django_assert_num_queries(small):
        response = client.get("/compare/")
    assert response.status_code == 200


def test_era_page_counts_what_a_direct_count_gives(page):
    new = Initiative.objects.published().filter(era="new")
    shown = numbers(era_column(page, "new"))
    assert shown["Initiatives"] == str(new.count()) == str(GENERATED + 2)
    assert shown["Lead organisations"] == str(
        new.exclude(lead_organisation=None).values("lead_organisation").distinct().count()
    )
    first, last = new.aggregate(Min("start_year"), Max("start_year")).values()
    assert shown["Launched"] == f"{first}–{last}"


def test_era_page_cuts_the_lists_of_initiatives_organisations_and_launches_and_links_to_them_all(page):
    column = era_column(page, "new")
    details = column.find("details", class_="era-list")
    assert len(details.find_all("li")) == 20
    assert cut_link(details) == "/initiatives/?era=new&sort=name"
    assert f"20 of {GENERATED + 2} shown" in details.find("p", class_="cut").text()
    assert len(column.find("ul", class_="chips").find_all("li")) == 10
    links = [cut.find("a").attrs["href"] for cut in column.find_all("p", class_="cut")]
    assert "/initiatives/facets/organisation/?era=new" in links
    assert "/initiatives/?era=new&sort=start_year" in links
    years = [item.find("strong").text() for item in column.find("ul", class_="launch-years").find_all("li")]
    assert years == [str(year) for year in range(2010, 2020)]  # the latest ten, oldest first


def test_era_page_cuts_figures_funding_and_awards_to_ten_of_each_era_with_the_number_of_them_all(page):
    members = page.find("section", class_="measure", **{"aria-labelledby": "measure-members"})
    new_members = members.find("div", class_="era-column-new")
    figures = Figure.objects.published().filter(initiative__era="new", measure__slug="members").count()
    assert len(new_members.find_all("li")) == 10
    assert f"10 of {figures} shown" in new_members.find("p", class_="cut").text()
    fundings = Funding.objects.published().filter(initiative__era="new").count()
    awards = Award.objects.published().filter(initiative__era="new").count()
    for section_id, count, parameter in (
        ("funding-title", fundings, "has_funding"),
        ("awards-title", awards, "has_award"),
    ):
        section = page.find("section", **{"aria-labelledby": section_id})
        column = section.find("div", class_="era-column-new")
        assert len(column.find("ul", class_="facts-list").find_all("li")) == 10
        assert f"10 of {count} shown" in column.find("p", class_="cut").text()
        assert cut_link(column) == f"/initiatives/?era=new&{parameter}=true"


def test_era_page_themes_count_every_initiative_of_each_era(page):
    theme = Theme.objects.order_by("slug").first()
    row = next(
        row
        for row in page.find("table", class_="tally").find("tbody").find_all("tr")
        if row.find("th").text() == theme.name
    )
    counts = [cell.text() for cell in row.find_all("td")]
    direct = [
        str(Initiative.objects.published().filter(era=era, themes=theme).count()) for era in Initiative.Era.values
    ]
    assert counts == direct


def test_picker_offers_the_first_initiatives_of_each_era_and_points_to_the_list_for_the_rest(page):
    picker = page.find("section", class_="picker")
    boxes = picker.find_all("input", type="checkbox", name="i")
    assert len(boxes) == 18 + 20  # all long-established ones, the first twenty new ones
    assert picker.find("a", href="/initiatives/") is not None


def test_grid_picker_keeps_the_chosen_initiatives_ticked_beyond_the_first_few(client):
    generate()
    page = parse(client.get("/compare/?i=generated-299&i=venligboerne").content)
    ticked = {
        box.attrs["value"] for box in page.find("section", class_="picker").find_all("input") if "checked" in box.attrs
    }
    assert ticked == {"generated-299", "venligboerne"}
