from django.db.models import OuterRef, Subquery


def last_changed(model):
    """When a record of `model` last changed, from its history: an expression to annotate its queryset with."""
    entries = model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return Subquery(entries.values("history_date")[:1])
