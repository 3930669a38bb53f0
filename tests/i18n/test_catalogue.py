"""The Danish catalogue: every message of the interface translated, and the committed .mo built from the .po."""

import textwrap

import polib

from tests.i18n.messages import (
    CATALOGUE,
    COMPILED,
    as_gettext_catalogue,
    compiled_catalogue,
    problems,
    project_messages,
    python_messages,
    template_messages,
)

PO_HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def po(entries):
    return PO_HEADER + textwrap.dedent(entries)


def test_every_message_the_interface_uses_has_a_danish_translation():
    used = project_messages()

    assert problems(CATALOGUE.read_text(encoding="utf-8"), used) == []


def test_the_committed_mo_holds_exactly_the_translations_of_the_po():
    """The .mo is what Django reads; a .po edited without `compilemessages` would not show on the site."""
    assert compiled_catalogue(COMPILED) == as_gettext_catalogue(CATALOGUE.read_text(encoding="utf-8"))


def test_extraction_finds_messages_in_templates_python_and_model_choices():
    used = {msgid for _, msgid, _ in project_messages()}

    assert {"Where is this data from?", "Narrow down", "Initiatives"} <= used  # templates
    assert {"not stated", "Launches over time, by era", "Sort by"} <= used  # facets, charts, filters
    assert {"long-established", "grassroots network", "city or town"} <= used  # TextChoices labels


def test_extraction_reads_blocktranslate_with_counts_and_contexts():
    found = template_messages(
        "{% load i18n %}<p>{% blocktranslate count count=n trimmed %}\n  {{ count }} place\n"
        "{% plural %}{{ count }} places{% endblocktranslate %}</p>\n"
        '    <b>{% translate "from" context "start year" %}</b>\n  {{ x|default:_("none stated") }}'
    )

    assert found == {
        (None, "%(count)s place", "%(count)s places"),
        ("start year", "from", None),
        (None, "none stated", None),
    }


def test_extraction_reads_gettext_calls_in_python():
    found = python_messages(
        "from django.utils.translation import gettext as _, ngettext, pgettext_lazy\n"
        "x = _('one')\n"
        "y = ngettext('%(n)d thing', '%(n)d things', n)\n"
        "z = pgettext_lazy('menu', 'Main')\n"
    )

    assert found == {(None, "one", None), (None, "%(n)d thing", "%(n)d things"), ("menu", "Main", None)}


def test_the_check_reports_a_message_left_untranslated():
    catalogue = po(
        """\
        msgid "Places"
        msgstr "Steder"

        msgid "Sources"
        msgstr ""
        """
    )

    assert problems(catalogue, {(None, "Places", None), (None, "Sources", None)}) == ["untranslated: 'Sources'"]


def test_the_check_reports_a_plural_form_left_untranslated_and_a_fuzzy_guess():
    catalogue = po(
        """\
        msgid "%(count)s initiative"
        msgid_plural "%(count)s initiatives"
        msgstr[0] "%(count)s initiativ"
        msgstr[1] ""

        #, fuzzy
        msgid "Themes"
        msgstr "Temaer"
        """
    )

    assert problems(catalogue, set()) == ["untranslated: '%(count)s initiative'", "fuzzy: 'Themes'"]


def test_the_check_reports_a_message_the_interface_uses_but_the_catalogue_lacks():
    catalogue = po(
        """\
        msgid "Places"
        msgstr "Steder"
        """
    )

    assert problems(catalogue, {(None, "Places", None), ("navigation", "Main", None)}) == ["missing: 'Main'"]


def test_a_mo_compiled_before_the_po_changed_does_not_match_it(tmp_path):
    before = po(
        """\
        msgid "Places"
        msgstr "Steder"
        """
    )
    compiled = tmp_path / "django.mo"
    polib.pofile(before).save_as_mofile(str(compiled))
    assert compiled_catalogue(compiled) == as_gettext_catalogue(before)

    after = before.replace('msgstr "Steder"', 'msgstr "Lokaliteter"')

    assert compiled_catalogue(compiled) != as_gettext_catalogue(after)
