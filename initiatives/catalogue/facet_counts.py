"""The numbers behind the facets, one grouped query per facet.

Each facet is a set of (initiative, value) pairs: an initiative's era, its themes (or "not stated"), the
organisations that lead or partner it, every place it is active in with all the places those lie in. The query
takes the list's other filters as the SQL of their queryset and the facet's selected values as parameters, and
returns for every value what the counting rule of `Tally.count` needs.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections

from organisations.models import Organisation

from ..models import BeneficiaryGroup, Initiative, Place, Theme
from .filters import NOT_STATED, public_facts


@dataclass
class Tally:
    """Of the initiatives the other filters give (O), with the facet's selected values S:
    `hits[v]` how many have v; `gained[v]` how many have v and none of S; `alone[v]` how many have v and no other
    value of S; `everything` all of O; `outside` those with none of S."""

    hits: dict
    gained: dict
    alone: dict
    everything: int
    outside: int

    def count(self, value, selected, multiple):
        """How many initiatives the list shows once `value` is clicked: selected values are OR-ed, so a click on an
        unselected value adds the initiatives it has beyond them, and a click on a selected one takes those only
        it brought. A single-valued facet's click replaces its value."""
        chosen = self.everything - self.outside
        if value in selected:
            return self.everything if len(selected) == 1 else chosen - self.alone.get(value, 0)
        if selected and multiple:
            return chosen + self.gained.get(value, 0)
        return self.hits.get(value, 0)


NOTHING = Tally({}, {}, {}, 0, 0)


class Sql:
    """Table and column names of the models, quoted for one database."""

    def __init__(self, connection):
        self.quote = connection.ops.quote_name

    def table(self, model):
        return self.quote(model._meta.db_table)

    def through(self, field):
        """(table, initiative column, related column) of a many-to-many field of Initiative."""
        field = Initiative._meta.get_field(field)
        return (
            self.quote(field.m2m_db_table()),
            self.quote(field.m2m_column_name()),
            self.quote(field.m2m_reverse_name()),
        )

    def column(self, model, name):
        return self.quote(model._meta.get_field(name).column)


# Each pairs function gives the SQL of the (initiative, value) pairs of the initiatives in "o", and its parameters.


def column_pairs(name, empty_means_not_stated=False):
    def pairs(sql):
        value = f"i.{sql.column(Initiative, name)}"
        params = []
        if empty_means_not_stated:
            value, params = f"CASE WHEN {value} = '' THEN %s ELSE {value} END", [NOT_STATED]
        return f"SELECT o.id, {value} FROM o JOIN {sql.table(Initiative)} i ON i.id = o.id", params

    return pairs


def country_pairs(sql):
    country = sql.column(Initiative, "country")
    return (
        f"SELECT o.id, c.slug FROM o JOIN {sql.table(Initiative)} i ON i.id = o.id "
        f"JOIN {sql.table(Place)} c ON c.id = i.{country}",
        [],
    )


def related_pairs(field, model, nullable=True):
    def pairs(sql):
        table, initiative, related = sql.through(field)
        text = (
            f"SELECT o.id, r.slug FROM o JOIN {table} t ON t.{initiative} = o.id "
            f"JOIN {sql.table(model)} r ON r.id = t.{related}"
        )
        params = []
        if nullable:
            text += (
                " UNION ALL SELECT o.id, %s FROM o "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{initiative} = o.id)"
            )
            params = [NOT_STATED]
        return text, params

    return pairs


def organisation_pairs(sql):
    """The lead organisation and the partners; an organisation that is both counts once, by COUNT(DISTINCT)."""
    lead = sql.column(Initiative, "lead_organisation")
    partners, initiative, organisation = sql.through("partners")
    organisations = sql.table(Organisation)
    text = (
        f"SELECT o.id, r.slug FROM o JOIN {sql.table(Initiative)} i ON i.id = o.id "
        f"JOIN {organisations} r ON r.id = i.{lead} "
        f"UNION ALL SELECT o.id, r.slug FROM o JOIN {partners} t ON t.{initiative} = o.id "
        f"JOIN {organisations} r ON r.id = t.{organisation}"
    )
    return text, []


def place_pairs(sql):
    """Every place an initiative is active in, and every place those lie in, as deep as `Place.objects.within`
    looks. Joins rather than a recursive query, whose row estimate misleads PostgreSQL's planner."""
    table, initiative, place = sql.through("places")
    places, parent = sql.table(Place), sql.column(Place, "parent")
    levels = []
    for level in range(len(Place.Kind) + 1):
        joins = "".join(f" JOIN {places} p{n} ON p{n}.id = p{n - 1}.{parent}" for n in range(1, level + 1))
        levels.append(
            f"SELECT o.id, p{level}.slug FROM o JOIN {table} t ON t.{initiative} = o.id "
            f"JOIN {places} p0 ON p0.id = t.{place}{joins}"
        )
    return " UNION ALL ".join(levels), []


def having_pairs(relation):
    def pairs(sql):
        facts, params = subquery(public_facts(relation))
        return f"SELECT o.id, CASE WHEN o.id IN ({facts}) THEN 'true' ELSE 'false' END FROM o", list(params)

    return pairs


PAIRS = {
    "era": column_pairs("era"),
    "organisation": organisation_pairs,
    "theme": related_pairs("themes", Theme),
    "beneficiary_group": related_pairs("beneficiary_groups", BeneficiaryGroup),
    "place": place_pairs,
    "country": country_pairs,
    "status": column_pairs("status", empty_means_not_stated=True),
    "has_funding": having_pairs("fundings"),
    "has_award": having_pairs("awards"),
}


def subquery(queryset):
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def tally(name, queryset, selected):
    """The Tally of facet `name` over `queryset` (the list under every filter but this one), `selected` its values."""
    try:
        initiatives, params = subquery(queryset.order_by().values("pk"))
    except EmptyResultSet:
        return NOTHING
    connection = connections[queryset.db]
    pairs, pair_params = PAIRS[name](Sql(connection))
    selected = list(selected)
    matches = f"p.value IN ({', '.join(['%s'] * len(selected))})" if selected else "1 = 0"
    text = (
        f"WITH o(id) AS ({initiatives}), "
        f"p(initiative, value) AS ({pairs}), "
        f"m(initiative, matched) AS (SELECT o.id, COUNT(DISTINCT CASE WHEN {matches} THEN p.value END) "
        "FROM o LEFT JOIN p ON p.initiative = o.id GROUP BY o.id) "
        "SELECT p.value, COUNT(DISTINCT p.initiative), "
        "COUNT(DISTINCT CASE WHEN m.matched = 0 THEN p.initiative END), "
        "COUNT(DISTINCT CASE WHEN m.matched = 1 THEN p.initiative END) "
        "FROM p JOIN m ON m.initiative = p.initiative WHERE p.value IS NOT NULL GROUP BY p.value "
        # One more row, told apart by its NULL value: all of O, and those with none of S.
        "UNION ALL SELECT NULL, COUNT(*), COALESCE(SUM(CASE WHEN matched = 0 THEN 1 ELSE 0 END), 0), 0 FROM m"
    )
    with connection.cursor() as cursor:
        cursor.execute(text, [*params, *pair_params, *selected])
        rows = cursor.fetchall()
    totals = next(row for row in rows if row[0] is None)
    counted = [row for row in rows if row[0] is not None]
    return Tally(
        hits={value: hits for value, hits, _gained, _alone in counted},
        gained={value: gained for value, _hits, gained, _alone in counted},
        alone={value: alone for value, _hits, _gained, alone in counted},
        everything=totals[1],
        outside=totals[2],
    )
