"""The JSON backup of everything a user owns, and its restore into an empty account."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from api.models import ApiToken
from contacts.carddav.models import AppPassword
from contacts.models import Contact, InteractionContact
from netzwerk.account.backup import VERSION, backup, backup_chunks
from netzwerk.account.registry import backed_up_models, by_label, owned_models
from netzwerk.account.restore import RestoreError, restore
from strategy.models import GoalContact
from tests.factories import make_contact, make_user
from webhooks.models import Endpoint

from .accounts import backed_up_rows, empty_models, fill_account, rows_per_model

FIXTURES = Path(__file__).parent / "fixtures"
BACKUP = reverse("data:backup")
RESTORE = reverse("data:restore")


def comparable(document: dict) -> dict:
    """The backup with ids replaced by positions and the timestamps the database sets on
    insert left out: what must be equal after a restore."""
    data = document["data"]
    positions = {
        label: {row["id"]: index for index, row in enumerate(rows)} for label, rows in data.items()
    }
    registry = by_label()
    result = {}
    for label, rows in data.items():
        owned = registry[label]
        fields = {f.attname: f for f in owned.model._meta.concrete_fields}
        targets = {f.attname: f.related_model._meta.label for f in owned.foreign_keys()}
        clean = []
        for row in rows:
            item = {}
            for name, value in row.items():
                field = fields[name]
                if name == "id" or getattr(field, "auto_now", False):
                    continue
                if getattr(field, "auto_now_add", False):
                    continue
                if name in targets and value is not None:
                    value = positions[targets[name]][value]
                item[name] = value
            clean.append(item)
        result[label] = clean
    return {"preferences": document["preferences"], "data": result}


def test_the_backup_holds_every_owned_model_of_every_app(owner):
    fill_account(owner)

    document = backup(owner)

    assert document["format"] == "netzwerk-backup" and document["version"] == VERSION
    assert set(document["data"]) == {owned.label for owned in backed_up_models()}
    assert empty_models(owner) == [], "fill_account() must put a row into every owned model"
    assert {label: len(rows) for label, rows in document["data"].items()} == backed_up_rows(owner)
    assert document["preferences"]["language"] == owner.language


def test_device_secrets_and_the_phones_sync_state_stay_out_of_the_backup(owner):
    fill_account(owner)
    digest = AppPassword.objects.get(owner=owner).digest

    token_digest = ApiToken.objects.get(owner=owner).digest
    webhook_secret = Endpoint.objects.get(owner=owner).secret

    text = "".join(backup_chunks(owner))

    assert digest not in text
    assert token_digest not in text
    assert webhook_secret not in text
    assert not {"carddav.AppPassword", "carddav.AddressBook", "carddav.BookEntry"} & set(
        json.loads(text)["data"]
    )
    # Only models that say why are left out; everything else of every app is in: the
    # phones' state, the search text, which follows from the contacts, as does the queue of
    # contacts a tag change is to mark, and the secrets and outboxes of the tools the user
    # connected (API tokens, webhooks).
    left_out = [o for o in owned_models() if not o.in_backup]
    assert {o.model._meta.app_label for o in left_out} == {"carddav", "contacts", "api", "webhooks"}
    assert [o.label for o in left_out if o.model._meta.app_label == "contacts"] == [
        "contacts.ContactMark",
        "contacts.ContactSearch",
    ]
    assert "contacts.ContactSearch" not in json.loads(text)["data"]


# A word of each kind of thing search reads: name, company, city-less fields, notes, a tag,
# an interaction's notes (fill_account() puts them there).
SEARCHED_WORDS = ["weiss", "jurgen", "sohne", "typografie", "design", "koln", "zwei", "lukasz"]


def found_names(user) -> dict[str, list[str]]:
    contacts = Contact.objects.for_owner(user)
    return {word: sorted(c.name for c in contacts.search(word)) for word in SEARCHED_WORDS}


def test_after_a_restore_search_finds_the_same_contacts(owner):
    fill_account(owner)
    before = found_names(owner)
    newcomer = make_user("newcomer@example.com")

    restore(newcomer, json.loads(json.dumps(backup(owner))))

    assert all(before.values()), before
    assert found_names(newcomer) == before


def test_a_version_2_backup_with_the_search_text_in_the_contacts_still_restores(owner):
    fill_account(owner)
    before = found_names(owner)
    document = json.loads(json.dumps(backup(owner)))
    document["version"] = 2
    for row in document["data"]["contacts.Contact"]:
        row["search_text"] = "stale words the restore must not keep"
    newcomer = make_user("newcomer@example.com")

    restore(newcomer, document)

    assert found_names(newcomer) == before
    assert not Contact.objects.for_owner(newcomer).search("stale").exists()


def _people_of_interactions(user) -> list[tuple]:
    """Each interaction's people and the date beside each link, by interaction and name."""
    links = InteractionContact.objects.filter(interaction__owner=user)
    return sorted(
        links.values_list("interaction__notes", "interaction__date", "contact__last_name", "date")
    )


def test_a_version_3_backup_with_the_people_in_djangos_link_table_still_restores(owner):
    fill_account(owner)
    before = _people_of_interactions(owner)
    assert before and all(on == date for _notes, on, _name, date in before)
    document = json.loads(json.dumps(backup(owner)))
    # Version 3 named the link table after the many-to-many field, without dates.
    links = document["data"].pop("contacts.InteractionContact")
    document["data"]["contacts.Interaction_contacts"] = [
        {key: value for key, value in row.items() if key != "date"} for row in links
    ]
    document["version"] = 3
    newcomer = make_user("newcomer@example.com")

    restore(newcomer, document)

    assert _people_of_interactions(newcomer) == before


def test_a_restore_takes_each_links_date_from_its_interaction(owner):
    fill_account(owner)
    before = _people_of_interactions(owner)
    document = json.loads(json.dumps(backup(owner)))
    for row in document["data"]["contacts.InteractionContact"]:
        row["date"] = "1999-01-01"
    newcomer = make_user("newcomer@example.com")

    restore(newcomer, document)

    assert _people_of_interactions(newcomer) == before


def test_the_backup_holds_no_other_users_rows(owner, outsider):
    fill_account(owner)
    fill_account(outsider, prefix="Fremd-")

    text = "".join(backup_chunks(owner))

    assert "Fremd-" not in text
    assert "outsider@example.com" not in text


def test_export_restore_export_gives_the_same_backup(owner):
    fill_account(owner)
    owner.language, owner.home_city, owner.rhythm_einhorn_days = "en", "Köln", 21
    owner.save()
    first = backup(owner)
    newcomer = make_user("newcomer@example.com")

    restored = restore(newcomer, json.loads(json.dumps(first)))

    second = backup(newcomer)
    assert restored.rows == sum(len(rows) for rows in first["data"].values())
    assert comparable(second) == comparable(first)
    # The restored account works like any other: its rows are its own.
    assert Contact.objects.for_owner(newcomer).search("weiss").count() == 1
    assert backed_up_rows(newcomer) == backed_up_rows(owner)


def test_a_restore_goes_only_into_an_empty_account(owner):
    fill_account(owner)
    document = backup(owner)
    before = rows_per_model(owner)

    with pytest.raises(RestoreError, match="leeres Konto|empty account"):
        restore(owner, document)
    assert rows_per_model(owner) == before


def test_a_version_1_backup_still_restores(owner):
    document = json.loads((FIXTURES / "backup-v1.json").read_text())

    restore(owner, document)

    owner.refresh_from_db()
    assert (owner.language, owner.time_zone, owner.rhythm_einhorn_days) == (
        "en",
        "Europe/Vienna",
        21,
    )
    juergen = Contact.objects.for_owner(owner).get(last_name="Weiß")
    assert (juergen.birthday_year, juergen.birthday_month, juergen.birthday_day) == (1980, 3, 15)
    zoe = Contact.objects.for_owner(owner).get(first_name="Zoë")
    assert (zoe.birthday_year, zoe.birthday_month, zoe.birthday_day) == (None, 2, 29)
    assert [t.name for t in juergen.tags.all()] == ["Design"]
    assert juergen.links.get().url == "https://www.linkedin.com/in/juergen-weiss"
    interaction = juergen.interactions.get()
    assert set(interaction.contacts.all()) == {juergen, zoe}
    assert juergen.follow_ups.get().interaction == interaction
    link = GoalContact.objects.for_owner(owner).get()
    assert (link.contact, link.goal.title) == (juergen, "Neue Kundschaft")


def damaged(document: dict, **changes) -> dict:
    return {**document, **changes}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "vcard"}, "keine Netzwerk-Sicherung"),
        ({"version": 99}, "neueren Version"),
        ({"version": None}, "Formatversion"),
        ({"data": {"contacts.Drache": []}}, "contacts.Drache"),
        ({"data": {"contacts.Contact": [{"id": 1, "first_name": "A", "owner_id": 5}]}}, "owner_id"),
        ({"data": {"contacts.Contact": [{"id": 1, "birthday_month": "März"}]}}, "birthday_month"),
        (
            {"data": {"contacts.ProfileLink": [{"id": 1, "contact_id": 42, "channel": "x"}]}},
            "contact_id",
        ),
    ],
)
def test_a_damaged_backup_says_why_and_restores_nothing(owner, change, message):
    document = damaged({"format": "netzwerk-backup", "version": VERSION, "data": {}}, **change)

    with pytest.raises(RestoreError, match=message):
        restore(owner, document)

    assert all(count == 0 for count in rows_per_model(owner).values())


def test_a_reference_to_another_users_row_is_refused(owner, outsider):
    theirs = make_contact(outsider)
    document = {
        "format": "netzwerk-backup",
        "version": VERSION,
        "data": {"contacts.ProfileLink": [{"id": 1, "contact_id": theirs.pk, "channel": "x"}]},
    }

    with pytest.raises(RestoreError):
        restore(owner, document)
    assert not theirs.links.exists()


# The views


def test_the_backup_downloads_as_a_json_file(owner, client_owner):
    fill_account(owner)

    response = client_owner.get(BACKUP)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="netzwerk-backup-')
    document = json.loads(b"".join(response.streaming_content))
    assert len(document["data"]["contacts.Contact"]) == 3


@pytest.mark.parametrize("url", [BACKUP, RESTORE])
def test_the_pages_require_login(client, url):
    assert client.get(url).status_code == 302


def test_the_backup_refuses_post(client_owner):
    assert client_owner.post(BACKUP).status_code == 405


def upload(document) -> SimpleUploadedFile:
    return SimpleUploadedFile("backup.json", json.dumps(document).encode(), "application/json")


def test_a_backup_is_restored_from_the_page(owner, client_owner):
    fill_account(owner)
    document = backup(owner)
    newcomer = make_user("new@example.com")
    client_owner.force_login(newcomer)

    response = client_owner.post(RESTORE, {"backup": upload(document)})

    assert response.status_code == 302
    assert backed_up_rows(newcomer) == backed_up_rows(owner)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leer"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "kein JSON"),
        (b'{"format": "netzwerk-backup", "version": 2, "data": {"contacts.Con', "kein JSON"),
        (b"[1, 2, 3]", "keine Netzwerk-Sicherung"),
    ],
)
def test_a_bad_file_gets_a_clear_message(owner, client_owner, content, message):
    file = SimpleUploadedFile("backup.json", content, "application/json")

    response = client_owner.post(RESTORE, {"backup": file})

    assert response.status_code == 422
    assert message in response.content.decode()
    assert all(count == 0 for count in rows_per_model(owner).values())


def test_the_restore_page_says_when_the_account_is_not_empty(owner, client_owner):
    make_contact(owner)

    response = client_owner.get(RESTORE)

    assert response.status_code == 200
    assert "leeres Konto" in response.content.decode()


def test_a_backup_of_the_whole_account_streams_in_pieces(owner):
    Contact.objects.bulk_create(Contact(owner=owner, first_name=f"P{n}") for n in range(50))

    pieces = list(backup_chunks(owner))

    assert len(pieces) > 50
    assert max(len(piece) for piece in pieces) < 2_000


def test_every_field_of_every_owned_model_is_kept(owner):
    """A new column in any model is in the backup without a change to it."""
    fill_account(owner)
    document = backup(owner)
    for owned in backed_up_models():
        row = document["data"][owned.label][0]
        expected = {
            f.attname
            for f in owned.model._meta.concrete_fields
            if not (f.attname == "owner_id" and isinstance(f, models.ForeignKey))
        }
        assert set(row) == expected, owned.label
