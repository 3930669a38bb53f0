"""The numbers behind the facets, every facet over the same initiatives in one query.

Each facet is a set of distinct (initiative, key) pairs: an initiative's era, its themes (or "not stated"), the
organisations that lead or partner it, every place it is active in with all the places those lie in. Where the
keys are ids, the counts are named by slug once counted. The query takes the list's other filters as the SQL of
their queryset ("o": the initiatives and the columns the facets read) and the facets' selected values as
parameters, and returns for every value what the counting rule of `Tally.count` needs.

A facet with a selected value is counted from the records themselves (`count_together`); the facets without one
only need how many listed initiatives have each value, which the pairs stored for every public initiative
(facet_store.py) give (`count_unselected`)."""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F

from organisations.models import Organisation

from ..models import BeneficiaryGroup, FacetCount, FacetKey, Initiative, Place, Reach, Theme
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


# Each pairs function gives a Pairs: the SQL of the distinct (initiative, key) pairs of the initiatives in `o`
# ("o" unless named), which holds each initiative's id and the columns of COLUMNS, and, where the keys are ids,
# the SQL of each key's value (its slug). Counting by id and naming the counts afterwards keeps the slugs out of the grouping.
COLUMNS = ("era", "status", "country", "lead_organisation")
EVERY = ""  # the facet, and the key, under which facet_store.py counts every public initiative once
UNLINKED = 0  # the key of an initiative with no record of a nullable relation: "not stated"


@dataclass
class Pairs:
    text: str
    params: list = field(default_factory=list)
    names: str = ""  # SQL of (key, value); without it the keys are the values
    names_params: list = field(default_factory=list)
    single: bool = False  # one pair for each initiative, its key NULL where it has none


def slugs(sql, model, condition=""):
    return f"SELECT id, slug FROM {sql.table(model)}{condition}"


def column_pairs(name, empty_means_not_stated=False):
    def pairs(sql, o="o"):
        key, params = f"{o}.{name}", []
        if empty_means_not_stated:
            key, params = f"CASE WHEN {key} = '' THEN %s ELSE {key} END", [NOT_STATED]
        return Pairs(f"SELECT {o}.id, {key} FROM {o}", params, single=True)

    return pairs


def country_pairs(sql, o="o"):
    return Pairs(f"SELECT {o}.id, {o}.country FROM {o}", names=slugs(sql, Place), single=True)


def related_pairs(relation, model):
    """An initiative with none of the related records is paired with "not stated"."""

    def pairs(sql, o="o"):
        table, initiative, related = sql.through(relation)
        return Pairs(
            f"SELECT {o}.id, COALESCE(t.{related}, {UNLINKED}) FROM {o} LEFT JOIN {table} t ON t.{initiative} = {o}.id",
            names=f"{slugs(sql, model)} UNION ALL SELECT {UNLINKED}, %s",
            names_params=[NOT_STATED],
        )

    return pairs


def organisation_pairs(sql, o="o"):
    """The lead organisation and the partners (a public initiative's lead is public; only public partners are
    named, so only they count); an organisation that is both counts once, as the lead."""
    partners, initiative, organisation = sql.through("partners")
    text = (
        f"SELECT {o}.id, {o}.lead_organisation FROM {o} WHERE {o}.lead_organisation IS NOT NULL "
        f"UNION ALL SELECT {o}.id, t.{organisation} FROM {o} JOIN {partners} t ON t.{initiative} = {o}.id "
        f"WHERE {o}.lead_organisation IS NULL OR {o}.lead_organisation <> t.{organisation}"
    )
    return Pairs(text, names=slugs(sql, Organisation, f" WHERE {sql.column(Organisation, 'public')}"))


def place_pairs(sql, o="o"):
    """Every place an initiative is active in, and every place those lie in: its reach."""
    reach, place, initiative = sql.table(Reach), sql.column(Reach, "place"), sql.column(Reach, "initiative")
    text = f"SELECT {o}.id, r.{place} FROM {o} JOIN {reach} r ON r.{initiative} = {o}.id"
    return Pairs(text, names=slugs(sql, Place))


def having_pairs(relation):
    def pairs(sql, o="o"):
        # The facts of the initiatives in `o` only: a few initiatives' facts are looked up, not all of them read.
        facts, params = subquery(public_facts(relation).order_by().values(fact_of=F("initiative")))
        having = f"SELECT DISTINCT f.fact_of FROM ({facts}) f JOIN {o} ON {o}.id = f.fact_of"
        text = (
            f"SELECT {o}.id, CASE WHEN h.fact_of IS NULL THEN 'false' ELSE 'true' END "
            f"FROM {o} LEFT JOIN ({having}) h ON h.fact_of = {o}.id"
        )
        return Pairs(text, list(params), single=True)

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
    filter but that facet's. Facets over the same initiatives are counted together, in one query for those with a
    selection and one for those without, so the list's filters and search run once for all of them rather than
    once per facet."""
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
        if unselected := [name for name, selected in facets if not selected]:
            counted.update(count_unselected(connections[using], initiatives, list(params), unselected))
        if selected := [(name, values) for name, values in facets if values]:
            counted.update(count_together(connections[using], initiatives, list(params), selected))
    return counted


def count_unselected(connection, initiatives, params, names):
    """The Tally of each facet of `names`, none with a selected value, over the public initiatives `initiatives`
    selects, in one query that selects them once: counted from their stored keys (facet_store.py) or, when they
    are more than half of the catalogue, from the keys of the other public initiatives, taken off the stored
    counts of all. A search for a common word thus counts the few initiatives it leaves out."""
    sql, quote = Sql(connection), connection.ops.quote_name
    keys, counts, every = sql.table(FacetKey), sql.table(FacetCount), sql.table(Initiative)
    facets = ", ".join(["%s"] * len(names))
    flipped = "(SELECT flipped FROM side)"
    ctes = [
        f"w(id, {', '.join(COLUMNS)}) AS MATERIALIZED ({initiatives})",
        "listed(n) AS (SELECT COUNT(*) FROM w)",
        f"side(flipped) AS (SELECT (SELECT n FROM listed) * 2 > "
        f"COALESCE((SELECT initiatives FROM {counts} WHERE facet = %s), 0))",
        f"counted(id) AS (SELECT id FROM w WHERE NOT {flipped} UNION ALL SELECT e.id FROM {every} e "
        f"WHERE {flipped} AND e.{quote(Initiative._meta.get_field('public').column)} "
        "AND NOT EXISTS (SELECT 1 FROM w WHERE w.id = e.id))",
        f"tallied(facet, key, n) AS (SELECT k.facet, k.key, COUNT(*) FROM {keys} k WHERE k.facet IN ({facets}) "
        "AND k.initiative_id IN (SELECT id FROM counted) GROUP BY k.facet, k.key)",
        f"hits(facet, key, n) AS (SELECT facet, key, n FROM tallied WHERE NOT {flipped} UNION ALL "
        f"SELECT c.facet, c.key, c.initiatives - COALESCE(t.n, 0) FROM {counts} c "
        f"LEFT JOIN tallied t ON t.facet = c.facet AND t.key = c.key WHERE {flipped} AND c.facet IN ({facets}))",
    ]
    cte_params = [*params, EVERY, *names, *names]
    selects, select_params = ["SELECT NULL, NULL, n FROM listed"], []
    for number, name in enumerate(names):
        pairs = PAIRS[name](sql)
        if pairs.names:
            ctes.append(f"n{number}(key, value) AS ({pairs.names})")
            cte_params += pairs.names_params
            # The guard keeps other facets' keys, which need not be ids, from the cast.
            selects.append(
                f"SELECT h.facet, n.value, h.n FROM hits h JOIN n{number} n "
                "ON n.key = CASE WHEN h.facet = %s THEN CAST(h.key AS BIGINT) END WHERE h.facet = %s AND h.n > 0"
            )
            select_params += [name, name]
        else:
            selects.append("SELECT facet, key, n FROM hits WHERE facet = %s AND n > 0")
            select_params.append(name)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}", [*cte_params, *select_params])
        rows = cursor.fetchall()
    numbers = {name: Tally({}, {}, {}, 0, 0) for name in names}
    for name, value, n in rows:
        if name is None:
            for tally in numbers.values():
                tally.everything = tally.outside = n
        else:
            numbers[name].hits[value] = n
    return numbers


UNSELECTED = -1


def count_together(connection, initiatives, params, facets):
    """The Tally of each (name, selected) in `facets`, over the initiatives `initiatives` selects, in one query,
    counted from the records themselves: the list's facets with a selection, and what the stored pairs are checked
    against in tests.

    Its rows are (facet number, value, hits, gained, alone), one row (facet number, NULL, everything, outside, 0)
    per facet with a selection, and one (-1, NULL, everything, everything, 0) for all those without."""
    sql = Sql(connection)
    ctes, cte_params, selects = [f"o(id, {', '.join(COLUMNS)}) AS ({initiatives})"], list(params), []
    for number, (name, selected) in enumerate(facets):
        pairs = PAIRS[name](sql)
        ctes.append(f"p{number}(initiative, key) AS ({pairs.text})")
        cte_params += pairs.params
        keys = ", ".join(["%s"] * len(selected))
        if pairs.names:
            ctes.append(f"n{number}(key, value) AS ({pairs.names})")
            cte_params += pairs.names_params
            keys = f"SELECT key FROM n{number} WHERE value IN ({keys})"
        if not selected:
            counts = f"SELECT key, COUNT(*) AS hits, 0 AS gained, 0 AS alone FROM p{number} GROUP BY key"
        elif pairs.single:
            # An initiative has a selected value or not: no grouping by initiative.
            ctes.append(
                f"m{number}(key, matched) AS (SELECT key, CASE WHEN key IN ({keys}) THEN 1 ELSE 0 END FROM p{number})"
            )
            cte_params += selected
            counts = (
                "SELECT key, COUNT(*) AS hits, SUM(1 - matched) AS gained, SUM(matched) AS alone "
                f"FROM m{number} GROUP BY key"
            )
        else:
            ctes.append(
                f"m{number}(initiative, matched) AS (SELECT o.id, COUNT(CASE WHEN p.key IN ({keys}) THEN 1 END) "
                f"FROM o LEFT JOIN p{number} p ON p.initiative = o.id GROUP BY o.id)"
            )
            cte_params += selected
            counts = (
                "SELECT p.key, COUNT(*) AS hits, COUNT(CASE WHEN m.matched = 0 THEN 1 END) AS gained, "
                "COUNT(CASE WHEN m.matched = 1 THEN 1 END) AS alone "
                f"FROM p{number} p JOIN m{number} m ON m.initiative = p.initiative GROUP BY p.key"
            )
        if pairs.names:
            selects.append(
                f"SELECT {number}, n.value, c.hits, c.gained, c.alone FROM ({counts}) c JOIN n{number} n ON n.key = c.key"
            )
        else:
            selects.append(
                f"SELECT {number}, c.key, c.hits, c.gained, c.alone FROM ({counts}) c WHERE c.key IS NOT NULL"
            )
        if selected:
            selects.append(
                f"SELECT {number}, NULL, COUNT(*), COALESCE(SUM(CASE WHEN matched = 0 THEN 1 ELSE 0 END), 0), 0 "
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
