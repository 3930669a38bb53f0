"""What the era page reads: counts, ranges and tallies grouped by era in SQL, and the first few of each list.
Each era's leading organisations and its tallies of themes and beneficiary groups are read from the facets'
stored counts (initiatives/catalogue/facet_store.py).

Every function here runs one query (two where it names organisations or givers, two per era for the leading
organisations) whatever the size of the catalogue; every list is cut in SQL to its first few rows, in the order
its docstring states.
"""

from django.apps import apps
from django.db.models import Count, F, Max, Min, Q, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from ..catalogue.facet_counts import UNLINKED
from ..catalogue.facet_store import LEAD, in_era, most_counted
from ..models import Award, FacetCount, Figure, Funding, Initiative, Measure, Theme
from ..models.initiative import CITED, published_givers


def public_initiatives():
    return Initiative.objects.published()


def public_figures():
    return Figure.objects.published()


def public_fundings():
    return Funding.objects.published()


def public_awards():
    """Awards to public initiatives, from public parties."""
    return Award.objects.published().filter(initiative__isnull=False)


def first_of_each(queryset, partition, order, limit):
    """The first `limit` rows of each `partition`, in `order`, in one query: ranked by their ids alone, then
    read with what `queryset` selects along."""
    window = Window(RowNumber(), partition_by=partition, order_by=order)
    if not queryset.query.select_related:
        return queryset.annotate(rank=window).filter(rank__lte=limit).order_by(*partition, "rank")
    lean = queryset.model.objects.filter(pk__in=queryset.values("pk")).annotate(rank=window)
    return queryset.filter(pk__in=lean.filter(rank__lte=limit).values("pk")).order_by(*partition, *order)


def first_of_each_era(queryset, era, order, limit):
    """{era: its first `limit` rows in `order`}: one query per era, which the database reads along an index of
    the order and stops at `limit`, rather than ranking every row of the catalogue."""
    return {value: list(queryset.filter(**{era: value}).order_by(*order)[:limit]) for value in Initiative.Era.values}


def by_era(rows, era=lambda record: record.era):
    grouped = {}
    for row in rows:
        grouped.setdefault(era(row), []).append(row)
    return grouped


def era_numbers():
    """Per era: initiatives, lead organisations (from the stored counts), initiatives without one, launch years,
    and how many describe how they organise; each count read from an index of its own."""
    rows = (
        public_initiatives()
        .order_by()
        .values("era")
        .annotate(
            count=Count("pk"),
            without_lead=Count("pk", filter=Q(lead_organisation__isnull=True)),
            dated=Count("start_year"),
            first_year=Min("start_year"),
            last_year=Max("start_year"),
            latest_end=Max("end_year"),
        )
    )
    organising = public_initiatives().exclude(organising="").order_by().values_list("era").annotate(Count("pk"))
    leads = (
        FacetCount.objects.filter(facet__in=[in_era(LEAD, era) for era in Initiative.Era.values], initiatives__gt=0)
        .values_list("facet")
        .annotate(options=Count("*"))
    )
    organising, leads = dict(organising), dict(leads)
    return {
        row["era"]: {
            **row,
            "organising": organising.get(row["era"], 0),
            "leads": leads.get(in_era(LEAD, row["era"]), 0),
        }
        for row in rows
    }


def first_initiatives(limit, **conditions):
    """The first `limit` initiatives of each era by name, with what lists and the picker show of them."""
    queryset = public_initiatives().filter(**conditions).only("slug", "name", "era", "start_year")
    return first_of_each_era(queryset, "era", ["name", "pk"], limit)


def organising(limit):
    """The first `limit` initiatives of each era, by name, that say how they organise."""
    queryset = public_initiatives().exclude(organising="").only("slug", "name", "era", "organising")
    return first_of_each_era(queryset, "era", ["name", "pk"], limit)


def leading_organisations(limit):
    """Per era, the `limit` organisations that lead most of its initiatives, then by name, each with that number
    as `led`: from the stored counts."""
    Organisation = apps.get_model("organisations", "Organisation")
    leads = {}
    for era in Initiative.Era.values:
        for organisation, led in most_counted(in_era(LEAD, era), Organisation.objects.all(), limit):
            organisation.led = led
            leads.setdefault(era, []).append(organisation)
    return leads


def launch_years():
    """Per era and start year: how many initiatives launched, and the name and slug of one of them (the only
    one where the count is 1)."""
    rows = (
        public_initiatives()
        .filter(start_year__isnull=False)
        .order_by()
        .values("era", "start_year")
        .annotate(count=Count("pk"), name=Min("name"), slug=Min("slug"))
        .order_by("era", "start_year")
    )
    return by_era(rows, era=lambda row: row["era"])


def undated_names(limit):
    """The names of the first `limit` initiatives, by name, with no start year."""
    return list(public_initiatives().filter(start_year__isnull=True).order_by("name").values_list("name", flat=True))[
        :limit
    ]


def figure_numbers():
    """Per measure and era: how many figures, their years, and the latest year they mention."""
    rows = (
        public_figures()
        .order_by()
        .values("measure", "initiative__era", "as_of_year")
        .annotate(count=Count("pk"), since=Max("since_year"))
    )
    numbers = {}
    for row in rows:
        key = (row["measure"], row["initiative__era"])
        number = numbers.setdefault(key, {"count": 0, "years": set(), "latest": None})
        number["count"] += row["count"]
        number["years"].add(row["as_of_year"])
        years = (number["latest"], row["as_of_year"], row["since"])
        number["latest"] = max((year for year in years if year), default=None)
    return numbers


def measures(pks):
    """Those measures: counts of people first, then the rest, by name."""
    return sorted(Measure.objects.filter(pk__in=pks), key=lambda m: (not m.counts_people, m.name.lower()))


def first_figures(limit, groups):
    """For each (measure, era) of `groups`, the first `limit` figures by initiative name, the whole initiative before
    its places, then the largest first: in one query, each group's read along its initiatives' names and cut at
    `limit`, rather than all the catalogue's figures ranked."""
    order = [F("initiative__name").asc(), F("place").asc(nulls_first=True), F("value").desc(), F("pk").asc()]
    firsts = [
        public_figures().filter(measure=measure, initiative__era=era).order_by(*order).values("pk")[:limit]
        for measure, era in groups
    ]
    if not firsts:
        return []
    queryset = public_figures().filter(pk__in=union_all(firsts)).select_related("initiative", "measure", "place", CITED)
    return queryset.order_by("measure", "initiative__era", *order)


def union_all(querysets):
    """The rows of every one of `querysets`, each with its own order and slice, as one subquery: each is a derived
    table of its own, which SQLite needs for a LIMIT in a compound query, and PostgreSQL reads as a semi-join where
    one IN per queryset would test every figure against each."""
    texts, params = [], []
    for number, queryset in enumerate(querysets):
        text, queryset_params = queryset.query.get_compiler(queryset.db).as_sql()
        texts.append(f"SELECT * FROM ({text}) first{number}")
        params += queryset_params
    return RawSQL(" UNION ALL ".join(texts), params)


def figures_of_each(figures):
    """How many figures of each measure each of these figures' initiatives has, of the whole and of places."""
    rows = (
        public_figures()
        .filter(initiative__in={f.initiative_id for f in figures}, measure__in={f.measure_id for f in figures})
        .order_by()
        .values("initiative", "measure")
        .annotate(whole=Count("pk", filter=Q(place__isnull=True)), placed=Count("pk", filter=Q(place__isnull=False)))
    )
    return {(row["initiative"], row["measure"]): row for row in rows}


def placed_figures(groups, limit):
    """The `groups` initiatives and measures with most figures by place, each with its `limit` largest, and how
    many figures by place each group has."""
    counted = list(
        public_figures()
        .filter(place__isnull=False)
        .order_by()
        .values("initiative", "measure")
        .annotate(count=Count("pk"))
        .order_by("-count", "initiative__name", "measure__name")[:groups]
    )
    if not counted:
        return [], {}
    chosen = Q()
    for row in counted:
        chosen |= Q(initiative=row["initiative"], measure=row["measure"])
    queryset = public_figures().filter(chosen, place__isnull=False).select_related("initiative", "measure")
    queryset = queryset.select_related("place", CITED)
    figures = first_of_each(
        queryset, [F("initiative"), F("measure")], [F("value").desc(), F("place__name").asc(), F("pk").asc()], limit
    )
    return list(figures), {(row["initiative"], row["measure"]): row["count"] for row in counted}


def fact_numbers(model):
    """Per era: how many fundings (or awards) its initiatives have, and the latest year they mention."""
    if model is Funding:
        facts, latest = public_fundings(), [Max("start_year"), Max("end_year")]
    else:
        facts, latest = public_awards(), [Max("year")]
    rows = facts.order_by().values("initiative__era").annotate(*latest, count=Count("pk"))
    return {
        row["initiative__era"]: {
            "count": row["count"],
            "latest": max((v for k, v in row.items() if k.endswith("__max") and v), default=None),
        }
        for row in rows
    }


def first_fundings(limit):
    """Per era, the first `limit` fundings by initiative name, then start year."""
    queryset = public_fundings().select_related("initiative", "funder", CITED)
    order = ["initiative__name", "initiative", F("start_year").asc(nulls_last=True), "pk"]
    return first_of_each_era(queryset, "initiative__era", order, limit)


def first_awards(limit):
    """Per era, the first `limit` awards by initiative name, then year and name."""
    queryset = public_awards().select_related("initiative", "organisation", CITED).prefetch_related(published_givers())
    order = ["initiative__name", "initiative", F("year").asc(nulls_last=True), "name", "pk"]
    return first_of_each_era(queryset, "initiative__era", order, limit)


def tally(model):
    """For every theme (or beneficiary group) any public initiative has: how many initiatives of each era have it,
    from the stored counts."""
    facet = "theme" if model is Theme else "beneficiary_group"
    eras = {in_era(facet, era): era for era in Initiative.Era.values}
    rows = FacetCount.objects.filter(facet__in=eras, initiatives__gt=0).exclude(key=str(UNLINKED))
    counts = {}
    for stored, key, count in rows.values_list("facet", "key", "initiatives"):
        counts.setdefault(int(key), {})[eras[stored]] = count
    return model.objects.in_bulk(list(counts)), counts
