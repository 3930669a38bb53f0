from django.urls import path

from .views import catalogue_json, catalogue_schema

app_name = "exchange"

urlpatterns = [
    path("catalogue.json", catalogue_json, name="catalogue"),
    path("catalogue.schema.json", catalogue_schema, name="schema"),
]
