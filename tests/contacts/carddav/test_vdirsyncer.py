"""A real CardDAV client against the running server: vdirsyncer syncing two ways between a
local folder of .vcf files (a "vdir") and an address book, the way a phone's sync does."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from contacts.carddav import views
from contacts.carddav.models import AddressBook, AppPassword
from contacts.models import Contact

VDIRSYNCER = Path(sys.executable).with_name("vdirsyncer")
PEOPLE = 1000
# Each run is bounded: a hung server fails the test instead of holding CI.
RUN_TIMEOUT = 240

pytestmark = pytest.mark.django_db(transaction=True)


class Pair:
    """One vdirsyncer "device": a config, a status folder and a vdir of its own."""

    def __init__(self, folder: Path, url: str, email: str, password: str):
        self.folder = folder
        self.vdir = folder / "vdir"
        self.config = folder / "config"
        folder.mkdir()
        self.config.write_text(
            f"""
[general]
status_path = "{folder / "status"}/"

[pair phone]
a = "local"
b = "netzwerk"
collections = null
conflict_resolution = "b wins"

[storage local]
type = "filesystem"
path = "{self.vdir}/"
fileext = ".vcf"

[storage netzwerk]
type = "carddav"
url = "{url}"
username = "{email}"
password = "{password}"
"""
        )
        self.vdir.mkdir()

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [VDIRSYNCER, "-c", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            input="y\n",
        )

    def sync(self) -> str:
        result = self.run("sync")
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def files(self) -> dict[str, str]:
        return {path.name: path.read_text() for path in sorted(self.vdir.glob("*.vcf"))}


@pytest.fixture
def network(owner) -> list[Contact]:
    now = timezone.now()
    Contact.objects.bulk_create(
        [
            Contact(
                owner=owner,
                first_name=f"Vorname{n}",
                last_name=f"Nachname{n}",
                sort_name=f"nachname{n}",
                emails=[f"person{n}@example.org"],
                phones=["+49 30 1234567"] if n % 3 == 0 else [],
                birthday_day=(n % 28) + 1 if n % 5 == 0 else None,
                birthday_month=(n % 12) + 1 if n % 5 == 0 else None,
                updated_at=now,
            )
            for n in range(PEOPLE)
        ]
    )
    return list(Contact.objects.for_owner(owner).order_by("id"))


@pytest.fixture
def pairs(owner, live_server, tmp_path):
    if not VDIRSYNCER.exists():
        pytest.fail(f"{VDIRSYNCER} is missing: bin/setup --dev installs vdirsyncer")
    book = AddressBook.objects.create(owner=owner, name="Netzwerk")
    url = f"{live_server.url}/dav/books/{book.pk}/"

    def pair(name: str) -> Pair:
        password = AppPassword.create_for(owner, name)[1]
        made = Pair(tmp_path / name, url, owner.email, password)
        made.run("discover")
        return made

    return book, pair


def card_of(files: dict[str, str], text: str) -> tuple[str, str]:
    (found,) = [(name, card) for name, card in files.items() if text in card]
    return found


def test_vdirsyncer_syncs_both_ways_and_settles(owner, network, pairs):
    book, pair = pairs
    phone = pair("phone")

    phone.sync()
    first = phone.files()
    assert len(first) == PEOPLE
    revision = AddressBook.objects.get(pk=book.pk).revision

    # A second and third sync change nothing, on either side.
    phone.sync()
    phone.sync()
    assert phone.files() == first
    assert AddressBook.objects.get(pk=book.pk).revision == revision
    assert Contact.objects.for_owner(owner).count() == PEOPLE

    # An edit in the vdir reaches the server; an edit in Netzwerk reaches the vdir.
    name, card = card_of(first, "person7@example.org")
    (phone.vdir / name).write_text(card.replace("Nachname7", "Neumann"))
    server_side = network[8]
    server_side.company = "Neue Firma GmbH"
    server_side.save()
    phone.sync()
    phone.sync()  # fetches Netzwerk's rendering of the uploaded card (no ETag on PUT)
    assert Contact.objects.get(pk=network[7].pk).last_name == "Neumann"
    assert "Neue Firma GmbH" in card_of(phone.files(), "person8@example.org")[1]
    settled = phone.files()
    phone.sync()
    assert phone.files() == settled

    # A card new in the vdir arrives as a Pinguin tagged with the device.
    (phone.vdir / "new-card.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:new-card\r\nFN:Nora Neu\r\nN:Neu;Nora;;;\r\n"
        "TEL:+49 170 5550101\r\nEND:VCARD\r\n"
    )
    phone.sync()
    nora = Contact.objects.get(owner=owner, last_name="Neu")
    assert nora.category == "pinguin"
    assert [tag.name for tag in nora.tags.all()] == ["phone"]

    # Deletions both ways: the vdir's deletion archives, Netzwerk's removes the file.
    name, _card = card_of(phone.files(), "person9@example.org")
    (phone.vdir / name).unlink()
    network[10].archive()
    phone.sync()
    assert Contact.objects.get(pk=network[9].pk).status == "archived"
    files = phone.files()
    assert not [card for card in files.values() if "person10@example.org" in card]
    assert len(files) == PEOPLE - 2 + 1
    assert Contact.objects.for_owner(owner).count() == PEOPLE + 1

    # A second device syncing the same book, starting from a copy of the first one's
    # files (a reinstall that kept them), creates no duplicate.
    tablet = pair("tablet")
    for path in phone.vdir.glob("*.vcf"):
        (tablet.vdir / path.name).write_text(path.read_text())
    tablet.sync()
    tablet.sync()
    assert Contact.objects.for_owner(owner).count() == PEOPLE + 1
    assert len(tablet.files()) == len(phone.files())
    phone.sync()
    assert len(phone.files()) == PEOPLE - 1


def test_a_stale_write_gets_412_and_the_client_recovers(owner, network, pairs, monkeypatch):
    book, pair = pairs
    phone = pair("phone")
    phone.sync()
    name, card = card_of(phone.files(), "person3@example.org")
    (phone.vdir / name).write_text(card.replace("Nachname3", "vom Telefon"))

    # Another device's write lands between the phone's listing and its PUT.
    original = views._precondition_failed
    raced = []

    def race(request, contact):
        if request.method == "PUT" and contact is not None and not raced:
            raced.append(contact.pk)
            contact.role = "vom Tablet"
            contact.save()
        return original(request, contact)

    monkeypatch.setattr(views, "_precondition_failed", race)
    failed = phone.run("sync")
    assert raced == [network[3].pk]
    assert failed.returncode != 0
    assert "Precondition Failed" in failed.stdout + failed.stderr

    # The next sync resolves it (Netzwerk's side wins) and everything agrees again.
    phone.sync()
    contact = Contact.objects.get(pk=network[3].pk)
    assert contact.role == "vom Tablet"
    assert "vom Tablet" in card_of(phone.files(), "person3@example.org")[1]
    settled = phone.files()
    phone.sync()
    assert phone.files() == settled
    assert Contact.objects.for_owner(owner).count() == PEOPLE
