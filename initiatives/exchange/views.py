"""The catalogue's download: every published record in the catalogue format, and the format's JSON Schema."""

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .export import as_json, catalogue
from .format import SCHEMA_FILE


@require_safe
def catalogue_json(request):
    """The same snapshot `manage.py export_catalogue` writes, as a dated file to download; a fixed number of queries."""
    now = timezone.now()
    data = catalogue(now)
    response = HttpResponse(as_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catalogue-{now:%Y-%m-%d}.json"'
    if data["licence"] and data["licence"]["url"]:  # as every other download links to it
        response["Link"] = f'<{data["licence"]["url"]}>; rel="license"'
    return response


@require_safe
def catalogue_schema(request):
    """The format's JSON Schema, byte for byte the file in the repository."""
    return HttpResponse(SCHEMA_FILE.read_bytes(), content_type="application/schema+json")
