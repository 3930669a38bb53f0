from django.views.generic import DetailView, ListView

from .models import Organisation


class OrganisationListView(ListView):
    queryset = Organisation.objects.with_related()


class OrganisationDetailView(DetailView):
    queryset = Organisation.objects.with_related()
