"""What the era page says in words where the eras cannot be compared, or figures could be mistaken for totals.

Nothing here adds up or averages figures: each note says why figures are set side by side instead.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..wording import and_joined, figure_text

# Below this many initiatives, an era's counts describe those initiatives rather than the era.
FEW = 5


def years_text(years):
    words = [str(year) for year in sorted(year for year in years if year)]
    if None in years:
        words.append(_("no year stated"))
    return and_joined(words)


def measure_notes(measure, sides, of_each):
    """Why these figures are set side by side and never added up, in words. `of_each` says how many figures of
    the measure each initiative listed has, of the whole and of places."""
    name = measure.name.lower()
    notes = []
    having = [(era, era.figure_numbers[measure.pk]["years"]) for era, _, count in sides if count]
    if len(having) > 1:
        moments = len({frozenset(years) for _, years in having}) > 1 or any(None in years for _, years in having)
        years = "; ".join(f"{era.label}: {years_text(years)}" for era, years in having)
        if moments:
            note = _(
                "Both eras have figures of %(measure)s. Each is one initiative's figure as its source states it "
                "(%(years)s). They are set side by side, never added up or averaged, and as their years differ "
                "or are not stated, they may describe different moments."
            )
        else:
            note = _(
                "Both eras have figures of %(measure)s. Each is one initiative's figure as its source states it "
                "(%(years)s). They are set side by side, never added up or averaged."
            )
        notes.append(note % {"measure": name, "years": years})
    for _era, figures, _count in sides:
        by_initiative = {}
        for figure in figures:
            by_initiative.setdefault(figure.initiative_id, []).append(figure)
        for own in by_initiative.values():
            initiative = own[0].initiative
            counted = of_each.get((initiative.pk, measure.pk), {})
            whole = [f for f in own if not f.place_id]
            if counted.get("whole", 0) > 1:
                notes.append(
                    _(
                        "%(initiative)s has %(count)d figures of %(measure)s (%(figures)s): separate statements "
                        "of the sources, none of them a total of the others."
                    )
                    % {
                        "initiative": initiative.name,
                        "count": counted["whole"],
                        "measure": name,
                        "figures": "; ".join(figure_text(f) for f in whole),
                    }
                )
            if placed := counted.get("placed", 0):
                notes.append(
                    ngettext(
                        "%(initiative)s's %(measure)s in %(count)d place are parts of the whole, and the sources "
                        "need not name every place: they are not added up.",
                        "%(initiative)s's %(measure)s in %(count)d places are parts of the whole, and the sources "
                        "need not name every place: they are not added up.",
                        placed,
                    )
                    % {"initiative": initiative.name, "measure": name, "count": placed}
                )
    return notes


def people_note(era_list, measures):
    """Whether the eras' counts of people count the same thing; said in words when they do not."""
    counted = [(era, era.people_measures(measures)) for era in era_list]
    kinds = {frozenset(m.pk for m in people) for _, people in counted}
    if len(kinds) <= 1:
        return ""
    none = _("none")
    described = "; ".join(
        f"{era.label}: {', '.join(m.name.lower() for m in people) or none}" for era, people in counted
    )
    return _(
        "The eras count people in different ways (%(described)s). A volunteer, a member and a participant "
        "are different things, so the eras' sizes cannot be compared as one number."
    ) % {"described": described}


def few_note(era_list):
    small = [era for era in era_list if 0 < era.count < FEW]
    return [
        ngettext(
            "Only %(count)d %(era)s initiative is recorded: the counts below describe it, "
            "not %(era)s initiatives in general.",
            "Only %(count)d %(era)s initiatives are recorded: the counts below describe these, "
            "not %(era)s initiatives in general.",
            era.count,
        )
        % {"count": era.count, "era": era.label}
        for era in small
    ]
