from django.urls import path

from .views import OrganisationDetailView, OrganisationListView

app_name = "organisations"

urlpatterns = [
    path("", OrganisationListView.as_view(), name="list"),
    path("<slug:slug>/", OrganisationDetailView.as_view(), name="detail"),
    path("<slug:slug>.json", OrganisationDetailView.as_view(), {"format": "json"}, name="detail_json"),
    path("<slug:slug>/cite.<cite:citation>", OrganisationDetailView.as_view(), name="detail_cite"),
]
