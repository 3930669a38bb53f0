"""Each initiative's stored search document, kept current in the transaction of every change to what it holds:
the initiative, its places, a place's name, its lead organisation's name and acronym.

Writes that send no signals (bulk_create, SQL imports) are followed by `manage.py refresh_catalogue`.
"""

from django.apps import apps
from django.db import connections
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .search import SQLITE_TABLE, JoinedText, search_vector, sqlite_columns


def related_texts(model):
    """The searched texts that live in other tables, as subqueries of the initiative's row."""
    lead = model._meta.get_field("lead_organisation").related_model._base_manager.filter(
        pk=OuterRef("lead_organisation")
    )
    places = model._meta.get_field("places").related_model._base_manager.filter(initiatives=OuterRef("pk"))
    return {
        "lead_organisation__name": Subquery(lead.values("name")),
        "lead_organisation__acronym": Subquery(lead.values("acronym")),
        "places__name": Subquery(
            places.order_by().values("initiatives").annotate(names=JoinedText("name")).values("names")
        ),
    }


def refresh_search_documents(initiatives):
    """Rewrites the documents of the initiatives of a queryset, in one statement whatever their number."""
    model, using = initiatives.model, initiatives.db
    chosen = model._base_manager.using(using).filter(pk__in=initiatives.order_by().values("pk"))
    if connections[using].vendor == "postgresql":
        chosen.update(search_document=search_vector(related_texts(model)))
        return
    columns = sqlite_columns(related_texts(model))
    rows = chosen.order_by().annotate(**columns).values_list("pk", *columns)
    select, params = rows.query.get_compiler(using).as_sql()
    with connections[using].cursor() as cursor:
        cursor.execute(f"INSERT OR REPLACE INTO {SQLITE_TABLE} (rowid, {', '.join(columns)}) {select}", params)


# Initiatives rewritten by one statement of a rebuild: each statement stays well inside the statement timeout.
REBUILD_BATCH = 5_000


def rebuild_search_documents(model, using="default"):
    """Every document anew, after writes that sent no signals; on SQLite also dropping deleted initiatives' rows."""
    if connections[using].vendor != "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid NOT IN (SELECT id FROM {model._meta.db_table})")
    every = model._base_manager.using(using).order_by("pk")
    last = 0
    while batch := list(every.filter(pk__gt=last).values_list("pk", flat=True)[:REBUILD_BATCH]):
        refresh_search_documents(every.filter(pk__gte=batch[0], pk__lte=batch[-1]))
        last = batch[-1]


def initiative_saved(sender, instance, using, **kwargs):
    refresh_search_documents(sender._base_manager.using(using).filter(pk=instance.pk))


def initiative_deleted(sender, instance, using, **kwargs):
    if connections[using].vendor != "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [instance.pk])


def places_changed(sender, instance, action, reverse, model, pk_set, using, **kwargs):
    """Places added to, removed from or cleared off an initiative, from either side of the relation."""
    initiatives = model if reverse else type(instance)
    if action == "pre_clear" and reverse:
        instance._cleared_initiatives = list(instance.initiatives.using(using).values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            chosen = [instance.pk]
        elif action == "post_clear":
            chosen = instance.__dict__.pop("_cleared_initiatives", [])
        else:
            chosen = pk_set
        refresh_search_documents(initiatives._base_manager.using(using).filter(pk__in=chosen))


def place_saved(sender, instance, using, **kwargs):
    refresh_search_documents(instance.initiatives.using(using).all())


def note_place_initiatives(sender, instance, using, **kwargs):
    """Before a place is deleted: its initiatives, whose links to it go without a signal."""
    instance._deleted_from = list(instance.initiatives.using(using).values_list("pk", flat=True))


def place_deleted(sender, instance, using, **kwargs):
    initiatives = sender._meta.get_field("initiatives").related_model
    chosen = instance.__dict__.pop("_deleted_from", [])
    refresh_search_documents(initiatives._base_manager.using(using).filter(pk__in=chosen))


def organisation_saved(sender, instance, using, **kwargs):
    refresh_search_documents(instance.led_initiatives.using(using).all())


def connect():
    initiative, place = apps.get_model("initiatives", "Initiative"), apps.get_model("initiatives", "Place")
    organisation, uid = apps.get_model("organisations", "Organisation"), "search-document"
    post_save.connect(initiative_saved, sender=initiative, dispatch_uid=f"{uid}-initiative-saved")
    post_delete.connect(initiative_deleted, sender=initiative, dispatch_uid=f"{uid}-initiative-deleted")
    m2m_changed.connect(places_changed, sender=initiative.places.through, dispatch_uid=f"{uid}-places")
    post_save.connect(place_saved, sender=place, dispatch_uid=f"{uid}-place-saved")
    pre_delete.connect(note_place_initiatives, sender=place, dispatch_uid=f"{uid}-place-deleting")
    post_delete.connect(place_deleted, sender=place, dispatch_uid=f"{uid}-place-deleted")
    post_save.connect(organisation_saved, sender=organisation, dispatch_uid=f"{uid}-organisation-saved")
