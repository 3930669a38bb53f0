from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives.csv", views.initiative_list, {"format": "csv"}, name="list_csv"),
    path("initiatives.json", views.initiative_list, {"format": "json"}, name="list_json"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("initiatives/<slug:slug>.json", views.InitiativeDetailView.as_view(), {"format": "json"}, name="detail_json"),
    path("themes/", views.ThemeListView.as_view(), name="themes"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("themes/<slug:slug>.json", views.ThemeDetailView.as_view(), {"format": "json"}, name="theme_json"),
    path("beneficiaries/", views.BeneficiaryGroupListView.as_view(), name="beneficiary_groups"),
    path("beneficiaries/<slug:slug>/", views.BeneficiaryGroupDetailView.as_view(), name="beneficiary_group"),
    path(
        "beneficiaries/<slug:slug>.json",
        views.BeneficiaryGroupDetailView.as_view(),
        {"format": "json"},
        name="beneficiary_group_json",
    ),
    path("places/", views.PlaceListView.as_view(), name="places"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
    path("places/<slug:slug>.json", views.PlaceDetailView.as_view(), {"format": "json"}, name="place_json"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
    path("sources/<slug:slug>.json", views.SourceDetailView.as_view(), {"format": "json"}, name="source_json"),
    path("compare/", views.compare, name="compare"),
    path("compare.csv", views.compare_csv, name="compare_csv"),
]
