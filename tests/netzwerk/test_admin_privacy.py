"""The admin shows staff the instance's users, not the contents of their networks, unless
the permission to see personal data is granted (a superuser has it)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client

from netzwerk.admin import PersonalDataAdmin
from netzwerk.models import User
from tests.factories import make_contact

NETWORK_PAGES = [
    "/admin/contacts/contact/",
    "/admin/contacts/interaction/",
    "/admin/contacts/tag/",
    "/admin/reminders/followup/",
    "/admin/reminders/lunch/",
    "/admin/reminders/nudge/",
]


def grant(user: User, *codenames: str) -> None:
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


@pytest.fixture
def staff(db) -> User:
    """Staff who may look at users and, through the model permissions, at every contact."""
    user = User.objects.create_user("support@example.com", is_staff=True)
    grant(user, "view_user", "view_contact", "change_contact", "view_interaction", "view_tag")
    grant(user, "view_followup", "view_lunch", "view_nudge")
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_see_the_users_but_no_networks(staff, owner):
    make_contact(owner, first_name="Geheim")
    client = signed_in(staff)

    assert client.get("/admin/netzwerk/user/").status_code == 200
    for page in NETWORK_PAGES:
        assert client.get(page).status_code == 403, page
    index = client.get("/admin/").text
    assert "/admin/netzwerk/user/" in index
    assert "/admin/contacts/" not in index and "/admin/reminders/" not in index


def test_staff_cannot_open_or_change_a_contact_directly(staff, owner):
    contact = make_contact(owner, first_name="Geheim")
    client = signed_in(staff)

    assert client.get(f"/admin/contacts/contact/{contact.pk}/change/").status_code == 403
    response = client.post(f"/admin/contacts/contact/{contact.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert "Geheim" not in client.get("/admin/contacts/contact/?q=Geheim").text


def test_the_personal_data_permission_opens_the_networks(staff, owner):
    make_contact(owner, first_name="Geheim")
    grant(staff, "view_personal_data")
    client = signed_in(staff)

    assert client.get("/admin/contacts/contact/").status_code == 200
    assert "Geheim" in client.get("/admin/contacts/contact/").text


def test_a_superuser_sees_everything(db):
    boss = User.objects.create_superuser("boss@example.com", "a-Good-passw0rd")

    for page in NETWORK_PAGES:
        assert signed_in(boss).get(page).status_code == 200


def test_staff_see_no_two_factor_secrets_or_session_addresses(staff, db):
    grant(staff, "view_authenticator", "view_usersession", "view_socialaccount")
    client = signed_in(staff)

    for page in ("/admin/mfa/authenticator/", "/admin/usersessions/usersession/"):
        assert client.get(page).status_code == 403, page
    assert client.get("/admin/socialaccount/socialaccount/").status_code == 403


def test_every_admin_of_owned_data_guards_personal_data():
    owned = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if any(field.name == "owner" for field in model._meta.get_fields())
    ]

    assert len(owned) >= 8
    for model, model_admin in owned:
        assert isinstance(model_admin, PersonalDataAdmin), model
