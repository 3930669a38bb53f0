from django.urls import path

from .catalogue.views import facet_options, fact_csv, initiative_list
from .compare.views import compare, compare_csv
from .records.views import (
    BeneficiaryGroupDetailView,
    BeneficiaryGroupListView,
    InitiativeDetailView,
    PlaceDetailView,
    PlaceListView,
    SourceDetailView,
    SourceListView,
    ThemeDetailView,
    ThemeListView,
)

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", initiative_list, name="list"),
    path("initiatives.csv", initiative_list, {"format": "csv"}, name="list_csv"),
    path("initiatives.json", initiative_list, {"format": "json"}, name="list_json"),
    path("initiatives/figures.csv", fact_csv, {"kind": "figures"}, name="figures_csv"),
    path("initiatives/funding.csv", fact_csv, {"kind": "funding"}, name="funding_csv"),
    path("initiatives/awards.csv", fact_csv, {"kind": "awards"}, name="awards_csv"),
    path("initiatives/facets/<slug:name>/", facet_options, name="facet"),
    path("initiatives/<slug:slug>/", InitiativeDetailView.as_view(), name="detail"),
    path("initiatives/<slug:slug>.json", InitiativeDetailView.as_view(), {"format": "json"}, name="detail_json"),
    path("initiatives/<slug:slug>/cite.<cite:citation>", InitiativeDetailView.as_view(), name="detail_cite"),
    path("themes/", ThemeListView.as_view(), name="themes"),
    path("themes/<slug:slug>/", ThemeDetailView.as_view(), name="theme"),
    path("themes/<slug:slug>.json", ThemeDetailView.as_view(), {"format": "json"}, name="theme_json"),
    path("themes/<slug:slug>/cite.<cite:citation>", ThemeDetailView.as_view(), name="theme_cite"),
    path("beneficiaries/", BeneficiaryGroupListView.as_view(), name="beneficiary_groups"),
    path("beneficiaries/<slug:slug>/", BeneficiaryGroupDetailView.as_view(), name="beneficiary_group"),
    path(
        "beneficiaries/<slug:slug>.json",
        BeneficiaryGroupDetailView.as_view(),
        {"format": "json"},
        name="beneficiary_group_json",
    ),
    path(
        "beneficiaries/<slug:slug>/cite.<cite:citation>",
        BeneficiaryGroupDetailView.as_view(),
        name="beneficiary_group_cite",
    ),
    path("places/", PlaceListView.as_view(), name="places"),
    path("places/<slug:slug>/", PlaceDetailView.as_view(), name="place"),
    path("places/<slug:slug>.json", PlaceDetailView.as_view(), {"format": "json"}, name="place_json"),
    path("places/<slug:slug>/cite.<cite:citation>", PlaceDetailView.as_view(), name="place_cite"),
    path("sources/", SourceListView.as_view(), name="sources"),
    path("sources/<slug:slug>/", SourceDetailView.as_view(), name="source"),
    path("sources/<slug:slug>.json", SourceDetailView.as_view(), {"format": "json"}, name="source_json"),
    path("sources/<slug:slug>/cite.<cite:citation>", SourceDetailView.as_view(), name="source_cite"),
    path("compare/", compare, name="compare"),
    path("compare.csv", compare_csv, name="compare_csv"),
]
