"""The record pages: one initiative, and the ways in (themes, beneficiary groups, places, sources).

Every page reads a fixed number of queries whatever the data size: related rows come through
select_related or Prefetch, and templates only walk what the view fetched.
"""

from django.db.models import F, Prefetch, Q
from django.views.generic import DetailView, ListView

from organisations.models import Organisation

from ..models import Award, BeneficiaryGroup, Figure, Finding, Funding, Initiative, Place, Source, Theme
from ..models.counts import counted
from ..models.initiative import published_givers
from . import data, linked_data
from .addresses import FormerSlugRedirectMixin
from .data import JSONVersionMixin
from .sources import sources_used
from .versions import RecordVersionsMixin

CITED = "source__parent__parent"


# How many initiatives a record page lists; the catalogue's list, which each page links to, has them all.
SHOWN = 50


def initiative_rows():
    """Initiatives as the shared list fragment shows them."""
    return Initiative.objects.published().select_related("lead_organisation").order_by("name")


def first_initiatives(initiatives):
    """What a record page says of `initiatives`: all of them (for its JSON), the first SHOWN, and how many."""
    return {
        "initiatives": initiatives,
        "initiatives_shown": initiatives[:SHOWN],
        "initiative_count": initiatives.count(),
    }


def as_tree(records):
    """Nests records under their parents (as .branches) without further queries; returns the roots."""
    by_pk = {record.pk: record for record in records}
    roots = []
    for record in records:
        record.branches = []
    for record in records:
        parent = by_pk.get(record.parent_id)
        (parent.branches if parent else roots).append(record)
    return roots


class InitiativeDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    queryset = Initiative.objects.published().with_details()

    def as_data(self, context):
        return data.initiative(self.object, context, self.request)

    def get_context_data(self, **kwargs):
        initiative = self.object
        figures, fundings, awards = initiative.figures.all(), initiative.fundings.all(), initiative.awards.all()
        return super().get_context_data(
            figures=figures,
            fundings=fundings,
            awards=awards,
            sources_used=sources_used(initiative.sources.all(), figures, fundings, awards),
            json_ld=linked_data.script(linked_data.project(initiative, self.request)),
            **kwargs,
        )


class ThemeListView(ListView):
    template_name, context_object_name = "initiatives/theme_list.html", "theme_list"

    def get_queryset(self):
        return counted(Theme.objects.order_by("name"), "themes")


class ThemeDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    queryset = Theme.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**first_initiatives(initiative_rows().filter(themes=self.object)), **kwargs)


class BeneficiaryGroupListView(ListView):
    template_name, context_object_name = "initiatives/beneficiarygroup_list.html", "beneficiarygroup_list"

    def get_queryset(self):
        return counted(BeneficiaryGroup.objects.order_by("name"), "beneficiary_groups")


class BeneficiaryGroupDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    queryset = BeneficiaryGroup.objects.all()

    def get_context_data(self, **kwargs):
        initiatives = initiative_rows().filter(beneficiary_groups=self.object)
        return super().get_context_data(**first_initiatives(initiatives), **kwargs)


class PlaceListView(ListView):
    template_name = "initiatives/place_list.html"

    def get_queryset(self):
        return counted(Place.objects.labelled().order_by("name", "kind", "slug"), "places")

    def get_context_data(self, **kwargs):
        return super().get_context_data(tree=as_tree(list(self.object_list)), **kwargs)


class PlaceDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    # Four levels up: as deep as Place.objects.within() looks down.
    queryset = (
        Place.objects.labelled()
        .select_related("parent__parent__parent__parent")
        .prefetch_related(Prefetch("children", queryset=Place.objects.labelled().order_by("name", "kind", "slug")))
    )

    def get_context_data(self, **kwargs):
        place = self.object
        ancestors, node = [], place
        while node.parent_id and len(ancestors) < 4:
            node = node.parent
            ancestors.insert(0, node)
        inside = Place.objects.within(place)
        return super().get_context_data(
            ancestors=ancestors,
            children=counted(place.children.all(), "places"),
            **first_initiatives(initiative_rows().active_in(place)),
            figures=Figure.objects.published()
            .filter(place__in=inside)
            .select_related("initiative", "measure", CITED)
            .with_labelled_places()
            .order_by("initiative__name", "measure__name", "-value"),
            organisations=Organisation.objects.published().filter(country=place).select_related("country"),
            **kwargs,
        )


class SourceListView(ListView):
    queryset = Source.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tree=as_tree(list(self.object_list)), **kwargs)


class SourceDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    queryset = Source.objects.select_related("parent__parent", "country").prefetch_related(
        Prefetch("parts", queryset=Source.objects.prefetch_related("parts"))
    )

    def get_context_data(self, **kwargs):
        source = self.object
        # What the source documents itself and through its parts: a report's sections and the pages they cite.
        scope = Source.objects.filter(Q(pk=source.pk) | Q(parent=source) | Q(parent__parent=source))
        return super().get_context_data(
            **first_initiatives(initiative_rows().filter(sources__in=scope).distinct()),
            organisations=Organisation.objects.published().filter(sources__in=scope).distinct(),
            figures=Figure.objects.published()
            .filter(source__in=scope)
            .select_related("initiative", "measure", CITED)
            .with_labelled_places()
            .order_by("initiative__name", "measure__name", "-value"),
            fundings=Funding.objects.published()
            .filter(source__in=scope)
            .select_related("initiative", "funder", CITED)
            .order_by("initiative__name", F("start_year").asc(nulls_last=True), "pk"),
            awards=Award.objects.published()
            .filter(source__in=scope)
            .select_related("initiative", "organisation", CITED)
            .prefetch_related(published_givers())
            .order_by(F("year").asc(nulls_last=True), "name"),
            findings=Finding.objects.filter(source__in=scope).select_related(CITED).order_by("position", "pk"),
            **kwargs,
        )
