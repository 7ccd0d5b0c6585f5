"""No input makes a server error: every page and every form, with hostile values.

Like the isolation test, the URLs come from the resolver, so a page added tomorrow is probed
the day it is added. Which query parameters and form fields a view reads is not written down
here: a recording middleware notes every key a view looks up in request.GET / request.POST,
and each of those (with a generic set of usual names) is sent every hostile value. Forms are
posted with one hostile field at a time and the others valid, so the value reaches as deep as
the form lets it (a far date in a valid lunch is saved, then drawn by the calendar feed).

Run it on PostgreSQL too: some values (NUL) only fail there.
"""

import datetime
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.template.base import Template
from django.test import Client
from django.test.utils import _TestState
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from api.endpoints import RESOURCE
from reminders.models import FollowUp, Nudge
from reminders.tokens import action_token, unsubscribe_token

from .test_isolation import attack_data, build_owned_objects

HOSTILE = {
    "NUL byte": "Anna\x00Berg",
    "superscript two": "²",
    "Arabic-Indic three": "٣",
    "huge number": str(10**30),
    "negative number": "-1",
    "far future date": "9999-12-31",
    "far past date": "0001-01-01",
    "far future date and time": "9999-12-31T23:30",
    "10,000 characters": "x" * 10_000,
    "RTL override": "\u202egnp.exe",
    "javascript: URL": "javascript:alert(1)",
    "CR/LF": "Betreff\r\nBcc: mallory@example.com",
}
# One field at a time gets the values that can go wrong for its kind (told by its valid
# value); a field with no valid value gets them all, and so does every field at once.
FOR_NUMBERS = (
    "NUL byte",
    "superscript two",
    "Arabic-Indic three",
    "huge number",
    "negative number",
    "10,000 characters",
)
FOR_DATES = (
    "NUL byte",
    "superscript two",
    "far future date",
    "far past date",
    "far future date and time",
    "10,000 characters",
)
FOR_TEXT = (
    "NUL byte",
    "superscript two",
    "10,000 characters",
    "RTL override",
    "javascript: URL",
    "CR/LF",
)
NUMBER = re.compile(r"-?[0-9]+")
DATE_OR_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*|[0-9]{2}:[0-9]{2}.*")


def values_for(valid: str) -> dict[str, str]:
    if not valid:
        return HOSTILE
    if NUMBER.fullmatch(valid):
        labels = FOR_NUMBERS
    elif DATE_OR_TIME.fullmatch(valid):
        labels = FOR_DATES
    else:
        labels = FOR_TEXT
    return {label: HOSTILE[label] for label in labels}


# Names views commonly read, sent on every page besides the ones a view is seen reading.
GENERIC_PARAMS = (
    "q",
    "people_q",
    "contact",
    "contacts",
    "a",
    "b",
    "group",
    "next",
    "page",
    "cursor",
    "after",
    "section",
    "sort",
    "tag",
    "category",
    "status",
    "show",
    "kind",
    "date",
    "name",
    "why",
    "format",
    "version",
    "timeline",
)
# The admin and the CardDAV protocol have their own tests; allauth's forms are probed
# signed out in their own test below.
SKIPPED_NAMESPACES = {"admin", "carddav"}
SKIPPED_MODULES = ("django.contrib.admin", "allauth", "contacts.carddav.well_known")
# POSTs that remove or replace what the other probes need are always rolled back.
DESTRUCTIVE = ("delete", "forget", "revoke", "regenerate", "restore", "unsubscribe")
ALLAUTH_FORMS = ("account_login", "account_signup", "account_reset_password")

READ_KEYS: set[str] = set()


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes which keys are looked up (copies record too)."""

    def __getitem__(self, key):
        READ_KEYS.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        READ_KEYS.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        READ_KEYS.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        READ_KEYS.add(key)
        return super().__contains__(key)


class ReadRecorder:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET.__class__ = RecordingQueryDict
        if request.method == "POST":
            request.POST.__class__ = RecordingQueryDict
        return self.get_response(request)


class FormFields(HTMLParser):
    """The fields of the forms on a page that post to one path, with their shown values."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.inside = False
        self.values: dict[str, str] = {}
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.path).path
            self.inside = (attrs.get("method") or "get").lower() == "post" and action == self.path
        elif not self.inside or not attrs.get("name"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self.values.setdefault(attrs["name"], "")
            elif kind not in ("submit", "button", "file"):
                self.values[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.values.setdefault(self.textarea, "")
        elif tag == "select":
            self.select = attrs["name"]
            self.values.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value") or ""

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


@dataclass
class Probe:
    client: Client
    # Signed in as this user for every request: a probe that signs out (a logout flushes
    # the session, which a rollback does not give back to the client) must not leave the
    # pages after it probed as a stranger, who only sees the way to the login.
    user: object = None
    problems: list[str] = field(default_factory=list)
    accepted: list[tuple[str, str, dict]] = field(default_factory=list)
    sent: int = 0
    session: str | None = None

    def sign_in(self) -> None:
        self.client.force_login(self.user)
        self.session = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    def send(self, method: str, url: str, data=None, *, what: str, **headers):
        if self.user is not None:
            cookie = self.client.cookies.get(settings.SESSION_COOKIE_NAME)
            if cookie is None or cookie.value != self.session:
                self.sign_in()
        READ_KEYS.clear()
        self.sent += 1
        try:
            response = getattr(self.client, method)(url, data, **headers)
        except Exception as error:  # noqa: BLE001 - every exception is the finding
            self.problems.append(f"{method.upper()} {url} with {what}: {error!r}"[:400])
            return None
        if response.status_code >= 500:
            self.problems.append(f"{method.upper()} {url} with {what}: {response.status_code}")
        return response


@dataclass
class Page:
    name: str
    url: str


def _walk(resolver: URLResolver, namespaces: list, kwargs: dict) -> Iterator:
    for pattern in resolver.url_patterns:
        here = {**kwargs, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace in SKIPPED_NAMESPACES or module.startswith(SKIPPED_MODULES):
                continue
            spaces = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
            yield from _walk(pattern, spaces, here)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__.startswith(SKIPPED_MODULES):
                continue
            assert pattern.name, f"{pattern.pattern}: name the URL pattern so it can be probed"
            yield ":".join([*namespaces, pattern.name]), pattern.callback, here


def _special_kwargs(owner, objects) -> dict:
    """URL kwargs that are not an owned object's id: tokens and names, as the app makes them."""
    owner.refresh_from_db()
    follow_up = objects[FollowUp]
    # The API's object URLs: the resource of each names its model.
    api_ids = {
        f"api:{path.replace('-', '_')}": {"id": objects[resource.queryset(owner).model].pk}
        for path, resource in RESOURCE.items()
    }
    return {
        **api_ids,
        "api:nudge_read": {"id": objects[Nudge].pk},
        "api:follow_up_done": {"id": follow_up.pk},
        "api:follow_up_snooze": {"id": follow_up.pk},
        "reminders:calendar_feed": {"token": owner.calendar_token},
        "reminders:email_action": {
            "action": "done",
            "token": action_token(owner, "done", follow_up.pk, str(follow_up.due_on)),
        },
        "reminders:unsubscribe": {
            "list_name": "digest",
            "token": unsubscribe_token(owner, "digest"),
        },
    }


def pages(owner, objects) -> list[Page]:
    found, special = [], _special_kwargs(owner, objects)
    for name, callback, converters in _walk(get_resolver(), [], {}):
        kwargs = dict(special.get(name, {}))
        model = getattr(callback, "owned_model", None)
        for key, converter in converters.items():
            if key in kwargs:
                continue
            assert isinstance(converter, IntConverter) and model in objects, (
                f"{name}: cannot fill its URL kwarg {key!r}; tell _special_kwargs() in "
                "tests/test_hostile_input.py how (ids of owned objects come from @owned)."
            )
            kwargs[key] = objects[model].pk
        found.append(Page(name, reverse(name, kwargs=kwargs)))
    return found


def probe_get(probe: Probe, page: Page, htmx: dict) -> None:
    response = probe.send("get", page.url, what="no parameters")
    read = set(READ_KEYS)
    if response is None or response.status_code >= 400:
        return
    # Plain and HTMX requests take turns, so both see every kind of value at half the cost.
    for (label, value), headers in zip(HOSTILE.items(), itertools.cycle(({}, htmx))):
        every = dict.fromkeys([*GENERIC_PARAMS, *read], value)
        probe.send("get", page.url, every, what=f"{label} in every parameter", **headers)
        read |= READ_KEYS
    for key in sorted(read - {"csrfmiddlewaretoken"}):
        for label, value in HOSTILE.items():
            probe.send("get", page.url, {key: value}, what=f"{label} in ?{key}")


def baseline(probe: Probe, page: Page, valid: dict) -> dict | None:
    """Valid form data for the page: what its forms show, empty fields filled in, and what
    the view reads besides (None: the page takes no POST)."""
    response = probe.send("get", page.url, what="no parameters")
    shown = {}
    html = response is not None and response.get("Content-Type", "").startswith("text/html")
    if html and response.status_code == 200 and not response.streaming:
        parser = FormFields(urlsplit(page.url).path)
        parser.feed(response.content.decode(errors="replace"))
        shown = parser.values
    data = {key: value or valid.get(key, "") for key, value in shown.items()}
    with transaction.atomic():
        response = probe.send("post", page.url, {**valid, **data}, what="valid data")
        transaction.set_rollback(True)
    if response is None or response.status_code == 405:
        return None
    for key in READ_KEYS - set(data):
        if key in valid:
            data[key] = valid[key]
    data.pop("csrfmiddlewaretoken", None)
    return data


def probe_post(probe: Probe, page: Page, valid: dict, htmx: dict) -> None:
    """Each hostile value in every field at once (plain and HTMX in turn), then in one field
    at a time with the others valid. Each POST is rolled back, so every probe finds the same
    data."""
    data = baseline(probe, page, valid)
    if data is None:
        return
    destructive = any(word in page.name for word in DESTRUCTIVE)
    for (label, value), headers in zip(HOSTILE.items(), itertools.cycle(({}, htmx))):
        with transaction.atomic():
            every = dict.fromkeys(data, value)
            probe.send("post", page.url, every, what=f"{label} in every field", **headers)
            transaction.set_rollback(True)
    for key in sorted(data):
        shown = data[key][0] if isinstance(data[key], list) and data[key] else data[key]
        for label, value in values_for(str(shown)).items():
            hostile = {**data, key: value}
            with transaction.atomic():
                response = probe.send("post", page.url, hostile, what=f"{label} in field {key}")
                transaction.set_rollback(True)
            if response is not None and response.status_code < 400 and not destructive:
                probe.accepted.append((page.url, f"{label} in field {key}", hostile))


def valid_data(objects: dict) -> dict:
    data = attack_data(objects)
    data.update(
        {
            "email": "neu@example.com",
            "people_q": "Paula",
            "contact_a": data["contact"],
            "contact_b": data["contacts"][0],
        }
    )
    return data


@pytest.fixture
def recording(settings, monkeypatch):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.ReadRecorder"]
    # The sweep reads no response.context: templates render as they do outside tests,
    # without the test runner's signal and context copy for each of them (a form page
    # renders a template per option of its selects).
    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)


# The pages are shared out over this many cases, so the test workers run them side by side;
# each case stores what its forms accepted and then draws every page again.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_page_or_form_answers_a_server_error_for_hostile_input(
    recording, owner, htmx_headers, shard, settings
):
    # The API's throttle would answer the many requests with 429 before they reach a form.
    settings.API_THROTTLE_RATE = "100000/m"
    probe = Probe(Client(), owner)
    objects = build_owned_objects(owner)
    found = pages(owner, objects)
    assert len(found) > 80, "the URL walker missed pages"
    valid = valid_data(objects)

    for page in found[shard::SHARDS]:
        probe_get(probe, page, htmx_headers)
        probe_post(probe, page, valid, htmx_headers)

    # What the forms accepted is stored for real this time, and then every page shows it
    # and the reminders work through it.
    for url, what, data in probe.accepted:
        with transaction.atomic():
            probe.send("post", url, data, what=f"{what} (kept)")
    for page in pages(owner, objects):
        for headers in ({}, htmx_headers):
            probe.send("get", page.url, what="the accepted hostile data stored", **headers)

    print(f"{probe.sent} requests, {len(probe.accepted)} hostile POSTs accepted")
    assert not probe.problems, f"{len(probe.problems)} server errors:\n" + "\n".join(probe.problems)


def test_sign_in_and_sign_up_forms_take_hostile_input(recording, db, htmx_headers):
    probe = Probe(Client())
    valid = {"email": "neu@example.com", "login": "neu@example.com", "password": "x"}
    valid |= {"password1": "a-Good-passw0rd", "password2": "a-Good-passw0rd"}
    for name in ALLAUTH_FORMS:
        page = Page(name, reverse(name))
        probe_get(probe, page, htmx_headers)
        probe_post(probe, page, valid, htmx_headers)
    assert not probe.problems, "\n".join(probe.problems)


def test_the_probe_finds_what_views_read(recording, client_owner):
    """The recorder is what makes the sweep reach a view's parameters: check it sees them."""
    READ_KEYS.clear()
    client_owner.get(reverse("contacts:list"), {"q": "x"})
    assert {"q"} <= READ_KEYS
    assert datetime.date(9999, 12, 31).isoformat() in HOSTILE.values()
