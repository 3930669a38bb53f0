"""The licence of the catalogue's own data (`settings.CATALOGUE_LICENCE`): named on every page, as a `"licence"` in
every JSON answer and as a `Link: <…>; rel="license"` header on every download. Its words are the same in every
language, so that a download stays the same file whatever the reader's language."""

from django.conf import settings


def licence():
    """{"name", "url"} of the licence."""
    return {"name": settings.CATALOGUE_LICENCE["name"], "url": settings.CATALOGUE_LICENCE["url"]}


def licensed(response):
    """`response` with the licence's address in a `Link` header (RFC 8288), the way a CSV can carry it."""
    response["Link"] = f'<{settings.CATALOGUE_LICENCE["url"]}>; rel="license"'
    return response
