from django.contrib import admin
from django.urls import include, path

from initiatives.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("initiatives.urls")),
    path("organisations/", include("organisations.urls")),
    path("admin/", admin.site.urls),
]
