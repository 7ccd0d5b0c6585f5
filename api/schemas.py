"""Shapes the API answers with besides the objects: errors and pages."""

from typing import Annotated

from ninja import ModelSchema, Schema
from pydantic import Field, create_model

from contacts.models import Contact, HelpEntry, Interaction, Introduction, Tag
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge
from strategy.models import Event, Goal, GoalChannel, GoalContact, Group


class FieldError(Schema):
    message: str
    code: str


class Error(Schema):
    """Every error: a sentence, and for invalid input the fields' errors ("__all__" for
    the whole object), in the language of the request."""

    detail: str | list | dict
    errors: dict[str, list[FieldError]] | None = None


# Every operation may answer with these; 422 is also invalid JSON or query parameters.
ERROR_RESPONSES = {frozenset({400, 401, 403, 404, 409, 412, 415, 422, 429}): Error}


class PageParams(Schema):
    cursor: Annotated[str | None, Field(None, max_length=2000)] = None
    limit: Annotated[int, Field(50, ge=1, le=200)] = 50


def page_of(item: type[Schema]) -> type[Schema]:
    """A page of items and the cursor of the next page (null on the last)."""
    return create_model(
        f"{item.__name__}Page",
        __base__=Schema,
        items=(list[item], ...),
        next_cursor=(str | None, None),
    )


# The objects, as the API shows them.


class ContactOut(ModelSchema):
    emails: list[str]
    phones: list[str]
    tags: list[str]
    links: dict[str, str]

    class Meta:
        model = Contact
        fields = [
            "id",
            "first_name",
            "last_name",
            "company",
            "role",
            "city",
            "category",
            "status",
            "emails",
            "phones",
            "birthday_day",
            "birthday_month",
            "birthday_year",
            "how_we_met",
            "interests",
            "warmth",
            "keep_in_touch_days",
            "notes",
            "address_form",
            "message_language",
            "last_contacted_on",
            "created_at",
        ]

    @staticmethod
    def resolve_tags(contact: Contact) -> list[str]:
        return [tag.name for tag in contact.tags.all()]

    @staticmethod
    def resolve_links(contact: Contact) -> dict[str, str]:
        return {link.channel: link.url for link in contact.links.all()}


class TagOut(ModelSchema):
    class Meta:
        model = Tag
        fields = ["id", "name"]


class InteractionOut(ModelSchema):
    # What the timeline shows: the app's own note (a congratulation, in the request's
    # language) and the user's notes.
    text: str

    class Meta:
        model = Interaction
        fields = ["id", "kind", "date", "notes", "contacts", "created_at"]

    @staticmethod
    def resolve_text(interaction: Interaction) -> str:
        return interaction.text


class IntroductionOut(ModelSchema):
    class Meta:
        model = Introduction
        fields = ["id", "contact_a", "contact_b", "why", "status", "made_on", "created_at"]


class HelpEntryOut(ModelSchema):
    class Meta:
        model = HelpEntry
        fields = ["id", "contact", "direction", "kind", "date", "note", "created_at"]


class FollowUpOut(ModelSchema):
    # What the follow-up is about: the user's note, or what the app planned (asking how an
    # introduction went), in the request's language.
    text: str

    class Meta:
        model = FollowUp
        fields = ["id", "contact", "due_on", "note", "repeat", "done_at", "created_at"]

    @staticmethod
    def resolve_text(follow_up: FollowUp) -> str:
        return follow_up.text


class FollowUpDone(Schema):
    follow_up: FollowUpOut
    # A repeating follow-up's next one; null for one that does not repeat.
    next: FollowUpOut | None


class ImportantDateOut(ModelSchema):
    class Meta:
        model = ImportantDate
        fields = ["id", "contact", "kind", "label", "day", "month", "year"]


class LunchOut(ModelSchema):
    class Meta:
        model = Lunch
        fields = ["id", "date", "time", "place", "notes", "status", "contacts", "created_at"]


class NudgeOut(ModelSchema):
    class Meta:
        model = Nudge
        fields = [
            "id",
            "kind",
            "occurs_on",
            "contact",
            "follow_up",
            "lunch",
            "important_date",
            "goal",
            "created_at",
            "read_at",
        ]


class GoalOut(ModelSchema):
    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "target_date",
            "status",
            "review_every_days",
            "last_reviewed_on",
            "next_review_on",
            "created_at",
        ]


class GoalContactOut(ModelSchema):
    class Meta:
        model = GoalContact
        fields = ["id", "goal", "contact", "next_step", "created_at"]


class ChannelOut(ModelSchema):
    class Meta:
        model = GoalChannel
        fields = ["id", "goal", "platform", "reason", "weekly_minutes", "profile_url", "created_at"]


class GroupOut(ModelSchema):
    class Meta:
        model = Group
        fields = ["id", "name", "kind", "engagement", "outside_bubble", "url", "notes", "goals"]


class EventOut(ModelSchema):
    class Meta:
        model = Event
        fields = ["id", "title", "date", "place", "group", "outside_bubble", "notes", "created_at"]


class ReadCount(Schema):
    marked: int
