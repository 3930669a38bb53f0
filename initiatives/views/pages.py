from django.views.generic import DetailView, ListView, TemplateView

from ..models import BeneficiaryGroup, Initiative, Place, Source, Theme


class HomeView(TemplateView):
    template_name = "home.html"


class InitiativeDetailView(DetailView):
    queryset = Initiative.objects.with_related()


class ThemeListView(ListView):
    model = Theme


class ThemeDetailView(DetailView):
    model = Theme


class BeneficiaryGroupListView(ListView):
    model = BeneficiaryGroup


class BeneficiaryGroupDetailView(DetailView):
    model = BeneficiaryGroup


class PlaceListView(ListView):
    model = Place


class PlaceDetailView(DetailView):
    model = Place


class SourceListView(ListView):
    model = Source


class SourceDetailView(DetailView):
    model = Source
