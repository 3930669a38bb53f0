"""The numbers behind the facets, every facet over the same initiatives in one query.

Each facet is a set of distinct (initiative, value) pairs: an initiative's era, its themes (or "not stated"), the
organisations that lead or partner it, every place it is active in with all the places those lie in. The query
takes the list's other filters as the SQL of their queryset ("o": the initiatives and the columns the facets
read) and the facets' selected values as parameters, and returns for every value what the counting rule of
`Tally.count` needs.
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

    def listed(self, selected):
        """How many initiatives the list shows: those of O with one of S, or all of O when nothing is selected."""
        return self.everything - self.outside if selected else self.everything

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


# Each pairs function gives the SQL of the distinct (initiative, value) pairs of the initiatives in "o", and its
# parameters. "o" holds each initiative's id and the columns of COLUMNS.
COLUMNS = ("era", "status", "country", "lead_organisation")


def column_pairs(name, empty_means_not_stated=False):
    def pairs(sql):
        value, params = f"o.{name}", []
        if empty_means_not_stated:
            value, params = f"CASE WHEN {value} = '' THEN %s ELSE {value} END", [NOT_STATED]
        return f"SELECT o.id, {value} FROM o", params

    return pairs


def country_pairs(sql):
    return f"SELECT o.id, c.slug FROM o JOIN {sql.table(Place)} c ON c.id = o.country", []


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
    """The lead organisation and the public partners (a public initiative's lead is public); an organisation
    that is both counts once, as the lead."""
    partners, initiative, organisation = sql.through("partners")
    organisations = sql.table(Organisation)
    text = (
        f"SELECT o.id, r.slug FROM o JOIN {organisations} r ON r.id = o.lead_organisation "
        f"UNION ALL SELECT o.id, r.slug FROM o JOIN {partners} t ON t.{initiative} = o.id "
        f"JOIN {organisations} r ON r.id = t.{organisation} AND r.{sql.column(Organisation, 'public')} "
        "WHERE o.lead_organisation IS NULL OR o.lead_organisation <> r.id"
    )
    return text, []


def place_pairs(sql):
    """Every place an initiative is active in, and every place those lie in, as deep as `Place.objects.within`
    looks: the places and their ancestors are paired first (a small table), then joined to the initiatives once.
    Joins rather than a recursive query, whose row estimate misleads PostgreSQL's planner."""
    table, initiative, place = sql.through("places")
    places, parent = sql.table(Place), sql.column(Place, "parent")
    levels = []
    for level in range(len(Place.Kind) + 1):
        joins = "".join(f" JOIN {places} p{n} ON p{n}.id = p{n - 1}.{parent}" for n in range(1, level + 1))
        levels.append(f"SELECT p0.id AS place, p{level}.slug AS slug FROM {places} p0{joins}")
    within = " UNION ALL ".join(levels)
    text = (
        f"SELECT DISTINCT o.id, w.slug FROM o JOIN {table} t ON t.{initiative} = o.id "
        f"JOIN ({within}) w ON w.place = t.{place}"
    )
    return text, []


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


def tallies(wanted):
    """{facet name: Tally} for `wanted`, {name: (queryset, selected values)}: each queryset the list under every
    filter but that facet's. Facets over the same initiatives are counted together, in one query, so the list's
    filters and search run once for all of them rather than once per facet."""
    groups = {}
    for name, (queryset, selected) in wanted.items():
        try:
            initiatives, params = subquery(queryset.order_by().values("pk", *COLUMNS))
        except EmptyResultSet:
            continue
        group = groups.setdefault((queryset.db, initiatives, tuple(params)), [])
        group.append((name, sorted(selected)))
    counted = {name: NOTHING for name in wanted}
    for (using, initiatives, params), facets in groups.items():
        counted.update(count_together(connections[using], initiatives, list(params), facets))
    return counted


UNSELECTED = -1


def count_together(connection, initiatives, params, facets):
    """The Tally of each (name, selected) in `facets`, over the initiatives `initiatives` selects, in one query.

    Its rows are (facet number, value, hits, gained, alone), one row (facet number, NULL, everything, outside, 0)
    per facet with a selection, and one (-1, NULL, everything, everything, 0) for all those without."""
    sql = Sql(connection)
    ctes, cte_params, selects = [f"o(id, {', '.join(COLUMNS)}) AS ({initiatives})"], list(params), []
    for number, (name, selected) in enumerate(facets):
        pairs, pair_params = PAIRS[name](sql)
        ctes.append(f"p{number}(initiative, value) AS ({pairs})")
        cte_params += pair_params
        if not selected:
            selects.append(
                f"SELECT {number}, value, COUNT(*), 0, 0 FROM p{number} WHERE value IS NOT NULL GROUP BY value"
            )
            continue
        matches = f"p.value IN ({', '.join(['%s'] * len(selected))})"
        ctes.append(
            f"m{number}(initiative, matched) AS (SELECT o.id, COUNT(CASE WHEN {matches} THEN 1 END) "
            f"FROM o LEFT JOIN p{number} p ON p.initiative = o.id GROUP BY o.id)"
        )
        cte_params += selected
        selects.append(
            f"SELECT {number}, p.value, COUNT(*), COUNT(CASE WHEN m.matched = 0 THEN 1 END), "
            "COUNT(CASE WHEN m.matched = 1 THEN 1 END) "
            f"FROM p{number} p JOIN m{number} m ON m.initiative = p.initiative "
            "WHERE p.value IS NOT NULL GROUP BY p.value "
            f"UNION ALL SELECT {number}, NULL, COUNT(*), COALESCE(SUM(CASE WHEN matched = 0 THEN 1 ELSE 0 END), 0), 0 "
            f"FROM m{number}"
        )
    if any(not selected for _name, selected in facets):
        selects.append(f"SELECT {UNSELECTED}, NULL, COUNT(*), COUNT(*), 0 FROM o")
    text = f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}"
    with connection.cursor() as cursor:
        cursor.execute(text, cte_params)
        rows = cursor.fetchall()
    numbers = {number: Tally({}, {}, {}, 0, 0) for number in range(len(facets))}
    for number, value, hits, gained, alone in rows:
        if number == UNSELECTED:
            for other, (_name, selected) in enumerate(facets):
                if not selected:
                    numbers[other].everything = numbers[other].outside = hits
            continue
        tally = numbers[number]
        if value is None:
            tally.everything, tally.outside = hits, gained
        else:
            tally.hits[value], tally.gained[value], tally.alone[value] = hits, gained, alone
    return {name: numbers[number] for number, (name, _selected) in enumerate(facets)}
