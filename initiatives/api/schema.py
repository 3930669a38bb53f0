"""The data API's OpenAPI document, kept in the repository as `openapi.json`, and its parts as the docs page reads them."""

import functools
import json
import re
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

SCHEMA_FILE = Path(__file__).with_name("openapi.json")
METHODS = ("get", "post", "put", "patch", "delete")
COMPONENT = "#/components/"


@functools.cache
def document():
    """The document as parsed JSON; the file is read once per process."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def resolved(item):
    """`item`, or what its `$ref` points to within the document."""
    while "$ref" in item:
        node = document()
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        item = node
    return item


def prose(text):
    """A description as HTML: escaped, with its `code` spans (the only CommonMark the document uses) as <code>."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text)))


def anchor(name):
    return "schema-" + slugify(name)


def type_of(schema):
    """A schema as a short phrase: its type, the values it allows, its limits; a named schema by its name."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return {"text": name, "anchor": anchor(name)}
    if "oneOf" in schema:
        return {"alternatives": [type_of(part) for part in schema["oneOf"]]}
    if "const" in schema:
        return {"text": json.dumps(schema["const"])}
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    described = {"text": f" {_('or')} ".join(kind for kind in kinds if kind != "array" or len(kinds) > 1)}
    if "array" in kinds:
        described["element"] = type_of(schema.get("items", {}))
    if "enum" in schema:
        described["enum"] = [json.dumps(value, ensure_ascii=False) for value in schema["enum"]]
    limits = {
        "minimum": _("at least %(value)s"),
        "maximum": _("at most %(value)s"),
        "maxLength": _("at most %(value)s characters"),
        "format": _("format %(value)s"),
        "pattern": _("pattern %(value)s"),
    }
    described["limits"] = [text % {"value": schema[key]} for key, text in limits.items() if key in schema]
    return described


def operations():
    """Every operation of the document, in its order: address, method, words, parameters and responses."""
    found = []
    for path, item in document()["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            found.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": prose(operation.get("description", "")),
                    "parameters": [parameter(resolved(given)) for given in operation.get("parameters", [])],
                    "responses": [
                        response(status, resolved(given)) for status, given in operation["responses"].items()
                    ],
                }
            )
    return found


def parameter(given):
    return {
        "name": given["name"],
        "in": given["in"],
        "required": given.get("required", False),
        "repeated": given.get("explode", False) and given["schema"].get("type") == "array",
        "type": type_of(given["schema"]),
        "description": prose(given.get("description", "")),
        "example": example_text(given.get("example")),
    }


def example_text(example):
    if example is None:
        return ""
    return ", ".join(str(value) for value in example) if isinstance(example, list) else str(example)


def response(status, given):
    return {
        "status": status,
        "description": prose(given.get("description", "")),
        "content": [(media, type_of(body.get("schema", {}))) for media, body in given.get("content", {}).items()],
        "headers": list(given.get("headers", {})),
    }


def shapes():
    """The named schemas: each with its description and, for an object, its fields."""
    found = []
    for name, schema in document()["components"]["schemas"].items():
        required = set(schema.get("required", []))
        fields = [
            {
                "name": field,
                "type": type_of(value),
                "required": field in required,
                "description": prose(value.get("description", "")),
            }
            for field, value in schema.get("properties", {}).items()
        ]
        found.append(
            {
                "name": name,
                "anchor": anchor(name),
                "description": prose(schema.get("description", "")),
                "fields": fields,
                "closed": schema.get("additionalProperties") is False,
                "type": None if fields else type_of(schema),
            }
        )
    return found
