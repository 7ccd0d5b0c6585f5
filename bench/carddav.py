"""The phone's address book under the benchmark: a first sync of every card, and a sync
after one change (measure.py registers both). Requests go through the test client with a
device's app password, the way a phone's requests reach the views."""

import base64
import re

from django.test import Client

from contacts.carddav.models import AddressBook, AppPassword

SYNC = (
    '<sync-collection xmlns="DAV:"><sync-token>{token}</sync-token>'
    "<sync-level>1</sync-level><prop><getetag/></prop></sync-collection>"
)
MULTIGET = (
    '<C:addressbook-multiget xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
    "<prop><getetag/><C:address-data/></prop>{hrefs}</C:addressbook-multiget>"
)
# Cards per multiget, as DAVx⁵ and vdirsyncer fetch them.
BATCH = 100
HREF = re.compile(r"<d:href>([^<]+\.vcf)</d:href>")
TOKEN = re.compile(r"<d:sync-token>([^<]+)</d:sync-token>")


class Phone:
    """One device of the heavy user, syncing one book of all their active contacts."""

    def __init__(self, bench):
        owner = bench.dataset.heavy
        self.book, _created = AddressBook.objects.get_or_create(owner=owner, name="Bench")
        password = AppPassword.create_for(owner, "Bench")[1]
        auth = base64.b64encode(f"{owner.email}:{password}".encode()).decode()
        self.client = Client(HTTP_AUTHORIZATION=f"Basic {auth}")
        self.url = f"/dav/books/{self.book.pk}/"
        self.token = ""  # nosec B105 # a CardDAV sync token
        self.owner = owner

    def request(self, method: str, body: str, **headers) -> str:
        answer = self.client.generic(
            method, self.url, body, content_type="application/xml", **headers
        )
        if answer.status_code != 207:
            raise AssertionError(f"{method} {self.url} answered {answer.status_code}")
        return answer.content.decode()

    def fetch(self, hrefs: list[str]) -> int:
        cards = 0
        for start in range(0, len(hrefs), BATCH):
            batch = "".join(f"<href>{href}</href>" for href in hrefs[start : start + BATCH])
            cards += self.request("REPORT", MULTIGET.format(hrefs=batch)).count("BEGIN:VCARD")
        return cards

    def forget(self) -> None:
        """As if the book had never been synced: no index, no token."""
        self.book.entries.all().delete()
        AddressBook.objects.filter(pk=self.book.pk).update(
            revision=0, indexed_count=None, indexed_latest=None
        )
        self.token = ""  # nosec B105 # a CardDAV sync token

    def first_sync(self) -> int:
        """What a new device does: list the book (etags), then fetch every card."""
        listing = self.request("PROPFIND", "", HTTP_DEPTH="1")
        cards = self.fetch(HREF.findall(listing))
        # The first sync sends no sync token.
        first = SYNC.format(token="")  # nosec B106
        self.token = TOKEN.findall(self.request("REPORT", first))[0]
        return cards

    def change_one(self) -> None:
        contact = self.book.members().order_by("?").first()
        contact.role = f"{contact.role[:180]}." if len(contact.role) < 180 else ""
        contact.save(update_fields=["role", "updated_at"])

    def sync_changes(self) -> int:
        """A later sync: what changed since the token, and those cards."""
        answer = self.request("REPORT", SYNC.format(token=self.token))
        self.token = TOKEN.findall(answer)[0]
        return self.fetch(HREF.findall(answer))


def first_sync(bench):
    phone = Phone(bench)
    return phone.first_sync, phone.forget


def one_change(bench):
    phone = Phone(bench)
    # A device that has synced before holds a token (fetching every card first would
    # add nothing to what is measured here).
    first = SYNC.format(token="")  # nosec B106
    phone.token = TOKEN.findall(phone.request("REPORT", first))[0]

    def work():
        if phone.sync_changes() != 1:
            raise AssertionError("a sync after one change should fetch one card")

    return work, phone.change_one
