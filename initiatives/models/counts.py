"""How many public initiatives each theme, beneficiary group or place has.

One grouped query over the link table and the ids of the public initiatives, read from their index: counting in a
join of the links with the initiatives read each initiative's row, on SQLite one look-up per link.
"""

from django.db.models import Count

from .initiative import Initiative


def public_counts(relation, pks):
    """{pk: how many public initiatives} of the records `pks` that Initiative's many-to-many field `relation`
    ties them to; records without any are not in it."""
    field = Initiative._meta.get_field(relation)
    related = field.m2m_reverse_field_name()
    # Every record's count, then those of `pks`: with both lists in the query SQLite, which keeps no statistics,
    # looks up every pair of a public initiative and a record.
    public = Initiative.objects.published().values("pk")
    links = field.remote_field.through.objects.filter(**{field.m2m_field_name() + "__in": public})
    counts = dict(links.order_by().values_list(related).annotate(count=Count("*")))
    return {pk: counts[pk] for pk in pks if pk in counts}


def counted(records, relation):
    """`records` as a list, each with its `initiative_count` through `relation`."""
    records = list(records)
    counts = public_counts(relation, [record.pk for record in records])
    for record in records:
        record.initiative_count = counts.get(record.pk, 0)
    return records
