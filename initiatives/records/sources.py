"""Each source once: what a page, a record's data or a comparison lists under “Where is this data from?”."""


def sources_used(own=(), *facts):
    """Each source once, in the order first met: `own`, a record's own sources, then the sources the facts
    of each group in `facts` (figures, funding, awards, findings) cite."""
    seen = {source.pk: source for source in own}
    for group in facts:
        for fact in group:
            seen.setdefault(fact.source_id, fact.source)
    return list(seen.values())
