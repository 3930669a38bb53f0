"""The policymakers' view: long-established and new initiatives side by side, or a grid of chosen ones.

Both pages, and the grid's CSV, read a fixed number of queries whatever the number of initiatives
compared and whatever the size of the data: the grid's initiatives come through `for_comparison()`, and the
era page's numbers are counted in SQL (era_queries.py), its lists cut to their first few.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import wording
from ..caching import cached
from ..catalogue.exports import spreadsheet_safe
from ..catalogue.querystrings import given
from ..licence import licensed
from ..models import BeneficiaryGroup, Finding, FormerSlug, Initiative, Theme
from . import charts, comparison, era_queries
from . import selection as chosen_set
from .era_notes import few_note, people_note
from .eras import INITIATIVES_SHOWN, SHOWN, compare_measures, eras, said, tallies
from .grid import csv_rows, grid, measures_of
from .selection import MAX_COMPARED, MIN_COMPARED, Selection

# How many of the slugs in an over-long address are looked up to name the unknown ones.
LOOKED_UP = 50
# The figures by place drawn on the era page: the initiatives and measures with most places, the largest first.
PLACED_GROUPS, SHOWN_PER_PLACE = 3, 12


def canonical_redirect(request, selection, tell=True):
    """Sends a non-canonical address (duplicates, blanks, unknown parameters) to the canonical one."""
    if given(request.GET) == selection.canonical:
        return None
    if selection.duplicates and tell:
        names = ", ".join(f"“{chosen_set.shown(slug)}”" for slug in selection.duplicates[:10])
        messages.info(
            request,
            ngettext(
                "%(names)s was chosen more than once; each column is shown once.",
                "%(names)s were chosen more than once; each column is shown once.",
                len(selection.duplicates),
            )
            % {"names": names},
        )
    return redirect(request.path + selection.canonical)


def chosen(selection):
    """The initiatives asked for, in the order given, and sentences saying what stops the grid."""
    slugs = selection.slugs
    asked = [slug for slug in slugs[:LOOKED_UP] if chosen_set.is_slug(slug)]
    if len(slugs) > MAX_COMPARED:
        found = Initiative.objects.published().filter(slug__in=asked).only("slug", "name")
    else:
        found = Initiative.objects.published().filter(slug__in=asked).for_comparison()
    known = {initiative.slug: initiative for initiative in found}
    return [known[slug] for slug in slugs if slug in known], chosen_set.problems(slugs[:LOOKED_UP], len(slugs), known)


def renamed_redirect(request, selection, initiatives):
    """Sends a comparison naming initiatives by former slugs to the same one with their current slugs."""
    found = {initiative.slug for initiative in initiatives}
    unknown = [slug for slug in selection.slugs[:LOOKED_UP] if slug not in found and chosen_set.is_slug(slug)]
    if not unknown:
        return None
    current = FormerSlug.objects.current(Initiative.objects.published(), unknown)
    if not current:
        return None
    slugs = [current[slug].slug if slug in current else slug for slug in selection.slugs]
    return redirect(request.path + chosen_set.query(list(dict.fromkeys(slugs))), permanent=True)


def picker(initiatives):
    """The form that chooses initiatives offers the chosen ones, then the first few of each era by name: the
    list of initiatives lets one tick any of them."""
    chosen = list(
        Initiative.objects.published()
        .filter(slug__in=[initiative.slug for initiative in initiatives])
        .only("slug", "name", "era", "start_year")
    )
    slugs = {initiative.slug for initiative in chosen}
    first = [i for shown in era_queries.first_initiatives(INITIATIVES_SHOWN).values() for i in shown]
    return sorted([*chosen, *(i for i in first if i.slug not in slugs)], key=lambda i: (i.era, i.name))


def compare(request):
    selection = Selection.read(request.GET)
    if response := canonical_redirect(request, selection):
        return response
    if not selection.slugs:
        return render(request, "compare/eras.html", {"body": era_page_body()})

    initiatives, problems = chosen(selection)
    if problems and (response := renamed_redirect(request, selection, initiatives)):
        return response
    context = {
        "initiatives": initiatives,
        "selected": [initiative.slug for initiative in initiatives],
        "problems": problems,
        "picker": picker(initiatives),
        "max_compared": MAX_COMPARED,
        "min_compared": MIN_COMPARED,
    }
    if problems:
        usable = [initiative.slug for initiative in initiatives][:MAX_COMPARED]
        context["fixed_url"] = chosen_set.query(usable) if len(usable) >= MIN_COMPARED else ""
        return render(request, "compare/grid.html", context, status=400)
    if len(initiatives) < MIN_COMPARED:
        context["too_few"] = True
        return render(request, "compare/grid.html", context)
    return render(request, "compare/grid.html", {**context, **grid_context(request, initiatives, selection)})


def grid_context(request, initiatives, selection):
    slugs = selection.slugs
    measures = measures_of(initiatives)

    def moved(index, by):
        order = list(slugs)
        order[index], order[index + by] = order[index + by], order[index]
        return chosen_set.query(order)

    columns = [
        {
            "initiative": initiative,
            "left": moved(index, -1) if index > 0 else "",
            "right": moved(index, 1) if index < len(slugs) - 1 else "",
            "remove": chosen_set.query([slug for slug in slugs if slug != initiative.slug]),
        }
        for index, initiative in enumerate(initiatives)
    ]
    return {
        "columns": columns,
        "rows": grid(initiatives),
        "canonical": selection.canonical,
        "share_url": request.build_absolute_uri(request.path + selection.canonical),
        "csv_url": reverse("initiatives:compare_csv") + selection.canonical,
        "charts": [
            chart
            for chart in (
                charts.scale(initiatives, measures),
                charts.launches(initiatives, charts.horizon(initiatives)),
            )
            if chart
        ],
    }


def era_page_body():
    """The era page below its messages, counted in SQL in a fixed number of queries. The shared cache keeps it
    rendered: rendering its lists and charts costs more than reading its numbers."""

    def render_body():
        context = {**era_facts(), "selected": [], "max_compared": MAX_COMPARED, "min_compared": MIN_COMPARED}
        return render_to_string("compare/includes/eras_body.html", context)

    return cached(("compare-eras",), render_body)


def era_facts():
    era_list = eras()
    measures = era_queries.measures({pk for era in era_list for pk in era.figure_numbers})
    findings = list(
        Finding.objects.select_related("source__parent__parent").order_by("source__parent__name", "position", "pk")
    )
    by_report = {}
    for finding in findings:
        report = finding.source.parent if finding.source.parent_id else finding.source
        by_report.setdefault(report.pk, (report, []))[1].append(finding)
        finding.said = said(finding, era_list)
    figures = [figure for era in era_list for shown in era.figures.values() for figure in shown]
    fundings = [funding for era in era_list for funding in era.fundings]
    awards = [award for era in era_list for award in era.awards]
    placed, placed_counts = era_queries.placed_figures(PLACED_GROUPS, SHOWN_PER_PLACE)
    horizon = max((era.latest_year for era in era_list if era.latest_year), default=None)
    return {
        "eras": era_list,
        "total": sum(era.count for era in era_list),
        "measures": compare_measures(era_list, measures),
        "people_note": people_note(era_list, measures),
        "few_notes": few_note(era_list),
        "themes": tallies(era_list, Theme, "theme"),
        "groups": tallies(era_list, BeneficiaryGroup, "beneficiary_group", label=wording.ages),
        "findings": list(by_report.values()),
        "charts": {
            "launches": charts.era_launches(era_list, era_queries.undated_names(SHOWN), horizon),
            "funding": charts.funding(fundings, sum(era.funding_count for era in era_list)),
            "by_place": charts.by_place(placed, placed_counts),
        },
        "picker": [initiative for era in era_list for initiative in era.initiatives],
        "sources_used": comparison.sources_cited(figures, placed, fundings, awards, findings),
    }


def compare_csv(request):
    """The grid as CSV: the same cells as the page, a cell's several items on separate lines."""
    selection = Selection.read(request.GET)
    if response := canonical_redirect(request, selection, tell=False):
        return response
    initiatives, problems = chosen(selection)
    if problems and (response := renamed_redirect(request, selection, initiatives)):
        return response
    if not problems and len(initiatives) < MIN_COMPARED:
        problems = [
            _("Choose at least %(count)d initiatives to compare, with ?i=<slug>&i=<slug>.") % {"count": MIN_COMPARED}
        ]
    if problems:
        return HttpResponse("\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="comparison.csv"'
    # A download is the same file in every language of the interface, so that copies of it can be compared.
    with translation.override("en"):
        rows = [[spreadsheet_safe(cell) for cell in row] for row in csv_rows(initiatives, grid(initiatives))]
    csv.writer(response).writerows(rows)
    return licensed(response)
