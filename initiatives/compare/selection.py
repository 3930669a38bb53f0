"""The chosen set: the slugs a comparison's address names, in order, once, and what stops the grid."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..catalogue.querystrings import QueryString

MIN_COMPARED, MAX_COMPARED = 2, 8
# What a slug can be (SlugField without unicode); anything else is unknown without asking the database.
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@dataclass
class Selection:
    """The slugs asked for, first occurrences in the order given, and what had to be dropped."""

    slugs: list
    duplicates: list
    canonical: str

    @classmethod
    def read(cls, params):
        given = [value.strip() for value in params.getlist("i") if value.strip()]
        slugs = list(dict.fromkeys(given))
        duplicates = list(dict.fromkeys(slug for index, slug in enumerate(given) if slug in given[:index]))
        return cls(slugs, duplicates, query(slugs))


def query(slugs):
    """The canonical query string of a comparison: `?i=` for each slug, in order, once."""
    return str(QueryString.of({"i": slugs}, ["i"], ordered=["i"]))


def shorten(text, limit=60):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value):
    """A value from the address, safe to repeat in a message: control characters replaced, length capped."""
    return shorten(re.sub(r"[\x00-\x1f\x7f]", "\ufffd", value))


def is_slug(value):
    return bool(SLUG.match(value))


def problems(slugs, count, found):
    """What stops the grid being drawn, as sentences: unknown slugs among `slugs`, and too many (`count`)."""
    messages = []
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        names = ", ".join(f"“{shown(slug)}”" for slug in unknown[:10])
        if len(unknown) > 10:
            names = _("%(names)s and %(more)d more") % {"names": names, "more": len(unknown) - 10}
        messages.append(
            _(
                "No initiative in the catalogue has the address name %(names)s. Check the address, or choose from the list below."
            )
            % {"names": names}
        )
    if count > MAX_COMPARED:
        messages.append(
            _(
                "You chose %(count)d initiatives; the grid compares at most %(most)d at a time, "
                "so that every column stays readable."
            )
            % {"count": count, "most": MAX_COMPARED}
        )
    return messages
