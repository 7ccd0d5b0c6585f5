"""What the CardDAV server keeps beside the contacts: the devices' app passwords, the address
books with the choice of what each holds, the index that gives every card its href, ETag and
sync revision, and what a phone sends that the contact itself has no field for (its UID, a
photo)."""

import datetime
import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Category, Contact, Status, Tag
from contacts.vcard import UID_NAMESPACE
from netzwerk.owned import OwnedQuerySet

# Password letters without the ones a person mistypes from a phone screen (0/o, 1/l/i).
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # nosec B105 # an alphabet
# last_used_at is written at most this often, not on every request of a sync.
LAST_USED_PRECISION = datetime.timedelta(minutes=5)
# Writes of the index go to the database in batches of this many rows.
BATCH = 2000
# How long before the last refresh's latest update time a refresh looks again for changes.
LATE_COMMITS = datetime.timedelta(hours=1)


def new_password() -> str:
    """Four groups of five letters: about 100 bits, and easy to type on a phone."""
    letters = "".join(secrets.choice(PASSWORD_LETTERS) for _ in range(20))
    return "-".join(letters[i : i + 5] for i in range(0, 20, 5))


def password_digest(password: str) -> str:
    """App passwords are random and long, so one keyed SHA-256 is enough to store them: no
    slow hash is needed against guessing, and every request of a sync checks one."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, password.strip().lower().encode(), hashlib.sha256).hexdigest()


class AppPasswordQuerySet(OwnedQuerySet):
    def authenticate(self, email: str, password: str) -> "AppPassword | None":
        """The app password of the user with this email, if it is one; None otherwise."""
        found = (
            self.select_related("owner")
            .filter(digest=password_digest(password), owner__email__iexact=email.strip())
            .filter(owner__is_active=True)
            .first()
        )
        return found


class AppPassword(models.Model):
    """One device's password for the address books, never the account password."""

    # (netzwerk/account) A restored account gets new passwords, never a copy of old secrets.
    kept_out_of_backup = "a device's secret"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="app_passwords"
    )
    name = models.CharField(
        _("device"),
        max_length=50,
        help_text=_("Contacts created on this device get it as a tag, e.g. “iPhone”."),
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AppPasswordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("app password")
        verbose_name_plural = _("app passwords")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def create_for(cls, owner, name: str) -> tuple["AppPassword", str]:
        """A new app password; the plain password is returned once and never stored."""
        password = new_password()
        return cls.objects.create(
            owner=owner, name=name, digest=password_digest(password)
        ), password

    def mark_used(self, now: datetime.datetime | None = None) -> None:
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            AppPassword.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    def device_tag(self) -> Tag:
        return Tag.objects.get_or_create_named(self.owner, [self.name])[0]


class Holds(models.TextChoices):
    ACTIVE = "active", _("All active contacts")
    IMPORTANT = "important", _("Einhorn and Flamingo contacts")
    TAG = "tag", _("Contacts with a tag")


class AddressBookQuerySet(OwnedQuerySet):
    def ensure_one(self, owner) -> None:
        """A first device finds a book of all active contacts instead of an empty account."""
        if not self.for_owner(owner).exists():
            self.create(owner=owner, name="Netzwerk", holds=Holds.ACTIVE)


class AddressBook(models.Model):
    # (netzwerk/account) Books, their cards and sync tokens are the phones' sync state: a
    # restored account is a new server for the phones, which sync it from the start.
    kept_out_of_backup = "the phones' sync state"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="address_books"
    )
    name = models.CharField(_("name"), max_length=80)
    holds = models.CharField(_("holds"), max_length=10, choices=Holds.choices, default=Holds.ACTIVE)
    tag = models.ForeignKey(
        Tag,
        verbose_name=_("tag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Goes up by one whenever a card of the book changes; the sync token and CTag name it.
    revision = models.BigIntegerField(default=0, editable=False)
    # The members' count and latest update time when the index was last brought up to date.
    indexed_count = models.PositiveIntegerField(null=True, editable=False)
    indexed_latest = models.DateTimeField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AddressBookQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("address book")
        verbose_name_plural = _("address books")

    def __str__(self) -> str:
        return self.name

    def members(self):
        """The contacts this book holds: its choice, and the contacts a device created in
        it (so a new Pinguin does not vanish from the phone that made it); never archived."""
        chosen = Q(status=Status.ACTIVE)
        if self.holds == Holds.IMPORTANT:
            chosen &= Q(category__in=[Category.EINHORN, Category.FLAMINGO])
        elif self.holds == Holds.TAG:
            # A subquery, not a join: OR-ed with the pinned ones a join would repeat rows.
            tagged = Contact.tags.through.objects.filter(tag_id=self.tag_id).values("contact_id")
            chosen &= Q(pk__in=tagged)
        pinned = self.entries.filter(pinned=True, contact_id__isnull=False).values("contact_id")
        return (
            Contact.objects.for_owner(self.owner_id)
            .filter(chosen | Q(pk__in=pinned))
            .exclude(status=Status.ARCHIVED)
        )

    @property
    def ctag(self) -> str:
        return f'"{self.pk}-{self.revision}"'

    @property
    def sync_token(self) -> str:
        return f"{settings.SITE_URL.rstrip('/')}/ns/sync/{self.pk}-{self.revision}"

    def parse_sync_token(self, token: str) -> int | None:
        """The revision a token of this book names; None if it is not one of ours."""
        head, _sep, tail = token.rpartition("/")
        book, _dash, revision = tail.partition("-")
        if not head.endswith("/ns/sync") or book != str(self.pk) or not revision.isdigit():
            return None
        revision = int(revision)
        return revision if revision <= self.revision else None

    @transaction.atomic
    def refresh(self) -> "AddressBook":
        """Bring the index up to date with the contacts; returns the book as it is now.

        Every change made anywhere in Netzwerk — an edit, a category switch, an archive, a
        new tag — reaches the phones without any write path having to tell the book. The
        contacts updated since the last refresh (and in the hour before it: a save is
        stamped before its transaction commits, so a slow one can land behind a later
        stamp) and the entries whose contact left the book are found in the database, a
        range and an anti-join, so a sync reads a few rows, not one per contact. Only when
        the count of members then disagrees with the index (a contact joined without being
        saved, e.g. a tag added on its own) are all members compared with it.
        """
        book = AddressBook.objects.select_for_update().get(pk=self.pk)
        members = book.members()
        live = book.entries.filter(deleted=False, contact_id__isnull=False)
        if book.indexed_latest is not None:
            since = book.indexed_latest - LATE_COMMITS
            current = dict(members.filter(updated_at__gt=since).values_list("id", "updated_at"))
            left = list(
                live.exclude(contact_id__in=members.values("id")).values_list("id", flat=True)
            )
            book._apply(current, book.entries.filter(contact_id__in=list(current)), left)
        stats = members.aggregate(count=models.Count("id"), latest=models.Max("updated_at"))
        if book.indexed_latest is None or live.count() != stats["count"]:
            book._apply(dict(members.values_list("id", "updated_at")), book.entries.all(), None)
        if (book.indexed_count, book.indexed_latest) != (stats["count"], stats["latest"]):
            book.indexed_count, book.indexed_latest = stats["count"], stats["latest"]
            AddressBook.objects.filter(pk=book.pk).update(
                indexed_count=book.indexed_count, indexed_latest=book.indexed_latest
            )
        return book

    def _apply(self, current: dict, entries, gone: list[int] | None) -> None:
        """Write the difference between these members (id → update time) and their index
        entries under one new revision. `gone` names the entries whose contact left the
        book; None means `current` is every member and the rest of `entries` left."""
        indexed = {
            contact_id: (entry_id, stamp, deleted)
            for entry_id, contact_id, stamp, deleted in entries.filter(
                contact_id__isnull=False
            ).values_list("id", "contact_id", "stamp", "deleted")
        }
        new = [pk for pk in current if pk not in indexed]
        changed = [
            BookEntry(pk=entry_id, stamp=current[pk], deleted=False)
            for pk, (entry_id, stamp, deleted) in indexed.items()
            if pk in current and (deleted or stamp != current[pk])
        ]
        if gone is None:
            gone = [
                entry_id
                for pk, (entry_id, _stamp, deleted) in indexed.items()
                if pk not in current and not deleted
            ]
        if not (new or changed or gone):
            return
        self.revision += 1
        AddressBook.objects.filter(pk=self.pk).update(revision=self.revision)
        if new:
            uids = dict(
                ContactCard.objects.filter(owner_id=self.owner_id).values_list("contact_id", "uid")
            )
            BookEntry.objects.bulk_create(
                [BookEntry.for_contact(self, pk, uids.get(pk), current[pk]) for pk in sorted(new)],
                batch_size=BATCH,
            )
        for entry in changed:
            entry.revision = self.revision
        BookEntry.objects.bulk_update(changed, ["stamp", "deleted", "revision"], batch_size=BATCH)
        for start in range(0, len(gone), BATCH):
            BookEntry.objects.filter(pk__in=gone[start : start + BATCH]).update(
                deleted=True, revision=self.revision
            )

    def bump(self) -> int:
        """A new revision for a change the caller writes into the index itself."""
        AddressBook.objects.filter(pk=self.pk).update(revision=models.F("revision") + 1)
        self.revision = AddressBook.objects.filter(pk=self.pk).values_list("revision", flat=True)[0]
        return self.revision


def derived_uid(owner_id: int, contact_id: int) -> str:
    """The UID of a contact no device named: the one contacts/vcard.py exports it with."""
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{owner_id}:{contact_id}')}"


def href_for_uid(uid: str) -> str:
    """A card's file name: its UID where that is a safe name, else a hash of it."""
    plain = uid.removeprefix("urn:uuid:")
    if plain and len(plain) <= 120 and all(ch.isalnum() or ch in "-_." for ch in plain):
        return f"{plain}.vcf"
    return f"{hashlib.sha256(uid.encode()).hexdigest()[:40]}.vcf"


def etag_for(stamp: datetime.datetime) -> str:
    """A card's ETag: its contact's update time, which every change of the card moves."""
    return f'"{int(stamp.timestamp() * 1_000_000):x}"'


class BookEntry(models.Model):
    """One card of an address book: where it lives (href), which contact it shows, and the
    revision of its last change, so a sync asks only for what changed since its token.
    A removed card stays as a tombstone (deleted) so every device learns of the removal."""

    kept_out_of_backup = AddressBook.kept_out_of_backup

    book = models.ForeignKey(AddressBook, on_delete=models.CASCADE, related_name="entries")
    # No foreign key: the tombstone of a deleted contact outlives it.
    contact_id = models.BigIntegerField(null=True)
    href = models.CharField(max_length=255)
    uid = models.CharField(max_length=255)
    stamp = models.DateTimeField()
    revision = models.BigIntegerField()
    deleted = models.BooleanField(default=False)
    # Created by a device in this book: stays in it whatever the book's choice.
    pinned = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint("book", "href", name="book_entry_unique_href"),
            models.UniqueConstraint(
                "book",
                "contact_id",
                condition=Q(contact_id__isnull=False),
                name="book_entry_one_per_contact",
            ),
        ]
        indexes = [models.Index(fields=["book", "revision"], name="book_entry_changes")]

    def __str__(self) -> str:
        return self.href

    @classmethod
    def for_contact(cls, book, contact_id: int, uid: str | None, stamp) -> "BookEntry":
        uid = uid or derived_uid(book.owner_id, contact_id)
        return cls(
            book=book,
            contact_id=contact_id,
            href=href_for_uid(uid),
            uid=uid,
            stamp=stamp,
            revision=book.revision,
        )

    @property
    def etag(self) -> str:
        return etag_for(self.stamp)


class ContactCard(models.Model):
    """What a device sent for a contact that the contact has no field for."""

    kept_out_of_backup = AddressBook.kept_out_of_backup

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, primary_key=True, related_name="card"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uid = models.CharField(max_length=255)
    photo = models.BinaryField(null=True, blank=True)
    photo_type = models.CharField(max_length=40, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "uid", name="contact_card_unique_uid"),
        ]

    def __str__(self) -> str:
        return self.uid
