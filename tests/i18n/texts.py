"""The words a reader meets on a page, to find interface text left in English on a Danish page."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models

# Attributes whose values a reader sees or hears.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
# Separators between the parts of one text: "Venligboerne · Copenhagen", "Section 3, Report".
PARTS = re.compile(r"\s*(?:[·,;:()“”„\"–—|…]|\s-\s)\s*")
NUMBERS = re.compile(r"(?<!\w)[\d.,+]+(?!\w)")
# Interface words that Danish writes as English does.
SAME_IN_BOTH = {
    "CSV", "JSON", "URL", "NGO", "DKK", "EWSI", "English", "Dansk", "Status", "Organisation", "Note",
    "international", "region", "organisation", "ca", "European Website on Integration",
    "CC BY 4.0",  # the licence's name
}  # fmt: skip


class Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skipping, self.wrapped = [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skipping += 1
        # A chart's label wrapped onto more lines is one text, as a reader reads it.
        self.wrapped = tag == "tspan"
        self.texts += [value for name, value in attrs.items() if name in READ_ATTRIBUTES and value]
        if tag == "meta" and attrs.get("name") == "description":
            self.texts.append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1
        self.wrapped = self.wrapped and tag != "text"

    def handle_data(self, data):
        if self.wrapped and self.texts:
            self.texts[-1] += " " + data
        elif not self.skipping:
            self.texts.append(data)


def texts(html):
    """Each run of text and each read attribute of a page, whitespace collapsed."""
    parser = Texts()
    parser.feed(html)
    return [text for text in (" ".join(text.split()) for text in parser.texts) if text]


def pieces(text):
    """A text cut where pages cut it: at separators and line breaks; numbers left out (pages format them),
    case and spacing ignored."""
    found = []
    for piece in PARTS.split(text):
        piece = " ".join(NUMBERS.sub(" ", piece).lower().split())
        if re.search(r"[a-z]", piece):
            found.append(piece)
    return found


def record_pieces():
    """Every text the catalogue's records hold, names, descriptions and notes, in the pieces pages show."""
    found = set()
    for model in [*apps.get_app_config("initiatives").get_models(), *apps.get_app_config("organisations").get_models()]:
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        for row in model.objects.values_list(*fields) if fields else []:
            for value in row:
                for line in (value or "").splitlines():
                    found.update(pieces(line))
    return found


def left_in_english(english_html, danish_html, records, address=()):
    """Texts of the Danish page that the English page has too and that are neither record data (`records`,
    from record_pieces()), numbers, addresses, what the page's `address` says (parameter names, search
    words), nor words written alike in both languages: interface text that was not translated. A text
    cut short with "…" may end in the start of a record's text."""
    english = set(texts(english_html))
    alike = {piece for word in [*SAME_IN_BOTH, *address] for piece in pieces(word)}
    found = []
    for text in texts(danish_html):
        if text not in english or re.fullmatch(r"(https?://|www\.|/)\S*", text):
            continue
        parts = pieces(text)
        cut = parts.pop() if text.endswith("…") and parts else None
        known = all(part in alike or part in records for part in parts)
        if not known or (cut is not None and not any(record.startswith(cut) for record in records)):
            found.append(text)
    return found
