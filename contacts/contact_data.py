"""What Netzwerk stores about a person, in the shape other formats are read into and written
from: vCards, the CSV files of LinkedIn, Google and Outlook, and the import preview."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .forms.fields import PHONE_RE
from .models import Channel, Contact
from .normalise import (
    DEFAULT_PHONE_REGION,
    channel_for_url,
    clean_url,
    phone_display,
    split_titles,
    strip_symbols,
)

# The edit form accepts this many emails and phones; an import keeps the same bound.
MAX_LIST_ITEMS = 10
# A cell that a spreadsheet would run as a formula, not a name anyone has.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _limit(field: str) -> int:
    return Contact._meta.get_field(field).max_length


@dataclasses.dataclass
class ContactData:
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    role: str = ""
    city: str = ""
    emails: list[str] = dataclasses.field(default_factory=list)
    phones: list[str] = dataclasses.field(default_factory=list)
    birthday_day: int | None = None
    birthday_month: int | None = None
    birthday_year: int | None = None
    how_we_met: str = ""
    interests: str = ""
    notes: str = ""
    # One profile link per channel (Channel values); further URLs go to the notes.
    links: dict[str, str] = dataclasses.field(default_factory=dict)
    tags: list[str] = dataclasses.field(default_factory=list)
    # What was adjusted on the way in (shown in the preview; the row is still imported).
    warnings: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_contact(cls, contact: Contact, links=None, tags=None) -> "ContactData":
        """The stored contact; links and tags may be given when prefetched."""
        links = contact.links.all() if links is None else links
        tags = contact.tags.all() if tags is None else tags
        return cls(
            first_name=contact.first_name,
            last_name=contact.last_name,
            company=contact.company,
            role=contact.role,
            city=contact.city,
            emails=list(contact.emails or []),
            phones=list(contact.phones or []),
            birthday_day=contact.birthday_day,
            birthday_month=contact.birthday_month,
            birthday_year=contact.birthday_year,
            how_we_met=contact.how_we_met,
            interests=contact.interests,
            notes=contact.notes,
            links={link.channel: link.url for link in links},
            tags=[tag.name for tag in tags],
        )

    @classmethod
    def from_json(cls, data: dict) -> "ContactData":
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def birthday(self) -> datetime.date | None:
        if not (self.birthday_day and self.birthday_month):
            return None
        return datetime.date(self.birthday_year or 2000, self.birthday_month, self.birthday_day)

    # Building up, as the readers find things.

    def set_name(self, first: str, last: str) -> None:
        """Take the name as written, without emoji and titles; what was taken off stays
        readable in the notes."""
        raw = " ".join(part.strip() for part in (first, last) if part.strip())
        first, first_titles = split_titles(strip_symbols(first))
        last, last_titles = split_titles(strip_symbols(last))
        self.first_name, self.last_name = first, last
        if first_titles or last_titles or raw != self.name:
            self.add_note(_("Name as written: %(name)s") % {"name": raw})

    def add_email(self, email: str) -> None:
        email = email.strip().removeprefix("mailto:")
        if not email or email.lower() in {e.lower() for e in self.emails}:
            return
        try:
            validate_email(email)
        except ValidationError:
            self.warnings.append(
                _("“%(value)s” is no email address; it was put into the notes.") % {"value": email}
            )
            self.add_note(email)
            return
        self.emails.append(email)

    def add_phone(self, phone: str, region: str = DEFAULT_PHONE_REGION) -> None:
        phone = phone.strip()
        if not phone:
            return
        shown = phone_display(phone, region)
        if shown in self.phones:
            return
        if not PHONE_RE.match(shown) or sum(ch.isdigit() for ch in shown) < 3:
            self.warnings.append(
                _("“%(value)s” is no phone number; it was put into the notes.") % {"value": phone}
            )
            self.add_note(phone)
            return
        self.phones.append(shown)

    def add_url(self, url: str, channel: str | None = None) -> None:
        """A profile link for its channel, the first other site as website; the rest are
        kept in the notes."""
        url = clean_url(url)
        if not url or url in self.links.values():
            return
        channel = channel or channel_for_url(url) or Channel.WEBSITE.value
        if channel not in Channel.values:
            channel = Channel.OTHER.value
        for candidate in (channel, Channel.OTHER.value):
            if candidate not in self.links and len(url) <= 500:
                self.links[candidate] = url
                return
        self.add_note(url)

    def add_tag(self, name: str) -> None:
        name = strip_symbols(name)[:50].strip()
        if name and name.lower() not in {t.lower() for t in self.tags}:
            self.tags.append(name)

    def add_note(self, text: str) -> None:
        text = text.strip()
        if text:
            self.notes = f"{self.notes}\n{text}" if self.notes else text

    def set_birthday(self, day: int, month: int, year: int | None) -> None:
        """A birthday; a year outside what the contact form accepts is left out."""
        try:
            datetime.date(year or 2000, month, day)
        except (TypeError, ValueError):
            self.warnings.append(_("The birthday is no valid date; it was left out."))
            return
        this_year = datetime.date.today().year
        self.birthday_day, self.birthday_month = day, month
        self.birthday_year = year if year and 1900 <= year <= this_year else None
        if year and self.birthday_year is None and year not in {1604, 1900}:
            # 1604 (Apple) and 1900 (Outlook) stand for "no year"; other years are typos.
            self.warnings.append(_("The birth year %(year)s was left out.") % {"year": year})

    # Checking, before anything is saved.

    def finish(self) -> None:
        """A person known by their company only keeps the company as their name, and
        lists are cut to what the edit form accepts."""
        if not self.name and self.company:
            self.last_name = self.company[: _limit("last_name")]
        for attr in ("emails", "phones"):
            items = getattr(self, attr)
            if len(items) > MAX_LIST_ITEMS:
                self.add_note(", ".join(items[MAX_LIST_ITEMS:]))
                setattr(self, attr, items[:MAX_LIST_ITEMS])
        self.tags = self.tags[:30]

    def errors(self) -> list[str]:
        """Why this person cannot be imported, in words a person understands."""
        problems = []
        if not self.name:
            problems.append(_("There is no name."))
        for field, label in (
            ("first_name", _("first name")),
            ("last_name", _("last name")),
            ("company", _("company")),
        ):
            value = getattr(self, field)
            if value.startswith(FORMULA_STARTS):
                problems.append(
                    _("The %(field)s “%(value)s” looks like a spreadsheet formula, not a name.")
                    % {"field": label, "value": value[:40]}
                )
        for field, label in (
            ("first_name", _("first name")),
            ("last_name", _("last name")),
            ("company", _("company")),
            ("role", _("role")),
            ("city", _("city")),
            ("how_we_met", _("how and where we met")),
            ("interests", _("interests")),
            ("notes", _("notes")),
        ):
            limit = _limit(field)
            if len(getattr(self, field)) > limit:
                problems.append(
                    _("The %(field)s is longer than %(limit)s characters.")
                    % {"field": label, "limit": limit}
                )
        return problems
