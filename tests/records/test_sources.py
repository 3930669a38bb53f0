"""Each source once: what “Where is this data from?” lists for a record, and what the grid and eras page cite."""

from types import SimpleNamespace

from initiatives.compare.comparison import sources_cited
from initiatives.models import Figure, Funding, Measure, Source
from initiatives.records.sources import sources_used
from tests.compare.dom import parse
from tests.conftest import make_initiative, make_organisation, make_source


def source(pk, kind="report", locator="", name=""):
    return SimpleNamespace(pk=pk, kind=kind, locator=locator, name=name or f"Source {pk}")


def fact(cited):
    return SimpleNamespace(source_id=cited.pk, source=cited)


def test_a_records_own_sources_come_first_then_those_its_facts_cite_in_the_order_met():
    a, b, c = source(1), source(2), source(3)
    assert sources_used([b], [fact(c), fact(b)], [fact(a), fact(c)]) == [b, c, a]


def test_a_source_cited_by_many_facts_and_named_twice_is_listed_once():
    a = source(1)
    assert sources_used([a, a], [fact(a)], [fact(a), fact(a)]) == [a]


def test_without_sources_or_facts_nothing_is_listed():
    assert sources_used() == []
    assert sources_used([], [], []) == []


def test_the_eras_page_cites_reports_then_sections_by_number_then_pages():
    report = source(1, name="Report")
    section_10 = source(2, kind=Source.Kind.SECTION, locator="10")
    section_2 = source(3, kind=Source.Kind.SECTION, locator="2")
    page = source(4, kind=Source.Kind.WEB_PAGE)
    cited = sources_cited([fact(page), fact(section_10)], [fact(report), fact(section_2), fact(page)])
    assert cited == [report, section_2, section_10, page]


def listed(client, url):
    """The sources a page's “Where is this data from?” box lists, by address."""
    box = parse(client.get(url).content).find("aside", class_="data-sources")
    return [item.find("a").attrs["href"] for item in box.find_all("li")]


def test_the_record_pages_list_each_source_once(client, db):
    report = make_source("report", name="The report")
    section = make_source("section-4", name="Volunteers", kind=Source.Kind.SECTION, parent=report, locator="4")
    funder = make_organisation("fund", name="The Fund")
    funder.sources.add(report)
    initiative = make_initiative("mentors", lead_organisation=funder)
    initiative.sources.add(section)
    measure = Measure.objects.create(slug="volunteers", name="volunteers")
    for value in (10, 20):
        Figure.objects.create(initiative=initiative, measure=measure, value=value, source=section)
    Funding.objects.create(initiative=initiative, funder=funder, currency="DKK", source=report)

    assert listed(client, "/initiatives/mentors/") == ["/sources/section-4/", "/sources/report/"]
    assert listed(client, "/organisations/fund/") == ["/sources/report/"]
    data = client.get("/initiatives/mentors.json").json()
    assert [item["slug"] for item in data["sources"]] == ["section-4", "report"]
