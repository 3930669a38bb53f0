"""The interface's messages: which ones the project uses, and whether the Danish catalogue translates them all.

Extraction works like `makemessages` without needing GNU gettext: templates go through Django's own
`templatize` (what makemessages hands to xgettext), and both that output and the Python sources are read for
calls of the gettext functions with literal strings.
"""

import ast
import gettext
import io
import tokenize
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
PYTHON = ["config", "initiatives", "organisations"]
CATALOGUE = ROOT / "config" / "locale" / "da" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# name -> positions of (context, singular, plural) among the call's arguments
FUNCTIONS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def message(context, singular, plural=None):
    """A message as the catalogue keys it: (context or None, msgid, msgid_plural or None)."""
    return (context or None, singular, plural or None)


def from_call(name, arguments):
    context, singular, plural = FUNCTIONS[name]

    def literal(position):
        if position is None:
            return None
        if position >= len(arguments) or not isinstance(arguments[position], str):
            raise ValueError(f"{name}() called without a literal string at argument {position}")
        return arguments[position]

    return message(literal(context), literal(singular), literal(plural))


def python_messages(source):
    """Messages of gettext calls with literal strings in Python source."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in FUNCTIONS and node.args and isinstance(node.args[0], ast.Constant):
                arguments = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
                found.add(from_call(name, arguments))
    return found


def template_messages(source):
    """Messages of a template's translate and blocktranslate tags, read from what `templatize` makes of them.

    Its output is not valid Python as a whole, so the calls are picked out of its tokens."""
    # Lines lose their indentation, which means nothing here and would otherwise trip the tokenizer;
    # templatize writes strings with repr(), so no string spans lines.
    code = "\n".join(line.lstrip() for line in templatize(source).splitlines())
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]
    found = set()
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string in FUNCTIONS and tokens[index + 1].string == "(":
            arguments, position = [], index + 2
            while tokens[position].string != ")":
                if tokens[position].type == tokenize.STRING:
                    arguments.append(ast.literal_eval(tokens[position].string))
                elif tokens[position].string != ",":
                    arguments.append(None)
                position += 1
            found.add(from_call(token.string, arguments))
    return found


def project_messages(root=ROOT):
    """Every message the project's templates and Python code mark for translation."""
    found = set()
    for path in sorted((root / "templates").rglob("*")):
        if path.is_file():
            found |= template_messages(path.read_text(encoding="utf-8"))
    for package in PYTHON:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found |= python_messages(path.read_text(encoding="utf-8"))
    return found


def problems(po_text, used):
    """What keeps a catalogue from translating the interface: messages in use that it lacks, and entries
    left empty or marked fuzzy."""
    catalogue = polib.pofile(po_text)
    entries = {message(e.msgctxt, e.msgid, e.msgid_plural): e for e in catalogue if not e.obsolete}
    found = [f"missing: {msgid!r}" for _, msgid, _ in sorted(used - set(entries), key=str)]
    for (_, msgid, _), entry in entries.items():
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {msgid!r}")
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.get(form) for form in (0, 1)):
                found.append(f"untranslated: {msgid!r}")
        elif not entry.msgstr:
            found.append(f"untranslated: {msgid!r}")
    return found


def as_gettext_catalogue(po_text):
    """The messages a .po file defines, keyed as Python's gettext keys them in a compiled catalogue."""
    catalogue = {}
    for entry in polib.pofile(po_text):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for form, text in entry.msgstr_plural.items():
                catalogue[(key, int(form))] = text
        else:
            catalogue[key] = entry.msgstr
    return catalogue


def compiled_catalogue(mo_path):
    """What gettext loads from a compiled catalogue, without its header."""
    with open(mo_path, "rb") as file:
        messages = dict(gettext.GNUTranslations(file)._catalog)
    messages.pop("", None)
    return messages
