"""The data API's description: the OpenAPI document as it is kept in the repository, and a page that reads it."""

from django.http import HttpResponse
from django.shortcuts import render

from . import schema


def openapi_json(request):
    """The OpenAPI 3.1 document, byte for byte the file in the repository."""
    return HttpResponse(schema.SCHEMA_FILE.read_bytes(), content_type="application/json")


def api_docs(request):
    """Every address of the data API with its parameters and answers, rendered from the same document."""
    document = schema.document()
    context = {
        "description": schema.prose(document["info"]["description"]),
        "operations": schema.operations(),
        "shapes": schema.shapes(),
    }
    return render(request, "api/docs.html", context)
