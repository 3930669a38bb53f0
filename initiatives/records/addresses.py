"""Old addresses: a record page asked for by a slug the record had before moves to its current address."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from ..models import FormerSlug


class FormerSlugRedirectMixin:
    """A detail view whose record, not found by its slug, is looked for among former slugs.

    The lookup runs only when the page would be a 404, so a found page costs no query more. It uses the
    view's own queryset: a record the public may not see keeps its old addresses a 404 too."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            record = FormerSlug.objects.current(self.get_queryset(), [self.kwargs["slug"]]).get(self.kwargs["slug"])
            if record is None:
                raise
        # The same kind of address (page or .json) with the current slug, the query string kept.
        url = reverse(request.resolver_match.view_name, kwargs={**self.kwargs, "slug": record.slug})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
