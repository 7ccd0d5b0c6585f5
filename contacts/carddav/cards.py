"""A contact as the card a device reads, and a card a device writes as a contact.

The rules of the two-way sync live here:
- A card created on a device arrives as a Pinguin, tagged with the device's name.
- An edit on a device changes what vCard carries (names, company, role, city, emails,
  phones, birthday, profile links, photo) and leaves Netzwerk's own data alone: notes, how
  we met, interests, the category, tags, status and the interaction log.
- The category travels as a CATEGORIES value, in Netzwerk's own words (the same in every
  language, so switching the language does not rewrite every card).
"""

import dataclasses

from django.db import transaction

from contacts.contact_data import ContactData
from contacts.models import Category, Contact, Status
from contacts.vcard import card_uid_and_photo, contact_to_vcard, looks_like_vcard, parse_vcard

from .models import AddressBook, AppPassword, BookEntry, ContactCard, derived_uid

CATEGORY_WORDS = {
    Category.EINHORN.value: "Einhorn",
    Category.FLAMINGO.value: "Flamingo",
    Category.PINGUIN.value: "Pinguin",
}
# What vCard carries, and so what a device's edit may change.
CARD_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "role",
    "city",
    "emails",
    "phones",
    "birthday_day",
    "birthday_month",
    "birthday_year",
)
# A photo larger than this is not kept (phones send a few dozen kilobytes).
MAX_PHOTO = 512 * 1024


def contacts_for_cards(owner, contact_ids) -> dict[int, Contact]:
    """The contacts with what their cards show, in three queries whatever their number."""
    found = (
        Contact.objects.for_owner(owner)
        .filter(pk__in=list(contact_ids))
        .select_related("card")
        .prefetch_related("links", "tags")
    )
    return {contact.pk: contact for contact in found}


def render(contact: Contact, uid: str, version: str = "3.0") -> str:
    card = getattr(contact, "card", None) if _has_card(contact) else None
    photo = (bytes(card.photo), card.photo_type) if card and card.photo else None
    return contact_to_vcard(
        contact,
        links=contact.links.all(),
        tags=contact.tags.all(),
        version=version,
        uid=uid,
        photo=photo,
        categories=[CATEGORY_WORDS[contact.category]],
    )


def _has_card(contact: Contact) -> bool:
    try:
        contact.card  # noqa: B018 - the reverse one-to-one raises when there is none
    except ContactCard.DoesNotExist:
        return False
    return True


@dataclasses.dataclass
class Upload:
    """A card as a device sent it."""

    data: ContactData
    uid: str
    photo: tuple[bytes, str] | None


def read_upload(text: str) -> Upload:
    """The card's data; ValueError (with a reason) when it is no card Netzwerk can keep."""
    if not looks_like_vcard(text):
        raise ValueError("The body is no vCard.")
    data = parse_vcard(text)
    uid, photo = card_uid_and_photo(text)
    if photo and len(photo[0]) > MAX_PHOTO:
        photo = None
    if not data.name:
        # A phone keeps a card with a number and no name; so does Netzwerk, named by it.
        fallback = (data.emails or data.phones or [""])[0]
        if not fallback:
            raise ValueError("The card has no name, email address or phone number.")
        data.last_name = fallback
    for field in ("first_name", "last_name", "company", "role", "city"):
        limit = Contact._meta.get_field(field).max_length
        setattr(data, field, getattr(data, field)[:limit])
    return Upload(data=data, uid=uid[:255], photo=photo)


@transaction.atomic
def create_contact(book: AddressBook, device: AppPassword, upload: Upload) -> Contact:
    """A card new to Netzwerk: a Pinguin tagged with the device (and the card's own
    categories, without Netzwerk's category words)."""
    data = upload.data
    contact = Contact(owner=book.owner, category=Category.PINGUIN, status=Status.ACTIVE)
    for field in CARD_FIELDS:
        setattr(contact, field, getattr(data, field))
    contact.notes = data.notes[: Contact._meta.get_field("notes").max_length]
    contact.how_we_met = data.how_we_met[: Contact._meta.get_field("how_we_met").max_length]
    contact.interests = data.interests[: Contact._meta.get_field("interests").max_length]
    contact.save()
    contact.set_links(data.links)
    words = {word.lower() for word in CATEGORY_WORDS.values()}
    tags = [name for name in data.tags if name.lower() not in words]
    contact.set_tags(
        [device.device_tag(), *contact.tags.model.objects.get_or_create_named(book.owner, tags)]
    )
    _keep_card(contact, upload)
    return contact


@transaction.atomic
def apply_edit(contact: Contact, upload: Upload) -> Contact:
    """A device's edit of a card: the vCard fields and the photo, nothing of Netzwerk's own.
    A card brought back (uploaded again after a delete) makes its contact active again."""
    data = upload.data
    for field in CARD_FIELDS:
        setattr(contact, field, getattr(data, field))
    if contact.status == Status.ARCHIVED:
        contact.status = Status.ACTIVE
    contact.save()
    contact.set_links(data.links)
    _keep_card(contact, upload)
    return contact


def _keep_card(contact: Contact, upload: Upload) -> None:
    photo, photo_type = upload.photo or (None, "")
    card = ContactCard.objects.filter(contact=contact).first()
    if card is None:
        ContactCard.objects.create(
            contact=contact,
            owner_id=contact.owner_id,
            uid=upload.uid or derived_uid(contact.owner_id, contact.pk),
            photo=photo,
            photo_type=photo_type,
        )
        return
    card.photo, card.photo_type = photo, photo_type
    card.save(update_fields=["photo", "photo_type"])


def contact_for_uid(book: AddressBook, uid: str) -> Contact | None:
    """The owner's contact this UID names: one a device named so, or one any of the owner's
    books has shown under it (also archived ones: a card brought back is no new person)."""
    if not uid:
        return None
    owned = Contact.objects.for_owner(book.owner_id)
    card = ContactCard.objects.filter(owner_id=book.owner_id, uid=uid).first()
    if card is not None:
        return owned.filter(pk=card.contact_id).first()
    entry = (
        BookEntry.objects.filter(book__owner_id=book.owner_id, uid=uid, contact_id__isnull=False)
        .values_list("contact_id", flat=True)
        .first()
    )
    return owned.filter(pk=entry).first() if entry else None
