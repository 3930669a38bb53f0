"""Canonical query strings: known parameters only, in a fixed order, no empty values, each value once.

The list's filters and the comparison grid's `?i=` columns both read and write their addresses with them.
"""

from urllib.parse import urlencode

from django.utils.datastructures import MultiValueDict


def given(params):
    """The query string as the address gives it, to compare with the canonical one."""
    pairs = urlencode([(name, value) for name, values in params.lists() for value in values])
    return "?" + pairs if pairs else ""


class QueryString:
    def __init__(self, params, names, multiple=(), ordered=()):
        """`params` is a QueryDict; `names` the parameters kept, in order; `multiple` those that repeat, their
        values sorted; `ordered` those that repeat with their values in the order given (the grid's columns)."""
        self.names, self.multiple, self.ordered = list(names), set(multiple) | set(ordered), set(ordered)
        self.values = {}
        for name in self.names:
            values = [v.strip() for v in params.getlist(name) if v.strip()]
            # A parameter given more than once means its last value, as the filters read it.
            values = list(dict.fromkeys(values)) if name in self.multiple else values[-1:]
            if values:
                self.values[name] = self._arranged(name, values)

    @classmethod
    def of(cls, values, names, multiple=(), ordered=()):
        """From lists of values by name: `QueryString.of({"i": slugs}, ["i"], ordered=["i"])`."""
        return cls(MultiValueDict({name: list(v) for name, v in values.items()}), names, multiple, ordered)

    def _arranged(self, name, values):
        return sorted(values) if name in self.multiple and name not in self.ordered else values

    def _with(self, values):
        copy = QueryString.__new__(QueryString)
        copy.names, copy.multiple, copy.ordered = self.names, self.multiple, self.ordered
        copy.values = {name: self._arranged(name, v) for name, v in values.items() if v}
        return copy

    def __str__(self):
        pairs = [(name, value) for name in self.names for value in self.values.get(name, [])]
        return "?" + urlencode(pairs) if pairs else ""

    def getlist(self, name):
        return self.values.get(name, [])

    def __contains__(self, name):
        return name in self.values

    def toggled(self, name, value):
        """With `value` of `name` switched on or off, back on the first page."""
        values = {k: list(v) for k, v in self.values.items() if k != "page"}
        current = values.get(name, [])
        if value in current:
            current = [v for v in current if v != value]
        elif name in self.multiple:
            current = current + [value]
        else:
            current = [value]
        values[name] = current
        return self._with(values)

    def replaced(self, name, value):
        values = {k: list(v) for k, v in self.values.items()}
        values[name] = [str(value)] if value not in (None, "") else []
        return self._with(values)

    def without(self, *names):
        return self._with({k: list(v) for k, v in self.values.items() if k not in names})
