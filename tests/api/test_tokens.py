"""Personal access tokens: made on a page, shown once, stored hashed, ending when they should."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken, Scope, token_digest
from tests.factories import make_contact

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "link"),
    [("de", "API-Tokens", "API-Tokens"), ("en", "API tokens", "API tokens")],
)
def test_the_preferences_link_to_the_token_page_in_both_languages(owner, language, heading, link):
    owner.language = language
    owner.save()
    client = Client()
    client.force_login(owner)

    preferences = client.get("/preferences/").content.decode()
    page = client.get("/api/tokens/").content.decode()

    assert f'href="/api/tokens/">{link}</a>' in preferences
    assert f"<h1>{heading}</h1>" in page


def test_a_new_token_is_shown_once_and_stored_hashed(owner, client_owner):
    answer = client_owner.post(
        "/api/tokens/new/", {"name": "iPhone Kurzbefehl", "scope": "write", "expires_in": "30"}
    )

    # A redirect: a reload of the page shows the list, not the form's POST again.
    assert answer.status_code == 302
    assert answer["Location"] == "/api/tokens/#new-token"
    assert "nzw_" not in answer.content.decode()
    response = client_owner.get("/api/tokens/")
    token = re.search(r"nzw_[A-Za-z0-9_\-]{40,}", response.content.decode()).group()
    row = ApiToken.objects.get()
    assert row.digest == token_digest(token)
    assert token not in str(row.__dict__)
    assert row.scope == Scope.WRITE
    assert row.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    later = client_owner.get("/api/tokens/").content.decode()
    assert token not in later
    assert row.prefix in later
    assert ApiClient(token).get("/api/v1/contacts/").status_code == 200
    assert ApiToken.objects.count() == 1
    assert "api-token-shown-once" not in client_owner.session


def test_a_new_token_is_shown_only_to_its_owner(owner, outsider, client_owner):
    """A token id left in a session for a row that is not the user's shows nothing."""
    row, token = ApiToken.create_for(outsider, "Fremd")
    session = client_owner.session
    session["api-token-shown-once"] = {"id": row.pk, "token": token}
    session.save()

    assert token not in client_owner.get("/api/tokens/").content.decode()


def test_a_token_without_a_name_is_refused(client_owner):
    response = client_owner.post(
        "/api/tokens/new/", {"name": "", "scope": "read", "expires_in": "0"}
    )

    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_a_revoked_token_gets_401(owner, client_owner):
    row, token = ApiToken.create_for(owner, "Skript")
    assert ApiClient(token).get("/api/v1/tags/").status_code == 200

    client_owner.post(f"/api/tokens/{row.pk}/revoke/")

    assert ApiClient(token).get("/api/v1/tags/").status_code == 401


def test_an_expired_token_gets_401(owner):
    row, token = ApiToken.create_for(owner, "Skript", days=30)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now())

    assert ApiClient(token).get("/api/v1/tags/").status_code == 401


def test_sign_out_everywhere_ends_every_token(owner, client_owner):
    _row, token = ApiToken.create_for(owner, "Skript")

    client_owner.post("/accounts/sessions/sign-out-everywhere/")

    assert ApiClient(token).get("/api/v1/tags/").status_code == 401
    owner.refresh_from_db()
    owner.language = "en"
    owner.save()
    assert "no longer works" in client_owner.get("/api/tokens/").content.decode()
    owner.refresh_from_db()
    _new, fresh = ApiToken.create_for(owner, "Neu")
    assert ApiClient(fresh).get("/api/v1/tags/").status_code == 200


def test_another_users_token_cannot_be_revoked(owner, outsider, client_outsider):
    row, token = ApiToken.create_for(owner, "Skript")

    assert client_outsider.post(f"/api/tokens/{row.pk}/revoke/").status_code == 404
    assert ApiClient(token).get("/api/v1/tags/").status_code == 200


def test_a_token_reaches_only_its_owners_data(owner, outsider, owner_api):
    make_contact(outsider, first_name="Fremd")
    mine = make_contact(owner, first_name="Meins")

    items = owner_api.get("/api/v1/contacts/?status=all").json()["items"]

    assert [c["id"] for c in items] == [mine.pk]


def test_last_used_is_written_at_most_once_a_minute(owner, django_assert_num_queries):
    row, token = ApiToken.create_for(owner, "Skript")
    client = ApiClient(token)
    client.get("/api/v1/tags/")
    row.refresh_from_db()
    first = row.last_used_at
    assert first is not None

    client.get("/api/v1/tags/")

    row.refresh_from_db()
    assert row.last_used_at == first
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    client.get("/api/v1/tags/")
    row.refresh_from_db()
    assert row.last_used_at > first


def test_too_many_requests_get_429_with_retry_after(owner, owner_api, settings):
    settings.API_THROTTLE_RATE = "3/m"

    answers = [owner_api.get("/api/v1/tags/").status_code for _ in range(4)]
    last = owner_api.get("/api/v1/tags/")
    other = ApiClient(ApiToken.create_for(owner, "Zweites")[1]).get("/api/v1/tags/")

    assert answers == [200, 200, 200, 429]
    assert last.status_code == 429
    assert int(last["Retry-After"]) > 0
    # Counted per token: another token of the same user still gets in.
    assert other.status_code == 200
