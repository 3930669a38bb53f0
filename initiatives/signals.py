"""Keeping the former slugs of named records, and the public flags of organisations and initiatives, whichever
way they are saved (admin, ORM, fixtures)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save

from .catalogue import indexing
from .models import visibility
from .models.addresses import FormerSlug
from .models.base import Named


def named_models():
    return [model for model in apps.get_models() if issubclass(model, Named)]


def note_stored_slug(sender, instance, update_fields, using, **kwargs):
    """Before the save: the slug the record has in the database, when the save may change it."""
    instance._stored_slug = None
    if instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk)
    instance._stored_slug = stored.values_list("slug", flat=True).first()


def keep_former_slug(sender, instance, created, using, **kwargs):
    """After the save: the replaced slug is kept, and the slug the record has now is nobody's former one."""
    stored = instance.__dict__.pop("_stored_slug", None)
    if not created and stored in (None, instance.slug):
        return
    content_type = ContentType.objects.db_manager(using).get_for_model(sender)
    former = FormerSlug.objects.using(using)
    # The record's own former slug taken back, or another record's: the live slug wins either way.
    former.filter(content_type=content_type, slug__in={instance.slug, stored} - {None}).delete()
    if stored not in (None, instance.slug):
        former.create(content_type=content_type, object_id=instance.pk, slug=stored)


def forget_former_slugs(sender, instance, using, **kwargs):
    FormerSlug.objects.using(using).of(instance).delete()


def connect():
    for model in named_models():
        pre_save.connect(note_stored_slug, sender=model, dispatch_uid=f"former-slugs-note-{model._meta.label}")
        post_save.connect(keep_former_slug, sender=model, dispatch_uid=f"former-slugs-keep-{model._meta.label}")
        post_delete.connect(forget_former_slugs, sender=model, dispatch_uid=f"former-slugs-forget-{model._meta.label}")
    for label, receiver in [
        ("organisations.Organisation", visibility.organisation_saved),
        ("initiatives.Initiative", visibility.initiative_saved),
    ]:
        post_save.connect(receiver, sender=apps.get_model(label), dispatch_uid=f"visibility-{label}")
    indexing.connect()
