"""No URL that takes an object id shows or changes another user's object.

The URLs are found through the resolver, so a new view with an id in its path is checked the
day it is added. Which model a URL serves is found out by asking: the owner opens the URL with
the id of each of their objects (all ids differ), and exactly one of them must open. A URL for a
model this test cannot build yet fails loudly and names the place to register a builder.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils import timezone

from api.models import ApiToken, Scope
from contacts.carddav.models import AddressBook, AppPassword
from contacts.models import Contact, HelpEntry, ImportBatch, Interaction, Introduction, Tag
from reminders.models import FollowUp, ImportantDate, Lunch, Nudge, PushSubscription
from strategy.models import Event, Goal, GoalChannel, GoalContact, Group
from webhooks.models import Endpoint

from .api.conftest import ApiClient
from .factories import (
    make_channel,
    make_contact,
    make_event,
    make_goal,
    make_goal_contact,
    make_group,
    make_help,
    make_interaction,
    make_introduction,
    make_request_prep,
    make_tag,
    make_user,
)
from .shared_rows import rows_for_several_tests

# Third-party URL trees have their own permission model and tests; the CardDAV URLs sign in
# with app passwords instead of the session and are checked by the DAV test below.
# The API's URLs answer JSON with their own methods (PUT, PATCH, DELETE) and are walked
# through their OpenAPI schema by the API test at the end.
SKIPPED_NAMESPACES = {"admin", "carddav", "api"}
SKIPPED_MODULES = ("django.contrib.admin", "allauth")
# The walker itself is tested: these must be among the URLs it finds.
KNOWN_OBJECT_URLS = {
    "contacts:detail",
    "contacts:interaction_edit",
    "contacts:tag_rename",
    "reminders:followup_done",
    "reminders:date_edit",
    "reminders:lunch_done",
    "reminders:nudge_read",
}
MISSING_ID = 999_999_999


def _build_contact(owner, built: dict) -> Contact:
    contact = make_contact(owner, first_name="Olivia", last_name="Owner", company="Eigen GmbH")
    # An edited request message, so that rebuilding it from the answers changes something.
    make_request_prep(contact, does_today="Geschäftsführerin", draft="Mein eigener Text")
    return contact


def _build_interaction(owner, built: dict) -> Interaction:
    return make_interaction(built[Contact], kind="coffee", days_ago=3, notes="Geheimes Projekt")


def _build_tag(owner, built: dict) -> Tag:
    tag = make_tag(owner, "Vertraulich")
    built[Contact].set_tags([tag])
    return tag


def _build_follow_up(owner, built: dict) -> FollowUp:
    return FollowUp.objects.create(
        owner=owner, contact=built[Contact], due_on=timezone.localdate(), note="Angebot"
    )


def _build_important_date(owner, built: dict) -> ImportantDate:
    return ImportantDate.objects.create(
        owner=owner, contact=built[Contact], kind="work", day=1, month=4, year=2015
    )


def _build_lunch(owner, built: dict) -> Lunch:
    lunch = Lunch.objects.create(owner=owner, date=timezone.localdate(), place="Kantine")
    lunch.contacts.set([built[Contact]])
    return lunch


def _build_nudge(owner, built: dict) -> Nudge:
    return Nudge.objects.create(
        owner=owner,
        kind="followup",
        key=f"followup-{built[FollowUp].pk}",
        occurs_on=timezone.localdate(),
        follow_up=built[FollowUp],
        contact=built[Contact],
    )


def _build_introduction(owner, built: dict) -> Introduction:
    # The partner is built here, right after the first contact, so every object built
    # later is checked against its id too; a retry reuses it so the ids can move apart.
    partner = Contact.objects.for_owner(owner).filter(first_name="Paula").first()
    partner = partner or make_contact(owner, first_name="Paula", last_name="Partner")
    return make_introduction(built[Contact], partner, why="Beide lieben Typografie")


def _build_help(owner, built: dict) -> HelpEntry:
    return make_help(built[Contact], kind="knowledge", note="Preisliste geteilt")


def _build_goal(owner, built: dict) -> Goal:
    return make_goal(owner, title="Geheimes Ziel", kind="clients")


def _build_goal_contact(owner, built: dict) -> GoalContact:
    return make_goal_contact(built[Goal], built[Contact], next_step="Kaffee vorschlagen")


def _build_channel(owner, built: dict) -> GoalChannel:
    return make_channel(built[Goal], "linkedin", weekly_minutes=60, reason="Kundschaft")


def _build_group(owner, built: dict) -> Group:
    return make_group(owner, goals=[built[Goal]], name="Geheimer Stammtisch")


def _build_event(owner, built: dict) -> Event:
    return make_event(owner, days_ago=2, title="Geheimes Treffen", group=built[Group])


def _build_app_password(owner, built: dict) -> AppPassword:
    return AppPassword.create_for(owner, "Telefon")[0]


def _build_api_token(owner, built: dict) -> ApiToken:
    return ApiToken.create_for(owner, "Skript")[0]


def _build_address_book(owner, built: dict) -> AddressBook:
    return AddressBook.objects.create(owner=owner, name="Privat")


def _build_push_subscription(owner, built: dict) -> PushSubscription:
    return PushSubscription.objects.create(
        owner=owner,
        name="Telefon",
        endpoint=f"https://fcm.googleapis.com/fcm/send/{owner.pk}-{timezone.now().timestamp()}",
        p256dh="BPk",
        auth="c2VjcmV0",
    )


def _build_webhook_endpoint(owner, built: dict) -> Endpoint:
    # Switched off (by Netzwerk), so "switch on again" changes it; a public address literal
    # needs no DNS.
    return Endpoint.objects.create(
        owner=owner,
        url="https://93.184.215.14/hook",
        events=["contact.created"],
        enabled=False,
        disabled_reason="Abgeschaltet",
    )


def _build_import_batch(owner, built: dict) -> ImportBatch:
    upload = {"name": "Geheim.csv", "data": "TmFtZQpBbm5h", "headers": ["Name"], "fields": [""]}
    upload["signature"] = "0123456789abcdef"
    return ImportBatch.objects.create(
        owner=owner, title="Geheim.csv", state="ready", files=[upload]
    )


# One owned object per model an id in a URL can point to, built in this order (a builder may
# use the objects built before it). A URL for any other model fails the test until its model
# is added here; the model needs `objects.for_owner(user)` like every owned model.
OWNED_OBJECT_BUILDERS: dict[type[models.Model], Callable[..., models.Model]] = {
    Contact: _build_contact,
    Introduction: _build_introduction,
    Interaction: _build_interaction,
    Tag: _build_tag,
    FollowUp: _build_follow_up,
    ImportantDate: _build_important_date,
    Lunch: _build_lunch,
    Nudge: _build_nudge,
    HelpEntry: _build_help,
    Goal: _build_goal,
    GoalContact: _build_goal_contact,
    GoalChannel: _build_channel,
    Group: _build_group,
    Event: _build_event,
    AppPassword: _build_app_password,
    ApiToken: _build_api_token,
    AddressBook: _build_address_book,
    PushSubscription: _build_push_subscription,
    ImportBatch: _build_import_batch,
    Endpoint: _build_webhook_endpoint,
}


# Forms whose field names clash with another form's in attack_data(): their own values.
ATTACK_OVERRIDES = {
    "reminders:date_create": {"kind": "founding"},
    "reminders:date_edit": {"kind": "founding"},
    "contacts:import_mapping": {"column-0": "full_name"},
    "webhooks:endpoint": {"url": "https://93.184.215.14/other", "events": ["nudge.due"]},
}


def attack_data(objects: dict, url_name: str | None = None) -> dict:
    """Valid input for every form behind an object URL, aimed at the owner's data."""
    return {
        "first_name": "Mallory",
        "last_name": "Mallory",
        "company": "Übernahme AG",
        "category": "einhorn",
        "status": "active",
        "action": "archive",
        # "other" is a kind of interaction, goal, group and help entry alike.
        "kind": "other",
        "date": timezone.localdate().isoformat(),
        "notes": "überschrieben",
        "contacts": [objects[Contact].pk],
        "name": "überschrieben",
        "title": "überschrieben",
        "why": "überschrieben",
        "next_step": "überschrieben",
        "does_today": "überschrieben",
        "direction": "received",
        "stage": "sent",
        "progress": "made",
        "contact": objects[Contact].pk,
        "goal": objects[Goal].pk,
        "platform": "mastodon",
        "weekly_minutes": 45,
        "engagement": "member",
        "reviewed_on": timezone.localdate().isoformat(),
        "review_every_days": 60,
        "due_on": timezone.localdate().isoformat(),
        "note": "überschrieben",
        "repeat": "weekly",
        "days": "30",
        "label": "überschrieben",
        "day": "2",
        "month": "5",
        "year": "",
        "place": "überschrieben",
        "time": "13:00",
        "holds": "active",
        **ATTACK_OVERRIDES.get(url_name, {}),
    }


@dataclass
class ObjectUrl:
    name: str | None  # "namespace:name", None when the pattern has no name
    route: str
    id_kwargs: list[str]
    other_kwargs: list[str]

    def url(self, object_id: int) -> str:
        return reverse(self.name, kwargs={self.id_kwargs[0]: object_id})


def _is_id_like(name: str, converter) -> bool:
    return (
        isinstance(converter, IntConverter | UUIDConverter)
        or name == "pk"
        or name.endswith(("_pk", "_id"))
    )


def _kwargs_of(pattern) -> dict:
    """The URL kwargs of one pattern with their converters (None for regex groups)."""
    converters = getattr(pattern.pattern, "converters", {})
    regex_groups = getattr(pattern.pattern, "regex", None)
    names = dict.fromkeys(regex_groups.groupindex if regex_groups else [])
    names.update(converters)
    return names


def _walk(resolver: URLResolver, namespaces: list, route: str, kwargs: dict) -> Iterator:
    for pattern in resolver.url_patterns:
        here = {**kwargs, **_kwargs_of(pattern)}
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace in SKIPPED_NAMESPACES or module.startswith(SKIPPED_MODULES):
                continue
            spaces = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
            yield from _walk(pattern, spaces, route + str(pattern.pattern), here)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__.startswith(SKIPPED_MODULES):
                continue
            ids = [name for name, conv in here.items() if _is_id_like(name, conv)]
            if ids:
                name = ":".join([*namespaces, pattern.name]) if pattern.name else None
                others = [k for k in here if k not in ids]
                yield ObjectUrl(name, route + str(pattern.pattern), ids, others)


def object_urls() -> list[ObjectUrl]:
    # django-ninja lists one pattern per operation of a path (GET, PUT, PATCH, DELETE); the
    # view behind them is one, so each path is checked once.
    found = {}
    for url in _walk(get_resolver(), [], "/", {}):
        found.setdefault((url.name, url.route), url)
    return list(found.values())


def project_rows() -> dict:
    """Every row of the project's own apps (through tables included), to compare before/after."""
    rows = {}
    for app in apps.get_app_configs():
        if not app.path.startswith(str(settings.BASE_DIR)) or ".venv" in app.path:
            continue
        for model in app.get_models(include_auto_created=True):
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


def _owned_ids(owner) -> Callable[[], dict[type[models.Model], set[int]]]:
    """A reader of the ids of the owner's rows in every registered model, in one query: a
    builder may add rows to other models (the introduction's partner), so each candidate is
    checked against what the database holds, and a query per model would be hundreds a test."""
    parts, params = [], []
    for index, model in enumerate(OWNED_OBJECT_BUILDERS):
        owned = model.objects.for_owner(owner).order_by().values_list("pk")
        sql, model_params = owned.query.sql_with_params()
        parts.append(f"SELECT {index}, owned{index}.* FROM ({sql}) owned{index}")
        params.extend(model_params)
    query = " UNION ALL ".join(parts)
    registered = list(OWNED_OBJECT_BUILDERS)

    def read() -> dict[type[models.Model], set[int]]:
        ids: dict = {model: set() for model in registered}
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            for index, pk in cursor.fetchall():
                ids[registered[index]].add(pk)
        return ids

    return read


def build_owned_objects(owner) -> dict:
    """One object per registered model, no two sharing an id across the owner's models.

    Sequences are per table, so a fresh database hands out id 1 in every table; a candidate
    whose id another model of the owner already uses is deleted and built again.
    """
    for model in reversed(OWNED_OBJECT_BUILDERS):
        model.objects.for_owner(owner).delete()
    read_ids = _owned_ids(owner)
    built: dict = {}
    for model, build in OWNED_OBJECT_BUILDERS.items():
        for _attempt in range(50):
            obj = build(owner, built)
            ids = read_ids()
            taken = any(
                obj.pk in ids[other] for other in OWNED_OBJECT_BUILDERS if other is not model
            )
            if not taken:
                break
            obj.delete()
        else:
            raise AssertionError(f"Could not give the {model.__name__} an unused id.")
        built[model] = obj
    return built


def model_behind(url: ObjectUrl, client_owner, objects: dict) -> tuple[type | None, str]:
    """The model whose id the URL takes, found by which of the owner's objects opens it."""
    registry = "OWNED_OBJECT_BUILDERS in tests/test_isolation.py"
    if url.name is None:
        return None, f"{url.route}: give the URL pattern a name so it can be reversed."
    if url.other_kwargs or len(url.id_kwargs) != 1:
        return None, (
            f"{url.name} ({url.route}) has kwargs {url.id_kwargs + url.other_kwargs}; this test "
            "only knows URLs with a single id. Teach ObjectUrl.url() how to fill the others."
        )
    missing = client_owner.get(url.url(MISSING_ID)).status_code
    if missing != 404:
        return None, (
            f"{url.name}: GET with an id nobody has answered {missing}, not 404, so this test "
            "cannot tell which model the URL serves. Object URLs must 404 for unknown ids "
            "(and accept GET to show a page)."
        )
    opened = [
        model
        for model, obj in objects.items()
        if client_owner.get(url.url(obj.pk)).status_code != 404
    ]
    if len(opened) != 1:
        found = ", ".join(f"{m.__name__} #{o.pk}" for m, o in objects.items())
        return None, (
            f"{url.name} ({url.route}) opened for {len(opened)} of the owner's objects "
            f"({found}). If it serves another model, register a builder for that model in "
            f"{registry}."
        )
    return opened[0], ""


def check_url(
    url: ObjectUrl, objects: dict, client_owner, client_outsider, htmx_headers
) -> list[str]:
    model, problem = model_behind(url, client_owner, objects)
    if model is None:
        return [problem]
    target = url.url(objects[model].pk)
    data = attack_data(objects, url.name)
    problems = []

    before = project_rows()
    outsider = []
    for method in ("get", "post"):
        for headers in ({}, htmx_headers):
            send = getattr(client_outsider, method)
            args = (data,) if method == "post" else ()
            status = send(target, *args, **headers).status_code
            outsider.append((method, f"{method.upper()}{' (HTMX)' if headers else ''}", status))
    if project_rows() != before:
        problems.append(f"{url.name}: the outsider's requests changed data.")

    # The owner's answers make the check meaningful: the page exists for them, and the very
    # same POST changes their data, so the outsider's 404 is ownership, not bad input.
    owner_status = {
        "get": client_owner.get(target).status_code,
        "post": client_owner.post(target, data).status_code,
    }
    if owner_status["post"] != 405 and (owner_status["post"] == 404 or project_rows() == before):
        problems.append(
            f"{url.name}: the owner's POST answered {owner_status['post']} and changed "
            "nothing; extend attack_data() so the POST is one the view accepts."
        )
    for method, request, status in outsider:
        # Ownership is checked before the method, so even a method the owner may not use
        # (a POST to a read-only page) is a 404 for someone else's object.
        if status != 404:
            problems.append(
                f"{url.name}: outsider {request} answered {status}, expected 404 "
                f"(the owner got {owner_status[method]})."
            )
    return problems


# Collected once: each URL is a test of its own, so the test workers share them out.
OBJECT_URLS = object_urls()


def test_the_url_walker_finds_every_known_object_url():
    assert {url.name for url in OBJECT_URLS} >= KNOWN_OBJECT_URLS


@pytest.fixture(scope="class")
def owned(django_db_setup, django_db_blocker):
    """The owner, the outsider and the owner's objects, built once for the tests of a class
    (what a test's requests change is undone after it)."""
    with rows_for_several_tests(django_db_blocker):
        owner = make_user("owner@example.com", first_name="Olga")
        outsider = make_user("outsider@example.com")
        yield owner, outsider, build_owned_objects(owner)


class TestObjectUrls:
    @pytest.mark.parametrize("url", OBJECT_URLS, ids=lambda url: url.name or url.route)
    def test_every_object_url_is_a_404_for_other_users(self, url, owned, db, htmx_headers):
        owner, outsider, objects = owned
        client_owner, client_outsider = Client(), Client()
        client_owner.force_login(owner)
        client_outsider.force_login(outsider)

        problems = check_url(url, objects, client_owner, client_outsider, htmx_headers)

        assert not problems, "\n".join(problems)


def test_no_app_password_reads_or_writes_another_users_address_book(owner, outsider):
    """The CardDAV URLs: an outsider's device, signed in with its own app password, gets a
    404 for every method on the owner's book and card, and changes nothing."""
    from contacts.carddav.models import BookEntry

    from .contacts.carddav.conftest import Dav

    contact = make_contact(owner, first_name="Olivia", last_name="Owner")
    book = AddressBook.objects.create(owner=owner, name="Privat")
    book.refresh()
    href = BookEntry.objects.get(book=book).href
    mine = Dav(owner.email, AppPassword.create_for(owner, "Telefon")[1])
    theirs = Dav(outsider.email, AppPassword.create_for(outsider, "Telefon")[1])
    book_url = f"/dav/books/{book.pk}/"
    card_url = f"{book_url}{href}"
    assert mine.request("GET", card_url).status_code == 200

    card = mine.request("GET", card_url).content.decode().replace("Owner", "Mallory")
    sync = '<sync-collection xmlns="DAV:"><sync-token/><prop><getetag/></prop></sync-collection>'
    listing = theirs.request("PROPFIND", "/dav/books/", depth="1").content.decode()
    assert book_url not in listing and "Privat" not in listing
    # (That first request also stamped the outsider's device as used.)
    before = project_rows()
    answers = {
        "PROPFIND book": theirs.request("PROPFIND", book_url, depth="1").status_code,
        "REPORT book": theirs.request("REPORT", book_url, sync).status_code,
        "PROPPATCH book": theirs.request(
            "PROPPATCH",
            book_url,
            '<propertyupdate xmlns="DAV:"><set><prop><displayname>x</displayname></prop></set>'
            "</propertyupdate>",
        ).status_code,
        "GET card": theirs.request("GET", card_url).status_code,
        "PROPFIND card": theirs.request("PROPFIND", card_url, depth="0").status_code,
        "PUT card": theirs.request("PUT", card_url, card).status_code,
        "PUT card, no If-Match": theirs.request(
            "PUT", card_url, card, if_none_match="*"
        ).status_code,
        "DELETE card": theirs.request("DELETE", card_url).status_code,
    }
    assert answers == dict.fromkeys(answers, 404)
    assert project_rows() == before
    # The outsider's password does not open the owner's account either.
    impostor = Dav(owner.email, theirs.auth_password)
    assert impostor.request("PROPFIND", book_url).status_code == 401
    contact.refresh_from_db()
    assert contact.last_name == "Owner"


def test_every_api_operation_with_an_id_is_a_404_for_other_users(owner, outsider, settings):
    """Every operation of the API's schema with an object id, found in the schema so a new
    one is checked the day it is added: the outsider's read-write token, the id of the
    owner's object of that kind, and nothing changes."""
    settings.API_THROTTLE_RATE = "10000/m"
    outsider_api = ApiClient(ApiToken.create_for(outsider, "Skript", Scope.WRITE)[1])
    objects = build_owned_objects(owner)
    # The token's "last used" is written by the first request; the rest must change nothing.
    outsider_api.get("/api/v1/tags/")
    before = project_rows()
    urls = _object_operations()
    assert len(urls) > 40
    for method, template, model_name in urls:
        obj = next(o for m, o in objects.items() if m._meta.model_name == model_name)
        path = template.replace("{id}", str(obj.pk))
        if method in ("get", "delete"):
            response = getattr(outsider_api, method)(path)
        else:
            response = getattr(outsider_api, method)(path, {"name": "Mallory"})
        assert response.status_code == 404, (method, path, response.content)
    assert project_rows() == before


def _object_operations() -> list[tuple[str, str, str]]:
    """(method, path, model) of every operation of the schema with an object id."""
    from api.endpoints import RESOURCE, api

    schema = api.get_openapi_schema()
    models = {f"/api/v1/{path}/{{id}}": r for path, r in RESOURCE.items()}
    found = []
    for path, operations in schema["paths"].items():
        if "{id}" not in path:
            continue
        # An action on an object (…/{id}/read, …/{id}/done) is about the object.
        base = path[: path.index("{id}") + len("{id}")]
        resource = models[base]
        model_name = resource.queryset(None).model._meta.model_name
        found += [(method, path, model_name) for method in operations]
    return found
