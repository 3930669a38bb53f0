"""Each initiative's stored search document and reach (models/places.py), kept current in the transaction of
every change to what they hold: the initiative, its places, a place's name or parent, its lead organisation's name
and acronym.

Writes that send no signals (bulk_create, SQL imports) are followed by `manage.py refresh_catalogue`.
"""

from django.apps import apps
from django.core.exceptions import EmptyResultSet
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


def refresh_reach(initiatives):
    """Rewrites the reach of the initiatives of a queryset, in two statements whatever their number: every place
    each is active in, and every place those lie in, as deep as places nest."""
    model, using = initiatives.model, initiatives.db
    connection = connections[using]
    quote = connection.ops.quote_name
    field = model._meta.get_field("places")
    place, reach = field.related_model, model._meta.apps.get_model("initiatives", "Reach")
    places, parent = quote(place._meta.db_table), quote(place._meta.get_field("parent").column)
    levels = []
    for level in range(len(place._meta.get_field("kind").choices) + 1):
        joins = "".join(f" JOIN {places} p{n} ON p{n}.id = p{n - 1}.{parent}" for n in range(1, level + 1))
        levels.append(f"SELECT p0.id AS place, p{level}.id AS within FROM {places} p0{joins}")
    link, initiative, linked = map(quote, (field.m2m_db_table(), field.m2m_column_name(), field.m2m_reverse_name()))
    table = quote(reach._meta.db_table)
    columns = [quote(reach._meta.get_field(name).column) for name in ("initiative", "place")]
    try:
        chosen, params = initiatives.order_by().values("pk").query.get_compiler(using).as_sql()
    except EmptyResultSet:  # no initiatives, such as pk__in=[]
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {columns[0]} IN ({chosen})", params)
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT DISTINCT t.{initiative}, w.within FROM {link} t "
            f"JOIN ({' UNION ALL '.join(levels)}) w ON w.place = t.{linked} WHERE t.{initiative} IN ({chosen})",
            params,
        )


def rebuild_reach(model, using="default"):
    refresh_reach(model._base_manager.using(using).all())


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
        refresh_reach(initiatives._base_manager.using(using).filter(pk__in=chosen))


def place_saved(sender, instance, using, **kwargs):
    """A place renamed, or moved into another: the initiatives active in it, or in a place inside it."""
    refresh_search_documents(instance.initiatives.using(using).all())
    initiatives = sender._meta.get_field("initiatives").related_model._base_manager.using(using)
    # Found from their places, not their reach, which the rewrite starts by deleting.
    refresh_reach(initiatives.filter(places__in=sender.objects.using(using).within(instance)))


def note_place_initiatives(sender, instance, using, **kwargs):
    """Before a place is deleted: its initiatives, whose links to it go without a signal."""
    instance._deleted_from = list(instance.initiatives.using(using).values_list("pk", flat=True))


def place_deleted(sender, instance, using, **kwargs):
    initiatives = sender._meta.get_field("initiatives").related_model
    chosen = instance.__dict__.pop("_deleted_from", [])
    refresh_search_documents(initiatives._base_manager.using(using).filter(pk__in=chosen))
    refresh_reach(initiatives._base_manager.using(using).filter(pk__in=chosen))


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
