"""The words of initiatives.wording in templates: `{% load wording %}`, then `{{ funding|funding_amount }}`,
`{{ figure|when }}`, `{{ source|source_label }}`, so a page says what the grid, the CSV and the charts say."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import wording
from ..models import Funding

register = template.Library()


def html(text):
    # The no-break space a page keeps between a currency and its amount, written as the pages always wrote it.
    return mark_safe(escape(text).replace(wording.NBSP, "&nbsp;"))


@register.filter
def when(figure, unstated=wording.NO_YEAR):
    return wording.when(figure, unstated)


@register.filter
def period(record, unstated=wording.NO_PERIOD):
    """The period of anything with a start and an end year, as a funding's: `{{ funding|period }}`."""
    return wording.period(record.start_year, record.end_year, unstated)


@register.filter
def lifetime(initiative):
    return wording.lifetime(initiative.start_year, initiative.end_year)


@register.filter
def figure_value(figure):
    return wording.figure_value(figure)


@register.filter
def since(year):
    return wording.since(year)


@register.filter
def funding_amount(funding, unstated=Funding.NO_AMOUNT):
    return html(wording.funding_amount(funding, unstated, space=wording.NBSP))


@register.filter
def funding_total(funding):
    return html(wording.funding_total(funding, space=wording.NBSP))


@register.filter
def section_label(source):
    return wording.section_label(source)


@register.filter
def source_label(source):
    return wording.source_label(source)


@register.filter
def source_kind(source):
    return wording.source_kind(source)
