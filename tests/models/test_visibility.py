"""The stored `public` flag of organisations and initiatives always says what the conditions of what the public
may see say (predicates.organisation_shown and initiative_shown), whatever is saved in whatever order; after
writes that skip the models' signals, `manage.py refresh_catalogue` brings it back in line."""

import io
import random

import pytest
from django.core.management import call_command

from initiatives.models import Initiative
from initiatives.models.predicates import initiative_shown, organisation_shown
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place

pytestmark = pytest.mark.django_db


def disagreements():
    """The records whose stored flag differs from what the conditions say, as (slug, stored flag)."""
    wrong = []
    for model, shown in ((Organisation, organisation_shown()), (Initiative, initiative_shown())):
        computed = set(model.objects.filter(shown).values_list("pk", flat=True))
        wrong += [
            (slug, public)
            for pk, slug, public in model.objects.values_list("pk", "slug", "public")
            if public != (pk in computed)
        ]
    return wrong


@pytest.fixture
def tree():
    """Organisations three deep, initiatives led by each and initiatives three deep under them: all public."""
    make_place("denmark")
    top = make_organisation("top")
    branch = make_organisation("branch", parent=top)
    twig = make_organisation("twig", parent=branch)
    led = make_initiative("led-by-twig", lead_organisation=twig)
    child = make_initiative("child", parent=led)
    grandchild = make_initiative("grandchild", parent=child)
    return {"top": top, "branch": branch, "twig": twig, "led": led, "child": child, "grandchild": grandchild}


def public(*records):
    return [type(record).objects.get(pk=record.pk).public for record in records]


def test_a_draft_organisation_hides_at_once_what_hangs_on_it_two_levels_down(tree):
    everything = list(tree.values())
    assert public(*everything) == [True] * 6

    tree["top"].published = False
    tree["top"].save()

    assert public(*everything) == [False, False, False, False, False, False]
    tree["top"].published = True
    tree["top"].save()
    assert public(*everything) == [True] * 6


def test_a_draft_initiative_hides_its_parts_and_their_parts(tree):
    tree["led"].published = False
    tree["led"].save()
    assert public(tree["twig"], tree["led"], tree["child"], tree["grandchild"]) == [True, False, False, False]


def test_moving_a_part_out_from_under_a_draft_shows_it(tree):
    tree["led"].published = False
    tree["led"].save()
    tree["child"].parent = None
    tree["child"].save()
    assert public(tree["led"], tree["child"], tree["grandchild"]) == [False, True, True]


def test_a_change_of_lead_organisation_counts(tree):
    hidden = make_organisation("hidden", published=False)
    tree["child"].lead_organisation = hidden
    tree["child"].save()
    assert public(tree["led"], tree["child"], tree["grandchild"]) == [True, False, False]


def test_the_flag_agrees_with_the_conditions_after_any_sequence_of_saves():
    chance = random.Random(7)
    make_place("denmark")
    organisations = [make_organisation(f"organisation-{n}") for n in range(8)]
    initiatives = [make_initiative(f"initiative-{n}") for n in range(12)]
    for step in range(200):
        if chance.random() < 0.4:
            record = chance.choice(organisations)
            record.refresh_from_db()
            record.published = chance.random() < 0.7
            record.parent = chance.choice([None, *(o for o in organisations if o.pk != record.pk)])
        else:
            record = chance.choice(initiatives)
            record.refresh_from_db()
            record.published = chance.random() < 0.7
            record.parent = chance.choice([None, None, *(i for i in initiatives if i.pk != record.pk)])
            record.lead_organisation = chance.choice([None, *organisations])
        record.save()
        assert disagreements() == [], f"after step {step}"


def test_refresh_catalogue_repairs_flags_after_writes_without_signals(tree):
    Organisation.objects.filter(slug="top").update(published=False)  # no signal: the flags are stale now
    assert disagreements() != []

    call_command("refresh_catalogue", stdout=io.StringIO())

    assert disagreements() == []
    assert not Initiative.objects.published().exists()
