"""The Denmark fixtures say what the report says, on the records it says it of.

Expected values are read from the report by hand (fixtures/sources/ewsi-denmark-report.txt),
not from the fixtures.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from initiatives.models import Award, BeneficiaryGroup, Figure, Finding, Funding, Initiative, Place, Source
from organisations.models import Organisation

REPORT = Path(settings.BASE_DIR) / "fixtures" / "sources" / "ewsi-denmark-report.txt"

pytestmark = pytest.mark.usefixtures("denmark")

# initiative, measure, place, value, qualifier, since, as of, section
FIGURES = [
    ("red-cross-stores", "stores", None, 233, "", None, None, "s2"),
    ("red-cross-homework-helpers", "homework-cafes", None, 28, "", None, None, "s2"),
    ("red-cross-asylum-centre-volunteers", "volunteers", None, 450, "", None, None, "s2"),
    ("krydsfelt", "cities", None, 9, "", None, None, "s2"),
    ("idraet-plus", "regions", None, 5, "", None, None, "s2"),
    ("get2sport", "workers", None, 2, "", None, None, "s2"),
    ("dbu-get2footballschool", "summer-football-schools", None, 10, "", None, 2013, "s2"),
    ("dbu-get2footballschool", "summer-football-schools", None, 15, "", None, 2014, "s2"),
    ("kvinfo-mentor-network", "participants", None, 7000, "more_than", None, None, "s2"),
    ("kvinfo-mentor-network", "mentor-processes-concluded", None, 3200, "more_than", None, None, "s2"),
    ("kvinfo-politicians-programme", "participants", None, 15, "", None, 2009, "s2"),
    ("boys-clubs", "clubs", None, 12, "", 2008, None, "s2"),
    ("mind-your-own-business", "microbusinesses-started", None, 18, "", None, None, "s2"),
    ("dfunk-activities", "recommendations", None, 10, "", None, None, "s2"),
    ("venligboerne", "members", None, 80000, "more_than", None, 2015, "s3"),
    ("venligboerne", "cities", None, 70, "more_than", None, 2015, "s3"),
    ("venligboerne", "members", "copenhagen", 38000, "", None, None, "s3"),
    ("venligboerne", "members", "randers", 1600, "", None, None, "s3"),
    ("venligboerne", "members", "aarhus", 8200, "", None, None, "s3"),
    ("venligboerne", "members", "aalborg", 2200, "", None, None, "s3"),
    ("venligboerne", "members", "odense", 2800, "", None, None, "s3"),
    ("venligboerne", "members", "sonderborg", 335, "", None, None, "s3"),
    ("venligboerne", "members", None, 150000, "more_than", None, None, "s4"),
    ("frivillignet", "members", None, 5000, "about", None, None, "s4"),
]

# initiative, funder, direction, amount, qualifier, basis, total, start, end
FUNDING = [
    ("red-cross-stores", None, "raised", 50_000_000, "more_than", "per_year", None, None, None),
    ("idraet-plus", "integration-fund", "received", 1_750_000, "", "per_year", 5_250_000, 2011, 2013),
    (
        "get2sport",
        "ministry-of-gender-children-equality-and-inclusion",
        "received",
        15_200_000,
        "primarily",  # "DKR 15,2 million, primarily from the Ministry"
        "total",
        None,
        2010,
        2013,
    ),
    ("get2sport", "ioc", "received", None, "", "total", None, None, None),
]

# recipient initiative (or person), words in the award's name, year, outcome, givers
AWARDS = [
    ("dbu-get2footballschool", "Rode Award", 2013, "won", []),
    ("kvinfo-mentor-network", "Alt for Damernes", 2004, "won", ["alt-for-damerne"]),
    ("kvinfo-mentor-network", "Integration Award in the Public Danish Job Market", 2004, "won", []),
    ("kvinfo-mentor-network", "European Integration Award", 2005, "nominated", []),
    ("kvinfo-mentor-network", "", 2007, "honourable_mention", ["oecd"]),
    ("mind-your-own-business", "Royal Couple", 2015, "won", []),
    ("venligboerne", "Hal Koch", 2015, "won", ["krogerup-hojskole"]),
    ("venligboerne", "Rotary", None, "won", []),
    ("venligboerne", "Samvirke", None, "won", ["coop", "samvirke"]),
]

START_YEARS = {
    "krydsfelt": 2010,
    "idraet-plus": None,  # the report gives the years of its funds (2011-2013), not the year it started
    "get2sport": 2005,
    "kvinfo-mentor-network": 2002,
    "kvinfo-politicians-programme": 2009,
    "boys-clubs": 2008,
    "venligboerne": 2012,
}

PARENTS = {
    "cafe-venligbo": "venligboerne",
    "dbu-get2footballschool": "get2sport",
    "kvinfo-politicians-programme": "kvinfo-mentor-network",
    "idraet-plus": "dgi-inklusion",
}

LEADS = {
    "red-cross-stores": "danish-red-cross",
    "red-cross-representatives-for-unaccompanied-minors": "danish-red-cross",
    "red-cross-homework-helpers": "danish-red-cross",
    "red-cross-asylum-centre-volunteers": "danish-red-cross",
    "krydsfelt": "duf",
    "idraet-plus": "dgi",
    "get2sport": "dif",
    "dbu-get2footballschool": "dbu",
    "kvinfo-mentor-network": "kvinfo",
    "frivillignet": "danish-refugee-council",
    "network-families": "danish-refugee-council",
    "mentornet": "danish-refugee-council",
    "boys-clubs": "danish-refugee-council",
    "girls-clubs": "danish-refugee-council",
    "mind-your-own-business": "danish-refugee-council",
    "dfunk-activities": "dfunk",
}

# initiative: youngest, oldest, qualifier ("primarily on youth between 14-19 years")
AGES = {"idraet-plus": (14, 19, "primarily"), "boys-clubs": (13, 17, ""), "girls-clubs": (8, 17, "")}

# the URL each cited page documents, on which record
CITED_PAGES = {
    "https://www.rodekors.dk/bliv-frivillig/butikker": "red-cross-stores",
    "https://www.rodekors.dk/bliv-frivillig/boern-og-unge#foraeldre": "red-cross-representatives-for-unaccompanied-minors",
    "https://www.rodekors.dk/bliv-frivillig/boern-og-unge#lektie": "red-cross-homework-helpers",
    "https://www.rodekors.dk/bliv-frivillig/flygtninge-og-indvandrere#asyl": "red-cross-asylum-centre-volunteers",
    "http://duf.dk/dufs-arbejde/partnerskabsprojektet/krydsfelt/tankerne-bag-krydsfelt/": "krydsfelt",
    "http://www.get2sport.dk/da/hvem-s-er-s-vi": "get2sport",
    "http://kvinfo.dk/mentor/politikerprogram-i-kvinfos-mentornetvaerk": "kvinfo-politicians-programme",
    "http://www.frivillignet.dk/aktiviteter/": "frivillignet",
    "http://www.frivillignet.dk/aktiviteter/stoette-til-etniske-minoriteter/netvaerksfamilier/": "network-families",
    "http://www.frivillignet.dk/mentornet/": "mentornet",
    "http://www.frivillignet.dk/aktiviteter/stoette-til-etniske-minoriteter/drengeklubber/drengeklubber-a-z/": "boys-clubs",
    "http://www.myob.dk/": "mind-your-own-business",
    "http://www.dfunk.dk/aktiviteter/": "dfunk-activities",
    "http://www.dfunk.dk/fileadmin/uploads/pdf/DFUNK/Brochure%203.pdf": "dfunk-activities",
    "http://www.eazyintegration.dk/index.php/start-i-din-by": "venligboerne",
}


def report_text():
    return REPORT.read_text(encoding="utf-8")


@pytest.mark.parametrize(("initiative", "measure", "place", "value", "qualifier", "since", "as_of", "section"), FIGURES)
def test_figure_is_on_its_initiative_with_its_source(
    initiative, measure, place, value, qualifier, since, as_of, section
):
    figure = Figure.objects.get(
        initiative__slug=initiative,
        measure__slug=measure,
        place__slug=place,
        value=value,
        source__slug__endswith=section,
    )
    assert (figure.qualifier, figure.since_year, figure.as_of_year) == (qualifier, since, as_of)
    assert figure.source.parent.slug == "ewsi-denmark"


def test_summer_football_schools_are_counted_for_each_year():
    # "co-arranged 10 summer football schools, and 15 more in 2014": so many in each year, not a running total.
    figures = Figure.objects.filter(initiative__slug="dbu-get2footballschool", measure__slug="summer-football-schools")
    assert sorted(figures.values_list("as_of_year", "value", "basis")) == [
        (2013, 10, "per_year"),
        (2014, 15, "per_year"),
    ]


@pytest.mark.parametrize(
    ("initiative", "funder", "direction", "amount", "qualifier", "basis", "total", "start", "end"), FUNDING
)
def test_funding_is_on_its_initiative_with_its_funder_and_period(
    initiative, funder, direction, amount, qualifier, basis, total, start, end
):
    funding = Funding.objects.get(initiative__slug=initiative, funder__slug=funder)
    assert funding.direction == direction
    assert funding.amount == (None if amount is None else Decimal(amount))
    assert (funding.qualifier, funding.basis, funding.start_year, funding.end_year) == (qualifier, basis, start, end)
    assert funding.total_amount == (None if total is None else Decimal(total))
    # The report gives every amount in Danish kroner; where it gives no amount it gives no currency either.
    assert funding.currency == ("DKK" if amount is not None else "")
    assert funding.source.slug == "ewsi-denmark-s2"


def test_funding_without_a_named_funder_is_only_what_the_stores_raise():
    assert list(Funding.objects.filter(funder=None).values_list("initiative__slug", flat=True)) == ["red-cross-stores"]


@pytest.mark.parametrize(("initiative", "name", "year", "outcome", "givers"), AWARDS)
def test_award_is_on_its_recipient_with_year_outcome_and_giver(initiative, name, year, outcome, givers):
    award = Award.objects.get(initiative__slug=initiative, name__icontains=name, year=year, outcome=outcome)
    assert sorted(award.givers.values_list("slug", flat=True)) == givers


def test_the_founder_of_venligboerne_is_recorded_as_amazing_volunteer_of_2015():
    award = Award.objects.get(person="Merete Bonde Pilgaard")
    assert award.year == 2015
    assert "amazing volunteer" in award.name.lower()
    assert "Folkemødet" in award.note


def test_every_award_in_the_report_is_there_once():
    assert Award.objects.count() == len(AWARDS) + 1


@pytest.mark.parametrize(("initiative", "year"), START_YEARS.items())
def test_start_year(initiative, year):
    assert Initiative.objects.get(slug=initiative).start_year == year


def test_no_initiative_has_an_end_year_the_report_does_not_give():
    assert not Initiative.objects.filter(end_year__isnull=False).exists()


@pytest.mark.parametrize(("child", "parent"), PARENTS.items())
def test_sub_initiative_hangs_under_its_parent(child, parent):
    assert Initiative.objects.get(slug=child).parent.slug == parent


@pytest.mark.parametrize(("initiative", "organisation"), LEADS.items())
def test_initiative_is_led_by_its_organisation(initiative, organisation):
    assert Initiative.objects.get(slug=initiative).lead_organisation.slug == organisation


def test_dbu_get2footballschool_is_run_with_dif():
    assert list(Initiative.objects.get(slug="dbu-get2footballschool").partners.values_list("slug", flat=True)) == [
        "dif"
    ]


def test_only_venligboerne_and_its_cafe_are_new():
    new = Initiative.objects.filter(era=Initiative.Era.NEW).values_list("slug", flat=True)
    assert sorted(new) == ["cafe-venligbo", "venligboerne"]


@pytest.mark.parametrize(("initiative", "ages"), AGES.items())
def test_beneficiary_ages(initiative, ages):
    groups = BeneficiaryGroup.objects.filter(initiatives__slug=initiative)
    aged = groups.get(min_age__isnull=False)
    assert (aged.min_age, aged.max_age, aged.ages_qualifier) == ages


def test_no_ages_are_given_where_the_report_gives_none():
    with_ages = BeneficiaryGroup.objects.exclude(min_age=None, max_age=None)
    assert set(with_ages.values_list("initiatives__slug", flat=True)) == set(AGES)


def test_dfunk_is_the_danish_refugee_councils_youth_branch():
    assert Organisation.objects.get(slug="dfunk").parent.slug == "danish-refugee-council"


def test_duf_keeps_its_danish_name_and_acronym():
    duf = Organisation.objects.get(slug="duf")
    assert (duf.name, duf.acronym) == ("Dansk Ungdoms Fællesråd", "DUF")


def test_cafe_venligbo_is_in_vesterbro_in_copenhagen_in_denmark():
    place = Initiative.objects.get(slug="cafe-venligbo").places.get()
    assert [place.slug, place.parent.slug, place.parent.parent.slug] == ["vesterbro", "copenhagen", "denmark"]


def test_venligboerne_is_active_abroad_and_started_in_hjorring():
    places = set(Initiative.objects.get(slug="venligboerne").places.values_list("slug", flat=True))
    assert {"hungary", "germany", "greece", "hjorring"} <= places


def test_idraet_plus_ran_in_five_regions():
    regions = Initiative.objects.get(slug="idraet-plus").places.filter(kind=Place.Kind.REGION)
    assert sorted(regions.values_list("slug", flat=True)) == [
        "aarhus-region",
        "greater-copenhagen",
        "midtjylland",
        "northern-zealand",
        "south-east-jutland",
    ]


@pytest.mark.parametrize(("url", "initiative"), CITED_PAGES.items())
def test_cited_page_documents_its_initiative(url, initiative):
    assert Initiative.objects.get(slug=initiative).sources.filter(url=url, kind=Source.Kind.WEB_PAGE).exists()


def test_the_general_red_cross_asylum_page_documents_the_organisation():
    red_cross = Organisation.objects.get(slug="danish-red-cross")
    assert red_cross.sources.filter(url="https://www.rodekors.dk/bliv-frivillig/asylansoegere").exists()


def test_every_url_the_report_cites_is_a_source():
    cited = {url.rstrip(".") for url in re.findall(r"https?://\S+", report_text())}
    stored = set(Source.objects.exclude(url="").values_list("url", flat=True))
    assert cited == stored


def test_each_initiative_cites_its_report_section():
    for initiative in Initiative.objects.prefetch_related("sources"):
        sections = {s.slug for s in initiative.sources.all() if s.kind == Source.Kind.SECTION}
        expected = "ewsi-denmark-s3" if initiative.era == Initiative.Era.NEW else "ewsi-denmark-s2"
        assert expected in sections, initiative.slug


@pytest.mark.parametrize("section", ["s4", "s5", "s6", "s7"])
def test_the_reports_comparison_has_findings_for_each_section(section):
    assert Finding.objects.filter(source__slug=f"ewsi-denmark-{section}").exists()


def test_findings_compare_the_numbers_of_volunteers():
    finding = Finding.objects.get(source__slug="ewsi-denmark-s4", long_established__contains="5000")
    assert "150.000" in finding.new


def numbers_in_report():
    """Every number in the report's prose, but for headings, list markers, '1-to-1' and '2.0'."""
    prose = "\n".join(line for line in report_text().splitlines() if not re.match(r"\s*https?://", line))
    for match in re.finditer(r"(?<![A-Za-z0-9/.,(])(\d+(?:[.,]\d+)*)(\s*million)?(?!\d)", prose):
        before, after = prose[: match.start()], prose[match.end() :]
        at_line_start = not before[before.rfind("\n") + 1 :].strip()
        if at_line_start and re.match(r"[.)]|\s+[A-Z]{2,}", after):
            continue  # "1. The Danish Red Cross", "2) Funds", "4 PROFILE OF VOLUNTEERS"
        if "-to-" in (before[-4:], after[:4]) or match.group(1) == "2.0":
            continue
        number, million = match.groups()
        if million:
            yield Decimal(number.replace(",", ".")) * 1_000_000
        else:
            yield Decimal(number.replace(".", ""))


def numbers_in_catalogue():
    values = set()
    for model, fields in [
        (Figure, ["value", "since_year", "as_of_year"]),
        (Funding, ["amount", "total_amount", "start_year", "end_year"]),
        (Award, ["year"]),
        (Initiative, ["start_year", "end_year"]),
        (BeneficiaryGroup, ["min_age", "max_age"]),
    ]:
        for row in model.objects.values_list(*fields):
            values.update(Decimal(v) for v in row if v is not None)
    return values


def test_every_number_in_the_report_is_in_the_catalogue():
    missing = set(numbers_in_report()) - numbers_in_catalogue()
    assert not missing


def numbers_in_report_as_words():
    words = {"one": 1, "two": 2, "three": 3, "four": 4}
    return {Decimal(words[w.lower()]) for w in re.findall(r"\b(one|two|three|four)\b", report_text(), re.IGNORECASE)}


def test_every_number_in_the_catalogue_is_in_the_report():
    invented = numbers_in_catalogue() - set(numbers_in_report()) - numbers_in_report_as_words()
    assert not invented


def test_record_counts_match_the_report():
    """20 initiatives and sub-initiatives, 18 organisations named, 17 places, the report with its 7 sections
    and 17 cited pages, and every figure, funding line and award listed above."""
    assert Initiative.objects.count() == 20
    assert Organisation.objects.count() == 18
    assert Place.objects.count() == 17
    assert Source.objects.count() == 1 + 7 + 17
    assert Figure.objects.count() == len(FIGURES)
    assert Funding.objects.count() == len(FUNDING)
