from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from initiatives.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("initiatives.urls")),
    path("organisations/", include("organisations.urls")),
    path("admin/", admin.site.urls),
    # set_language: the language switch on every page posts here; URLs themselves carry no language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
]
