import datetime

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact
from netzwerk.owned import OwnedQuerySet


class NudgeKind(models.TextChoices):
    BIRTHDAY = "birthday", _("Birthday")
    IMPORTANT_DATE = "date", _("Important date")
    FOLLOW_UP = "followup", _("Follow-up")
    KEEP_IN_TOUCH = "touch", _("Keep in touch")
    LUNCH_WEEK = "lunchweek", _("Plan your lunches")
    LUNCH_TODAY = "lunchday", _("Lunch today")
    GOAL_REVIEW = "review", _("Goal review")


class EmailState(models.TextChoices):
    NONE = "", _("no email")
    PENDING = "pending", _("to send")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


# What the scan sets on a new nudge, and the array type it is sent as.
NEW_NUDGE_COLUMNS = [
    ("owner_id", "bigint"),
    ("kind", "text"),
    ("key", "text"),
    ("occurs_on", "date"),
    ("contact_id", "bigint"),
    ("follow_up_id", "bigint"),
    ("lunch_id", "bigint"),
    ("important_date_id", "bigint"),
    ("goal_id", "bigint"),
    ("created_at", "timestamptz"),
    ("email_state", "text"),
]
INSERT_BATCH = 10_000


class NudgeQuerySet(OwnedQuerySet):
    def unread(self) -> "NudgeQuerySet":
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.filter(read_at__isnull=True).update(read_at=timezone.now())

    def newest_first(self) -> "NudgeQuerySet":
        return self.order_by("-created_at", "-id")

    def for_display(self) -> "NudgeQuerySet":
        """With everything headline() and target_url() read, in two queries."""
        people = Contact.objects.only("id", "first_name", "last_name", "sort_name")
        return self.select_related(
            "owner", "contact", "follow_up__contact", "important_date__contact", "lunch", "goal"
        ).prefetch_related(models.Prefetch("lunch__contacts", queryset=people))

    def email_due(self, now: datetime.datetime) -> "NudgeQuerySet":
        """Nudges waiting for their email whose next try has come."""
        return self.filter(email_state=EmailState.PENDING).filter(
            models.Q(email_next_try_at__isnull=True) | models.Q(email_next_try_at__lte=now)
        )

    def insert_new(self, nudges) -> None:
        """Insert the nudges (objects with the NEW_NUDGE_COLUMNS as attributes) whose (owner,
        kind, key) does not exist yet; skip the others.

        On PostgreSQL one INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING per
        batch: the first scan of a day inserts a row for every nudge due across all users, and
        bulk_create would spend most of that time compiling a placeholder per value. Elsewhere
        bulk_create.
        """
        if connection.vendor != "postgresql":
            rows = [
                Nudge(**{column: getattr(n, column) for column, _type in NEW_NUDGE_COLUMNS})
                for n in nudges
            ]
            self.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c, _type in NEW_NUDGE_COLUMNS)
        arrays = ", ".join(f"%s::{sql_type}[]" for _column, sql_type in NEW_NUDGE_COLUMNS)
        # Only quoted names of the model and fixed types go into the text; values are params.
        sql = (
            f"INSERT INTO {table} ({columns}, email_attempts, email_error) "  # nosec B608
            f"SELECT *, 0, '' FROM unnest({arrays}) ON CONFLICT DO NOTHING"
        )
        with connection.cursor() as cursor:
            for start in range(0, len(nudges), INSERT_BATCH):
                batch = nudges[start : start + INSERT_BATCH]
                cursor.execute(
                    sql,
                    [[getattr(n, column) for n in batch] for column, _type in NEW_NUDGE_COLUMNS],
                )

    def stale_claims(self, now: datetime.datetime, timeout: datetime.timedelta):
        """Emails claimed longer ago than `timeout` and never marked sent: a crash left them."""
        return self.filter(email_state=EmailState.SENDING, email_claimed_at__lt=now - timeout)

    def renew_claim(self, at: datetime.datetime) -> int:
        """The lease's heartbeat (reminders/delivery.py): the claim is still being worked on."""
        return self.update(email_claimed_at=at)

    # How the email of these nudges went, recorded on the claimed rows (reminders/delivery.py).

    def mark_sent(self, at: datetime.datetime) -> int:
        return self.update(
            email_state=EmailState.SENT, email_sent_at=at, email_error="", email_next_try_at=None
        )

    def retry_at(self, when: datetime.datetime, error: str) -> int:
        """Back to pending and unclaimed: the delivery run sends them again from `when` on."""
        return self.update(
            email_state=EmailState.PENDING,
            email_claim=None,
            email_next_try_at=when,
            email_error=error,
        )

    def mark_failed(self, error: str) -> int:
        return self.update(email_state=EmailState.FAILED, email_error=error)


class Nudge(models.Model):
    """One reminder shown in the app (and maybe emailed), recorded once under a unique key.

    The key names the object and its occurrence (a contact's birthday in 2026, a follow-up
    due on a day, an ISO week): deriving nudges again finds the row and creates nothing.
    """

    # The unique (owner, kind, key) index serves the owner's lookups: no index of its own.
    # The other references are indexed only where set (for the cascades on delete); fewer
    # indexes make the first scan of a day, which inserts a row per nudge, cheaper.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges", db_index=False
    )
    kind = models.CharField(max_length=10, choices=NudgeKind.choices)
    key = models.CharField(max_length=120)
    # The day the nudge is about: the birthday, the due day, the lunch day, the week's Monday.
    occurs_on = models.DateField()
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    follow_up = models.ForeignKey(
        "reminders.FollowUp",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    lunch = models.ForeignKey(
        "reminders.Lunch",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    important_date = models.ForeignKey(
        "reminders.ImportantDate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    goal = models.ForeignKey(
        "strategy.Goal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE, blank=True
    )
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)
    # After a failed send: not before this instant (exponential backoff); the first delivery
    # run after it sends again.
    email_next_try_at = models.DateTimeField(null=True, blank=True)
    # Which delivery run holds the claim: its UPDATE sets it, and only that run marks sent.
    email_claim = models.UUIDField(null=True, blank=True)

    objects = NudgeQuerySet.as_manager()

    class Meta:
        ordering = ["-occurs_on", "-id"]
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        constraints = [
            models.UniqueConstraint("owner", "kind", "key", name="nudge_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="nudge_owner_recent"),
            models.Index(
                fields=["email_state", "email_claimed_at"],
                condition=models.Q(email_state__in=["pending", "sending"]),
                name="nudge_email_open",
            ),
            *(
                models.Index(
                    fields=[field],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"nudge_{field}",
                )
                for field in ("follow_up", "lunch", "important_date", "goal", "email_claim")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    @classmethod
    def merge_contact_rows(cls, survivor, other) -> None:
        """Merging two contacts (contacts/merging.py): the other's nudges become the
        survivor's. A birthday nudge's key starts with its contact's id (reminders/scan.py),
        so it is re-keyed too: the scan then knows the birthday was nudged and does not nudge
        it again. Where the survivor has that very nudge already, the other's goes."""
        rows = cls._base_manager.filter(owner_id=survivor.owner_id)
        old, new = f"{other.pk}:", f"{survivor.pk}:"
        birthdays = rows.filter(contact=other, kind=NudgeKind.BIRTHDAY, key__startswith=old)
        rekeyed = Concat(Value(new), Substr("key", len(old) + 1), output_field=models.CharField())
        same = rows.filter(
            kind=NudgeKind.BIRTHDAY,
            key=Concat(
                Value(new), Substr(OuterRef("key"), len(old) + 1), output_field=models.CharField()
            ),
        )
        birthdays.filter(Exists(same)).delete()
        birthdays.update(key=rekeyed)
        rows.filter(contact=other).update(contact=survivor)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def age(self) -> datetime.timedelta:
        return timezone.now() - self.created_at

    @property
    def is_belated(self) -> bool:
        """Created after the day it is about: a birthday or date whose day the scan missed
        (an outage), caught up later (reminders/scan.py)."""
        created_on = self.created_at.astimezone(self.owner.zone).date()
        return self.kind in (NudgeKind.BIRTHDAY, NudgeKind.IMPORTANT_DATE) and (
            created_on > self.occurs_on
        )

    def headline(self, today: datetime.date) -> str:
        """One line saying what the nudge is about, in the active language: the nudge's only
        wording, shown by the app's nudge rows and by the nudge email alike.

        Reads only the related rows (load them with NudgeQuerySet.for_display()); the email
        uses it too, so it must not depend on the request.
        """
        day = formats.date_format(self.occurs_on, "MONTH_DAY_FORMAT")
        days = (self.occurs_on - today).days
        if self.kind == NudgeKind.BIRTHDAY and self.contact:
            name = self.contact.name
            year = self.contact.birthday_year
            if days == 0 and year:
                return gettext("%(name)s turns %(age)d today.") % {
                    "name": name,
                    "age": self.occurs_on.year - year,
                }
            if days == 0:
                return gettext("%(name)s has a birthday today.") % {"name": name}
            if days > 0:
                return ngettext(
                    "%(name)s has a birthday tomorrow (%(day)s).",
                    "%(name)s has a birthday in %(days)d days (%(day)s).",
                    days,
                ) % {"name": name, "days": days, "day": day}
            if self.is_belated:
                return gettext("Belated: %(name)s had a birthday on %(day)s.") % {
                    "name": name,
                    "day": day,
                }
            return gettext("%(name)s had a birthday on %(day)s.") % {"name": name, "day": day}
        if self.kind == NudgeKind.IMPORTANT_DATE and self.important_date:
            date = self.important_date
            values = {"title": date.title, "name": date.contact.name, "day": day, "days": days}
            if days == 0:
                return gettext("Today: %(title)s of %(name)s.") % values
            if days > 0:
                return (
                    ngettext(
                        "Tomorrow: %(title)s of %(name)s (%(day)s).",
                        "In %(days)d days: %(title)s of %(name)s (%(day)s).",
                        days,
                    )
                    % values
                )
            if self.is_belated:
                return gettext("Belated: %(title)s of %(name)s was on %(day)s.") % values
            return gettext("%(title)s of %(name)s was on %(day)s.") % values
        if self.kind == NudgeKind.FOLLOW_UP and self.follow_up:
            values = {"name": self.follow_up.contact.name, "note": self.follow_up.text}
            if values["note"]:
                return gettext("Follow up with %(name)s: %(note)s") % values
            return gettext("Follow up with %(name)s.") % values
        if self.kind == NudgeKind.KEEP_IN_TOUCH and self.contact:
            return gettext("Time to get in touch with %(name)s again.") % {
                "name": self.contact.name
            }
        if self.kind == NudgeKind.LUNCH_WEEK:
            target = self.owner.lunch_target
            return ngettext(
                "Plan your lunch this week: your target is %(target)d lunch.",
                "Plan your lunches this week: your target is %(target)d lunches.",
                target,
            ) % {"target": target}
        if self.kind == NudgeKind.LUNCH_TODAY and self.lunch:
            lunch = self.lunch
            names = ", ".join(person.name for person in lunch.people)
            when = formats.time_format(lunch.time, "TIME_FORMAT") if lunch.time else ""
            text = gettext("Lunch today with %(names)s") % {"names": names or "…"}
            details = " · ".join(part for part in (when, lunch.place) if part)
            return f"{text} ({details})" if details else text
        if self.kind == NudgeKind.GOAL_REVIEW and self.goal_id:
            return gettext("A goal review is due: %(title)s") % {"title": self.goal.title}
        if self.kind == NudgeKind.GOAL_REVIEW:
            return gettext("A goal review is due.")
        # Deleting its object deletes the nudge, so only a row made without one gets here:
        # it still says what kind of reminder it is.
        return str(self.get_kind_display())

    def target_url(self) -> str:
        """Where tapping the nudge leads."""
        if self.kind == NudgeKind.FOLLOW_UP and self.follow_up_id:
            return reverse("reminders:followup_list")
        if self.kind in (NudgeKind.LUNCH_WEEK, NudgeKind.LUNCH_TODAY):
            return reverse("reminders:lunch_list")
        if self.kind == NudgeKind.IMPORTANT_DATE and self.important_date:
            return self.important_date.contact.get_absolute_url()
        if self.kind == NudgeKind.GOAL_REVIEW and self.goal_id:
            return reverse("strategy:goal_detail", args=[self.goal_id])
        if self.contact_id:
            return reverse("contacts:detail", args=[self.contact_id])
        return reverse("reminders:dashboard")

    @property
    def emoji(self) -> str:
        return {
            NudgeKind.BIRTHDAY: "🎂",
            NudgeKind.IMPORTANT_DATE: "📅",
            NudgeKind.FOLLOW_UP: "↩️",
            NudgeKind.KEEP_IN_TOUCH: "👋",
            NudgeKind.LUNCH_WEEK: "🍽️",
            NudgeKind.LUNCH_TODAY: "🍽️",
            NudgeKind.GOAL_REVIEW: "🎯",
        }.get(self.kind, "🔔")
