"""The data API's document, and answers checked against it with jsonschema's 2020-12 dialect (OpenAPI 3.1's)."""

import json
from urllib.parse import urlencode

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from initiatives.api.schema import SCHEMA_FILE

DOCUMENT = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
URI = "urn:catalogue:openapi"
REGISTRY = Registry().with_resource(URI, Resource.from_contents(DOCUMENT, default_specification=DRAFT202012))


def pointer(*parts):
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def resolved(item):
    while "$ref" in item:
        node = DOCUMENT
        for part in item["$ref"].removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        item = node
    return item


def operations():
    """(path, method, operation) of every documented operation."""
    return [(path, method, operation) for path, item in DOCUMENT["paths"].items() for method, operation in item.items()]


def example_urls(path, operation):
    """Addresses that call the operation with its parameters' examples: the required ones alone, then each
    optional one added on its own; a path parameter with an enum, once with each of its values."""
    parameters = [resolved(parameter) for parameter in operation.get("parameters", [])]
    in_path = [parameter for parameter in parameters if parameter["in"] == "path"]
    required = [p for p in parameters if p["in"] == "query" and p.get("required")]
    optional = [p for p in parameters if p["in"] == "query" and not p.get("required")]
    paths = [path]
    for parameter in in_path:
        values = parameter["schema"].get("enum", [parameter["example"]])
        paths = [known.replace("{" + parameter["name"] + "}", str(value)) for known in paths for value in values]
    urls = []
    for filled in paths:
        for extra in [[], *([parameter] for parameter in optional)]:
            pairs = []
            for parameter in [*required, *extra]:
                example = parameter["example"]
                pairs += [(parameter["name"], value) for value in (example if isinstance(example, list) else [example])]
            urls.append(filled + ("?" + urlencode(pairs) if pairs else ""))
    return urls


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def response_errors(path, method, response):
    """What in `response` its documented answer does not allow: an undocumented status or media type, or
    each way its body breaks the schema."""
    media = response["Content-Type"].split(";")[0].strip() if "Content-Type" in response else None
    return answer_errors(path, method, response.status_code, media, body_of(response))


def answer_errors(path, method, status, media, body):
    responses = DOCUMENT["paths"][path][method]["responses"]
    if str(status) not in responses:
        return [f"status {status} is not documented"]
    content = resolved(responses[str(status)]).get("content")
    if content is None:
        return []
    if media not in content:
        return [f"{media} is not documented for {status}"]
    if not (media.startswith("text/") or media.endswith("json")):  # a workbook: the document names only its type
        return [] if body else [f"the {media} answer is empty"]
    text = body.decode()
    instance = json.loads(text) if media.endswith("json") else text
    ref = f"{URI}#/" + pointer("paths", path, method, "responses", str(status), "content", media, "schema")
    validator = Draft202012Validator({"$ref": ref}, registry=REGISTRY, format_checker=FormatChecker())
    return [message for error in validator.iter_errors(instance) for message in messages(error)]


def messages(error):
    """The error's message and, under a `oneOf`, those of each alternative, with where in the body each is."""
    yield f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
    for cause in error.context or []:
        yield from messages(cause)
