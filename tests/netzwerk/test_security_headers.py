"""Every response carries the Content-Security-Policy and the Permissions-Policy, and no
template contains what the policy would block (inline script, inline style, event handlers).

The URLs come from the resolver, so a page added tomorrow is checked the day it is added.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The layout of the reminder emails: an email is no page, no browser applies the site's CSP to
# it, and css-inline turns this <style> into attributes before the email is sent.
EMAIL_LAYOUTS = {"reminders/email/base.html"}
# Pages a user opens every day: the walk must reach them and find them working.
MAIN_PAGES = {
    "reminders:dashboard",
    "contacts:list",
    "contacts:desk",
    "strategy:overview",
    "reminders:followup_list",
    "preferences",
    "phone:phone",
    "usersessions_list",
    "mfa_index",
}
ANONYMOUS_PAGES = {"account_login", "account_signup", "account_reset_password", "webapp:offline"}
# Values for the parts of a URL: ids nobody has, so object pages answer their 404 page.
SAMPLE_VALUES = ["999999999", "x", "auth"]
CONVERTER_VALUES = {"int": "999999999", "uuid": "00000000-0000-0000-0000-000000000000"}


def _sample(pattern: str) -> str:
    """A concrete path for a route or regex: each placeholder filled with a matching value."""

    def group(match: re.Match) -> str:
        regex = match.group(2)
        return next(value for value in SAMPLE_VALUES if re.fullmatch(regex, value))

    pattern = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", group, pattern)
    pattern = pattern.replace("^", "").replace("$", "")
    return re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_VALUES.get(m.group(1) or "str", "x"), pattern
    )


def _walk(resolver: URLResolver, namespaces: list, prefix: str) -> Iterator[tuple[str, str]]:
    for pattern in resolver.url_patterns:
        path = prefix + _sample(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            spaces = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
            yield from _walk(pattern, spaces, path)
        elif isinstance(pattern, URLPattern):
            yield ":".join([*namespaces, pattern.name or "(unnamed)"]), path


def every_url() -> list[tuple[str, str]]:
    return list(_walk(get_resolver(), [], "/"))


def assert_policies(response, where: str) -> None:
    assert "default-src 'self'" in response.get("Content-Security-Policy", ""), where
    policy = response.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy, f"{where}: {feature} missing from {policy!r}"
    assert "publickey-credentials-get=(self)" in policy, where


def test_the_walk_fills_every_kind_of_url():
    paths = dict(every_url())
    assert paths["contacts:detail"] == "/contacts/999999999/"
    assert paths["reminders:calendar_feed"] == "/calendar/x.ics"
    assert paths["account_confirm_email"] == "/accounts/confirm-email/999999999/"
    assert paths["admin:app_list"] == "/admin/auth/"
    assert len(paths) > 150


@pytest.mark.parametrize("signed_in", [True, False], ids=["owner", "anonymous"])
def test_every_url_answers_with_both_policies(signed_in, owner):
    client = Client()
    if signed_in:
        client.force_login(owner)
    working = set()
    for name, path in every_url():
        response = client.get(path)
        assert_policies(response, f"{name} {path} ({response.status_code})")
        if response.status_code == 200:
            working.add(name)
    assert (MAIN_PAGES if signed_in else ANONYMOUS_PAGES) <= working


def test_a_post_and_an_htmx_request_carry_both_policies(client_owner, htmx_headers):
    assert_policies(client_owner.get("/contacts/", **htmx_headers), "HTMX list")
    assert_policies(client_owner.post("/nudges/read/"), "POST")


def test_a_request_refused_by_the_middleware_carries_both_policies(client):
    """A host name not in ALLOWED_HOSTS is refused before any view runs."""
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_policies(response, "disallowed host")


def test_the_policy_allows_only_what_the_app_uses(db):
    # The login page reads the database (single sign-on providers).
    policy = Client().get("/accounts/login/")["Permissions-Policy"]
    allowed = sorted(item for item in policy.split(", ") if not item.endswith("=()"))
    assert allowed == [
        "clipboard-write=(self)",
        "fullscreen=(self)",
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
    ]


# What a strict CSP (no 'unsafe-inline', no 'unsafe-eval') blocks, as it appears in a template.
BLOCKED = {
    "inline <script> (give it a src under static/js/)": re.compile(
        r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE
    ),
    "style= attribute (use a class in static/css/)": re.compile(
        r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE
    ),
    "<style> element (use static/css/)": re.compile(r"<style\b", re.IGNORECASE),
    "inline event handler (bind it in static/js/)": re.compile(
        r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE
    ),
    "hx-on (htmx evaluates it, which the CSP forbids)": re.compile(r"\bhx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def template_violations(source: str) -> list[str]:
    return [problem for problem, pattern in BLOCKED.items() if pattern.search(source)]


def test_no_template_has_what_the_policy_blocks():
    templates = [path for path in TEMPLATES.rglob("*.html")]
    assert len(templates) > 50
    problems = [
        f"{path.relative_to(TEMPLATES)}: {problem}"
        for path in templates
        if str(path.relative_to(TEMPLATES)) not in EMAIL_LAYOUTS
        for problem in template_violations(path.read_text())
    ]
    assert problems == []


def test_the_template_scan_catches_each_kind_of_violation():
    assert template_violations('<script src="/static/js/app.js" defer></script>') == []
    assert template_violations('<p class="note">Style=modern; onion=3</p>') == []
    assert len(template_violations("<script>alert(1)</script>")) == 1
    assert len(template_violations('<div class="x" style="color: red">')) == 1
    assert len(template_violations("<style>p {}</style>")) == 1
    assert len(template_violations('<button onclick="go()">')) == 1
    assert len(template_violations('<a hx-on:click="go()">')) == 1
    assert len(template_violations('<a href="javascript:go()">')) == 1
