import datetime
import json
from functools import cache

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models, router, transaction
from django.db.models import Case, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.owned import OwnedQuerySet

from ..text import canonical, search_document, search_terms
from .bulk import ContactBulkQueries
from .choices import AddressForm, Category, Channel, Status
from .rhythm import CATEGORY_RANK, RHYTHM_FIELDS, ContactReminderQueries, keep_in_touch_due
from .sql import JSONList

NEVER = datetime.date(1, 1, 1)
# The newest-first sort key (contacts/paging.py), the same expression as its index's.
NEWEST_KEY = F("id") * -1
SEARCHED_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "company",
        "role",
        "city",
        "interests",
        "how_we_met",
        "notes",
        "emails",
    }
)


# The columns a row of the contact list needs (sort_name: the "load more" cursor).
LIST_FIELDS = (
    "id",
    "owner_id",
    "first_name",
    "last_name",
    "company",
    "role",
    "city",
    "status",
    "category",
    "last_contacted_on",
    "sort_name",
)

# The birthdays the calendar feed carries: Einhörner and Flamingos, not archived
# (reminders/feed.py says why Pinguine stay out). An index with the same condition makes the
# feed's version check (count and latest updated_at per month) an index-only scan.
FEED_BIRTHDAYS = Q(
    category__in=["einhorn", "flamingo"],
    birthday_day__isnull=False,
    birthday_month__isnull=False,
) & ~Q(status="archived")


def full_name(first_name: str, last_name: str) -> str:
    """A contact's name as every page shows it; "—" when neither part is known."""
    return " ".join(part for part in (first_name, last_name) if part) or "—"


def name_initials(first_name: str, last_name: str) -> str:
    parts = [p for p in (first_name, last_name) if p]
    return "".join(p[0].upper() for p in parts)[:2] or "?"


def list_row(contact: "Contact") -> dict:
    """A contact of the list (for_list(), its tags attached) as the dict list_rows() gives."""
    row = {name: getattr(contact, name) for name in LIST_FIELDS}
    row["tag_names"] = contact.tag_names
    return row


@cache
def _tag_names() -> JSONList:
    # Built once: building the subquery cost more than adding it to a query does.
    tags = (
        Contact.tags.through.objects.filter(contact_id=OuterRef("pk"))
        .order_by(Lower("tag__name"), "tag_id")
        .values(item=F("tag__name"))
    )
    return JSONList(tags)


def attach_tag_names(contacts: list) -> None:
    """Each list row's tag names, A–Z, as `tag_names`: one query of (contact, name) pairs,
    for the shown rows only. A prefetch would build a Tag object for every pair."""
    names: dict[int, list[str]] = {contact.pk: [] for contact in contacts}
    pairs = (
        Contact.tags.through.objects.filter(contact_id__in=names)
        .order_by(Lower("tag__name"), "tag_id")
        .values_list("contact_id", "tag__name")
    )
    for contact_id, name in pairs:
        names[contact_id].append(name)
    for contact in contacts:
        contact.tag_names = names[contact.pk]


class ContactQuerySet(ContactBulkQueries, ContactReminderQueries, OwnedQuerySet):
    def feed_birthdays(self) -> "ContactQuerySet":
        return self.filter(FEED_BIRTHDAYS)

    def visible(self) -> "ContactQuerySet":
        return self.exclude(status=Status.ARCHIVED)

    def search(self, query: str) -> "ContactQuerySet":
        """Every word must appear in name, company, city, tags, notes or interaction notes.

        The folded text in ContactSearch carries both spellings; on Postgres the index of its
        word suffixes and owners finds the owner's texts holding each word of three letters
        or more (contacts/models/search.py), for rows narrowed by for_owner() as every page's
        are, so this stays fast in a large network and on a busy server.
        """
        terms = search_terms(query)
        if not terms:
            return self
        qs = self
        for condition in text_matches(terms, self.owner_pk, connections[self.db].vendor):
            qs = qs.filter(condition)
        return qs

    def matching(
        self, query: str, exclude_ids=(), limit: int = 20, scope: str | None = None
    ) -> list["Contact"]:
        """The people a picker offers for a typed query: visible, found, by name, the way the
        list finds its first page (contacts/search_paging.py: a common word part by walking
        the names, a rare one through the index, remembered for `scope` while typing)."""
        from ..paging import SORTS
        from ..search_paging import searched_page

        if not query.strip():
            return []
        listed = self.visible().exclude(pk__in=list(exclude_ids)).for_list()
        return searched_page(listed, query, SORTS["name"], None, limit, scope).rows

    def merge(self, survivor: "Contact", other: "Contact", choices: dict[str, str] | None = None):
        """Merge `other` into `survivor` (contacts/merging.py says how); returns the survivor."""
        from ..merging import merge_contacts

        return merge_contacts(survivor, other, choices)

    def untriaged_pinguine(self) -> "ContactQuerySet":
        return (
            self.filter(category=Category.PINGUIN, triaged_at__isnull=True)
            .exclude(status=Status.ARCHIVED)
            .order_by("created_at", "id")
        )

    def with_sort_keys(self) -> "ContactQuerySet":
        return self.annotate(
            last_key=Coalesce("last_contacted_on", models.Value(NEVER)), newest_key=NEWEST_KEY
        )

    def with_category_rank(self) -> "ContactQuerySet":
        """Annotate category_rank: 0 for Einhörner, 1 for Flamingos, 2 for Pinguine."""
        return self.annotate(
            category_rank=Case(
                When(category=Category.EINHORN, then=Value(0)),
                When(category=Category.FLAMINGO, then=Value(1)),
                default=Value(2),
            )
        )

    def with_tag_names(self) -> "ContactQuerySet":
        """Each contact's tag names, A–Z, as the list `tag_names`, from a subquery in the
        contacts' own query: one query fewer for a page of rows (the list, the API). Not
        for a query that reads many rows: the subquery runs for each."""
        return self.annotate(tag_names=_tag_names())

    def list_rows(self) -> "ContactQuerySet":
        """The list's rows as dicts: what a row shows, its sort keys and its tags, in one
        query, and no model object built for each of a page's fifty rows."""
        return (
            self.for_list()
            .with_tag_names()
            .values(*LIST_FIELDS, "last_key", "newest_key", "tag_names")
        )

    def for_list(self) -> "ContactQuerySet":
        """What a row of the contact list shows, and no more: the notes and the search text
        stay in the database (the page's tags: attach_tag_names)."""
        return self.with_sort_keys().only(*LIST_FIELDS)

    def refresh_last_contacted(self) -> int:
        """Set last_contacted_on from the interaction log, in one UPDATE."""
        latest = (
            Interaction.contacts.through.objects.filter(contact_id=OuterRef("pk"))
            .values("contact_id")
            .annotate(latest=Max("interaction__date"))
            .values("latest")
        )
        updated = self.update(last_contacted_on=Subquery(latest))
        self.refresh_keep_in_touch_due()
        return updated

    def rebuild_search_text(self) -> None:
        """Recompute the folded search text of these contacts (a fixed number of queries).

        Only texts that changed are written: each write renews the row's entries in the
        search index. The stale mark is cleared only where it was set, so the contact rows are not
        written for nothing.
        """
        contacts = list(
            self.select_related("search").prefetch_related(
                "tags", models.Prefetch("interactions", Interaction.objects.only("id", "notes"))
            )
        )
        changed = []
        for contact in contacts:
            text = contact.build_search_text(
                tags=contact.tags.all(), interactions=contact.interactions.all()
            )
            if contact.stored_search() != (text, contact.sort_name):
                changed.append(contact.search_row(text))
        write_search_rows(changed, update=True)
        stale = [contact.pk for contact in contacts if contact.search_stale]
        if stale:
            self.model.objects.filter(pk__in=stale).update(search_stale=False)


class ContactManager(models.Manager.from_queryset(ContactQuerySet)):
    def list_rows_of(self, user) -> ContactQuerySet:
        """The user's contacts as list_rows() gives them, for the list to filter, sort and
        page. Copied from a query built once: chaining its annotations and its tag subquery
        cost the list page more than the query itself."""
        return _list_rows().for_owner(user)

    def opening_rows(self, user, order_by: tuple, limit: int) -> list[dict]:
        """The first `limit` of the user's visible contacts as list_rows() gives them, in the
        given order: the list as it opens, its most requested page.

        Its SQL is compiled once per database, order and size, with a stand-in for the owner
        (as the session user's query is, reminders/auth_backends.py): building and compiling
        the query cost the page about as much as running it. The rows are read as dicts,
        the tag names decoded as the JSON field would. PostgreSQL only: SQLite sends dates as
        text, which the ORM converts (there the query is built as any other).
        """
        alias = router.db_for_read(Contact)
        if connections[alias].vendor != "postgresql":
            return list(_opening(alias, user, order_by, limit))
        sql, params = _opening_sql(alias, tuple(order_by), limit)
        params = [user.pk if value == OWNER_STAND_IN else value for value in params]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
        for row in rows:
            if isinstance(row["tag_names"], str):  # as the database sends JSON
                row["tag_names"] = json.loads(row["tag_names"])
        return rows


@cache
def _list_rows() -> ContactQuerySet:
    # Never evaluated itself: every use copies it (for_owner() and what follows).
    return Contact.objects.list_rows()


# Stands for the owner's id while the opening page's query is compiled (ids are never
# negative).
OWNER_STAND_IN = -7_300_002


def _opening(alias: str, owner, order_by, limit: int) -> ContactQuerySet:
    """The list as it opens: the owner's visible contacts (a user or an id), ordered."""
    return _list_rows().using(alias).for_owner(owner).visible().order_by(*order_by)[:limit]


@cache
def _opening_sql(alias: str, order_by: tuple, limit: int) -> tuple[str, tuple]:
    return _opening(alias, OWNER_STAND_IN, order_by, limit).query.sql_with_params()


class Contact(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    emails = models.JSONField(_("email addresses"), default=list, blank=True)
    phones = models.JSONField(_("phone numbers"), default=list, blank=True)
    birthday_day = models.PositiveSmallIntegerField(_("birthday (day)"), null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(_("birthday (month)"), null=True, blank=True)
    birthday_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    how_we_met = models.TextField(_("how and where we met"), max_length=2000, blank=True)
    interests = models.CharField(_("interests"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    warmth = models.PositiveSmallIntegerField(
        _("warmth"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("How well you vibe, 1 (cool) to 5 (warm). Independent of the category."),
    )
    keep_in_touch_days = models.PositiveSmallIntegerField(
        _("keep in touch every (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the default rhythm of the category."),
    )
    tags = models.ManyToManyField("contacts.Tag", blank=True, related_name="contacts")
    # How the app's drafts (contact request, introduction) write to this person; empty
    # means "as usual" (contacts/voice.py).
    address_form = models.CharField(
        _("address as"), max_length=3, choices=AddressForm.choices, blank=True
    )
    message_language = models.CharField(
        _("write in"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.PINGUIN
    )
    # Derived from the interaction log by the model layer, never edited directly.
    last_contacted_on = models.DateField(_("last contacted"), null=True, blank=True, editable=False)
    # When the keep-in-touch rhythm makes this contact due; derived, kept by save() and
    # refresh_keep_in_touch_due() so "who is due" is one indexed range query.
    keep_in_touch_due_on = models.DateField(null=True, blank=True, editable=False)
    # Last day this contact was offered as a lunch guest, so suggestions rotate.
    lunch_suggested_on = models.DateField(null=True, blank=True, editable=False)
    triaged_at = models.DateTimeField(null=True, blank=True, editable=False)
    sort_name = models.CharField(max_length=210, editable=False, default="")
    # A bulk tag change marks the contacts it touched; a background task rebuilds their
    # search text (contacts/models/bulk.py). The mark stays on the contact: it is set in the
    # same UPDATE as updated_at, and on the search row it would be an indexed column, so
    # setting it would rewrite the row's search index entries.
    search_stale = models.BooleanField(default=False, db_default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactManager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["owner", "sort_name", "id"], name="contact_owner_name"),
            models.Index(
                fields=["owner", "category", "sort_name", "id"], name="contact_owner_cat_name"
            ),
            # Newest first is ordered by -id, not by id descending: the primary key's index
            # also gives that order, and the planner, which cannot know that a user's ids
            # are not spread evenly among everyone's, walked it back through every other
            # user's newer contacts.
            models.Index("owner", NEWEST_KEY, "id", name="contact_owner_newest"),
            models.Index(
                "owner",
                Coalesce("last_contacted_on", models.Value(NEVER)),
                "id",
                name="contact_owner_last",
            ),
            # The list filtered by a category and sorted by the last contact ("the
            # Einhörner I have not spoken to the longest"): the index above would walk
            # through the other categories' rows, most of a network.
            models.Index(
                "owner",
                "category",
                Coalesce("last_contacted_on", models.Value(NEVER)),
                "id",
                name="contact_owner_cat_last",
            ),
            models.Index(fields=["owner", "keep_in_touch_due_on"], name="contact_owner_due"),
            # Who is due, Einhörner first (due_for_contact): read in index order, the first
            # page of due people is the first rows, however many are due.
            models.Index(
                "owner",
                CATEGORY_RANK,
                "keep_in_touch_due_on",
                "id",
                condition=Q(keep_in_touch_due_on__isnull=False),
                name="contact_owner_due_rank",
            ),
            # Lunch suggestions (reminders/lunch_guests.py): each category's active contacts
            # not met for longest first.
            models.Index(
                "owner",
                "category",
                Coalesce("last_contacted_on", models.Value(NEVER)),
                "id",
                condition=Q(status=Status.ACTIVE),
                name="contact_owner_lunch_order",
            ),
            # The dashboard's birthdays of the next two weeks (reminders/upcoming.py) are
            # counted from this index.
            models.Index(
                fields=["owner", "birthday_month", "birthday_day", "category", "status"],
                condition=models.Q(birthday_month__isnull=False),
                name="contact_owner_birthday",
            ),
            # The dashboard's most important birthdays: each category's
            # run of days in date order (ContactQuerySet.first_birthdays_between).
            models.Index(
                fields=["owner", "category", "birthday_month", "birthday_day", "id"],
                condition=Q(birthday_month__isnull=False) & ~Q(status=Status.ARCHIVED),
                name="contact_owner_cat_birthday",
            ),
            # The nudge scan asks for the birthdays of a few days across all users.
            models.Index(
                fields=["birthday_month", "birthday_day"],
                condition=models.Q(birthday_month__isnull=False),
                name="contact_birthday",
            ),
            models.Index(
                fields=["owner", "birthday_month", "updated_at"],
                condition=FEED_BIRTHDAYS,
                name="contact_feed_birthdays",
            ),
            models.Index(
                fields=["owner", "id"], condition=Q(search_stale=True), name="contact_search_stale"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birthday_month__isnull=True) | Q(birthday_month__range=(1, 12)),
                name="contact_birthday_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(birthday_day__isnull=True) | Q(birthday_day__range=(1, 31)),
                name="contact_birthday_day_valid",
            ),
            models.CheckConstraint(
                condition=Q(warmth__isnull=True) | Q(warmth__range=(1, 5)),
                name="contact_warmth_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, rebuild_search: bool = True, **kwargs):
        """Save; the search text follows unless the caller rebuilds it itself right after."""
        self.sort_name = self.build_sort_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or RHYTHM_FIELDS.intersection(update_fields):
            self.keep_in_touch_due_on = keep_in_touch_due(self, self.owner)
            if update_fields is not None:
                kwargs["update_fields"] = update_fields = {*update_fields, "keep_in_touch_due_on"}
        if self.pk is None:
            super().save(*args, **kwargs)
            text = self.build_search_text(tags=[], interactions=[])
            self.search_row(text).save(force_insert=True)
            return
        super().save(*args, **kwargs)
        if rebuild_search and (
            update_fields is None or SEARCHED_FIELDS.intersection(update_fields)
        ):
            self.rebuild_search_text()

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    def build_sort_name(self) -> str:
        return canonical(f"{self.last_name} {self.first_name}".strip() or self.company)[:210]

    def prepare_for_bulk_create(self, tags) -> None:
        """Derive what save() derives, for a new contact written by bulk_create (an import):
        the sort name, the keep-in-touch day and the search text with these tags (written
        by search.create_search_rows() once the contacts have their ids)."""
        self.sort_name = self.build_sort_name()
        self.keep_in_touch_due_on = keep_in_touch_due(self, self.owner)
        self.new_search_text = self.build_search_text(tags=tags, interactions=[])

    @property
    def name(self) -> str:
        return full_name(self.first_name, self.last_name)

    @property
    def initials(self) -> str:
        return name_initials(self.first_name, self.last_name)

    @property
    def warmth_hearts(self) -> str:
        return "♥" * (self.warmth or 0)

    @property
    def category_choice(self) -> Category:
        return Category(self.category)

    @property
    def birthday(self) -> datetime.date | None:
        """The birthday as a date; without a year it falls in leap year 2000 (so 29 Feb works)."""
        if not (self.birthday_day and self.birthday_month):
            return None
        return datetime.date(self.birthday_year or 2000, self.birthday_month, self.birthday_day)

    @property
    def age(self) -> int | None:
        """Full years today, in the active time zone; None without a birth year."""
        born = self.birthday
        if born is None or not self.birthday_year:
            return None
        today = timezone.localdate()
        # A 29 February birthday counts as passed on 1 March in common years.
        had_birthday = (today.month, today.day) >= (born.month, born.day)
        return today.year - born.year - (0 if had_birthday else 1)

    def stored_search(self) -> tuple[str, str] | None:
        """The stored search text and the sort name beside it."""
        try:
            return self.search.text, self.search.sort_name
        except ObjectDoesNotExist:
            return None

    def search_row(self, text: str) -> "ContactSearch":
        return ContactSearch(
            contact_id=self.pk, owner_id=self.owner_id, text=text, sort_name=self.sort_name
        )

    def build_search_text(self, tags, interactions) -> str:
        return search_document(
            self.first_name,
            self.last_name,
            self.company,
            self.role,
            self.city,
            self.interests,
            self.how_we_met,
            self.notes,
            " ".join(self.emails or []),
            " ".join(tag.name for tag in tags),
            " ".join(i.notes for i in interactions),
        )

    @transaction.atomic
    def delete(self, *args, **kwargs):
        """Delete the contact and the interactions that were with this person alone."""
        # The subquery keeps the count over all people of the interaction; filtering on
        # contacts=self directly would make Count("contacts") reuse that join and always say 1.
        alone = (
            Interaction.objects.filter(pk__in=self.interactions.values("pk"))
            .annotate(people=models.Count("contacts"))
            .filter(people=1)
        )
        Interaction.objects.filter(pk__in=list(alone.values_list("pk", flat=True))).delete()
        return super().delete(*args, **kwargs)

    def rebuild_search_text(self) -> None:
        Contact.objects.filter(pk=self.pk).rebuild_search_text()

    def set_tags(self, tags) -> None:
        self.tags.set(tags)
        self.rebuild_search_text()

    def set_category(self, category: str) -> None:
        self.category = Category(category)
        self.triaged_at = timezone.now()
        self.save(update_fields=["category", "triaged_at", "updated_at"])

    def keep_as_pinguin(self) -> None:
        """Triage said "still Pinguin": keep the category, stop offering it for triage."""
        self.triaged_at = timezone.now()
        self.save(update_fields=["triaged_at", "updated_at"])

    def archive(self) -> None:
        self.status = Status.ARCHIVED
        self.triaged_at = timezone.now()
        self.save(update_fields=["status", "triaged_at", "updated_at"])

    def triage_state(self) -> dict:
        """What a triage tap changes, to undo it (kept in the session, so plain JSON)."""
        triaged_at = self.triaged_at.isoformat() if self.triaged_at else None
        return {"pk": self.pk, "category": self.category, "status": self.status, "at": triaged_at}

    def restore_triage_state(self, state: dict) -> None:
        self.category = state["category"]
        self.status = state["status"]
        self.triaged_at = datetime.datetime.fromisoformat(state["at"]) if state["at"] else None
        self.save(update_fields=["category", "status", "triaged_at", "updated_at"])

    def log_interaction(
        self, kind: str, date: datetime.date, notes: str = "", others=(), **occasion
    ):
        """Record an interaction with this contact (and others); returns it. `occasion` and
        `occasion_on` name what the app logs itself (Interaction.occasion_text)."""
        interaction = Interaction.objects.create(
            owner=self.owner, kind=kind, date=date, notes=notes, **occasion
        )
        interaction.set_contacts([self, *others])
        return interaction

    def links_by_channel(self) -> dict[str, str]:
        return {link.channel: link.url for link in self.links.all()}

    def set_links(self, urls_by_channel: dict[str, str]) -> None:
        """Make the profile links exactly these (empty URL removes the channel)."""
        self.links.exclude(channel__in=[c for c, url in urls_by_channel.items() if url]).delete()
        for channel, url in urls_by_channel.items():
            if url:
                ProfileLink.objects.update_or_create(
                    contact=self, channel=channel, defaults={"url": url}
                )


class ProfileLink(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    url = models.URLField(_("URL"), max_length=500)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint("contact", "channel", name="profile_link_one_per_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.url}"


# Circular: these refer to Contact.
from .interaction import Interaction  # noqa: E402
from .search import ContactSearch, text_matches, write_search_rows  # noqa: E402
