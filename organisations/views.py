from django.core.paginator import InvalidPage
from django.views.generic import DetailView, ListView

from initiatives.records import data, linked_data
from initiatives.records.addresses import FormerSlugRedirectMixin
from initiatives.records.data import JSONVersionMixin
from initiatives.records.sources import sources_used
from initiatives.records.versions import RecordVersionsMixin

from .models import Organisation


class OrganisationListView(ListView):
    queryset = Organisation.objects.published().with_related().with_initiative_counts().order_by("name")
    paginate_by = 100
    refused_page = ""

    def paginate_queryset(self, queryset, page_size):
        """The page asked for; a page that does not exist is refused, with the first page shown beside why."""
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            self.refused_page, page = str(error), paginator.page(1)
        return paginator, page, page.object_list, page.has_other_pages()

    def render_to_response(self, context, **kwargs):
        context["refused_page"] = self.refused_page
        return super().render_to_response(context, status=400 if self.refused_page else 200, **kwargs)


class OrganisationDetailView(FormerSlugRedirectMixin, RecordVersionsMixin, JSONVersionMixin, DetailView):
    queryset = Organisation.objects.published().with_details()

    def as_data(self, context):
        return data.organisation(self.object, context, self.request)

    def get_context_data(self, **kwargs):
        org = self.object
        led = org.led_initiatives.all()
        funding_received = [funding for initiative in led for funding in initiative.fundings.all()]
        awards_to_initiatives = [award for initiative in led for award in initiative.awards.all()]
        facts = [
            org.fundings_given.all(),
            funding_received,
            org.awards_given.all(),
            org.awards.all(),
            awards_to_initiatives,
        ]
        return super().get_context_data(
            funding_received=funding_received,
            awards_to_initiatives=awards_to_initiatives,
            sources_used=sources_used(org.sources.all(), *facts),
            json_ld=linked_data.script(linked_data.organisation_page(org, self.request)),
            **kwargs,
        )
