from django import template

register = template.Library()


@register.filter
def page_url(query, number):
    """The list's query string on another page."""
    return str(query.replaced("page", number if number != 1 else None))
