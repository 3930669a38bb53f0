"""Catalogue format version 1: one list of flat rows for each kind of record, as a workbook has one sheet each.

Named records are keyed by their slug, and every reference is the slug of the record it names (a list of slugs
for a many-to-many field). Facts (figures, funding, awards, findings) have no key of their own. The rows hold
every field that carries data; ids, versions, history, the search document and the public flag are not data,
and `published` is left out because a catalogue file holds published records only. `catalogue.schema.json` beside this module is
the format's JSON Schema, and README.md's "The catalogue format" documents it.
"""

from pathlib import Path

VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("catalogue.schema.json")

# kind: its columns, in the order a sheet shows them.
COLUMNS = {
    "sources": ("slug", "name", "kind", "parent", "locator", "url", "publisher", "country"),
    "places": ("slug", "name", "kind", "parent"),
    "organisations": (
        "slug",
        "name",
        "native_name",
        "acronym",
        "kind",
        "parent",
        "country",
        "website",
        "description",
        "sources",
    ),
    "initiatives": (
        "slug",
        "name",
        "native_name",
        "lead_organisation",
        "partners",
        "parent",
        "country",
        "era",
        "start_year",
        "end_year",
        "status",
        "summary",
        "description",
        "organising",
        "website",
        "themes",
        "beneficiary_groups",
        "places",
        "sources",
    ),
    "themes": ("slug", "name", "description"),
    "beneficiary_groups": ("slug", "name", "min_age", "max_age", "ages_qualifier", "description"),
    "measures": ("slug", "name", "counts_people", "description"),
    "figures": (
        "initiative",
        "measure",
        "value",
        "qualifier",
        "basis",
        "since_year",
        "as_of_year",
        "place",
        "source",
        "note",
    ),
    "fundings": (
        "initiative",
        "funder",
        "direction",
        "amount",
        "currency",
        "qualifier",
        "basis",
        "total_amount",
        "start_year",
        "end_year",
        "source",
        "note",
    ),
    "awards": ("name", "year", "outcome", "givers", "initiative", "organisation", "person", "source", "note"),
    "findings": ("source", "position", "dimension", "long_established", "new", "both", "note"),
}

# Columns that hold a list of slugs; in a sheet, the slugs separated by spaces.
LISTS = {
    "organisations": ("sources",),
    "initiatives": ("partners", "themes", "beneficiary_groups", "places", "sources"),
    "awards": ("givers",),
}

# The model each kind's rows are records of, in the order a file is loaded: what a row refers to comes first.
MODELS = {
    "sources": "initiatives.source",
    "places": "initiatives.place",
    "themes": "initiatives.theme",
    "beneficiary_groups": "initiatives.beneficiarygroup",
    "measures": "initiatives.measure",
    "organisations": "organisations.organisation",
    "initiatives": "initiatives.initiative",
    "figures": "initiatives.figure",
    "fundings": "initiatives.funding",
    "awards": "initiatives.award",
    "findings": "initiatives.finding",
}

# Columns that hold the slug of one record.
REFERENCES = {
    "parent",
    "country",
    "lead_organisation",
    "initiative",
    "measure",
    "place",
    "source",
    "funder",
    "organisation",
}
