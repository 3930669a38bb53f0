"""The catalogue's downloads: every published record in the catalogue format, as JSON or as a workbook, and the
format's JSON Schema."""

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import workbook
from .export import as_json, catalogue
from .format import SCHEMA_FILE

# extension: (the file's bytes from the catalogue, its media type)
FILES = {
    "json": (lambda data: as_json(data).encode(), "application/json; charset=utf-8"),
    "xlsx": (workbook.as_xlsx, workbook.XLSX_TYPE),
    "ods": (workbook.as_ods, workbook.ODS_TYPE),
}


@require_safe
def catalogue_file(request, extension):
    """The same snapshot `manage.py export_catalogue` writes, as a dated file to download; a fixed number of queries."""
    now = timezone.now()
    data = catalogue(now)
    content, media_type = FILES[extension]
    response = HttpResponse(content(data), content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="catalogue-{now:%Y-%m-%d}.{extension}"'
    if data["licence"] and data["licence"]["url"]:  # as every other download links to it
        response["Link"] = f'<{data["licence"]["url"]}>; rel="license"'
    return response


@require_safe
def catalogue_schema(request):
    """The format's JSON Schema, byte for byte the file in the repository."""
    return HttpResponse(SCHEMA_FILE.read_bytes(), content_type="application/schema+json")
