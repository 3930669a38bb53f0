"""Each initiative's stored search document (models/search_document.py), reach (models/places.py) and facet
keys (facet_store.py), kept current in the transaction of every change to what they hold: the initiative, its
places, a place's name or parent, its lead organisation's name and acronym; for the facet keys also its themes,
beneficiary groups, partners, funding and awards, the deletion of a record it is linked to, and what the public
sees of the organisations it is tied to.

Writes that send no signals (bulk_create, SQL imports) are followed by `manage.py refresh_catalogue`.
"""

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from ..models.visibility import below
from .facet_store import forget_facet_keys, refresh_facet_keys
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
    chosen = model._base_manager.using(using).filter(pk__in=initiatives.order_by().values("pk")).order_by()
    connection = connections[using]
    if connection.vendor == "postgresql":
        documents = model._meta.apps.get_model("initiatives", "SearchDocument")._meta
        table, key, document = map(
            connection.ops.quote_name, (documents.db_table, documents.pk.column, documents.get_field("document").column)
        )
        rows = chosen.annotate(written=search_vector(related_texts(model))).values_list("pk", "written")
        head = f"INSERT INTO {table} ({key}, {document})"
        tail = f"ON CONFLICT ({key}) DO UPDATE SET {document} = EXCLUDED.{document}"
    else:
        columns = sqlite_columns(related_texts(model))
        rows = chosen.annotate(**columns).values_list("pk", *columns)
        head, tail = f"INSERT OR REPLACE INTO {SQLITE_TABLE} (rowid, {', '.join(columns)})", ""
    select, params = rows.query.get_compiler(using).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"{head} {select} {tail}", params)


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
    # Its parts too: whether the public sees them follows from whether it sees this one.
    refresh_facet_keys(sender._base_manager.using(using).filter(pk__in=below(sender, {instance.pk}, using)))


def initiative_deleting(sender, instance, using, **kwargs):
    forget_facet_keys(sender._base_manager.using(using).filter(pk=instance.pk))


def initiative_deleted(sender, instance, using, **kwargs):
    if connections[using].vendor != "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [instance.pk])


def linked_initiatives(sender, instance, action, reverse, pk_set, using):
    """The pks of the initiatives whose links through `sender`, the table of one of Initiative's many-to-many
    fields, a change has added, removed or cleared from either side; None before the change is made."""
    field = next(field for field in initiative_model()._meta.many_to_many if field.remote_field.through is sender)
    if action == "pre_clear" and reverse:
        links = sender._base_manager.using(using).filter(**{field.m2m_reverse_field_name(): instance.pk})
        instance._cleared_initiatives = list(links.values_list(field.m2m_field_name(), flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return None
    if not reverse:
        return [instance.pk]
    return instance.__dict__.pop("_cleared_initiatives", []) if action == "post_clear" else pk_set


def places_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if (chosen := linked_initiatives(sender, instance, action, reverse, pk_set, using)) is not None:
        initiatives = initiative_model()._base_manager.using(using).filter(pk__in=chosen)
        refresh_search_documents(initiatives)
        refresh_reach(initiatives)
        refresh_facet_keys(initiatives)


def links_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    """Themes, beneficiary groups or partners added, removed or cleared."""
    if (chosen := linked_initiatives(sender, instance, action, reverse, pk_set, using)) is not None:
        refresh_facet_keys(initiative_model()._base_manager.using(using).filter(pk__in=chosen))


def place_saved(sender, instance, using, **kwargs):
    """A place renamed, or moved into another: the initiatives active in it, or in a place inside it."""
    refresh_search_documents(instance.initiatives.using(using).all())
    # Found from their places, not their reach, which the rewrite starts by deleting.
    initiatives = initiative_model()._base_manager.using(using)
    initiatives = initiatives.filter(places__in=sender.objects.using(using).within(instance))
    refresh_reach(initiatives)
    refresh_facet_keys(initiatives)


def note_linked_initiatives(sender, instance, using, **kwargs):
    """Before a record that initiatives link to (a place, a theme, a partner...) is deleted: those initiatives,
    whose links to it go without a signal."""
    model = initiative_model()
    links = Q()
    for field in model._meta.many_to_many:
        if field.related_model is sender:
            links |= Q(**{field.name: instance.pk})
    instance._linked_initiatives = list(model._base_manager.using(using).filter(links).values_list("pk", flat=True))


def linked_initiatives_of_deleted(instance, using):
    return initiative_model()._base_manager.using(using).filter(pk__in=instance.__dict__.pop("_linked_initiatives", []))


def place_deleted(sender, instance, using, **kwargs):
    initiatives = linked_initiatives_of_deleted(instance, using)
    refresh_search_documents(initiatives)
    refresh_reach(initiatives)
    refresh_facet_keys(initiatives)


def linked_record_deleted(sender, instance, using, **kwargs):
    refresh_facet_keys(linked_initiatives_of_deleted(instance, using))


def organisation_saved(sender, instance, using, **kwargs):
    refresh_search_documents(instance.led_initiatives.using(using).all())
    refresh_facet_keys(tied_to_organisations(below(sender, {instance.pk}, using), using))


def tied_to_organisations(pks, using):
    """The initiatives whose facets may change with the organisations `pks`: those they lead (and the parts of
    those), partner, fund or give an award to, as the public seeing an organisation or not changes what the
    public sees of them."""
    model = initiative_model()
    initiatives = model._base_manager.using(using)
    led = below(model, set(initiatives.filter(lead_organisation__in=pks).values_list("pk", flat=True)), using)
    partners = model._meta.get_field("partners").remote_field.through._base_manager.using(using)
    return initiatives.filter(
        Q(pk__in=led)
        | Q(pk__in=partners.filter(organisation__in=pks).values("initiative"))
        | Q(pk__in=apps.get_model("initiatives", "Funding")._base_manager.filter(funder__in=pks).values("initiative"))
        | Q(
            pk__in=apps.get_model("initiatives", "Award")
            ._base_manager.filter(organisation__in=pks)
            .values("initiative")
        )
    )


def note_stored_initiative(sender, instance, using, **kwargs):
    """Before funding or an award is saved: the initiative it was of, which a save may change."""
    if instance.pk is not None:
        stored = sender._base_manager.using(using).filter(pk=instance.pk).values_list("initiative", flat=True)
        instance._stored_initiative = stored.first()


def fact_changed(sender, instance, using, **kwargs):
    """Funding or an award saved or deleted: whether its initiative has any, and the stored one's, may change."""
    pks = {instance.initiative_id, instance.__dict__.pop("_stored_initiative", None)} - {None}
    refresh_facet_keys(initiative_model()._base_manager.using(using).filter(pk__in=pks))


def initiative_model():
    return apps.get_model("initiatives", "Initiative")


def connect():
    initiative, place = initiative_model(), apps.get_model("initiatives", "Place")
    organisation, uid = apps.get_model("organisations", "Organisation"), "derived-data"
    post_save.connect(initiative_saved, sender=initiative, dispatch_uid=f"{uid}-initiative-saved")
    pre_delete.connect(initiative_deleting, sender=initiative, dispatch_uid=f"{uid}-initiative-deleting")
    post_delete.connect(initiative_deleted, sender=initiative, dispatch_uid=f"{uid}-initiative-deleted")
    m2m_changed.connect(places_changed, sender=initiative.places.through, dispatch_uid=f"{uid}-places")
    for relation in ("themes", "beneficiary_groups", "partners"):
        through = initiative._meta.get_field(relation).remote_field.through
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"{uid}-{relation}")
    post_save.connect(place_saved, sender=place, dispatch_uid=f"{uid}-place-saved")
    post_delete.connect(place_deleted, sender=place, dispatch_uid=f"{uid}-place-deleted")
    post_save.connect(organisation_saved, sender=organisation, dispatch_uid=f"{uid}-organisation-saved")
    for linked in (
        place,
        organisation,
        *(apps.get_model("initiatives", name) for name in ("Theme", "BeneficiaryGroup")),
    ):
        label = linked._meta.label
        pre_delete.connect(note_linked_initiatives, sender=linked, dispatch_uid=f"{uid}-deleting-{label}")
        if linked is not place:
            post_delete.connect(linked_record_deleted, sender=linked, dispatch_uid=f"{uid}-deleted-{label}")
    for name in ("Funding", "Award"):
        fact = apps.get_model("initiatives", name)
        pre_save.connect(note_stored_initiative, sender=fact, dispatch_uid=f"{uid}-saving-{name}")
        post_save.connect(fact_changed, sender=fact, dispatch_uid=f"{uid}-saved-{name}")
        post_delete.connect(fact_changed, sender=fact, dispatch_uid=f"{uid}-deleted-{name}")
