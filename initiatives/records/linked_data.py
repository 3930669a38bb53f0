"""schema.org descriptions of records, written as JSON-LD into the detail pages."""

import json

from django.utils.safestring import mark_safe

from organisations.models import Organisation

from ..models import Award, Funding, Place

# As Django's json_script: no text inside the JSON can close the <script> element or open a comment.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

ORGANISATION_TYPES = {
    Organisation.Kind.NGO: "NGO",
    Organisation.Kind.GRASSROOTS_NETWORK: "NGO",
    Organisation.Kind.YOUTH_ORGANISATION: "NGO",
    Organisation.Kind.SPORTS_FEDERATION: "SportsOrganization",
    Organisation.Kind.PUBLIC_AUTHORITY: "GovernmentOrganization",
    Organisation.Kind.EDUCATION_INSTITUTION: "EducationalOrganization",
}

PLACE_TYPES = {
    Place.Kind.COUNTRY: "Country",
    Place.Kind.REGION: "AdministrativeArea",
    Place.Kind.CITY: "City",
    Place.Kind.DISTRICT: "Place",
}


def script(data):
    """The JSON for a <script type="application/ld+json"> element, safe to place in HTML as it is."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES))


def compact(data):
    """Drops empty values so the description states only what the source says."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def place(place):
    return {"@type": PLACE_TYPES.get(place.kind, "Place"), "name": place.name}


def organisation(org, request, full=False):
    data = {
        "@type": ORGANISATION_TYPES.get(org.kind, "Organization"),
        "@id": request.build_absolute_uri(org.get_absolute_url()),
        "name": org.name,
        "url": request.build_absolute_uri(org.get_absolute_url()),
    }
    if full:
        data.update(
            alternateName=[name for name in (org.native_name, org.acronym) if name],
            sameAs=org.website,
            description=org.description,
            location=place(org.country) if org.country else None,
        )
    return compact(data)


def monetary_grant(funding, request):
    """A funding received by an initiative, after schema.org's MonetaryGrant."""
    amount = None
    if funding.amount is not None:
        per_year = funding.basis == Funding.Basis.PER_YEAR
        total = funding.total_amount if per_year else funding.amount
        key = "minValue" if funding.qualifier == "more_than" else "value"
        amount = compact(
            {
                "@type": "MonetaryAmount",
                "currency": funding.currency,
                key: number(total) if total is not None else number(funding.amount),
                "description": "per year" if per_year and total is None else "",
            }
        )
    return compact(
        {
            "@type": "MonetaryGrant",
            "funder": organisation(funding.funder, request) if funding.funder else None,
            "amount": amount,
            "startDate": str(funding.start_year) if funding.start_year else None,
            "endDate": str(funding.end_year) if funding.end_year else None,
            "description": funding.note,
        }
    )


def project(initiative, request):
    """An initiative as a schema.org Project; reads only what with_details() prefetched."""
    received = [f for f in initiative.fundings.all() if f.direction == Funding.Direction.RECEIVED]
    funders = {f.funder.pk: f.funder for f in received if f.funder}
    lead = [initiative.lead_organisation] if initiative.lead_organisation else []
    url = request.build_absolute_uri(initiative.get_absolute_url())
    return {
        "@context": "https://schema.org",
        **compact(
            {
                "@type": "Project",
                "@id": url,
                "url": url,
                "name": initiative.name,
                "alternateName": initiative.native_name,
                "description": initiative.summary or initiative.description,
                "sameAs": initiative.website,
                "foundingDate": str(initiative.start_year) if initiative.start_year else None,
                "dissolutionDate": str(initiative.end_year) if initiative.end_year else None,
                "parentOrganization": [organisation(o, request) for o in lead + list(initiative.partners.all())],
                "funder": [organisation(o, request) for o in funders.values()],
                "funding": [monetary_grant(f, request) for f in received],
                "audience": [
                    compact(
                        {
                            "@type": "PeopleAudience",
                            "audienceType": group.name,
                            "suggestedMinAge": group.min_age,
                            "suggestedMaxAge": group.max_age,
                        }
                    )
                    for group in initiative.beneficiary_groups.all()
                ],
                "knowsAbout": [theme.name for theme in initiative.themes.all()],
                "areaServed": [place(p) for p in initiative.places.all()] or [place(initiative.country)],
                "award": [str(a) for a in initiative.awards.all() if a.outcome == Award.Outcome.WON],
            }
        ),
    }


def organisation_page(org, request):
    """An organisation with its parent and branches; reads only what with_details() prefetched."""
    return {
        "@context": "https://schema.org",
        **organisation(org, request, full=True),
        **compact(
            {
                "parentOrganization": organisation(org.parent, request) if org.parent else None,
                "subOrganization": [organisation(child, request) for child in org.children.all()],
                "award": [str(a) for a in org.awards.all() if a.outcome == Award.Outcome.WON],
            }
        ),
    }
