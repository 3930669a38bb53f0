"""Draft records in the Denmark data, each with what hangs only on it, and what the public must never see of them.

Every name, slug and number here is unlike anything in the report, so finding one on a public page is a leak."""

from initiatives.models import Award, BeneficiaryGroup, Figure, Funding, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation

DRAFT = "Zebra Draft Initiative"
DRAFT_ORGANISATION = "Quokka Draft Organisation"
LED_BY_DRAFT = "Okapi Led By A Draft"
UNDER_DRAFT = "Narwhal Under A Draft"
UNDER_HIDDEN = "Ibex Under The Narwhal"
BRANCH = "Wombat Branch Of A Draft"
LED_BY_BRANCH = "Tapir Led By The Branch"

# What only the drafts and what hangs on them state; the page words and the slugs of the addresses they would have.
WORDS = [
    DRAFT,
    "zebra",
    DRAFT_ORGANISATION,
    "quokka",
    LED_BY_DRAFT,
    "okapi",
    UNDER_DRAFT,
    "narwhal",
    UNDER_HIDDEN,
    "ibex",
    BRANCH,
    "wombat",
    LED_BY_BRANCH,
    "tapir",
    "Pangolin",
    "Lemur",
    "Armadillo",
]
NUMBERS = [424242, 434343, 919191, 818181, 737373, 646464, 636363, 535353, 525252, 626262]


def spellings(number):
    """A number as pages write it: bare, with English or Danish digit grouping, or as a decimal string."""
    grouped = f"{number:,}"
    return {str(number), grouped, grouped.replace(",", "."), f"{number}.00"}


SECRETS = [*WORDS, *(spelling for number in NUMBERS for spelling in spellings(number))]


def secrets_in(text):
    folded = text.casefold()
    return [secret for secret in SECRETS if secret.casefold() in folded]


def section():
    return Source.objects.get(slug="ewsi-denmark-s3")


def denmark():
    return Place.objects.get(slug="denmark")


def describe(initiative, *, theme, group, place, figure):
    """Gives an initiative what a public one has: a theme, a group, a place, a source and a figure."""
    initiative.themes.add(Theme.objects.get(slug=theme))
    initiative.beneficiary_groups.add(BeneficiaryGroup.objects.get(slug=group))
    initiative.places.add(Place.objects.get(slug=place))
    initiative.sources.add(section())
    Figure.objects.create(
        initiative=initiative, measure=Measure.objects.get(slug="members"), value=figure, source=section()
    )
    return initiative


def draft_organisation():
    """An organisation in the making, already wired to public initiatives: a partner of Venligboerne and the
    only funder it has, and the winner of an award."""
    organisation = make_organisation(
        slug="quokka", name=DRAFT_ORGANISATION, published=False, country=denmark(), kind="ngo"
    )
    organisation.sources.add(section())
    venligboerne = Initiative.objects.get(slug="venligboerne")
    venligboerne.partners.add(organisation)
    Funding.objects.create(
        initiative=venligboerne, funder=organisation, amount=818181, currency="DKK", start_year=2016, source=section()
    )
    award = Award.objects.create(organisation=organisation, name="Lemur Honour", year=2016, source=section())
    award.givers.add(organisation)
    Award.objects.get(initiative=venligboerne, name="Rotary Award").givers.add(organisation)
    return organisation


def draft_initiative(lead=None):
    """A new-era initiative with a fact of every kind, one figure of them in Copenhagen."""
    initiative = describe(
        make_initiative(
            slug="zebra",
            name=DRAFT,
            published=False,
            era=Initiative.Era.NEW,
            start_year=2015,
            lead_organisation=lead,
            country=denmark(),
            organising="Zebra crossings at every street corner.",
        ),
        theme="mentoring",
        group="refugees",
        place="copenhagen",
        figure=424242,
    )
    Figure.objects.create(
        initiative=initiative,
        measure=Measure.objects.get(slug="members"),
        value=434343,
        place=Place.objects.get(slug="copenhagen"),
        source=section(),
    )
    Funding.objects.create(initiative=initiative, amount=919191, currency="DKK", start_year=2016, source=section())
    Award.objects.create(initiative=initiative, name="Pangolin Prize", year=2015, source=section())
    return initiative


def led_by(organisation):
    """A published initiative whose lead organisation is `organisation`."""
    initiative = make_initiative(
        slug="okapi", name=LED_BY_DRAFT, lead_organisation=organisation, start_year=2003, country=denmark()
    )
    return describe(initiative, theme="housing", group="refugees", place="aarhus", figure=737373)


def under(parent):
    """A published initiative of the Danish Red Cross, part of `parent`; and one part of it in turn."""
    child = make_initiative(
        slug="narwhal",
        name=UNDER_DRAFT,
        parent=parent,
        lead_organisation=Organisation.objects.get(slug="danish-red-cross"),
        start_year=2016,
        era=Initiative.Era.NEW,
        country=denmark(),
    )
    describe(child, theme="sport", group="young-refugees", place="odense", figure=646464)
    grandchild = make_initiative(
        slug="ibex", name=UNDER_HIDDEN, parent=child, start_year=2017, era=Initiative.Era.NEW, country=denmark()
    )
    describe(grandchild, theme="sport", group="young-refugees", place="odense", figure=636363)
    return child


def branch_of(organisation):
    """A published part of `organisation` that partners and funds public initiatives, wins an award and leads an
    initiative of its own."""
    branch = make_organisation(slug="wombat", name=BRANCH, parent=organisation, country=denmark(), kind="ngo")
    branch.sources.add(section())
    krydsfelt = Initiative.objects.get(slug="krydsfelt")
    krydsfelt.partners.add(branch)
    Funding.objects.create(initiative=krydsfelt, funder=branch, amount=535353, currency="DKK", source=section())
    Award.objects.create(organisation=branch, name="Armadillo Medal", year=2014, source=section())
    Funding.objects.create(
        initiative=Initiative.objects.get(slug="idraet-plus"),
        funder=branch,
        amount=525252,
        currency="DKK",
        source=section(),
    )
    led = make_initiative(slug="tapir", name=LED_BY_BRANCH, lead_organisation=branch, country=denmark())
    describe(led, theme="housing", group="refugees", place="aalborg", figure=626262)
    return branch


def every_draft():
    """All of the above at once: a draft organisation leading a draft initiative, and what hangs on each."""
    organisation = draft_organisation()
    initiative = draft_initiative(lead=organisation)
    led_by(organisation)
    under(initiative)
    branch_of(organisation)
    return initiative
