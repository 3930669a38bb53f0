from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..models import Figure, Initiative
from . import exports, facets, fact_exports
from .filters import LIST_ORDER, InitiativeFilter
from .paging import IdsFirstPaginator
from .querystrings import QueryString, given
from .search import snippet

PAGE_SIZE = 20
OPTIONS_PAGE_SIZE = 100
FORMATS = {"csv", "json"}


def read_filters(request, format=None):
    """(redirect, query, filterset) of the list's filters in the request; the redirect, when not None, goes to
    their canonical address or replaces former slugs."""
    # "i": initiatives ticked for comparison, kept through filtering and pagination.
    names = [*InitiativeFilter.base_filters, "page", "i"]
    query = QueryString(request.GET, names, [*InitiativeFilter.MULTIPLE, "i"])
    if str(query) != given(request.GET) and not format:
        return redirect(request.path + str(query)), query, None

    initiatives = Initiative.objects.published().with_related().order_by(*LIST_ORDER)
    filterset = InitiativeFilter(request.GET, queryset=initiatives)
    if filterset.errors and (renamed := filterset.with_current_slugs()) is not None:
        target = "?" + renamed.urlencode() if format else str(QueryString(renamed, query.names, query.multiple))
        return redirect(request.path + target, permanent=True), query, filterset
    return None, query, filterset


def refused(request, errors):
    return render(request, "initiatives/bad_filters.txt", {"errors": errors}, status=400, content_type="text/plain")


def page_of(paginator, query, errors):
    """(page, errors): the page the query asks for, or the first one with the page refused."""
    try:
        return paginator.page(query.getlist("page")[0] if "page" in query else 1), errors
    except InvalidPage as error:
        return paginator.page(1), {**errors, "page": [str(error)]}


def initiative_list(request, format=None):
    """The faceted list: filter, then facets, then paginate, then render (or export)."""
    format = format or request.GET.get("format")
    moved, query, filterset = read_filters(request, format)
    if moved:
        return moved
    errors = filterset.errors
    if format and format not in FORMATS:
        return HttpResponseBadRequest(
            _("Unknown format %(format)r: use csv or json.") % {"format": format[:20]}, content_type="text/plain"
        )
    if format:
        if errors:
            return refused(request, errors)
        if format == "csv":
            return exports.csv_response(filterset.qs, request, "initiatives")
        return exports.json_response(filterset.qs, request)

    facet_list = facets.build(filterset, query)
    # The facets counted the list along with their options.
    paginator = IdsFirstPaginator(filterset.qs, PAGE_SIZE, count=facet_list[0].listed)
    page, errors = page_of(paginator, query, errors)
    status = 400 if errors else 200
    search = query.getlist("q")[0] if "q" in query else ""
    for initiative in page.object_list:
        initiative.snippet = search and snippet(
            # The texts a name alone does not show first: the snippet says why the initiative matched.
            [
                initiative.summary,
                initiative.description,
                initiative.organising,
                initiative.native_name,
                initiative.name,
            ],
            search,
        )
    if measure := filterset.sorted_measure:
        for initiative in page.object_list:
            initiative.sorted_figure = sorted_figure(initiative, measure)
    on_page = {initiative.slug for initiative in page.object_list}
    context = {
        "filterset": filterset,
        "errors": errors,
        "page_obj": page,
        "paginator": paginator,
        "initiatives": page.object_list,
        "facets": facet_list,
        "facet_query": str(query.without("page")),
        "query": query,
        "search": search,
        "active": active_filters(facet_list, filterset, query),
        "export_query": str(query.without("page", "i")),
        "kept_filters": [
            (name, value)
            for name, values in query.without("q", "started_from", "started_to", "sort", "page").values.items()
            for value in values
        ],
        "compare_selected": query.getlist("i"),
        "compare_elsewhere": [slug for slug in query.getlist("i") if slug not in on_page],
        "list_filters": [(name, value) for name, values in query.without("i").values.items() for value in values],
    }
    return render(request, "initiatives/initiative_list.html", context, status=status)


def fact_csv(request, kind):
    """The figures, funding or awards of the initiatives the list shows for the same filters, as CSV. Awards are
    those given to these initiatives: an award to an organisation or a person alone is in no filtered list, so
    it is left out (the catalogue file, /data/catalogue.json, has it)."""
    moved, _query, filterset = read_filters(request, "csv")
    if moved:
        return moved
    if filterset.errors:
        return refused(request, filterset.errors)
    return fact_exports.csv_response(kind, filterset.qs, request)


def sorted_figure(initiative, measure):
    """The figure an initiative sorted by size is ranked by (see InitiativeQuerySet.by_figure_of), or None."""
    if initiative.sorted_value is None:
        return None
    return Figure(
        measure=measure,
        value=initiative.sorted_value,
        qualifier=initiative.sorted_qualifier,
        basis=initiative.sorted_basis,
    )


def active_filters(facet_list, filterset, query):
    """(filter, value, link without it) for each active filter value, for the sentence above the list."""
    active = [
        (facet.label, option.label, option.url) for facet in facet_list for option in facet.options if option.selected
    ]
    for name in ("q", "started_from", "started_to"):
        for value in query.getlist(name):
            active.append((filterset.filters[name].label, value, str(query.without(name))))
    return active


def facet_options(request, name):
    """Every option of one facet with its count, under the list's filters, the highest count first."""
    if name not in facets.FACETS:
        raise Http404
    moved, query, filterset = read_filters(request)
    if moved:
        return moved
    facet = facets.build(filterset, query, [name])[0]
    page, errors = page_of(Paginator(facet.options, OPTIONS_PAGE_SIZE), query, filterset.errors)
    context = {
        "facet": facet,
        "errors": errors,
        "page_obj": page,
        "query": query,
        "list_query": str(query.without("page")),
    }
    return render(request, "initiatives/facet_options.html", context, status=400 if errors else 200)
