"""Cards written and read by a device: the two-way rules, preconditions, photos, birthdays."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.carddav.models import AddressBook, BookEntry, Holds
from contacts.models import Contact
from contacts.tasks import rebuild_stale_search_texts
from tests.factories import make_contact, make_interaction, make_tag

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4


def card(uid: str, given: str = "Nora", family: str = "Neu", *extra: str) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid}",
        f"FN:{given} {family}",
        f"N:{family};{given};;;",
        *extra,
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


def entry_of(book, contact) -> BookEntry:
    book.refresh()
    return BookEntry.objects.get(book=book, contact_id=contact.pk)


def sync(dav, book, token: str = "") -> str:
    body = (
        '<sync-collection xmlns="DAV:"><sync-token>'
        f"{token}</sync-token><sync-level>1</sync-level><prop><getetag/></prop>"
        "</sync-collection>"
    )
    answer = dav.request("REPORT", f"/dav/books/{book.pk}/", body)
    assert answer.status_code == 207
    return answer.content.decode()


def token_of(answer: str) -> str:
    return answer.split("<d:sync-token>")[1].split("</d:sync-token>")[0]


def test_a_card_created_on_the_phone_arrives_as_a_pinguin_tagged_with_the_device(owner, dav, book):
    answer = dav.request(
        "PUT",
        f"/dav/books/{book.pk}/new.vcf",
        card("phone-1", "Nora", "Neu", "TEL;TYPE=CELL:0170 5550101", "CATEGORIES:Einhorn,Laufen"),
        if_none_match="*",
    )

    assert answer.status_code == 201
    nora = Contact.objects.get(owner=owner, last_name="Neu")
    assert nora.category == "pinguin"
    assert nora.status == "active"
    assert {tag.name for tag in nora.tags.all()} == {"iPhone", "Laufen"}
    assert nora.phones == ["+49 170 5550101"]
    assert BookEntry.objects.get(book=book, contact_id=nora.pk).href == "new.vcf"


def test_an_edit_on_the_phone_changes_vcard_fields_and_leaves_netzwerks_own_data(owner, dav, book):
    anna = make_contact(
        owner,
        first_name="Anna",
        last_name="Alt",
        notes="Mag Espresso",
        category="einhorn",
        how_we_met="Barcamp",
        tags=["Kundin"],
    )
    make_interaction(anna, notes="Kaffee")
    url = f"/dav/books/{book.pk}/{entry_of(book, anna).href}"
    sent = dav.request("GET", url).content.decode()
    edited = sent.replace("Alt", "Neu").replace("NOTE:Mag Espresso", "NOTE:Vom Telefon")
    edited = edited.replace("END:VCARD", "EMAIL:anna@example.org\r\nORG:Neu AG\r\nEND:VCARD")

    assert dav.request("PUT", url, edited, if_match=dav.etag(url)).status_code == 204

    anna.refresh_from_db()
    assert (anna.last_name, anna.company, anna.emails) == ("Neu", "Neu AG", ["anna@example.org"])
    assert anna.notes == "Mag Espresso"
    assert anna.category == "einhorn"
    assert anna.how_we_met == "Barcamp"
    assert [tag.name for tag in anna.tags.all()] == ["Kundin"]
    assert anna.interactions.count() == 1


def test_a_stale_write_gets_412_and_changes_nothing(owner, dav, book):
    anna = make_contact(owner, first_name="Anna", last_name="Alt")
    url = f"/dav/books/{book.pk}/{entry_of(book, anna).href}"
    old_etag = dav.etag(url)
    anna.company = "Erst hier geändert"
    anna.save()

    answer = dav.request("PUT", url, card("x", "Anna", "Telefon"), if_match=old_etag)

    assert answer.status_code == 412
    anna.refresh_from_db()
    assert anna.last_name == "Alt"


def test_creating_where_a_card_exists_gets_412(owner, dav, book):
    anna = make_contact(owner, first_name="Anna", last_name="Alt")
    url = f"/dav/books/{book.pk}/{entry_of(book, anna).href}"

    answer = dav.request("PUT", url, card("x", "Anna", "Doppelt"), if_none_match="*")

    assert answer.status_code == 412
    assert Contact.objects.for_owner(owner).count() == 1


def test_the_same_uid_under_another_href_stays_one_contact(owner, dav, book):
    first = dav.request("PUT", f"/dav/books/{book.pk}/a.vcf", card("same-uid"), if_none_match="*")
    token = token_of(sync(dav, book))
    again = dav.request(
        "PUT", f"/dav/books/{book.pk}/b.vcf", card("same-uid", "Nora", "Neumann"), if_none_match="*"
    )

    # Created at b.vcf (201); the person is the one already known.
    assert (first.status_code, again.status_code) == (201, 201)
    (nora,) = Contact.objects.for_owner(owner)
    assert nora.last_name == "Neumann"
    changes = sync(dav, book, token)
    assert "/a.vcf</d:href><d:status>HTTP/1.1 404" in changes
    assert "/b.vcf</d:href><d:propstat>" in changes


def test_a_card_netzwerk_made_uploaded_again_by_a_second_device_is_no_new_contact(owner, dav, book):
    anna = make_contact(owner, first_name="Anna", last_name="Alt")
    entry = entry_of(book, anna)
    text = dav.request("GET", f"/dav/books/{book.pk}/{entry.href}").content.decode()

    answer = dav.request("PUT", f"/dav/books/{book.pk}/copy.vcf", text, if_none_match="*")

    assert answer.status_code == 201
    assert Contact.objects.for_owner(owner).count() == 1


def test_a_deletion_on_the_phone_archives_and_keeps_the_history(owner, dav, book):
    anna = make_contact(owner, first_name="Anna", last_name="Alt")
    make_interaction(anna, notes="Kaffee")
    url = f"/dav/books/{book.pk}/{entry_of(book, anna).href}"
    token = token_of(sync(dav, book))

    assert dav.request("DELETE", url, if_match=dav.etag(url)).status_code == 204

    anna.refresh_from_db()
    assert anna.status == "archived"
    assert anna.interactions.count() == 1
    assert dav.request("GET", url).status_code == 404
    assert "HTTP/1.1 404" in sync(dav, book, token)


def test_an_archived_card_uploaded_again_comes_back(owner, dav, book):
    dav.request("PUT", f"/dav/books/{book.pk}/a.vcf", card("back-1"), if_none_match="*")
    dav.request("DELETE", f"/dav/books/{book.pk}/a.vcf")

    answer = dav.request("PUT", f"/dav/books/{book.pk}/a.vcf", card("back-1"), if_none_match="*")

    assert answer.status_code == 201
    (nora,) = Contact.objects.for_owner(owner)
    assert nora.status == "active"


@pytest.mark.parametrize(
    "bday",
    [
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15",  # iOS
        "BDAY:--0315",  # Android (DAVx⁵), vCard 4.0
        "BDAY:--03-15",  # Google and others
    ],
)
def test_birthdays_without_a_year_are_read_as_phones_write_them(owner, dav, book, bday):
    dav.request("PUT", f"/dav/books/{book.pk}/b.vcf", card("b-1", "Bea", "Tag", bday))

    bea = Contact.objects.get(owner=owner, last_name="Tag")
    assert (bea.birthday_day, bea.birthday_month, bea.birthday_year) == (15, 3, None)


def test_a_birthday_without_a_year_goes_out_as_ios_and_android_read_it(owner, dav, book):
    bea = make_contact(owner, birthday_day=15, birthday_month=3)
    url = f"/dav/books/{book.pk}/{entry_of(book, bea).href}"

    vcard3 = dav.request("GET", url).content.decode()
    vcard4 = dav.request("GET", url, accept="text/vcard; version=4.0").content.decode()

    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15" in vcard3
    assert "VERSION:4.0" in vcard4 and "BDAY:--0315" in vcard4


def test_a_photo_from_the_phone_is_kept_and_sent_back(owner, dav, book):
    photo = f"PHOTO;ENCODING=b;TYPE=JPEG:{base64.b64encode(JPEG).decode()}"
    dav.request("PUT", f"/dav/books/{book.pk}/p.vcf", card("p-1", "Paul", "Foto", photo))

    vcard4 = dav.request(
        "GET", f"/dav/books/{book.pk}/p.vcf", accept="text/vcard; version=4.0"
    ).content.decode()
    paul = Contact.objects.get(owner=owner, last_name="Foto")
    assert bytes(paul.card.photo) == JPEG
    assert f"PHOTO:data:image/jpeg;base64,{base64.b64encode(JPEG).decode()[:40]}" in vcard4


def test_the_category_travels_as_a_categories_value(owner, dav, book):
    anna = make_contact(owner, category="einhorn", tags=["Kundin"])

    text = dav.request("GET", f"/dav/books/{book.pk}/{entry_of(book, anna).href}")

    assert "CATEGORIES:Einhorn,Kundin" in text.content.decode()


def test_a_card_that_is_no_vcard_is_refused_with_a_reason(owner, dav, book):
    answer = dav.request("PUT", f"/dav/books/{book.pk}/x.vcf", "hello", content_type="text/plain")

    assert answer.status_code == 403
    assert b"valid-address-data" in answer.content
    assert not Contact.objects.for_owner(owner).exists()


def test_a_card_with_only_a_phone_number_is_named_by_it(owner, dav, book):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:n\r\nFN:\r\nTEL:+49 170 5550101\r\nEND:VCARD\r\n"

    assert dav.request("PUT", f"/dav/books/{book.pk}/n.vcf", text).status_code == 201

    assert Contact.objects.get(owner=owner).last_name == "+49 170 5550101"


def test_what_a_book_holds_follows_its_choice_and_keeps_cards_made_in_it(owner, dav):
    einhorn = make_contact(owner, category="einhorn")
    make_contact(owner, category="pinguin")
    make_contact(owner, category="flamingo", status="archived")
    book = AddressBook.objects.create(owner=owner, name="Wichtig", holds=Holds.IMPORTANT)
    dav.request("PUT", f"/dav/books/{book.pk}/new.vcf", card("n-1"), if_none_match="*")

    book.refresh()
    nora = Contact.objects.get(owner=owner, last_name="Neu")
    live = set(book.entries.filter(deleted=False).values_list("contact_id", flat=True))
    assert live == {einhorn.pk, nora.pk}


def test_a_contact_leaving_the_book_is_a_deletion_for_the_phone(owner, dav):
    flamingo = make_contact(owner, category="flamingo")
    book = AddressBook.objects.create(owner=owner, name="Wichtig", holds=Holds.IMPORTANT)
    href = entry_of(book, flamingo).href
    token = token_of(sync(dav, book))

    flamingo.set_category("pinguin")

    assert f"/{href}</d:href><d:status>HTTP/1.1 404" in sync(dav, book, token)


def test_a_tag_book_holds_the_tags_contacts(owner, dav):
    tag = make_tag(owner, "Laufen")
    runner = make_contact(owner, tags=["Laufen"])
    make_contact(owner)
    book = AddressBook.objects.create(owner=owner, name="Laufen", holds=Holds.TAG, tag=tag)

    book.refresh()

    assert list(book.entries.values_list("contact_id", flat=True)) == [runner.pk]


def test_renaming_a_tag_changes_the_cards_that_carry_it(owner, dav, book):
    make_contact(owner, tags=["Kundin"])
    token = token_of(sync(dav, book))
    tag = owner.tags.get()

    tag.rename("Kunde")
    # The background task marks the carriers changed; the phone sees them at its next sync.
    rebuild_stale_search_texts(owner.pk)

    assert "<d:getetag>" in sync(dav, book, token)


def test_an_unchanged_book_answers_with_no_changes(owner, dav, book):
    make_contact(owner)
    token = token_of(sync(dav, book))

    answer = sync(dav, book, token)

    assert "<d:response>" not in answer
    assert token_of(answer) == token


def test_an_unknown_sync_token_is_refused(owner, dav, book):
    body = (
        '<sync-collection xmlns="DAV:"><sync-token>http://elsewhere/ns/sync/1-9</sync-token>'
        "<sync-level>1</sync-level><prop><getetag/></prop></sync-collection>"
    )

    answer = dav.request("REPORT", f"/dav/books/{book.pk}/", body)

    assert answer.status_code == 403
    assert b"valid-sync-token" in answer.content


def test_a_sync_with_one_change_costs_the_same_queries_for_10_and_100_contacts(owner, dav, book):
    counts = []
    for size in (10, 100):
        while Contact.objects.for_owner(owner).count() < size:
            make_contact(owner)
        token = token_of(sync(dav, book))
        changed = Contact.objects.for_owner(owner).first()
        changed.company = f"Firma {size}"
        changed.save()
        with CaptureQueriesContext(connection) as queries:
            answer = sync(dav, book, token)
        assert answer.count("<d:response>") == 1
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_multiget_returns_the_cards_asked_for_in_constant_queries(owner, dav, book):
    people = [make_contact(owner, tags=["Kundin"]) for _ in range(5)]
    hrefs = [entry_of(book, person).href for person in people]

    def multiget(names):
        body = (
            '<C:addressbook-multiget xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            "<prop><getetag/><C:address-data/></prop>"
            + "".join(f"<href>/dav/books/{book.pk}/{name}</href>" for name in names)
            + "</C:addressbook-multiget>"
        )
        with CaptureQueriesContext(connection) as queries:
            answer = dav.request("REPORT", f"/dav/books/{book.pk}/", body)
        return answer.content.decode(), len(queries)

    multiget(hrefs[:1])  # the first request of a device stamps it as used
    one, one_queries = multiget(hrefs[:1])
    five, five_queries = multiget([*hrefs, "missing.vcf"])

    assert one.count("BEGIN:VCARD") == 1
    assert five.count("BEGIN:VCARD") == 5
    assert "missing.vcf</d:href><d:status>HTTP/1.1 404" in five
    assert one_queries == five_queries


def test_a_device_may_rename_the_book_and_set_nothing_else(owner, dav, book):
    answer = dav.request(
        "PROPPATCH",
        f"/dav/books/{book.pk}/",
        '<D:propertyupdate xmlns:D="DAV:" xmlns:I="http://apple.com/ns/ical/"><D:set><D:prop>'
        "<D:displayname>Kontakte</D:displayname><I:addressbook-color>#ff0000</I:addressbook-color>"
        "</D:prop></D:set></D:propertyupdate>",
    )

    assert answer.status_code == 207
    body = answer.content.decode()
    assert "<d:displayname/></d:prop><d:status>HTTP/1.1 200 OK" in body
    refused = body.split("<d:propstat>")[2]
    assert "addressbook-color" in refused and "HTTP/1.1 403 Forbidden" in refused
    book.refresh_from_db()
    assert book.name == "Kontakte"
