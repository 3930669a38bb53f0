"""`/initiatives.atom`: an Atom feed of the initiatives most recently published or changed.

Like the downloads, it speaks no interface language: titles and texts are the records' own."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from ..models import Initiative
from .history import last_changed

LATEST = 50


class ChangedInitiativesFeed(Feed):
    feed_type = Atom1Feed
    title = "Integration initiatives catalogue: new and changed initiatives"
    subtitle = "The volunteer and citizens' initiatives most recently published or changed in the catalogue."
    link = reverse_lazy("initiatives:list")

    def items(self):
        changed = Initiative.objects.published().annotate(last_changed=last_changed(Initiative))
        return changed.select_related("country").order_by("-last_changed", "pk")[:LATEST]

    def item_title(self, initiative):
        return initiative.name

    def item_description(self, initiative):
        return initiative.summary

    def item_updateddate(self, initiative):
        return initiative.last_changed

    def item_categories(self, initiative):
        return [initiative.country.name]
