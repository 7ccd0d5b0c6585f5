"""The domain rules that live on Contact, Interaction and Tag."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import Category, Contact, Interaction, Status, Tag
from contacts.models.tag import count_contacts
from contacts.tasks import rebuild_stale_search_texts
from tests.factories import make_contact, make_interaction, make_tag, make_user


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def found(owner, query: str) -> set[int]:
    return set(Contact.objects.for_owner(owner).search(query).values_list("pk", flat=True))


def reloaded(contact: Contact) -> Contact:
    return Contact.objects.get(pk=contact.pk)


# Search: folding of umlauts and accents.


@pytest.mark.parametrize("query", ["muller", "mueller", "Müller", "MÜLLER", "MuElLeR", "müll"])
def test_it_finds_mueller_in_every_spelling(owner, query):
    mueller = make_contact(owner, first_name="Jana", last_name="Müller")
    make_contact(owner, first_name="Jana", last_name="Miller")

    assert found(owner, query) == {mueller.pk}


@pytest.mark.parametrize("query", ["muller", "mueller", "müller"])
def test_it_finds_a_name_typed_without_umlaut_by_any_spelling(owner, query):
    muller = make_contact(owner, first_name="Kurt", last_name="Muller")

    assert found(owner, query) == {muller.pk}


def test_it_finds_sharp_s_as_ss(owner):
    contact = make_contact(owner, first_name="Heike", last_name="Strauß")

    assert found(owner, "strauss") == {contact.pk}
    assert found(owner, "Strauß") == {contact.pk}


def test_it_finds_accented_names_without_accents(owner):
    contact = make_contact(owner, first_name="José", last_name="Françoise")

    assert found(owner, "jose francoise") == {contact.pk}
    assert found(owner, "JOSÉ") == {contact.pk}


def test_it_requires_every_word_of_the_query(owner):
    anna_berlin = make_contact(owner, first_name="Anna", last_name="Schulz", city="Berlin")
    make_contact(owner, first_name="Anna", last_name="Weber", city="Hamburg")
    make_contact(owner, first_name="Bernd", last_name="Krause", city="Berlin")

    assert found(owner, "anna berlin") == {anna_berlin.pk}
    assert found(owner, "  anna   berlin  ") == {anna_berlin.pk}
    assert found(owner, "anna köln") == set()


def test_it_matches_words_in_any_order_and_across_fields(owner):
    contact = make_contact(owner, first_name="Anna", company="Kaffeerösterei", city="Leipzig")

    assert found(owner, "leipzig kaffeeroesterei anna") == {contact.pk}


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("company", "Blaue Fabrik GmbH", "fabrik"),
        ("role", "Kamerafrau", "kamera"),
        ("city", "Düsseldorf", "dusseldorf"),
        ("notes", "Spielt Cello im Orchester", "cello"),
        ("how_we_met", "Auf der Re:publica 2019", "re:publica"),
        ("interests", "Bouldern, Pilze", "pilze"),
        ("emails", ["anna@blaue-fabrik.de"], "blaue-fabrik"),
    ],
)
def test_it_searches_the_contacts_fields(owner, field, value, query):
    contact = make_contact(owner, **{field: value})
    make_contact(owner)

    assert found(owner, query) == {contact.pk}


def test_it_searches_tags(owner):
    contact = make_contact(owner, tags=["Buchclub"])
    make_contact(owner)

    assert found(owner, "buchclub") == {contact.pk}


def test_it_searches_interaction_notes(owner):
    contact = make_contact(owner)
    make_contact(owner)
    make_interaction(contact, notes="Sprachen über die Töpferei in Weimar")

    assert found(owner, "topferei") == {contact.pk}
    assert found(owner, "töpferei weimar") == {contact.pk}


def test_it_searches_shared_interaction_notes_for_everyone_in_it(owner):
    anna, bernd = make_contact(owner), make_contact(owner)
    make_contact(owner)
    make_interaction(anna, notes="Hackathon", others=[bernd])

    assert found(owner, "hackathon") == {anna.pk, bernd.pk}


def test_it_treats_like_wildcards_as_plain_characters(owner):
    make_contact(owner, first_name="Anna")
    discount = make_contact(owner, first_name="Bernd", notes="Gibt 50% Rabatt")

    assert found(owner, "%") == {discount.pk}
    assert found(owner, "_") == set()


def test_it_keeps_search_to_the_owners_contacts(owner, outsider):
    make_contact(outsider, last_name="Müller")

    assert found(owner, "muller") == set()


def test_it_updates_search_when_a_contact_is_edited(owner):
    contact = make_contact(owner, company="Alte Firma")

    contact.company = "Neue Firma"
    contact.save()

    assert found(owner, "neue") == {contact.pk}
    assert found(owner, "alte") == set()


def test_it_updates_search_when_tags_are_replaced(owner):
    contact = make_contact(owner, tags=["Design"])

    contact.set_tags(Tag.objects.get_or_create_named(owner, ["Fotografie"]))

    assert found(owner, "fotografie") == {contact.pk}
    assert found(owner, "design") == set()


def test_it_finds_contacts_by_the_new_name_after_a_tag_rename(owner):
    tagged = make_contact(owner, tags=["Buchclub"])
    make_contact(owner)
    tag = Tag.objects.get(owner=owner, name="Buchclub")

    tag.rename("  Lesekreis ")

    assert Tag.objects.get(pk=tag.pk).name == "Lesekreis"
    # Only the tagged contacts wait for the background task, which marks and rebuilds them.
    assert Contact.objects.waiting_for_search(owner) == 1
    rebuild_stale_search_texts(owner.pk)
    assert Contact.objects.waiting_for_search(owner) == 0
    assert found(owner, "lesekreis") == {tagged.pk}
    assert found(owner, "buchclub") == set()


def test_it_forgets_a_deleted_tag_in_search(owner):
    tagged = make_contact(owner, tags=["Buchclub", "Design"])
    tag = Tag.objects.get(owner=owner, name="Buchclub")

    tag.delete()
    rebuild_stale_search_texts(owner.pk)

    assert found(owner, "buchclub") == set()
    assert found(owner, "design") == {tagged.pk}
    assert Contact.objects.filter(pk=tagged.pk).exists()


def test_it_updates_search_when_interaction_notes_are_edited(owner):
    contact = make_contact(owner)
    interaction = make_interaction(contact, notes="Segeln")

    interaction.notes = "Klettern"
    interaction.save_and_refresh()

    assert found(owner, "klettern") == {contact.pk}
    assert found(owner, "segeln") == set()


def test_it_forgets_notes_of_a_deleted_interaction(owner):
    contact = make_contact(owner)
    interaction = make_interaction(contact, notes="Segeln")

    interaction.delete()

    assert found(owner, "segeln") == set()


# Last contacted: derived from the interaction log.


def test_it_sets_last_contacted_when_an_interaction_is_logged(owner):
    contact = make_contact(owner)
    assert contact.last_contacted_on is None

    contact.log_interaction(kind="coffee", date=days_ago(3))

    assert reloaded(contact).last_contacted_on == days_ago(3)


def test_it_keeps_the_latest_date_when_an_older_interaction_is_logged(owner):
    contact = make_contact(owner)
    contact.log_interaction(kind="coffee", date=days_ago(2))

    contact.log_interaction(kind="call", date=days_ago(40))

    assert reloaded(contact).last_contacted_on == days_ago(2)


def test_it_sets_last_contacted_for_everyone_in_a_shared_interaction(owner):
    anna, bernd = make_contact(owner), make_contact(owner)

    interaction = anna.log_interaction(kind="lunch", date=days_ago(1), others=[bernd])

    assert set(interaction.contacts.all()) == {anna, bernd}
    assert reloaded(anna).last_contacted_on == days_ago(1)
    assert reloaded(bernd).last_contacted_on == days_ago(1)


def test_it_recomputes_last_contacted_when_the_latest_interaction_is_deleted(owner):
    contact = make_contact(owner)
    make_interaction(contact, days_ago=10)
    latest = make_interaction(contact, days_ago=1)

    latest.delete()

    assert reloaded(contact).last_contacted_on == days_ago(10)


def test_it_clears_last_contacted_when_the_only_interaction_is_deleted(owner):
    contact = make_contact(owner)
    interaction = make_interaction(contact, days_ago=1)

    interaction.delete()

    assert reloaded(contact).last_contacted_on is None


def test_it_recomputes_last_contacted_when_an_interaction_date_is_edited(owner):
    contact = make_contact(owner)
    make_interaction(contact, days_ago=10)
    interaction = make_interaction(contact, days_ago=1)

    interaction.date = days_ago(30)
    interaction.save_and_refresh()

    assert reloaded(contact).last_contacted_on == days_ago(10)


def test_it_recomputes_last_contacted_of_a_person_removed_from_an_interaction(owner):
    anna, bernd = make_contact(owner), make_contact(owner)
    make_interaction(bernd, days_ago=20)
    shared = make_interaction(anna, days_ago=1, others=[bernd])

    shared.set_contacts([anna])

    assert reloaded(bernd).last_contacted_on == days_ago(20)
    assert reloaded(anna).last_contacted_on == days_ago(1)


# Deleting a contact.


def test_it_deletes_interactions_only_the_deleted_contact_was_in(owner):
    anna = make_contact(owner)
    alone = make_interaction(anna, notes="nur Anna")

    anna.delete()

    assert not Contact.objects.filter(pk=anna.pk).exists()
    assert not Interaction.objects.filter(pk=alone.pk).exists()


def test_it_keeps_shared_interactions_when_a_contact_is_deleted(owner):
    anna, bernd = make_contact(owner), make_contact(owner)
    shared = make_interaction(anna, days_ago=5, notes="Konferenz", others=[bernd])

    anna.delete()

    assert Interaction.objects.filter(pk=shared.pk).exists()
    assert list(Interaction.objects.get(pk=shared.pk).contacts.all()) == [bernd]
    assert reloaded(bernd).last_contacted_on == days_ago(5)
    assert found(owner, "konferenz") == {bernd.pk}


def test_it_keeps_the_tags_when_a_contact_is_deleted(owner):
    anna = make_contact(owner, tags=["Design"])

    anna.delete()

    assert Tag.objects.filter(owner=owner, name="Design").exists()


# Triage.


def test_it_marks_a_contact_triaged_when_its_category_is_set(owner):
    contact = make_contact(owner)
    assert contact.category == Category.PINGUIN
    assert contact.triaged_at is None

    contact.set_category("einhorn")

    contact = reloaded(contact)
    assert contact.category == Category.EINHORN
    assert contact.triaged_at is not None
    assert abs(contact.triaged_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_it_rejects_an_unknown_category(owner):
    contact = make_contact(owner)

    with pytest.raises(ValueError):
        contact.set_category("drache")

    assert reloaded(contact).category == Category.PINGUIN


def test_it_offers_only_untriaged_active_pinguine_for_triage(owner, outsider):
    first = make_contact(owner)
    wish = make_contact(owner, status=Status.WISH)
    make_contact(owner, status=Status.ARCHIVED)
    make_contact(owner, category=Category.EINHORN)
    make_contact(owner, category=Category.FLAMINGO)
    kept = make_contact(owner)
    kept.keep_as_pinguin()
    make_contact(outsider)

    untriaged = list(Contact.objects.for_owner(owner).untriaged_pinguine())

    assert untriaged == [first, wish]


def test_it_offers_pinguine_for_triage_oldest_first(owner):
    newer = make_contact(owner, created_at=timezone.now() - datetime.timedelta(days=1))
    older = make_contact(owner, created_at=timezone.now() - datetime.timedelta(days=9))

    assert list(Contact.objects.for_owner(owner).untriaged_pinguine()) == [older, newer]


def test_it_archives_and_takes_the_contact_out_of_triage(owner):
    contact = make_contact(owner)

    contact.archive()

    contact = reloaded(contact)
    assert contact.status == Status.ARCHIVED
    assert contact.triaged_at is not None
    assert not Contact.objects.for_owner(owner).untriaged_pinguine().exists()
    assert not Contact.objects.for_owner(owner).visible().exists()


def test_it_keeps_a_pinguin_as_pinguin_but_out_of_triage(owner):
    contact = make_contact(owner)

    contact.keep_as_pinguin()

    contact = reloaded(contact)
    assert contact.category == Category.PINGUIN
    assert contact.triaged_at is not None


# Birthday and names.


def test_it_builds_a_birthday_with_year(owner):
    contact = make_contact(owner, birthday_day=17, birthday_month=3, birthday_year=1985)

    assert contact.birthday == datetime.date(1985, 3, 17)


def test_it_accepts_29_february_without_a_year(owner):
    contact = make_contact(owner, birthday_day=29, birthday_month=2)

    assert contact.birthday.month == 2
    assert contact.birthday.day == 29


@pytest.mark.parametrize(("day", "month"), [(None, None), (12, None), (None, 5)])
def test_it_has_no_birthday_without_day_and_month(owner, day, month):
    contact = make_contact(owner, birthday_day=day, birthday_month=month)

    assert contact.birthday is None


def test_it_names_a_contact_by_first_and_last_name(owner):
    assert make_contact(owner, first_name="Anna", last_name="Weber").name == "Anna Weber"
    assert make_contact(owner, first_name="", last_name="Weber").name == "Weber"
    assert make_contact(owner, first_name="Anna", last_name="").initials == "A"
    assert make_contact(owner, first_name="anna", last_name="weber").initials == "AW"


def test_it_sorts_umlauts_like_their_base_letter(owner):
    make_contact(owner, first_name="X", last_name="Zander")
    make_contact(owner, first_name="X", last_name="Özdemir")
    make_contact(owner, first_name="X", last_name="Ortmann")
    make_contact(owner, first_name="X", last_name="Pohl")

    names = [c.last_name for c in Contact.objects.for_owner(owner)]

    assert names == ["Ortmann", "Özdemir", "Pohl", "Zander"]


# Tags.


def test_it_reuses_tags_case_insensitively(owner):
    design = make_tag(owner, "Design")

    tags = Tag.objects.get_or_create_named(owner, ["design", " Fotografie "])

    assert tags[0] == design
    assert tags[1].name == "Fotografie"
    assert Tag.objects.for_owner(owner).count() == 2


def test_it_never_reuses_another_users_tag(owner, outsider):
    theirs = make_tag(outsider, "Design")

    (mine,) = Tag.objects.get_or_create_named(owner, ["Design"])

    assert mine != theirs
    assert mine.owner == owner


def test_it_counts_the_contacts_of_each_tag(owner):
    make_contact(owner, tags=["Design"])
    make_contact(owner, tags=["Design", "Buchclub"])

    make_tag(owner, "Leer")
    tags = list(Tag.objects.for_owner(owner).a_to_z())

    count_contacts(tags)

    assert {t.name: t.contact_count for t in tags} == {"Buchclub": 1, "Design": 2, "Leer": 0}


def test_it_deletes_a_users_contacts_with_the_user(owner):
    make_interaction(make_contact(owner))
    other = make_user()
    make_contact(other)

    owner.delete()

    assert Contact.objects.count() == 1
    assert Interaction.objects.count() == 0
