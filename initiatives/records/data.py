"""Every record page as data: `<page address without the slash>.json` gives what the page shows."""

from django.http import JsonResponse

from ..licence import licence, licensed


class JSONVersionMixin:
    """A detail view that answers its `.json` address with `as_data(context)` instead of HTML."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(data_url=self.request.path.rstrip("/") + ".json", **kwargs)

    def render_to_response(self, context, **kwargs):
        if self.kwargs.get("format") == "json":
            return licensed(
                JsonResponse(
                    {**self.as_data(context), **history(self.object), "licence": licence()},
                    json_dumps_params={"ensure_ascii": False, "indent": 2},
                    safe=False,
                )
            )
        return super().render_to_response(context, **kwargs)

    def as_data(self, context):
        initiatives = context.get("initiatives", self.object.initiatives.all())
        return {**named(self.object, self.request), "initiatives": [item.slug for item in initiatives]}


def history(record):
    """The record's version and when it last changed, from its history (see versions.py): none when it has none."""
    updated = record.last_updated
    return {"version": record.version_count or None, "last_updated": updated.isoformat() if updated else None}


def named(record, request):
    if record is None:
        return None
    return {"slug": record.slug, "name": record.name, "url": request.build_absolute_uri(record.get_absolute_url())}


def source(record):
    return {"slug": record.slug, "name": record.name, "kind": record.kind, "url": record.url, "section": record.locator}


def figure(fact):
    return {
        "measure": fact.measure.slug,
        "value": fact.value,
        "qualifier": fact.qualifier,
        "basis": fact.basis,
        "since_year": fact.since_year,
        "as_of_year": fact.as_of_year,
        "place": fact.place.slug if fact.place else None,
        "note": fact.note,
        "source": fact.source.slug,
    }


def funding(fact):
    return {
        "initiative": fact.initiative.slug,
        "funder": fact.funder.slug if fact.funder else None,
        "direction": fact.direction,
        "amount": None if fact.amount is None else str(fact.amount),
        "currency": fact.currency,
        "qualifier": fact.qualifier,
        "basis": fact.basis,
        "total_amount": None if fact.total_amount is None else str(fact.total_amount),
        "start_year": fact.start_year,
        "end_year": fact.end_year,
        "note": fact.note,
        "source": fact.source.slug,
    }


def award(fact):
    return {
        "name": fact.name,
        "year": fact.year,
        "outcome": fact.outcome,
        "givers": [giver.slug for giver in fact.givers.all()],
        "initiative": fact.initiative.slug if fact.initiative_id else None,
        "organisation": fact.organisation.slug if fact.organisation_id else None,
        "person": fact.person,
        "note": fact.note,
        "source": fact.source.slug,
    }


def initiative(record, context, request):
    return {
        **named(record, request),
        "native_name": record.native_name,
        "era": record.era,
        "status": record.status,
        "start_year": record.start_year,
        "end_year": record.end_year,
        "country": record.country.slug,
        "lead_organisation": named(record.lead_organisation, request),
        "partners": [named(partner, request) for partner in record.partners.all()],
        "parent": named(record.parent, request),
        "children": [named(child, request) for child in record.children.all()],
        "summary": record.summary,
        "description": record.description,
        "organising": record.organising,
        "website": record.website,
        "themes": [theme.slug for theme in record.themes.all()],
        "beneficiary_groups": [
            {
                "slug": group.slug,
                "name": group.name,
                "min_age": group.min_age,
                "max_age": group.max_age,
                "ages_qualifier": group.ages_qualifier,
            }
            for group in record.beneficiary_groups.all()
        ],
        "places": [place.slug for place in record.places.all()],
        "figures": [figure(fact) for fact in context["figures"]],
        "funding": [funding(fact) for fact in context["fundings"]],
        "awards": [award(fact) for fact in context["awards"]],
        "sources": [source(item) for item in context["sources_used"]],
    }


def organisation(record, context, request):
    return {
        **named(record, request),
        "native_name": record.native_name,
        "acronym": record.acronym,
        "kind": record.kind,
        "parent": named(record.parent, request),
        "country": record.country.slug if record.country else None,
        "website": record.website,
        "description": record.description,
        "leads": [named(item, request) for item in record.led_initiatives.all()],
        "partners_in": [named(item, request) for item in record.partner_initiatives.all()],
        "funding_given": [funding(fact) for fact in record.fundings_given.all()],
        "funding_received": [funding(fact) for fact in context["funding_received"]],
        "awards_given": [award(fact) for fact in record.awards_given.all()],
        "awards_received": [award(fact) for fact in [*record.awards.all(), *context["awards_to_initiatives"]]],
        "sources": [source(item) for item in context["sources_used"]],
    }
