from functools import cached_property

from django.core.paginator import Paginator


class IdsFirstPaginator(Paginator):
    """Pages of a queryset of wide rows (descriptions, joined records): the database orders and skips the ids
    alone, then reads the rows of one page. Ordering and skipping whole rows made deep pages slow.

    `count`, when the caller knows it, saves counting the queryset again."""

    def __init__(self, object_list, per_page, count=None):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return super().count if self.known_count is None else self.known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([found[pk] for pk in ids], number, self)
