"""No count the public sees includes a draft, or what hangs only on one; publishing it changes exactly its counts."""

import csv
import io
import json

import pytest

from tests.compare.dom import parse, table_rows
from tests.conftest import make_organisation, set_published
from tests.models.drafts import (
    DRAFT_ORGANISATION,
    branch_of,
    draft_initiative,
    draft_organisation,
    every_draft,
    led_by,
    under,
)

pytestmark = pytest.mark.usefixtures("denmark")


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def section(page, heading_id):
    return page.find("section", **{"aria-labelledby": heading_id})


def home_numbers(client):
    response = get(client, "/")
    context = response.context
    numbers = {f"home {name}": count for name, count in context["counts"].items()}
    numbers["home organisations"] = context["organisation_count"]
    numbers |= {f"home theme {theme.slug}": theme.initiative_count for theme in context["themes"]}
    numbers |= {f"home group {group.slug}": group.initiative_count for group in context["beneficiary_groups"]}
    numbers |= {f"home leads {org.slug}": org.initiatives_led for org in context["leading_organisations"]}
    page = parse(response.content)
    numbers["home shows"] = [item.text() for item in page.find("ul", class_="stats").find_all("li")]
    numbers["home shows themes"] = [item.text() for item in section(page, "themes-title").find_all("li")]
    numbers["home shows leads"] = [item.text() for item in section(page, "organisations-title").find_all("li")]
    return numbers


def list_numbers(client, query=""):
    """The list's total and each facet option's count, as counted and as shown, under the filters of `query`."""
    response = get(client, "/initiatives/" + query)
    numbers = {f"list{query} total": response.context["paginator"].count}
    for facet in response.context["facets"]:
        numbers |= {f"facet{query} {facet.name}={option.value}": option.count for option in facet.options}
    page = parse(response.content)
    numbers[f"list{query} shows"] = page.find("h2", id="results-title").text()
    for section in page.find("aside", class_="facets").find_all("section", class_="facet"):
        numbers[f"list{query} shows facet {section.find('h3').text()}"] = [
            (item.find("a").text(), item.find("span", class_="count").text()) for item in section.find_all("li")
        ]
    for download in ("json", "csv"):
        text = body(get(client, f"/initiatives.{download}{query}"))
        rows = json.loads(text)["initiatives"] if download == "json" else list(csv.DictReader(io.StringIO(text)))
        numbers[f"list.{download}{query} rows"] = len(rows)
    return numbers


def era_numbers(client):
    response = get(client, "/compare/")
    context = response.context
    numbers = {"eras total": context["total"]}
    for era in context["eras"]:
        numbers |= {
            f"era {era.value} initiatives": era.count,
            f"era {era.value} lead organisations": era.leads,
            f"era {era.value} without lead": era.without_lead,
            f"era {era.value} launched": era.launch_range,
            f"era {era.value} undated": era.undated,
            f"era {era.value} funding": era.funding_count,
            f"era {era.value} awards": era.award_count,
            f"era {era.value} organising described": era.organising_count,
        }
    for name in ("themes", "groups"):
        for tally in context[name]["rows"]:
            numbers |= {f"era {era.value} {name} {tally.record.slug}": count for era, count, _url in tally.counts}
    comparisons = [*context["measures"]["shared"], *(row for _era, rows in context["measures"]["only"] for row in rows)]
    numbers |= {f"era figures of {row.measure.slug}": row.count for row in comparisons}
    numbers |= {f"era chart {name}": chart.rows if chart else None for name, chart in context["charts"].items()}
    page = parse(response.content)
    numbers["eras shows"] = [item.text() for item in page.find_all("dl", class_="era-numbers")]
    numbers["eras shows lede"] = page.find("p", class_="lede").text()
    numbers["eras shows tables"] = [table_rows(table) for table in page.find_all("table")]
    return numbers


def browse_numbers(client):
    numbers = {}
    for url in ("/themes/", "/beneficiaries/", "/places/"):
        numbers |= {
            f"{url} {record.slug}": record.initiative_count for record in get(client, url).context["object_list"]
        }
    organisations = get(client, "/organisations/")
    numbers["/organisations/ count"] = len(organisations.context["object_list"])
    numbers |= {
        f"/organisations/ leads {org.slug}": org.initiatives_led for org in organisations.context["object_list"]
    }
    numbers["/organisations/ shows"] = table_rows(parse(organisations.content).find("table"))
    for url in (
        "/themes/mentoring.json",
        "/themes/housing.json",
        "/beneficiaries/refugees.json",
        "/places/denmark.json",
    ):
        numbers[f"{url} initiatives"] = len(json.loads(body(get(client, url)))["initiatives"])
    for url in ("/places/denmark/", "/places/copenhagen/", "/sources/ewsi-denmark/", "/sources/ewsi-denmark-s3/"):
        context = get(client, url).context
        for name in ("initiatives", "organisations", "figures", "fundings", "awards"):
            if name in context:
                numbers[f"{url} {name}"] = len(context[name])
    return numbers


def public_numbers(client):
    """Every count the public pages show, read from the views' context and, as shown, from the parsed pages."""
    lists = list_numbers(client) | list_numbers(client, "?era=new") | list_numbers(client, "?has_funding=true")
    return home_numbers(client) | lists | era_numbers(client) | browse_numbers(client)


def changes(before, after):
    return {
        key: (before.get(key), after.get(key))
        for key in before.keys() | after.keys()
        if before.get(key) != after.get(key)
    }


def test_the_counts_read_the_report(client):
    """The public numbers above are those of the report, so comparing them compares real counts."""
    numbers = public_numbers(client)
    assert numbers["home initiatives"] == numbers["list total"] == numbers["eras total"] == 20
    assert (numbers["home long_established"], numbers["home new"]) == (18, 2)
    assert numbers["home organisations"] == numbers["/organisations/ count"] == 18
    assert numbers["facet has_funding=true"] == 3
    assert numbers["facet organisation=danish-refugee-council"] == 6


def test_drafts_and_what_hangs_on_them_change_no_public_count(client):
    before = public_numbers(client)
    every_draft()
    assert changes(before, public_numbers(client)) == {}


def publish(*records):
    for record in records:
        set_published(type(record).objects.filter(pk=record.pk))


def moved_by(before, after, keys):
    return {key: after.get(key, 0) - before.get(key, 0) for key in keys}


def test_publishing_a_draft_initiative_adds_it_to_each_count_it_belongs_to(client):
    initiative = draft_initiative()
    before = public_numbers(client)
    publish(initiative)
    after = public_numbers(client)
    expected = {
        "home initiatives": 1,
        "home new": 1,
        "home long_established": 0,
        "home theme mentoring": 1,
        "home group refugees": 1,
        "list total": 1,
        "list.json rows": 1,
        "list.csv rows": 1,
        "list?era=new total": 1,
        "list.json?era=new rows": 1,
        "list?has_funding=true total": 1,
        "facet?era=new theme=mentoring": 1,
        "facet?has_funding=true era=new": 1,
        "facet era=new": 1,
        "facet theme=mentoring": 1,
        "facet beneficiary_group=refugees": 1,
        "facet place=copenhagen": 1,
        "facet place=denmark": 1,
        "facet country=denmark": 1,
        "facet has_funding=true": 1,
        "facet has_award=true": 1,
        "eras total": 1,
        "era new initiatives": 1,
        "era new without lead": 1,
        "era new funding": 1,
        "era new awards": 1,
        "era new organising described": 1,
        "era new themes mentoring": 1,
        "era figures of members": 2,
        "/themes/ mentoring": 1,
        "/beneficiaries/ refugees": 1,
        "/places/ copenhagen": 1,
        "/themes/mentoring.json initiatives": 1,
        "/places/copenhagen/ figures": 1,
        "/sources/ewsi-denmark/ initiatives": 1,
        "/sources/ewsi-denmark-s3/ fundings": 1,
    }
    assert moved_by(before, after, expected) == expected
    assert after["era new launched"] != before["era new launched"]  # 2012 becomes 2012–2015
    for chart in ("launches", "funding", "by_place"):
        assert len(after[f"era chart {chart}"]) == len(before[f"era chart {chart}"]) + 1, chart


def test_publishing_a_draft_organisation_brings_back_the_initiative_it_leads_and_its_funding(client):
    organisation = draft_organisation()
    led_by(organisation)
    before = public_numbers(client)
    publish(organisation)
    after = public_numbers(client)
    expected = {
        "home initiatives": 1,
        "home long_established": 1,
        "home organisations": 1,
        "home leads quokka": 1,
        "home theme housing": 1,
        "list total": 1,
        "facet organisation=quokka": 2,  # leads Okapi, partners Venligboerne
        "facet has_funding=true": 1,  # Venligboerne's only funding is the draft's
        "list?has_funding=true total": 1,
        "facet?era=new has_funding=true": 1,
        "era long_established lead organisations": 1,
        "era new funding": 1,
        "/organisations/ count": 1,
        "/organisations/ leads quokka": 1,
        "/places/denmark/ organisations": 1,
        "/sources/ewsi-denmark-s3/ organisations": 1,
        "/sources/ewsi-denmark-s3/ fundings": 1,
        "/sources/ewsi-denmark-s3/ awards": 1,
    }
    assert moved_by(before, after, expected) == expected


def test_publishing_a_draft_parent_brings_back_its_parts(client):
    parent = draft_initiative()
    under(parent)
    before = public_numbers(client)
    publish(parent)
    after = public_numbers(client)
    expected = {
        "home initiatives": 3,
        "home new": 3,
        "home leads danish-red-cross": 1,
        "home theme sport": 2,
        "list total": 3,
        "facet organisation=danish-red-cross": 1,
        "facet place=odense": 2,
        "era new initiatives": 3,
        "era new themes sport": 2,
        "/organisations/ leads danish-red-cross": 1,
    }
    assert moved_by(before, after, expected) == expected


def test_publishing_a_draft_organisation_brings_back_its_branch_and_what_the_branch_does(client):
    organisation = make_organisation("quokka", name=DRAFT_ORGANISATION, published=False)
    branch_of(organisation)
    before = public_numbers(client)
    publish(organisation)
    after = public_numbers(client)
    expected = {
        "home organisations": 2,
        "home initiatives": 1,
        "home leads wombat": 1,
        "list total": 1,
        "facet organisation=wombat": 2,  # leads Tapir, partners Krydsfelt
        "facet has_funding=true": 1,  # Krydsfelt's only funding is the branch's
        "list?has_funding=true total": 1,
        "list.csv?has_funding=true rows": 1,
        "/organisations/ count": 2,
        "/organisations/ leads wombat": 1,
        "/sources/ewsi-denmark-s3/ organisations": 1,
        "/sources/ewsi-denmark-s3/ fundings": 2,
        "/sources/ewsi-denmark-s3/ awards": 1,
    }
    assert moved_by(before, after, expected) == expected
