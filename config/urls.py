from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config.health import healthz
from initiatives.api.views import api_docs, openapi_json
from initiatives.following.feeds import ChangedInitiativesFeed
from initiatives.following.sitemaps import public_records
from initiatives.following.views import favicon, robots_txt
from initiatives.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("initiatives.urls")),
    path("organisations/", include("organisations.urls")),
    path("admin/", admin.site.urls),
    # set_language: the language switch on every page posts here; URLs themselves carry no language.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api_docs, name="api_docs"),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("data/", include("initiatives.exchange.urls")),
    path("healthz", healthz, name="healthz"),
    path("initiatives.atom", ChangedInitiativesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": public_records()}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]
