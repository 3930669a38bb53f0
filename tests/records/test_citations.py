"""Every record page says how to cite it: as text, and as BibTeX, RIS and CSL-JSON naming its versioned address."""

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.utils import timezone

from initiatives.models import Initiative, Source
from tests.conftest import make_initiative, make_source

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
PAGE = "/initiatives/kvinfo-mentor-network/"
RECORD_PAGES = [
    PAGE,
    "/organisations/kvinfo/",
    "/themes/mentoring/",
    "/beneficiaries/minority-youth/",
    "/places/copenhagen/",
    "/sources/ewsi-denmark-section-2/",
]


def download(client, url, content_type, extension):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert re.fullmatch(rf'attachment; filename="[a-z0-9-]+\.{extension}"', response["Content-Disposition"])
    return response.content.decode()


def bibtex_entry(client, url, decode=False):
    text = download(client, url, "application/x-bibtex", "bib")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert library.failed_blocks == []
    (entry,) = library.entries
    return text, entry


def latest_version(record):
    return record.history.count(), record.history.latest().history_date


def test_bibtex_parses_and_names_the_versioned_address_version_dates_and_sources(client, world):
    count, changed = latest_version(world.initiative)

    _, entry = bibtex_entry(client, PAGE + "cite.bib")

    assert entry.entry_type == "misc"
    assert entry.key == f"initiative-kvinfo-mentor-network-v{count}"
    assert entry["url"] == f"http://testserver{PAGE}?version={count}"
    assert entry["version"] == str(count)
    assert entry["date"] == timezone.localdate(changed).isoformat()
    assert entry["urldate"] == timezone.localdate().isoformat()
    assert "EWSI Analysis: Denmark" in entry["note"] and "https://example.eu/ewsi-denmark" in entry["note"]
    assert "section 2: Long-established initiatives" in entry["note"]


def test_bibtex_escapes_tex_specials_and_writes_non_ascii_letters_as_tex(client, world):
    name = "Café Sønderborg & Co: 100% #1 {new}_~^\\ – Æblerød"
    make_initiative("cafe-sonderborg", name=name, country=world.denmark)

    text, entry = bibtex_entry(client, "/initiatives/cafe-sonderborg/cite.bib")

    assert text.isascii()
    assert entry["title"] == (
        r"{Caf{\'{e}} S{\o}nderborg \& Co: 100\% \#1 \{new\}\_\textasciitilde{}\textasciicircum{}"
        r"\textbackslash{} -- {\AE}bler{\o}d}"
    )
    _, decoded = bibtex_entry(client, "/initiatives/cafe-sonderborg/cite.bib", decode=True)
    # pylatexenc reads \textasciicircum as the modifier letter ˆ, which TeX prints as ^.
    assert decoded["title"].replace("ˆ", "^") == name


def test_ris_has_its_tags_in_order_one_value_per_line(client, world):
    page = make_source("two-lines", name="Line one\nline two", kind=Source.Kind.WEB_PAGE, url="https://example.org/x")
    world.initiative.sources.add(page)
    count, changed = latest_version(world.initiative)

    text = download(client, PAGE + "cite.ris", "application/x-research-info-systems", "ris")

    lines = text.split("\r\n")
    assert lines.pop() == ""  # every line ends with CRLF, the last one too
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    tags = [line[:2] for line in lines]
    assert tags[0] == "TY" and lines[0] == "TY  - ELEC"
    assert lines[-1] == "ER  - "
    assert [tag for tag in tags if tag != "N1"] == ["TY", "TI", "T2", "ET", "PY", "DA", "Y2", "UR", "ER"]
    values = {line[:2]: line[6:] for line in lines}
    assert values["TI"] == "KVINFO Mentor network"
    assert values["UR"] == f"http://testserver{PAGE}?version={count}"
    assert values["ET"] == str(count)
    assert values["DA"] == timezone.localdate(changed).strftime("%Y/%m/%d/")
    assert values["Y2"] == timezone.localdate().strftime("%Y/%m/%d/")
    assert "N1  - Source: Line one line two (https://example.org/x)" in lines


def test_csl_json_is_one_item_valid_against_the_csl_data_schema(client, world):
    count, changed = latest_version(world.initiative)

    items = json.loads(download(client, PAGE + "cite.json", "application/vnd.citationstyles.csl+json", "json"))

    jsonschema.Draft3Validator(SCHEMA).validate(items)
    (item,) = items
    assert set(item) <= set(SCHEMA["items"]["properties"])  # the schema lets unknown names through; CSL does not
    assert item["type"] == "webpage"
    assert item["URL"] == f"http://testserver{PAGE}?version={count}"
    assert item["version"] == str(count)
    day = timezone.localdate(changed)
    assert item["issued"] == {"date-parts": [[day.year, day.month, day.day]]}
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert "EWSI Analysis: Denmark" in item["note"]


@pytest.mark.parametrize("url", RECORD_PAGES)
def test_every_kind_of_record_page_has_a_citation_section_with_plain_download_links(client, world, url):
    html = client.get(url).content.decode()

    section = re.search(r'<section class="cite" aria-labelledby="cite-title">.*?</section>', html, re.S).group(0)
    assert '<h2 id="cite-title">Cite this record</h2>' in section
    assert re.search(r"<blockquote class=\"citation\"><p>[^<]+\?version=\d+ \(accessed [^<]+\)\.", section)
    assert re.search(r'Last updated: <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">', section)
    links = re.findall(r'<a href="([^"]+)"', section)
    assert [link.split("?")[0] for link in links] == [f"{url}cite.bib", f"{url}cite.ris", f"{url}cite.json"]
    assert "<script" not in section
    for link in links:
        response = client.get(link)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")


def test_the_page_citation_names_version_dates_and_sources(client, world):
    count, _ = latest_version(world.initiative)

    html = client.get(PAGE).content.decode()

    citation = re.search(r'<blockquote class="citation"><p>(.*?)</p>', html, re.S).group(1)
    assert citation.startswith(f"KVINFO Mentor network. In: Integration initiatives catalogue, version {count}, ")
    assert f"http://testserver{PAGE}?version={count} (accessed " in citation
    assert (
        "Sources: EWSI Analysis: Denmark, European Website on Integration (https://example.eu/ewsi-denmark)" in citation
    )


def test_a_record_without_history_is_cited_without_a_version_or_a_date(client, world):
    world.initiative.history.all().delete()

    html = client.get(PAGE).content.decode()
    _, entry = bibtex_entry(client, PAGE + "cite.bib")

    assert "Last updated" not in html
    assert f"In: Integration initiatives catalogue. http://testserver{PAGE} (accessed" in html
    assert entry["url"] == f"http://testserver{PAGE}" and "version" not in entry and "date" not in entry


def test_a_drafts_citation_is_not_found(client, world):
    make_initiative("a-draft", published=False, country=world.denmark)

    for extension in ("bib", "ris", "json"):
        assert client.get(f"/initiatives/a-draft/cite.{extension}").status_code == 404


def test_an_unknown_citation_format_is_not_found(client, world):
    assert client.get(PAGE + "cite.xml").status_code == 404


def test_a_citation_at_a_former_slug_moves_to_the_current_one(client, world):
    initiative = Initiative.objects.get(slug="kvinfo-mentor-network")
    initiative.slug = "mentor-network"
    initiative.save()

    response = client.get(PAGE + "cite.ris?version=1")

    assert response.status_code == 301
    assert response["Location"] == "/initiatives/mentor-network/cite.ris?version=1"
