"""A record whose slug changes keeps its old addresses: they move, permanently, to the current ones."""

import pytest

from initiatives.models import BeneficiaryGroup, FormerSlug, Initiative, Measure, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place, make_source

pytestmark = pytest.mark.django_db


def renamed(record, slug):
    record.slug = slug
    record.save()
    return record


# Each kind of public record page: how to make one with a slug, and the address of its page.
KINDS = {
    "initiative": (lambda slug: make_initiative(slug), "/initiatives/{}"),
    "organisation": (lambda slug: make_organisation(slug), "/organisations/{}"),
    "theme": (lambda slug: Theme.objects.create(slug=slug, name=slug.title()), "/themes/{}"),
    "beneficiary group": (
        lambda slug: BeneficiaryGroup.objects.create(slug=slug, name=slug.title()),
        "/beneficiaries/{}",
    ),
    "place": (lambda slug: make_place(slug, kind=Place.Kind.CITY), "/places/{}"),
    "source": (lambda slug: make_source(slug), "/sources/{}"),
}
kinds = pytest.mark.parametrize("kind", KINDS)


def page(kind, slug):
    return KINDS[kind][1].format(slug) + "/"


def data(kind, slug):
    return KINDS[kind][1].format(slug) + ".json"


@kinds
def test_the_old_address_of_a_renamed_record_moves_permanently_to_the_new_one(client, kind):
    make, _ = KINDS[kind]
    renamed(make("old-name"), "new-name")

    response = client.get(page(kind, "old-name"))

    assert response.status_code == 301
    assert response["Location"] == page(kind, "new-name")
    assert client.get(response["Location"]).status_code == 200


@kinds
def test_the_old_json_address_moves_to_the_new_json_address(client, kind):
    make, _ = KINDS[kind]
    renamed(make("old-name"), "new-name")

    response = client.get(data(kind, "old-name"))

    assert response.status_code == 301
    assert response["Location"] == data(kind, "new-name")
    assert client.get(response["Location"]).json()["slug"] == "new-name"


@kinds
def test_the_move_keeps_the_query_string(client, kind):
    make, _ = KINDS[kind]
    renamed(make("old-name"), "new-name")

    response = client.get(page(kind, "old-name") + "?utm_source=newsletter&x=%C3%A6")

    assert response["Location"] == page(kind, "new-name") + "?utm_source=newsletter&x=%C3%A6"


@kinds
def test_a_record_renamed_twice_sends_both_old_addresses_straight_to_the_newest(client, kind):
    make, _ = KINDS[kind]
    renamed(renamed(make("first"), "second"), "third")

    for old in ("first", "second"):
        for address in (page, data):
            response = client.get(address(kind, old))
            assert (response.status_code, response["Location"]) == (301, address(kind, "third")), old


@kinds
def test_an_address_no_record_ever_had_is_still_not_found(client, kind):
    make, _ = KINDS[kind]
    renamed(make("old-name"), "new-name")

    assert client.get(page(kind, "never-was")).status_code == 404
    assert client.get(data(kind, "never-was")).status_code == 404


def test_a_slug_is_a_former_slug_only_for_its_own_kind_of_record(client):
    renamed(Theme.objects.create(slug="youth", name="Youth"), "young-people")
    renamed(make_place("youth", kind=Place.Kind.CITY), "youth-town")

    assert client.get("/themes/youth/")["Location"] == "/themes/young-people/"
    assert client.get("/places/youth/")["Location"] == "/places/youth-town/"
    assert client.get("/sources/youth/").status_code == 404


@pytest.mark.parametrize("kind", ["initiative", "organisation"])
def test_a_drafts_former_slug_is_not_found(client, kind):
    make, _ = KINDS[kind]
    record = renamed(make("old-name"), "new-name")
    record.published = False
    record.save()

    assert client.get(page(kind, "old-name")).status_code == 404
    assert client.get(data(kind, "old-name")).status_code == 404


def test_the_former_slug_of_an_initiative_renamed_while_a_draft_moves_once_it_is_published(client):
    draft = renamed(make_initiative("old-name", published=False), "new-name")
    assert client.get("/initiatives/old-name/").status_code == 404

    draft.published = True
    draft.save(update_fields=["published"])

    assert client.get("/initiatives/old-name/")["Location"] == "/initiatives/new-name/"


@kinds
def test_a_slug_taken_by_another_record_goes_to_its_new_owner(client, kind):
    make, _ = KINDS[kind]
    first = renamed(make("shared"), "first-owner-now")
    second = make("shared")

    response = client.get(page(kind, "shared"))

    assert response.status_code == 200
    assert response.context["object"].pk == second.pk != first.pk
    assert client.get(data(kind, "shared")).status_code == 200


def test_a_slug_taken_by_another_record_no_longer_leads_to_the_first_owner_once_the_new_one_is_gone(client):
    renamed(make_initiative("shared"), "first-owner-now")
    second = make_initiative("shared")

    second.delete()

    assert client.get("/initiatives/shared/").status_code == 404


def test_the_new_owner_of_a_slug_keeps_it_as_its_own_former_slug_when_renamed(client):
    first = renamed(make_initiative("shared"), "first-owner-now")
    second = make_initiative("shared")
    renamed(second, "second-owner-now")

    assert client.get("/initiatives/shared/")["Location"] == "/initiatives/second-owner-now/"
    assert list(FormerSlug.objects.of(first).values_list("slug", flat=True)) == []
    assert list(FormerSlug.objects.of(second).values_list("slug", flat=True)) == ["shared"]


def test_a_slug_taken_by_renaming_another_record_goes_to_its_new_owner(client):
    renamed(make_organisation("shared"), "first-owner-now")
    renamed(make_organisation("second"), "shared")

    response = client.get("/organisations/shared/")

    assert response.status_code == 200
    assert response.context["object"].slug == "shared"
    assert client.get("/organisations/second/")["Location"] == "/organisations/shared/"


def test_a_record_given_back_its_former_slug_answers_there_and_moves_the_other_one(client):
    theme = renamed(renamed(Theme.objects.create(slug="first", name="First"), "second"), "first")

    assert client.get("/themes/first/").status_code == 200
    assert client.get("/themes/second/")["Location"] == "/themes/first/"
    assert list(FormerSlug.objects.of(theme).values_list("slug", flat=True)) == ["second"]


def test_saving_a_record_without_changing_its_slug_keeps_no_former_slug():
    initiative = make_initiative("same-name")
    initiative.summary = "Changed."
    initiative.save()
    initiative.published = False
    initiative.save(update_fields=["published"])

    assert not FormerSlug.objects.exists()


def test_a_deleted_record_takes_its_former_slugs_with_it():
    theme = renamed(renamed(Theme.objects.create(slug="first", name="First"), "second"), "third")
    other = renamed(Theme.objects.create(slug="other", name="Other"), "other-now")

    theme.delete()

    assert list(FormerSlug.objects.values_list("slug", "object_id")) == [("other", other.pk)]


# -- Comparisons and list filters --------------------------------------------------------------------------


@pytest.fixture
def compared(db):
    """Two published initiatives, the first renamed from old-name to new-name."""
    return renamed(make_initiative("old-name", name="Renamed Initiative"), "new-name"), make_initiative("other")


def test_a_comparison_naming_a_former_slug_moves_to_the_current_slugs_in_the_same_order(client, compared):
    assert client.get("/compare/?i=old-name&i=other")["Location"] == "/compare/?i=new-name&i=other"
    assert client.get("/compare/?i=other&i=old-name")["Location"] == "/compare/?i=other&i=new-name"


def test_an_old_comparison_link_shows_the_grid_with_the_renamed_initiative(client, compared):
    response = client.get("/compare/?i=old-name&i=other", follow=True)

    assert response.redirect_chain == [("/compare/?i=new-name&i=other", 301)]
    assert response.status_code == 200
    assert [column["initiative"].slug for column in response.context["columns"]] == ["new-name", "other"]
    assert "Renamed Initiative" in response.text


def test_a_comparison_naming_an_initiative_by_its_old_and_new_slug_shows_it_once(client, compared):
    assert client.get("/compare/?i=old-name&i=other&i=new-name")["Location"] == "/compare/?i=new-name&i=other"


def test_the_comparison_csv_with_a_former_slug_moves_to_the_current_slugs(client, compared):
    response = client.get("/compare.csv?i=other&i=old-name", follow=True)

    assert response.redirect_chain == [("/compare.csv?i=other&i=new-name", 301)]
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0] == "Initiative,Other,Renamed Initiative"


def test_a_comparison_with_an_unknown_slug_beside_a_former_one_still_names_the_unknown_one(client, compared):
    response = client.get("/compare/?i=old-name&i=never-was", follow=True)

    assert response.redirect_chain == [("/compare/?i=new-name&i=never-was", 301)]
    assert response.status_code == 400
    assert "No initiative in the catalogue has the address name “never-was”" in response.text


def test_a_comparison_naming_a_drafts_former_slug_is_refused_as_unknown(client, compared):
    renamed(make_initiative("draft-old", published=False), "draft-new")

    response = client.get("/compare/?i=draft-old&i=other")

    assert response.status_code == 400
    assert "“draft-old”" in response.text
    assert client.get("/compare.csv?i=draft-old&i=other").status_code == 400


def test_a_list_filtered_by_a_former_slug_moves_to_the_current_one(client):
    theme = renamed(Theme.objects.create(slug="old-theme", name="Mentoring"), "mentoring")
    make_initiative("kept").themes.add(theme)
    make_initiative("left-out")

    response = client.get("/initiatives/?theme=old-theme&era=long_established", follow=True)

    assert response.redirect_chain == [("/initiatives/?theme=mentoring&era=long_established", 301)]
    assert [initiative.slug for initiative in response.context["initiatives"]] == ["kept"]


def test_a_list_filtered_by_a_former_organisation_slug_moves_to_the_current_one(client):
    lead = renamed(make_organisation("old-lead"), "lead")
    make_initiative("kept", lead_organisation=lead)

    response = client.get("/initiatives/?organisation=old-lead")

    assert response.status_code == 301
    assert response["Location"] == "/initiatives/?organisation=lead"


def test_a_list_export_filtered_by_a_former_slug_moves_to_the_same_export(client):
    renamed(make_place("old-town", kind=Place.Kind.CITY), "town")

    response = client.get("/initiatives.csv?place=old-town")

    assert (response.status_code, response["Location"]) == (301, "/initiatives.csv?place=town")


def test_a_list_filtered_by_a_drafts_former_slug_is_refused(client):
    renamed(make_organisation("old-lead", published=False), "lead")

    response = client.get("/initiatives/?organisation=old-lead")

    assert response.status_code == 400


@pytest.mark.parametrize("value", ["a\x00b", "æble", "x" * 300, "not a slug"])
def test_a_list_filtered_by_what_cannot_be_a_slug_is_refused_not_failed(client, value):
    renamed(Theme.objects.create(slug="old-theme", name="Mentoring"), "mentoring")

    assert client.get("/initiatives/", {"theme": value}).status_code == 400
    assert client.get("/initiatives.csv", {"theme": value}).status_code == 400


def test_every_named_model_keeps_its_former_slugs():
    for record in [
        make_initiative("a"),
        make_organisation("a"),
        Theme.objects.create(slug="a", name="A"),
        BeneficiaryGroup.objects.create(slug="a", name="A"),
        make_place("a"),
        make_source("a"),
        Measure.objects.create(slug="a", name="A"),
    ]:
        renamed(record, "b")

    kept = {(row.content_type.model_class(), row.slug) for row in FormerSlug.objects.all()}
    assert kept == {
        (model, "a") for model in (Initiative, Organisation, Theme, BeneficiaryGroup, Place, Source, Measure)
    }
