"""Accent-blind search: PostgreSQL's unaccent, and the same folding in Python and on SQLite.

The texts and expressions only: the queryset (initiatives/models/initiative.py) applies them, and the app's
ready() gives SQLite connections the UNACCENT function.
"""

import re
import unicodedata
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchVector
from django.db.models import Aggregate, Q, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Letters that unaccent rewrites but Unicode does not decompose.
LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"})


def fold(text):
    """'Sønderborg' -> 'Sonderborg', 'Idræt' -> 'Idraet', as PostgreSQL's unaccent does."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def register_unaccent(sender, connection, **kwargs):
    """Gives a new SQLite connection the UNACCENT function, which the `unaccent` lookup and `Unaccent` call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, lambda s: s if s is None else fold(s), deterministic=True)


class JoinedText(Aggregate):
    """Texts of a group joined by spaces: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ' ')")


# What a search looks in, by weight: names first, then who runs it and the summary, then the rest.
SEARCHED = {
    "A": ["name", "native_name"],
    "B": ["lead_organisation__name", "lead_organisation__acronym", "summary"],
    "C": ["description", "organising", "places__name"],
}


def search_vector(place_names):
    """The weighted document of an initiative, for PostgreSQL's full-text search; `place_names` is the text of
    its places, all in one (one row per place would repeat the initiative)."""

    def text(lookup):
        return place_names if lookup == "places__name" else Coalesce(lookup, Value(""))

    vectors = [
        SearchVector(
            *(Unaccent(text(lookup), output_field=TextField()) for lookup in lookups), weight=weight, config="english"
        )
        for weight, lookups in SEARCHED.items()
    ]
    return vectors[0] + vectors[1] + vectors[2]


def contains_words(words):
    """Every word somewhere in the searched fields, whatever the accents: for databases without full-text search."""
    lookups = [lookup for group in SEARCHED.values() for lookup in group]
    condition = Q()
    for word in words:
        condition &= reduce(or_, (Q(**{f"{lookup}__unaccent__icontains": fold(word)}) for lookup in lookups))
    return condition


def terms(query):
    """The words of a search, without the operators of websearch syntax."""
    return [w for w in re.findall(r"\w[\w+'-]*", query) if w.lower() not in {"or", "and"}]


def snippet(texts, query, width=80):
    """A short excerpt of the first text that contains a search word, the words marked up."""
    words = {fold(w).lower() for w in terms(query)}
    if not words:
        return ""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for text in texts:
        # Folding can lengthen a text ("æ" -> "ae"): keep where each folded letter came from.
        folded, origin = [], []
        for index, char in enumerate(text):
            for letter in fold(char).lower():
                folded.append(letter)
                origin.append(index)
        matches = [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer("".join(folded))]
        if matches:
            return mark_safe(_excerpt(text, matches, width))
    return ""


def _excerpt(text, matches, width):
    left = max(0, matches[0][0] - width)
    right = min(len(text), matches[0][1] + width)
    pieces, cursor = [], left
    for start, end in matches:
        if start >= cursor and end <= right:
            pieces += [escape(text[cursor:start]), f"<mark>{escape(text[start:end])}</mark>"]
            cursor = end
    pieces.append(escape(text[cursor:right]))
    return ("…" if left else "") + "".join(pieces) + ("…" if right < len(text) else "")
