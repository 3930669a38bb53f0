"""“Cite this record”: a record's citation as text on its page, and as BibTeX, RIS and CSL-JSON downloads.

Each names the record's permanent address with its version (`?version=N`), that version's date, the day it was
accessed and the sources the record rests on. The page's text speaks the reader's language; the downloads, like
the other downloads, speak English.
"""

import json
import unicodedata

from django.http import HttpResponse
from django.urls import register_converter
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..licence import licensed
from ..models import Source

FORMATS = {
    # cite.<format>: content type, the file's extension
    "bib": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "json": ("application/vnd.citationstyles.csl+json", "json"),
}


class CitationFormat:
    """The `<format>` of a `cite.<format>` address."""

    regex = "|".join(FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Here, where both apps' views import it from, so that it is registered once, before either URLconf uses it.
register_converter(CitationFormat, "cite")


def sources_of(record):
    """What a record with no sources of its own rests on: a source itself (its report named with it), and
    a theme, group or place the reports."""
    return [record] if isinstance(record, Source) else list(Source.objects.reports())


def reference(source):
    """A source as a citation names it: a section with its report and number, a cited page with what cites it."""
    if source.kind == Source.Kind.SECTION and source.parent_id:
        if source.locator:
            names = {"report": source.parent.name, "locator": source.locator, "name": source.name}
            return _("%(report)s, section %(locator)s: %(name)s") % names
        return f"{source.parent.name}: {source.name}"
    if source.kind == Source.Kind.WEB_PAGE and source.parent_id:
        return _("%(name)s, cited in %(source)s") % {"name": source.name, "source": reference(source.parent)}
    return f"{source.name}, {source.publisher}" if source.publisher else source.name


class Citation:
    """How to cite `record` at version `number` (None when it has no history), last changed `updated`."""

    def __init__(self, record, request, number, updated, sources, title=None):
        self.title = title or record.name
        self.number, self.accessed = number, timezone.localdate()
        self.changed = html_datetime(updated) if updated else None
        self.updated = timezone.localdate(updated) if updated else None
        self.address = record.get_absolute_url()
        self.query = f"?version={number}" if number else ""
        self.url = request.build_absolute_uri(self.address) + self.query
        self.key = f"{record._meta.model_name}-{record.slug}" + (f"-v{number}" if number else "")
        self.sources = [
            (source, source.url or request.build_absolute_uri(source.get_absolute_url())) for source in sources
        ]

    def text(self):
        names = {
            "title": self.title,
            "catalogue": _("Integration initiatives catalogue"),
            "url": self.url,
            "accessed": date_format(self.accessed),
        }
        if self.number and self.updated:
            names.update(version=self.number, updated=date_format(self.updated))
            text = _(
                "%(title)s. In: %(catalogue)s, version %(version)s, last updated %(updated)s. %(url)s (accessed %(accessed)s)."
            )
        else:
            text = _("%(title)s. In: %(catalogue)s. %(url)s (accessed %(accessed)s).")
        text %= names
        return f"{text} {self.sources_text()}" if self.sources else text

    def sources_text(self):
        named = "; ".join(f"{reference(source)} ({address})" for source, address in self.sources)
        return _("Sources: %(sources)s.") % {"sources": named}

    def bibtex(self):
        fields = [("title", "{" + latex(self.title) + "}")]
        fields += [("howpublished", r"\url{" + verbatim(self.url) + "}"), ("url", verbatim(self.url))]
        fields += [("organization", latex(_("Integration initiatives catalogue")))]
        if self.number:
            fields.append(("version", str(self.number)))
        if self.updated:
            fields += [("date", self.updated.isoformat()), ("year", str(self.updated.year))]
        fields.append(("urldate", self.accessed.isoformat()))
        if self.sources:
            fields.append(("note", latex(self.sources_text())))
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
        return f"@misc{{{self.key},\n{body}}}\n"

    def ris(self):
        lines = [("TY", "ELEC"), ("TI", self.title), ("T2", _("Integration initiatives catalogue"))]
        if self.number:
            lines.append(("ET", str(self.number)))
        if self.updated:
            lines += [("PY", str(self.updated.year)), ("DA", self.updated.strftime("%Y/%m/%d/"))]
        lines += [("Y2", self.accessed.strftime("%Y/%m/%d/")), ("UR", self.url)]
        lines += [
            ("N1", _("Source: %(source)s") % {"source": f"{reference(source)} ({address})"})
            for source, address in self.sources
        ]
        lines.append(("ER", ""))
        return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)

    def csl(self):
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "container-title": _("Integration initiatives catalogue"),
            "URL": self.url,
            "accessed": {"date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]},
        }
        if self.number:
            item["version"] = str(self.number)
        if self.updated:
            item["issued"] = {"date-parts": [[self.updated.year, self.updated.month, self.updated.day]]}
        if self.sources:
            item["note"] = self.sources_text()
        return json.dumps([item], ensure_ascii=False, indent=2)


def download(citation, format):
    content_type, extension = FORMATS[format]
    with translation.override("en"):
        body = {"bib": citation.bibtex, "ris": citation.ris, "json": citation.csl}[format]()
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    return licensed(response)


def html_datetime(moment):
    """A moment as HTML's `<time datetime>` takes it: local time, to the second."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def one_line(value):
    """A value on one line, whatever line breaks and runs of spaces it holds."""
    return " ".join(str(value).split())


# What TeX reads as commands, and the letters and marks it writes with them.
TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
TEX_LETTERS = {
    "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}", "å": r"{\aa}", "Å": r"{\AA}", "ß": r"{\ss}",
    "œ": r"{\oe}", "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "đ": r"{\dj}", "Đ": r"{\DJ}",
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "„": ",,", "…": r"{\ldots}",
    "«": r"{\guillemotleft}", "»": r"{\guillemotright}", "\u00a0": "~", "€": r"{\texteuro}", "°": r"{\textdegree}",
}  # fmt: skip
TEX_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u", "\u0307": ".",
    "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c", "\u0328": "k",
}  # fmt: skip


def latex(text):
    """`text` as BibTeX writes it: TeX's special characters escaped, accented and other non-ASCII letters as
    TeX commands (“Sønderborg” as “S{\\o}nderborg”, “é” as “{\\'{e}}”), on one line. A character TeX has no
    command for here stays as it is, in the file's UTF-8."""
    return "".join(latex_character(character) for character in one_line(text))


def latex_character(character):
    if character in TEX_SPECIAL:
        return TEX_SPECIAL[character]
    if character.isascii():
        return character
    if character in TEX_LETTERS:
        return TEX_LETTERS[character]
    base, *marks = unicodedata.normalize("NFD", character)
    if marks and base.isascii() and all(mark in TEX_ACCENTS for mark in marks):
        written = base
        for mark in marks:
            written = f"\\{TEX_ACCENTS[mark]}{{{written}}}"
        return "{" + written + "}"
    return character


def verbatim(url):
    """An address in a field TeX reads verbatim: only what would unbalance the braces is percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
