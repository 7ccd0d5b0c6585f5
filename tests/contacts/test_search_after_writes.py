"""Search finds a contact by each kind of thing it reads (name, company, city, tag, notes,
interaction notes) right after every kind of write, and the writes that change nothing
searched leave the search table alone. Runs on SQLite and, with DATABASE_URL, on Postgres."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.merging import OTHER
from contacts.models import Contact, ContactSearch, Tag
from contacts.paging import SORTS
from contacts.search_paging import _from_index
from contacts.tasks import rebuild_stale_search_texts
from tests.contacts.imports import commit, made, upload
from tests.factories import make_contact, make_interaction, make_tag

pytestmark = pytest.mark.django_db


def found(owner, query: str) -> list[int]:
    return list(Contact.objects.for_owner(owner).search(query).values_list("pk", flat=True))


def full_contact(owner) -> Contact:
    contact = make_contact(
        owner,
        first_name="Jürgen",
        last_name="Weiß",
        company="Schriftgießerei",
        city="Köln",
        notes="Sammelt Bleilettern",
        tags=["Typografie"],
    )
    make_interaction(contact, notes="Sprachen über Kerning")
    return contact


WORDS = ["jurgen", "weiss", "schriftgiesserei", "koln", "bleilettern", "typografie", "kerning"]


def test_a_new_contact_is_found_by_every_kind_of_word(owner, outsider):
    contact = full_contact(owner)
    make_contact(outsider, first_name="Jürgen", last_name="Weiß")

    for word in WORDS:
        assert found(owner, word) == [contact.pk], word


def test_an_edit_is_found_at_once_and_the_old_word_is_gone(owner):
    contact = full_contact(owner)

    contact.city = "Leipzig"
    contact.notes = "Druckt Plakate"
    contact.save()

    assert found(owner, "leipzig") == [contact.pk]
    assert found(owner, "plakate") == [contact.pk]
    assert found(owner, "koln") == found(owner, "bleilettern") == []
    # Tags and interactions still count after an edit of the fields.
    assert found(owner, "typografie") == found(owner, "kerning") == [contact.pk]


def test_an_edit_through_the_form_is_found_from_the_list(owner, client_owner):
    contact = make_contact(owner, first_name="Zoë", last_name="Martin")
    edit = reverse("contacts:edit", args=[contact.pk])
    data = {"first_name": "Zoë", "last_name": "Martin", "company": "Hutmacherei", "city": ""}
    data.update(category="pinguin", status="active")

    client_owner.post(edit, data)
    page = client_owner.get(reverse("contacts:list"), {"q": "hutmacherei"})

    assert "Martin" in page.text
    assert found(owner, "hutmacherei") == [contact.pk]


def test_a_logged_interaction_is_found_by_its_notes(owner):
    contact = make_contact(owner, first_name="Anna")

    make_interaction(contact, notes="Quittenmarmelade getauscht")

    assert found(owner, "quittenmarmelade") == [contact.pk]


def test_an_import_commit_is_found_by_every_kind_of_word(client_owner, owner, tasks_run):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    row = "Łukasz,Nowak,,,Möbelwerkstatt,Tischler,26 Jul 2025\r\n"
    _response, batch = upload(client_owner, tasks_run, made("Connections.csv", header + row))
    batch.refresh_from_db()

    commit(client_owner, tasks_run, batch)

    (contact,) = Contact.objects.for_owner(owner)
    (tag,) = contact.tags.all()
    for word in ("lukasz", "nowak", "mobelwerkstatt", "tischler", tag.name.split()[0]):
        assert found(owner, word) == [contact.pk], word


def test_a_merged_contact_is_found_by_what_either_had(owner):
    survivor = make_contact(owner, first_name="Jürgen", last_name="Weiß")
    other = full_contact(owner)

    Contact.objects.merge(survivor, other)

    for word in WORDS:
        assert found(owner, word) == [survivor.pk], word
    assert not ContactSearch.objects.filter(contact_id=other.pk).exists()


def test_a_renamed_tag_is_found_after_the_background_rebuild(owner):
    contact = full_contact(owner)
    tag = Tag.objects.for_owner(owner).get(name="Typografie")

    tag.rename("Schriftsatz")
    rebuild_stale_search_texts(owner.pk)

    assert found(owner, "schriftsatz") == [contact.pk]
    assert found(owner, "typografie") == []
    assert not Contact.objects.for_owner(owner).stale_search().exists()


def test_a_deleted_contact_leaves_no_search_row(owner):
    contact = full_contact(owner)

    contact.delete()

    assert not ContactSearch.objects.filter(contact_id=contact.pk).exists()


def search_statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "contactsearch" in q["sql"].lower()]


def test_a_bulk_category_change_does_not_touch_the_search_table(owner):
    for n in range(5):
        full_contact(owner).tags.add(make_tag(owner, f"Extra{n}"))
    before = dict(ContactSearch.objects.values_list("contact_id", "text"))

    with CaptureQueriesContext(connection) as queries:
        Contact.objects.for_owner(owner).bulk_set_category(owner, "flamingo")
        Contact.objects.for_owner(owner).first().set_category("einhorn")

    assert search_statements(queries) == []
    assert dict(ContactSearch.objects.values_list("contact_id", "text")) == before


def test_a_rebuild_of_unchanged_texts_writes_nothing(owner):
    full_contact(owner)

    with CaptureQueriesContext(connection) as queries:
        Contact.objects.for_owner(owner).rebuild_search_text()

    writes = [sql for sql in search_statements(queries) if not sql.startswith("SELECT")]
    assert writes == []


def sort_names(owner) -> tuple[dict, dict]:
    """Each contact's sort name, as the contact holds it and as its search row does."""
    held = dict(Contact.objects.for_owner(owner).values_list("pk", "sort_name"))
    copied = dict(ContactSearch.objects.filter(owner=owner).values_list("contact_id", "sort_name"))
    return held, copied


def test_the_search_rows_keep_each_contacts_sort_name_through_every_kind_of_write(
    owner, client_owner, tasks_run
):
    renamed = full_contact(owner)
    renamed.last_name = "Abel"
    renamed.save()
    edited = make_contact(owner, first_name="Zoë", last_name="Martin")
    data = {"first_name": "Zoë", "last_name": "Zander", "company": "", "city": ""}
    client_owner.post(
        reverse("contacts:edit", args=[edited.pk]),
        {**data, "category": "pinguin", "status": "active"},
    )
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    row = "Łukasz,Nowak,,,Möbelwerkstatt,Tischler,26 Jul 2025\r\n"
    _response, batch = upload(client_owner, tasks_run, made("Connections.csv", header + row))
    commit(client_owner, tasks_run, batch)
    survivor = make_contact(owner, first_name="Ida", last_name="Roth")
    Contact.objects.merge(survivor, make_contact(owner, last_name="Ohm"), {"last_name": OTHER})

    held, copied = sort_names(owner)

    assert copied == held
    # "Zoë" folds to "zo", as "Möller" to "moller" (contacts/text.py).
    assert set(held.values()) == {"abel jurgen", "zander zo", "nowak lukasz", "ohm ida"}


def test_a_renamed_contact_takes_its_new_place_among_the_matches(owner):
    people = [make_contact(owner, last_name=name, notes="Segelclub") for name in "BCD"]
    people[2].last_name = "Anders"
    people[2].save()
    sort = SORTS["name"]
    listed = Contact.objects.for_owner(owner).visible().for_list().order_by(*sort.order_by())

    rows = _from_index(listed, "segelclub", sort, None, 20)

    assert [row.last_name for row in rows] == ["Anders", "B", "C"]
