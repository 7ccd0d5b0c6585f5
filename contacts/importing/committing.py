"""Writing an import, all or nothing: one transaction, new contacts with bulk_create (their
sort name, keep-in-touch day and search text built on the way, so search finds them at
once), and the rows merged into existing contacts or into each other.

Merging here fills what is empty on the existing contact and unites its emails, phones,
links and tags; nothing the user entered is overwritten.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import extensions
from ..contact_data import MAX_LIST_ITEMS, ContactData
from ..models import Category, Contact, ImportBatch, ImportState, ProfileLink, RowChoice, Tag
from ..models.search import clean_search_index, create_search_rows
from .preview import Kind

FAILED_TEXT = _("The import could not be saved, so nothing was written. Please try again.")
# Plain fields an import fills on an existing contact where it has none.
FILLED_FIELDS = ("first_name", "last_name", "company", "role", "city", "how_we_met", "interests")
BATCH_SIZE = 500


def source_tag(source: str, day) -> str:
    """The tag naming where and when contacts came in: "LinkedIn 2026-12-02"."""
    return f"{source} {day.isoformat()}"


def unite(target: ContactData, other: ContactData) -> None:
    """Fill what the target lacks from the other and unite their lists."""
    for field in (*FILLED_FIELDS, "notes"):
        if not getattr(target, field) and getattr(other, field):
            setattr(target, field, getattr(other, field))
    if not target.birthday_month and other.birthday_month:
        target.birthday_day, target.birthday_month = other.birthday_day, other.birthday_month
        target.birthday_year = other.birthday_year
    for email in other.emails:
        target.add_email(email)
    for phone in other.phones:
        target.add_phone(phone)
    for channel, url in other.links.items():
        target.links.setdefault(channel, url)
    for tag in other.tags:
        target.add_tag(tag)
    target.emails, target.phones = target.emails[:MAX_LIST_ITEMS], target.phones[:MAX_LIST_ITEMS]


def plan(rows: list[dict], day) -> tuple[dict[int, ContactData], dict[int, list[ContactData]], int]:
    """(row index → data to create, contact id → data to merge into it, rows skipped)."""
    creating: dict[int, ContactData] = {}
    merging: dict[int, list[ContactData]] = {}
    # Where each row's data went: ("row", index) or ("contact", id).
    went: dict[int, tuple[str, int]] = {}
    skipped = 0
    for index, row in enumerate(rows):
        if row["kind"] in {Kind.ERROR, Kind.FORGOTTEN} or row["choice"] == RowChoice.SKIP:
            skipped += 1
            continue
        data = ContactData.from_json(row["data"])
        data.add_tag(source_tag(row["source"], day))
        match = row.get("match") or {}
        target = None
        if row["choice"] == RowChoice.MERGE:
            if match.get("contact"):
                target = ("contact", match["contact"])
            elif match.get("row") is not None:
                target = went.get(match["row"])
        if target is None:
            creating[index] = data
            went[index] = ("row", index)
        elif target[0] == "row":
            unite(creating[target[1]], data)
            went[index] = target
        else:
            merging.setdefault(target[1], []).append(data)
            went[index] = target
    return creating, merging, skipped


@transaction.atomic
def commit(batch_id: int) -> bool:
    """Write the batch if it is waiting to be committed; False when another run did."""
    batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None or batch.state != ImportState.COMMITTING:
        return False
    owner = batch.owner
    day = timezone.localdate()
    creating, merging, skipped = plan(batch.rows, day)
    existing = {
        c.pk: c
        for c in Contact.objects.for_owner(owner)
        .filter(pk__in=list(merging))
        .prefetch_related("links", "tags")
    }
    # A contact deleted since the preview gets the row as a new contact.
    for pk in [pk for pk in merging if pk not in existing]:
        for data in merging.pop(pk):
            creating[-len(creating) - 1] = data
    names = {tag for data in creating.values() for tag in data.tags}
    names |= {tag for datas in merging.values() for data in datas for tag in data.tags}
    tags = {t.name.lower(): t for t in Tag.objects.get_or_create_named(owner, sorted(names))}
    created = _create(owner, list(creating.values()), tags)
    _merge(existing, merging, tags)
    batch.state = ImportState.DONE
    batch.result = {"created": created, "merged": len(merging), "skipped": skipped}
    batch.error = ""
    # The contacts are written; the files' contents are no longer needed.
    for upload in batch.files:
        upload.pop("data", None)
    batch.save(update_fields=["state", "result", "error", "files", "updated_at"])
    transaction.on_commit(clean_search_index)
    return True


def _contact(owner, data: ContactData) -> Contact:
    return Contact(
        owner=owner,
        category=Category.PINGUIN,
        **{field: getattr(data, field) for field in (*FILLED_FIELDS, "notes")},
        emails=data.emails,
        phones=data.phones,
        birthday_day=data.birthday_day,
        birthday_month=data.birthday_month,
        birthday_year=data.birthday_year,
    )


def _create(owner, datas: list[ContactData], tags: dict[str, Tag]) -> int:
    contacts = []
    for data in datas:
        contact = _contact(owner, data)
        contact.prepare_for_bulk_create([tags[name.lower()] for name in data.tags])
        contacts.append(contact)
    Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    create_search_rows(contacts)
    links, tagged = [], []
    through = Contact.tags.through
    for contact, data in zip(contacts, datas, strict=True):
        links += [ProfileLink(contact=contact, channel=c, url=u) for c, u in data.links.items()]
        tagged += [through(contact_id=contact.pk, tag_id=tags[n.lower()].pk) for n in data.tags]
    ProfileLink.objects.bulk_create(links, batch_size=BATCH_SIZE)
    through.objects.bulk_create(tagged, batch_size=BATCH_SIZE, ignore_conflicts=True)
    extensions.written(owner.pk, [contact.pk for contact in contacts], created=True)
    return len(contacts)


# What a merge may change on an existing contact.
MERGED_FIELDS = (
    *FILLED_FIELDS,
    "notes",
    "emails",
    "phones",
    "birthday_day",
    "birthday_month",
    "birthday_year",
)


def _merge(existing: dict[int, Contact], merging: dict, tags: dict[str, Tag]) -> None:
    """Fill and unite the existing contacts. Only the contacts and columns that changed are
    written: bulk_update's statement grows with both."""
    if not merging:
        return
    links, tagged, changed, fields = [], [], [], set()
    through = Contact.tags.through
    for pk, datas in merging.items():
        contact = existing[pk]
        stored = ContactData.from_contact(contact)
        had_links, had_tags = set(stored.links), {t.lower() for t in stored.tags}
        for data in datas:
            unite(stored, data)
        differing = {f for f in MERGED_FIELDS if getattr(contact, f) != getattr(stored, f)}
        for field in differing:
            setattr(contact, field, getattr(stored, field))
        links += [
            ProfileLink(contact=contact, channel=c, url=u)
            for c, u in stored.links.items()
            if c not in had_links
        ]
        tagged += [
            through(contact_id=pk, tag_id=tags[n.lower()].pk)
            for n in stored.tags
            if n.lower() not in had_tags and n.lower() in tags
        ]
        if differing or len(stored.links) > len(had_links) or len(stored.tags) > len(had_tags):
            # The phones' address books see the change by the update time.
            contact.sort_name = contact.build_sort_name()
            contact.updated_at = timezone.now()
            changed.append(contact)
            fields |= differing
    fields = sorted(fields | {"sort_name", "updated_at"})
    Contact.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    ProfileLink.objects.bulk_create(links, batch_size=BATCH_SIZE)
    through.objects.bulk_create(tagged, batch_size=BATCH_SIZE, ignore_conflicts=True)
    Contact.objects.filter(pk__in=[c.pk for c in changed]).rebuild_search_text()
    if changed:
        extensions.written(changed[0].owner_id, [c.pk for c in changed], created=False)
