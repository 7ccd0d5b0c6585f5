"""API tokens in the Django admin: listed without their hash, revoked by an action."""

import pytest
from django.test import Client

from api.models import ApiToken, Scope
from netzwerk.models import User

from .conftest import ApiClient

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/api/apitoken/"


@pytest.fixture
def boss() -> Client:
    client = Client()
    user = User.objects.create_superuser("boss@example.com", "a-Good-passw0rd", language="en")
    client.force_login(user)
    return client


def test_the_changelist_shows_tokens_but_never_their_hash(boss, owner):
    row, token = ApiToken.create_for(owner, "iPhone Kurzbefehl", Scope.WRITE, days=30)

    page = boss.get(CHANGELIST)
    detail = boss.get(f"{CHANGELIST}{row.pk}/change/")

    assert page.status_code == detail.status_code == 200
    for html in (page.text, detail.text):
        assert "iPhone Kurzbefehl" in html
        assert row.prefix in html
        assert row.digest not in html
        assert token not in html
    assert owner.email in page.text
    # A token is never made here: its secret could not be shown to its owner.
    assert boss.get(f"{CHANGELIST}add/").status_code == 403


def test_revoking_in_the_admin_ends_the_token_and_keeps_its_row(boss, owner, outsider):
    row, token = ApiToken.create_for(owner, "Leck")
    _other_row, other_token = ApiToken.create_for(outsider, "Bleibt")
    assert ApiClient(token).get("/api/v1/tags/").status_code == 200

    answer = boss.post(CHANGELIST, {"action": "revoke", "_selected_action": [row.pk]}, follow=True)

    assert answer.status_code == 200
    assert "1 token revoked." in answer.text
    assert ApiClient(token).get("/api/v1/tags/").status_code == 401
    assert ApiClient(other_token).get("/api/v1/tags/").status_code == 200
    row.refresh_from_db()
    assert not row.works()
    # The owner's page still lists it, as no longer working.
    page = Client()
    page.force_login(owner)
    listed = page.get("/api/tokens/")
    assert "Leck" in listed.text
    assert row.pk not in listed.context["live_ids"]


def test_staff_without_the_personal_data_permission_see_no_tokens(owner):
    ApiToken.create_for(owner, "Skript")
    staff = User.objects.create_user("support@example.com", is_staff=True)
    client = Client()
    client.force_login(staff)

    assert client.get(CHANGELIST).status_code == 403
