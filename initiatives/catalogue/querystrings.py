"""Canonical query strings: known parameters only, in a fixed order, no empty values, each value once."""

from urllib.parse import urlencode


class QueryString:
    def __init__(self, params, names, multiple):
        """`params` is a QueryDict; `names` the parameters kept, in order; `multiple` those that repeat."""
        self.names, self.multiple = list(names), set(multiple)
        self.values = {}
        for name in self.names:
            values = list(dict.fromkeys(v.strip() for v in params.getlist(name) if v.strip()))
            if name not in self.multiple:
                values = values[-1:]
            if values:
                self.values[name] = sorted(values) if name in self.multiple else values

    def _with(self, values):
        copy = QueryString.__new__(QueryString)
        copy.names, copy.multiple = self.names, self.multiple
        copy.values = {name: sorted(v) if name in self.multiple else v for name, v in values.items() if v}
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
