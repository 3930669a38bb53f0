from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives.csv", views.initiative_list, {"format": "csv"}, name="list_csv"),
    path("initiatives.json", views.initiative_list, {"format": "json"}, name="list_json"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("themes/", views.ThemeListView.as_view(), name="themes"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("beneficiaries/", views.BeneficiaryGroupListView.as_view(), name="beneficiary_groups"),
    path("beneficiaries/<slug:slug>/", views.BeneficiaryGroupDetailView.as_view(), name="beneficiary_group"),
    path("places/", views.PlaceListView.as_view(), name="places"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
    path("compare/", views.compare, name="compare"),
    path("compare.csv", views.compare_csv, name="compare_csv"),
]
