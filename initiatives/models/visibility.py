"""The stored `public` flag of organisations and initiatives: whether the public may see each, as
predicates.organisation_shown() and initiative_shown() say from `published` and the records above it.

A record's flag follows from its own fields and from those of the records it is part of or led by, up to
predicates.NESTING levels: a save brings the flags of the saved record and of the records below it up to date,
in the save's transaction. Writes that send no signals are followed by `manage.py refresh_catalogue`, which
brings every flag up to date.
"""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS

from .predicates import NESTING, initiative_shown, organisation_shown


def refresh_visibility(organisations=None, initiatives=None, using=DEFAULT_DB_ALIAS):
    """Brings the flags up to date: of every record, or, given the pks of changed organisations and initiatives,
    of those and of every record whose visibility follows from theirs."""
    organisation_model = apps.get_model("organisations", "Organisation")
    initiative_model = apps.get_model("initiatives", "Initiative")
    if organisations is None and initiatives is None:
        store(organisation_model, organisation_shown(), None, using)
        store(initiative_model, initiative_shown(), None, using)
        return
    changed = below(organisation_model, set(organisations or ()), using)
    led = initiative_model._base_manager.using(using).filter(lead_organisation__in=changed).values_list("pk", flat=True)
    store(organisation_model, organisation_shown(), changed, using)
    store(initiative_model, initiative_shown(), below(initiative_model, {*(initiatives or ()), *led}, using), using)


def below(model, pks, using):
    """The records `pks` and those part of them, NESTING levels down."""
    found, level = set(pks), set(pks)
    for _ in range(NESTING):
        if not level:
            break
        level = set(model._base_manager.using(using).filter(parent__in=level).values_list("pk", flat=True)) - found
        found |= level
    return found


def store(model, shown, pks, using):
    records = model._base_manager.using(using)
    if pks is not None:
        if not pks:
            return
        records = records.filter(pk__in=pks)
    records.filter(shown).exclude(public=True).update(public=True)
    records.exclude(shown).exclude(public=False).update(public=False)


def organisation_saved(sender, instance, using, **kwargs):
    refresh_visibility(organisations=[instance.pk], using=using)


def initiative_saved(sender, instance, using, **kwargs):
    refresh_visibility(initiatives=[instance.pk], using=using)
