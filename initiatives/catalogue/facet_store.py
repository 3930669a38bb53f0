"""The facets' counts over every public initiative, stored: what the unfiltered list, the home page, the lists of
themes, groups and places, and the comparison of eras show, read in a few rows instead of counted from every
initiative at each request.

Each public initiative's keys (FacetKey: its era, each of its themes or "not stated", its organisations, its
reach...) are the pairs that facet_counts.py counts, stored; FacetCount holds how many initiatives have each key.
A refresh of some initiatives takes their old keys off the counts, writes their keys anew and adds those on, in
the transaction of the change: indexing.py calls it wherever an initiative's facets may change. Concurrent
refreshes add to the same counts without losing each other's numbers; each locks the counts it changes in one
order, EVERY's first, so refreshes of public initiatives queue there rather than deadlock.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections

from organisations.models import Organisation

from ..models import Initiative
from .facet_counts import COLUMNS, EVERY, PAIRS, Pairs, Sql, slugs, subquery

LEAD = "lead"  # not a facet: the organisation that leads an initiative, without its partners
# Also stored, for the comparison of eras: each era's initiatives' themes, beneficiary groups and leads.
BY_ERA = ("theme", "beneficiary_group", LEAD)


def lead_pairs(sql, o="o"):
    return Pairs(f"SELECT {o}.id, {o}.lead_organisation FROM {o}", names=slugs(sql, Organisation))


def in_era(name, era):
    """The stored facet of `name` among the initiatives of `era` alone."""
    return f"{name}@{era}"


def era_scope(era):
    return f"o_{era}"


ALL_PAIRS = {**PAIRS, LEAD: lead_pairs}
# {stored facet: (its pairs, the initiatives they pair)}
STORED = {
    **{name: (pairs, "o") for name, pairs in ALL_PAIRS.items()},
    **{in_era(name, era): (ALL_PAIRS[name], era_scope(era)) for era in Initiative.Era.values for name in BY_ERA},
}


def tables(model, connection):
    """(keys, counts): the quoted tables of FacetKey and FacetCount, from the apps of Initiative `model`."""
    return tuple(
        connection.ops.quote_name(model._meta.apps.get_model("initiatives", name)._meta.db_table)
        for name in ("FacetKey", "FacetCount")
    )


def write_keys(cursor, sql, initiatives, keys):
    """Inserts the keys of the public initiatives among the queryset `initiatives`."""
    try:
        chosen, params = subquery(initiatives.filter(public=True).order_by().values("pk", *COLUMNS))
    except EmptyResultSet:
        return
    ctes, params, selects = (
        [
            f"o(id, {', '.join(COLUMNS)}) AS ({chosen})",
            *(f"{era_scope(era)} AS (SELECT * FROM o WHERE o.era = '{era}')" for era in Initiative.Era.values),
        ],
        list(params),
        [f"SELECT o.id, '{EVERY}', '{EVERY}' FROM o"],
    )
    for number, (name, (pairs_of, scope)) in enumerate(STORED.items()):
        pairs = pairs_of(sql, scope)
        ctes.append(f"p{number}(initiative, key) AS ({pairs.text})")
        params += pairs.params
        if pairs.names:
            # Keys named by id count only where they name a record: a public organisation, for a partner.
            ctes.append(f"n{number}(key, value) AS ({pairs.names})")
            params += pairs.names_params
            selects.append(
                f"SELECT p.initiative, '{name}', CAST(p.key AS TEXT) FROM p{number} p "
                f"WHERE p.key IN (SELECT key FROM n{number})"
            )
        else:
            selects.append(f"SELECT p.initiative, '{name}', p.key FROM p{number} p WHERE p.key IS NOT NULL")
    cursor.execute(
        f"WITH {', '.join(ctes)} INSERT INTO {keys} (initiative_id, facet, key) {' UNION ALL '.join(selects)}", params
    )


def add_counts(cursor, keys, counts, sign, chosen, params):
    """Adds (sign 1) or takes off (-1) the keys of the initiatives `chosen` selects to or from the counts, each
    count's row locked in the same order by every refresh."""
    cursor.execute(
        f"INSERT INTO {counts} (facet, key, initiatives) SELECT facet, key, {sign} * COUNT(*) FROM {keys} "
        f"WHERE initiative_id IN ({chosen}) GROUP BY facet, key ORDER BY facet, key "
        f"ON CONFLICT (facet, key) DO UPDATE SET initiatives = {counts}.initiatives + excluded.initiatives",
        params,
    )


def refresh_facet_keys(initiatives):
    """Brings the keys and counts of the initiatives of a queryset up to date, in a few statements whatever
    their number."""
    with_keys(initiatives, rewrite=True)


def forget_facet_keys(initiatives):
    """Takes the keys of the initiatives of a queryset off the counts: before they are deleted."""
    with_keys(initiatives, rewrite=False)


def with_keys(initiatives, rewrite):
    model, using = initiatives.model, initiatives.db
    try:
        chosen, params = subquery(initiatives.order_by().values("pk"))
    except EmptyResultSet:  # no initiatives, such as pk__in=[]
        return
    connection = connections[using]
    keys, counts = tables(model, connection)
    with connection.cursor() as cursor:
        add_counts(cursor, keys, counts, -1, chosen, params)
        cursor.execute(f"DELETE FROM {keys} WHERE initiative_id IN ({chosen})", params)
        if rewrite:
            write_keys(
                cursor, Sql(connection), model._base_manager.using(using).filter(pk__in=initiatives.values("pk")), keys
            )
            add_counts(cursor, keys, counts, 1, chosen, params)


# Initiatives whose keys one statement of a rebuild writes: each statement stays well inside the statement timeout.
REBUILD_BATCH = 5_000


def rebuild_facet_counts(model, using="default"):
    """Every key and count anew, after writes that sent no signals."""
    connection = connections[using]
    keys, counts = tables(model, connection)
    every = model._base_manager.using(using).order_by("pk")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {counts}")
        cursor.execute(f"DELETE FROM {keys}")
        last = 0
        while batch := list(every.filter(pk__gt=last).values_list("pk", flat=True)[:REBUILD_BATCH]):
            write_keys(cursor, Sql(connection), every.filter(pk__gte=batch[0], pk__lte=batch[-1]), keys)
            last = batch[-1]
        cursor.execute(
            f"INSERT INTO {counts} (facet, key, initiatives) SELECT facet, key, COUNT(*) FROM {keys} GROUP BY facet, key"
        )


def stored_options(names, top=None, using="default"):
    """{name: ({value: count}, options)} of the facets `names` over every public initiative, and under EVERY
    their number: each facet's options with initiatives, or with `top` those counting at least as many as its
    `top`-th; `options` how many have initiatives."""
    connection = connections[using]
    sql, (_keys, counts) = Sql(connection), tables(Initiative, connection)
    ctes, cte_params, selects = [], [], [f"SELECT '{EVERY}', NULL, initiatives FROM {counts} WHERE facet = '{EVERY}'"]
    for number, name in enumerate(names):
        with_initiatives = f"c.facet = '{name}' AND c.initiatives > 0"
        shown = with_initiatives
        if top:
            shown += (
                f" AND c.initiatives >= COALESCE((SELECT d.initiatives FROM {counts} d WHERE d.facet = '{name}' "
                f"AND d.initiatives > 0 ORDER BY d.initiatives DESC LIMIT 1 OFFSET {top - 1}), 0)"
            )
        pairs_of, scope = STORED[name]
        pairs = pairs_of(sql, scope)
        if pairs.names:
            ctes.append(f"n{number}(key, value) AS ({pairs.names})")
            cte_params += pairs.names_params
            selects.append(
                f"SELECT '{name}', n.value, c.initiatives FROM {counts} c "
                # Each record looked up by its id; the guard keeps other facets' keys, not all ids, from the cast.
                f"JOIN n{number} n ON n.key = CASE WHEN c.facet = '{name}' THEN CAST(c.key AS BIGINT) END "
                f"WHERE {shown}"
            )
        else:
            selects.append(f"SELECT '{name}', c.key, c.initiatives FROM {counts} c WHERE {shown}")
        selects.append(f"SELECT '{name}', NULL, COUNT(*) FROM {counts} c WHERE {with_initiatives}")
    text = f"{'WITH ' + ', '.join(ctes) + ' ' if ctes else ''}{' UNION ALL '.join(selects)}"
    with connection.cursor() as cursor:
        cursor.execute(text, cte_params)
        rows = cursor.fetchall()
    found = {name: ({}, 0) for name in [EVERY, *names]}
    for name, value, count in rows:
        if value is None:
            found[name] = (found[name][0], count)
        else:
            found[name][0][value] = count
    return found


def most_counted(facet, records, limit, using="default"):
    """[(record, its count)]: the `limit` records of `records` (by slug) with the highest stored counts of the
    facet, ties by name."""
    counts, _options = stored_options([facet], top=limit, using=using)[facet]
    found = sorted(records.filter(slug__in=counts), key=lambda record: (-counts[record.slug], record.name, record.pk))
    return [(record, counts[record.slug]) for record in found[:limit]]
