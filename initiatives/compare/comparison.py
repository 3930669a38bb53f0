"""The sources a comparison cites, each once.

The chosen set is in selection.py, the grid in grid.py, the eras side by side in eras.py.
"""

from ..models import Source
from ..records.sources import sources_used


def sources_of(initiative):
    """Each source once: the initiative's own, then those of its figures, funding and awards."""
    return sources_used(
        initiative.sources.all(), initiative.figures.all(), initiative.fundings.all(), initiative.awards.all()
    )


def sources_cited(*groups):
    """Each source the facts of `groups` cite once: reports, then sections by number, then the rest."""
    order = {Source.Kind.REPORT: 0, Source.Kind.SECTION: 1}
    return sorted(sources_used((), *groups), key=lambda s: (order.get(s.kind, 2), s.locator.zfill(4), s.name))
