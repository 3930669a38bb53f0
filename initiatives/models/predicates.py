"""What the public may see, and the plausible years, as query conditions every model and view shares."""

from django.db.models import Q


def year_in_range(field):
    """A year field is empty or a plausible calendar year."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1800, f"{field}__lte": 2200})


# How many levels of "part of" the public querysets look up, for organisations and initiatives alike: a part of
# a draft, and a part of such a part, are hidden with it.
NESTING = 2


def organisation_shown(prefix="", levels=NESTING):
    """Published, and not part of a draft organisation: the condition on the organisation at `prefix`."""
    condition = Q(**{prefix + "published": True})
    if levels:
        condition &= Q(**{prefix + "parent__isnull": True}) | organisation_shown(prefix + "parent__", levels - 1)
    return condition


def initiative_shown(prefix="", levels=NESTING):
    """Published, led by an organisation the public may see (or none), and not part of a hidden initiative."""
    lead = prefix + "lead_organisation__"
    condition = Q(**{prefix + "published": True}) & (Q(**{lead + "isnull": True}) | organisation_shown(lead))
    if levels:
        condition &= Q(**{prefix + "parent__isnull": True}) | initiative_shown(prefix + "parent__", levels - 1)
    return condition


def public_organisation(prefix=""):
    """What the public may see of organisations: published ones that are not part of a draft one (their stored
    `public` flag, kept by visibility.py from organisation_shown())."""
    return Q(**{prefix + "public": True})


def public_initiative(prefix=""):
    """What the public may see: published initiatives that are not part of a draft (led by one, or under one),
    nor led by or part of a record hidden for being part of a draft (their stored `public` flag, kept by
    visibility.py from initiative_shown())."""
    return Q(**{prefix + "public": True})
