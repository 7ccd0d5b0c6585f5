"""The REST API, /api/v1/: every kind of object a user owns (crud.py makes the endpoints)."""

from functools import cached_property
from typing import Annotated

from django.db.models import Prefetch
from django.http import HttpRequest
from django.http.request import RawPostDataException
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Router, Schema, Swagger
from ninja.errors import HttpError
from ninja.security import SessionAuth
from pydantic import Field

from contacts.forms import (
    ContactFilterForm,
    ContactForm,
    HelpEntryForm,
    InteractionForm,
    IntroductionEditForm,
    IntroductionForm,
    TagForm,
)
from contacts.models import Contact, HelpEntry, Interaction, Introduction, Tag
from contacts.paging import keyset_page
from contacts.search_paging import searched_page
from reminders.forms import FollowUpForm, ImportantDateForm, LunchForm, SnoozeForm
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge
from strategy.forms import ChannelForm, EventForm, GoalContactEditForm, GoalForm, GroupForm
from strategy.models import Event, Goal, GoalChannel, GoalContact, Group

from . import schemas
from .auth import PerCaller, TokenAuth
from .contact_rows import contact_data, with_tags_and_links
from .crud import (
    Parent,
    Resource,
    etag_of,
    json_response,
    read_cursor,
    register,
    signed_cursor,
    validation_error,
)
from .forms import GoalContactLinkForm
from .forms_bridge import errors, form_data, input_schema
from .schemas import ERROR_RESPONSES


class NetzwerkAPI(NinjaAPI):
    """Django Ninja's API with its OpenAPI schema built once per process and language:
    building it walks every operation's Pydantic models, which takes over a second, and
    ninja does it on every load of the docs page and of /openapi.json."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        key = (path_prefix, get_language())
        if key not in self._schemas:
            self._schemas[key] = super().get_openapi_schema(path_prefix=path_prefix)
        return self._schemas[key]

    @cached_property
    def _schemas(self) -> dict:
        return {}


api = NetzwerkAPI(
    title="Netzwerk API",
    version="1",
    description="Your contacts, interactions and plans, for your own tools. "
    "Authenticate with a personal access token (preferences → API tokens): "
    "`Authorization: Bearer nzw_…`.",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[PerCaller()],
    # Served from static files (ninja in INSTALLED_APPS): no CDN, no inline script.
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
router = Router()


@api.exception_handler(RawPostDataException)
def form_post(request: HttpRequest, exc: RawPostDataException):
    # A form post (multipart) signed in by session has had its body read by the CSRF check
    # already; it is not JSON anyway.
    return api.create_response(
        request,
        {"detail": _("Send the body as JSON (Content-Type: application/json).")},
        status=415,
    )


def contacts(user):
    return Contact.objects.for_owner(user).prefetch_related(
        Prefetch("tags", Tag.objects.only("id", "name")), "links"
    )


def owned(model, *related):
    def queryset(user):
        qs = model.objects.for_owner(user)
        return qs.prefetch_related(*related) if related else qs

    return queryset


# Follow-ups, dates and give-first entries name the contact they belong to.
OF_A_CONTACT = Parent("contact", Contact.objects.for_owner)

RESOURCES = [
    Resource("contacts", "contacts", schemas.ContactOut, contacts, form=ContactForm, listed=False),
    Resource(
        "interactions",
        "interactions",
        schemas.InteractionOut,
        owned(Interaction, Prefetch("contacts", Contact.objects.only("id"))),
        form=InteractionForm,
    ),
    Resource("tags", "tags", schemas.TagOut, owned(Tag), form=TagForm),
    Resource(
        "follow-ups",
        "reminders",
        schemas.FollowUpOut,
        owned(FollowUp),
        form=FollowUpForm,
        form_kwargs=lambda user, contact: {"owner": user, "contact": contact},
        parent=OF_A_CONTACT,
    ),
    Resource(
        "important-dates",
        "reminders",
        schemas.ImportantDateOut,
        owned(ImportantDate),
        form=ImportantDateForm,
        form_kwargs=lambda user, contact: {"owner": user, "contact": contact},
        parent=OF_A_CONTACT,
    ),
    Resource(
        "lunches",
        "reminders",
        schemas.LunchOut,
        owned(Lunch, Prefetch("contacts", Contact.objects.only("id"))),
        form=LunchForm,
    ),
    Resource("nudges", "reminders", schemas.NudgeOut, owned(Nudge)),
    Resource("goals", "strategy", schemas.GoalOut, owned(Goal), form=GoalForm),
    # The contacts who matter for a goal, each with a next step (the goal's page).
    Resource(
        "goal-contacts",
        "strategy",
        schemas.GoalContactOut,
        owned(GoalContact),
        form=GoalContactLinkForm,
        edit_form=GoalContactEditForm,
        form_kwargs=lambda user, goal: {"owner": user, "goal": goal},
        parent=Parent("goal", Goal.objects.for_owner),
    ),
    Resource(
        "channels",
        "strategy",
        schemas.ChannelOut,
        owned(GoalChannel),
        form=ChannelForm,
        form_kwargs=lambda user, goal: {"goal": goal},
        parent=Parent("goal", Goal.objects.for_owner),
    ),
    Resource(
        "groups",
        "strategy",
        schemas.GroupOut,
        owned(Group, Prefetch("goals", Goal.objects.only("id"))),
        form=GroupForm,
    ),
    Resource("events", "strategy", schemas.EventOut, owned(Event), form=EventForm),
    Resource(
        "introductions",
        "contacts",
        schemas.IntroductionOut,
        owned(Introduction),
        form=IntroductionForm,
        edit_form=IntroductionEditForm,
        form_kwargs=lambda user, parent: {"owner": user},
    ),
    Resource(
        "give-first",
        "contacts",
        schemas.HelpEntryOut,
        owned(HelpEntry),
        form=HelpEntryForm,
        form_kwargs=lambda user, contact: {"contact": contact},
        parent=OF_A_CONTACT,
    ),
]
RESOURCE = {resource.path: resource for resource in RESOURCES}


class ContactFilters(Schema):
    q: Annotated[str | None, Field(None, max_length=200, description="Search words")] = None
    category: Annotated[str | None, Field(None, description="einhorn, flamingo or pinguin")] = None
    tag: Annotated[int | None, Field(None, ge=1, le=2**63 - 1, description="A tag's id")] = None
    status: Annotated[
        str | None, Field(None, description="active, wish, archived or all (default: not archived)")
    ] = None
    sort: Annotated[str | None, Field(None, description="name, recent, longest or newest")] = None
    cursor: Annotated[str | None, Field(None, max_length=2000)] = None
    limit: Annotated[int, Field(50, ge=1, le=200)] = 50


@router.get(
    "/contacts/",
    response={200: schemas.page_of(schemas.ContactOut), **ERROR_RESPONSES},
    tags=["contacts"],
    operation_id="list_contacts",
    url_name="contacts_list",
)
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]):
    """The contact list with the same search, filters and sorts as the app's list; the
    cursor pages cost the same however deep."""
    query = filters.dict(exclude={"cursor", "limit"}, exclude_none=True)
    form = ContactFilterForm(query)
    if not form.is_valid():
        return json_response(
            {"detail": _("Please correct the errors."), "errors": errors(form)}, 422
        )
    sort_name = form.cleaned_data.get("sort") or "name"
    sort = form.sort_choice()
    cursor = None
    if filters.cursor:
        signed = read_cursor(filters.cursor)
        if not (isinstance(signed, list) and len(signed) == 2 and signed[0] == sort_name):
            raise HttpError(422, _("That cursor is not valid."))
        cursor = sort.decode(signed[1])
        if cursor is None:
            raise HttpError(422, _("That cursor is not valid."))
    owned_contacts = Contact.objects.for_owner(request.user)
    if query_text := form.cleaned_data["q"]:
        listed = form.filter(owned_contacts, search=False).for_list()
        page = searched_page(listed.prefetch_related(None), query_text, sort, cursor, filters.limit)
        # The search reads only the list's columns; the page's rows in full, in one query.
        full = with_tags_and_links(owned_contacts).in_bulk([row.pk for row in page.rows])
        rows = [full[row.pk] for row in page.rows if row.pk in full]
    else:
        listed = with_tags_and_links(form.filter(owned_contacts, search=False).with_sort_keys())
        page = keyset_page(listed, sort, cursor, filters.limit)
        rows = page.rows
    return json_response(
        {
            "items": [contact_data(row) for row in rows],
            "next_cursor": signed_cursor([sort_name, page.next_cursor])
            if page.next_cursor
            else None,
        }
    )


@router.post(
    "/nudges/{int:id}/read",
    response={200: schemas.NudgeOut, **ERROR_RESPONSES},
    tags=["reminders"],
    operation_id="mark_nudge_read",
    url_name="nudge_read",
)
def mark_nudge_read(request: HttpRequest, id: int):
    nudge = RESOURCE["nudges"].get(request.user, id)
    if nudge.read_at is None:
        Nudge.objects.filter(pk=nudge.pk).mark_read()
        nudge.read_at = timezone.now()
    data = schemas.NudgeOut.from_orm(nudge).model_dump(mode="json")
    return json_response(data, etag=etag_of(data))


@router.post(
    "/nudges/read",
    response={200: schemas.ReadCount, **ERROR_RESPONSES},
    tags=["reminders"],
    operation_id="mark_all_nudges_read",
    url_name="nudges_read",
)
def mark_all_nudges_read(request: HttpRequest):
    return json_response({"marked": Nudge.objects.for_owner(request.user).mark_read()})


def _follow_up_data(follow_up: FollowUp) -> dict:
    return RESOURCE["follow-ups"].out_data(follow_up)


@router.post(
    "/follow-ups/{int:id}/done",
    response={200: schemas.FollowUpDone, **ERROR_RESPONSES},
    tags=["reminders"],
    operation_id="mark_follow_up_done",
    url_name="follow_up_done",
)
def mark_follow_up_done(request: HttpRequest, id: int):
    """Done, as on the follow-ups page: a repeating one comes back at its next date (the
    new follow-up is `next`). Done twice is still one follow-up done."""
    follow_up = RESOURCE["follow-ups"].get(request.user, id)
    following = follow_up.mark_done(timezone.localdate())
    data = {
        "follow_up": _follow_up_data(follow_up),
        "next": _follow_up_data(following) if following else None,
    }
    return json_response(data)


SnoozeIn = input_schema("FollowUpSnooze", SnoozeForm())


@router.post(
    "/follow-ups/{int:id}/snooze",
    response={200: schemas.FollowUpOut, **ERROR_RESPONSES},
    tags=["reminders"],
    operation_id="snooze_follow_up",
    url_name="follow_up_snooze",
)
def snooze_follow_up(request: HttpRequest, id: int, payload: SnoozeIn):
    """Move it 1, 7 (without `days`) or 30 days past today, as the page's snooze does."""
    follow_up = RESOURCE["follow-ups"].get(request.user, id)
    form = SnoozeForm(form_data(SnoozeForm(), payload.dict(exclude_unset=True)))
    if not form.is_valid():
        return validation_error(errors(form))
    follow_up.snooze(timezone.localdate(), days=form.cleaned_data["days"])
    data = _follow_up_data(follow_up)
    return json_response(data, etag=etag_of(data))


for resource in RESOURCES:
    register(router, resource)

api.add_router("", router)
