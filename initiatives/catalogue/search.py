"""Accent-blind search: PostgreSQL's unaccent, and the same folding in Python and on SQLite.

The texts and expressions only: the queryset (initiatives/models/initiative.py) applies them, the stored
documents are kept by initiatives/catalogue/indexing.py, and the app's ready() gives SQLite connections the
UNACCENT function.
"""

import re
import unicodedata
from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchVector
from django.db.models import Aggregate, F, FloatField, Func, Index, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
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


# SQLite's stored documents: one row per initiative (rowid = its id), one column per weight, folded text.
SQLITE_TABLE = "initiatives_search"
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"  # bm25() weights of the columns A, B, C
CREATE_SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} "
    f"USING fts5({', '.join(SEARCHED).lower()}, tokenize='unicode61 remove_diacritics 2')"
)


class SearchDocumentIndex(GinIndex):
    """A GIN index on PostgreSQL; elsewhere a plain index of the (unused) column, so that every database
    has the same models and migrations."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return Index.create_sql(self, model, schema_editor, using=using, **kwargs)


def folded_texts(related):
    """The accent-folded texts of an initiative by weight. `related` gives the expression for each searched
    lookup that is not a field of the initiative itself (subqueries, as an UPDATE cannot join)."""
    return {
        weight: [
            Unaccent(Coalesce(related.get(lookup, F(lookup)), Value("")), output_field=TextField())
            for lookup in lookups
        ]
        for weight, lookups in SEARCHED.items()
    }


def search_vector(related):
    """The weighted document of an initiative, for PostgreSQL's full-text search."""
    return reduce(
        add,
        (SearchVector(*texts, weight=weight, config="english") for weight, texts in folded_texts(related).items()),
    )


def sqlite_columns(related):
    """The document's columns for SQLite's full-text table: the texts of each weight, joined by spaces."""
    columns = {}
    for weight, texts in folded_texts(related).items():
        spaced = [piece for text in texts for piece in (text, Value(" "))][:-1]
        columns[weight.lower()] = Concat(*spaced, output_field=TextField())
    return columns


def sqlite_match(words):
    """An FTS5 query that every word must match as the start of a word ("volunteer" finds "volunteers"), each
    quoted so that no character of it is FTS5 syntax."""
    return " ".join('"{}"*'.format(fold(word).replace('"', '""')) for word in words)


def sqlite_matches(words):
    """The ids of the initiatives whose SQLite documents match every word, from one full-text query."""
    return RawSQL(f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s", [sqlite_match(words)])


class SQLiteRank(Func):
    """How well an initiative's SQLite document matches the words (bm25(), negated so that higher is better)."""

    output_field = FloatField()

    def __init__(self, words, pk):
        super().__init__(Value(sqlite_match(words)), pk)

    def as_sql(self, compiler, connection, **extra):
        (match, match_params), (pk, pk_params) = (compiler.compile(e) for e in self.get_source_expressions())
        table = SQLITE_TABLE
        # Every match is ranked once, in the inner query; "LIMIT -1" (no limit) keeps SQLite from merging it into
        # the outer one, which would run the full-text query again for each initiative: seconds for a common word.
        ranked = (
            f"SELECT rowid AS id, -bm25({table}, {SQLITE_WEIGHTS}) AS score FROM {table} WHERE {table} MATCH {match}"
        )
        sql = f"(SELECT ranked.score FROM ({ranked} LIMIT -1) ranked WHERE ranked.id = {pk})"
        return sql, [*match_params, *pk_params]


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
