"""Database health: the /healthz probe, and a 503 page instead of a 500 while the database is away."""

import itertools
import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


def close_broken_connections():
    """Drops open connections so the next request reconnects rather than reusing a dead socket."""
    for connection in connections.all(initialized_only=True):
        # Inside a transaction (ATOMIC_REQUESTS, a test case) the owner of the transaction cleans up.
        if connection.connection is not None and not connection.in_atomic_block:
            try:
                connection.close()
            except DatabaseError:
                connection.connection = None


def service_unavailable():
    try:
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    except Exception:  # the page must not fail in turn, whatever else is broken
        logger.exception("Could not render 503.html")
        body = "The catalogue is briefly unavailable. Please try again in a moment.\n"
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Answers 503 with Retry-After, not 500, when a page cannot reach the database."""

    # A streamed export's header row needs no query; its first record does.
    STREAM_HEAD = 2

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming and not response.is_async and not isinstance(response, FileResponse):
            try:
                self.start_stream(response)
            except (OperationalError, InterfaceError) as error:
                return self.process_exception(request, error)
        return response

    def start_stream(self, response):
        """Runs a streamed body's first query before the 200 goes out, so an outage shows as a 503, not a cut file."""
        content = iter(response.streaming_content)
        head = list(itertools.islice(content, self.STREAM_HEAD))
        response.streaming_content = itertools.chain(head, content)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        close_broken_connections()
        return service_unavailable()


@never_cache
def healthz(request):
    """200 "ok" when the database answers SELECT 1, else 503."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check failed: %s", error)
        close_broken_connections()
        return HttpResponse(
            "database unavailable\n",
            status=503,
            content_type="text/plain",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return HttpResponse("ok", content_type="text/plain")
