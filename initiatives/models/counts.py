"""How many public initiatives each theme, beneficiary group or place has: the facets' stored counts
(initiatives/catalogue/facet_store.py), a place counting every initiative active in it or in a place inside it."""

from .facet_keys import FacetCount

FACETS = {"themes": "theme", "beneficiary_groups": "beneficiary_group", "places": "place"}


def public_counts(relation, pks):
    """{pk: how many public initiatives} of the records `pks` that Initiative's many-to-many field `relation`
    ties them to; records without any are not in it."""
    stored = FacetCount.objects.filter(facet=FACETS[relation], key__in=[str(pk) for pk in pks], initiatives__gt=0)
    return {int(key): count for key, count in stored.values_list("key", "initiatives")}


def counted(records, relation):
    """`records` as a list, each with its `initiative_count` through `relation`."""
    records = list(records)
    counts = public_counts(relation, [record.pk for record in records])
    for record in records:
        record.initiative_count = counts.get(record.pk, 0)
    return records
