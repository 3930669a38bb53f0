"""A small DOM built with the standard library's HTML parser, to read pages as a reader sees them."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, class_=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (class_ is None or class_ in element.classes)
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, class_=None, **attrs):
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def children_by_tag(self, tag):
        return [child for child in self.children if isinstance(child, Element) and child.tag == tag]

    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, Element) else child)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def items(self):
        """What a grid cell shows: the text of each list item, or the cell's text when it has no list."""
        entries = self.find_all("li")
        return [entry.text() for entry in entries] if entries else [self.text()]


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content):
    builder = Builder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    return builder.root


def table_rows(table):
    """A table as lists of cell texts: header row first, then the body rows."""
    rows = []
    for section in ("thead", "tbody"):
        for part in table.children_by_tag(section):
            for row in part.children_by_tag("tr"):
                rows.append(
                    [cell.text() for cell in row.children if isinstance(cell, Element) and cell.tag in ("th", "td")]
                )
    return rows


def grid(page):
    """The comparison grid as the page shows it: header names, then (label, [items per column]) rows."""
    table = page.find("table", class_="compare-grid")
    header = [cell.text() for cell in table.find("thead").find_all("th")]
    rows = []
    for row in table.find("tbody").children_by_tag("tr"):
        cells = [cell for cell in row.children if isinstance(cell, Element)]
        rows.append((cells[0].text(), [cell.items() for cell in cells[1:]]))
    return header, rows
