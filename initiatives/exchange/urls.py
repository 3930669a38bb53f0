from django.urls import path

from .views import catalogue_file, catalogue_schema

app_name = "exchange"

urlpatterns = [
    path("catalogue.json", catalogue_file, {"extension": "json"}, name="catalogue"),
    path("catalogue.xlsx", catalogue_file, {"extension": "xlsx"}, name="catalogue_xlsx"),
    path("catalogue.ods", catalogue_file, {"extension": "ods"}, name="catalogue_ods"),
    path("catalogue.schema.json", catalogue_schema, name="schema"),
]
