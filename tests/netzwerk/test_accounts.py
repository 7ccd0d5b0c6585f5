"""Accounts: sign-up with email, login and logout, password reset, failed-login limits, admin."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from netzwerk.models import User
from tests.factories import make_user

SIGNUP_URL = reverse("account_signup")
LOGIN_URL = reverse("account_login")
LOGOUT_URL = reverse("account_logout")
RESET_URL = reverse("account_reset_password")
PASSWORD = "a-Good-passw0rd"
NEW_PASSWORD = "Ein-neues-Passw0rt"


def logged_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


def can_see_contacts(client: Client) -> bool:
    return client.get(reverse("contacts:list")).status_code == 200


def log_in(client: Client, email: str, password: str, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password}, **extra)


# Sign-up.


def test_it_asks_for_email_and_password_but_no_username(client, db):
    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    assert 'name="email"' in response.text
    assert 'name="password1"' in response.text
    assert 'name="password2"' in response.text
    assert 'name="username"' not in response.text


def test_it_signs_up_with_email_and_lands_logged_in(client, db):
    response = client.post(
        SIGNUP_URL, {"email": "Neu@Example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("reminders:dashboard")
    user = User.objects.get()
    assert user.email == "neu@example.com"
    assert user.check_password(PASSWORD)
    assert not user.is_staff
    assert logged_in_user_id(client) == str(user.pk)
    assert can_see_contacts(client)


def test_it_sends_a_confirmation_email_on_sign_up(client, db):
    client.post(
        SIGNUP_URL, {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.com"]


def test_it_starts_a_new_account_with_german_and_berlin(client, db):
    client.post(
        SIGNUP_URL, {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    user = User.objects.get()
    assert (user.language, user.time_zone) == ("de", "Europe/Berlin")


@pytest.mark.parametrize(
    "data",
    [
        {"email": "kein-email", "password1": PASSWORD, "password2": PASSWORD},
        {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
        {"email": "neu@example.com", "password1": "1234", "password2": "1234"},
        {"email": "", "password1": PASSWORD, "password2": PASSWORD},
    ],
)
def test_it_refuses_a_bad_sign_up(client, db, data):
    response = client.post(SIGNUP_URL, data)

    assert response.status_code == 200
    assert not User.objects.exists()
    assert logged_in_user_id(client) is None


def test_it_refuses_a_second_account_for_the_same_email(client, owner):
    response = client.post(
        SIGNUP_URL, {"email": "OWNER@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="owner@example.com").count() == 1
    assert logged_in_user_id(client) is None


def test_it_closes_sign_up_when_configured(client, db, settings):
    settings.SIGNUP_OPEN = False

    page = client.get(SIGNUP_URL)
    response = client.post(
        SIGNUP_URL, {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert 'name="password1"' not in page.text
    assert 'name="password1"' not in response.text
    assert not User.objects.exists()
    assert logged_in_user_id(client) is None


def test_it_still_lets_existing_users_log_in_when_sign_up_is_closed(client, owner, settings):
    settings.SIGNUP_OPEN = False

    response = log_in(client, owner.email, PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(owner.pk)


# Login and logout.


def test_it_shows_the_login_form(client, db):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert 'name="login"' in response.text
    assert 'type="email"' in response.text
    assert 'name="password"' in response.text


def test_it_logs_in_with_email_and_password(client, owner):
    response = log_in(client, owner.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("reminders:dashboard")
    assert logged_in_user_id(client) == str(owner.pk)
    assert can_see_contacts(client)


def test_it_logs_in_whatever_the_case_of_the_email(client, owner):
    log_in(client, "Owner@Example.COM", PASSWORD)

    assert logged_in_user_id(client) == str(owner.pk)


def test_it_returns_to_the_page_asked_for_after_login(client, owner):
    target = reverse("contacts:triage")

    asked = client.get(target)
    response = client.post(asked.url, {"login": owner.email, "password": PASSWORD, "next": target})

    assert response.status_code == 302
    assert response.url == target


def test_it_refuses_a_wrong_password(client, owner):
    response = log_in(client, owner.email, "falsch-falsch-1")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert not can_see_contacts(client)


def test_it_refuses_an_unknown_email(client, db):
    response = log_in(client, "niemand@example.com", PASSWORD)

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_it_refuses_an_inactive_user(client, db):
    user = make_user("inaktiv@example.com", is_active=False)

    log_in(client, user.email, PASSWORD)

    assert logged_in_user_id(client) is None


def test_it_does_not_log_out_on_get(client_owner):
    response = client_owner.get(LOGOUT_URL)

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert can_see_contacts(client_owner)


def test_it_logs_out_on_post(client_owner):
    response = client_owner.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response.url == LOGIN_URL
    assert logged_in_user_id(client_owner) is None
    assert not can_see_contacts(client_owner)


def test_it_offers_logout_as_a_form_on_every_page(client_owner):
    response = client_owner.get(reverse("contacts:list"))

    assert f'<form class="logout" method="post" action="{LOGOUT_URL}">' in response.text


def test_it_sends_the_home_page_to_this_weeks_dashboard(client_owner):
    response = client_owner.get("/")

    assert response.status_code == 302
    assert response.url == reverse("reminders:dashboard")


# Failed logins are rate-limited.


def test_it_stops_accepting_even_the_right_password_after_five_failures(client, owner):
    for _ in range(5):
        assert log_in(client, owner.email, "falsch-falsch-1").status_code == 200

    response = log_in(client, owner.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert "Too many failed login attempts" in response.text


def test_it_accepts_the_right_password_after_four_failures(client, owner):
    for _ in range(4):
        log_in(client, owner.email, "falsch-falsch-1")

    response = log_in(client, owner.email, PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(owner.pk)


def test_it_limits_failures_per_account_without_locking_out_others(client, owner, outsider):
    for _ in range(5):
        log_in(client, owner.email, "falsch-falsch-1")

    response = log_in(Client(), outsider.email, PASSWORD)

    assert response.status_code == 302


def test_it_limits_failures_per_address_across_accounts(client, db):
    # Ten failures from one address in a minute, each for a different account, lock that address.
    for n in range(10):
        log_in(client, f"rate{n}@example.com", "falsch-falsch-1")
    user = make_user("frisch@example.com")

    response = log_in(client, user.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    assert logged_in_user_id(client) is None
    assert response.status_code in (200, 429)


# Password reset.


def reset_link(message) -> str:
    (link,) = re.findall(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    return link


def test_it_sends_a_password_reset_email(client, owner):
    response = client.post(RESET_URL, {"email": owner.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert reset_link(mail.outbox[0])


def test_it_resets_the_password_through_the_emailed_link(client, owner):
    client.post(RESET_URL, {"email": owner.email})
    link = reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="password1"' in form_page.text
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert not owner.check_password(PASSWORD)
    # ACCOUNT_LOGIN_ON_PASSWORD_RESET: the user is signed in right away.
    assert logged_in_user_id(client) == str(owner.pk)
    fresh = Client()
    assert log_in(fresh, owner.email, NEW_PASSWORD).status_code == 302
    assert log_in(Client(), owner.email, PASSWORD).status_code == 200


def test_it_refuses_a_reset_link_a_second_time(client, owner):
    client.post(RESET_URL, {"email": owner.email})
    link = reset_link(mail.outbox[0])
    first = client.get(link, follow=True)
    client.post(first.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)

    assert 'name="password1"' not in again.text
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)


def test_it_refuses_a_forged_reset_link(client, owner):
    response = client.get(f"/accounts/password/reset/key/{owner.pk}-forged-token/", follow=True)

    assert 'name="password1"' not in response.text


def test_it_does_not_reveal_whether_an_email_has_an_account(client, db):
    response = client.post(RESET_URL, {"email": "niemand@example.com"})

    assert response.status_code == 302
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


# Django admin.


def test_it_lets_staff_into_the_admin(client, db):
    staff = User.objects.create_superuser("admin@example.com", PASSWORD)
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/contacts/contact/").status_code == 200
    assert client.get("/admin/netzwerk/user/").status_code == 200
    assert client.get(f"/admin/netzwerk/user/{staff.pk}/change/").status_code == 200
    assert client.get("/admin/netzwerk/user/add/").status_code == 200


def test_it_keeps_ordinary_users_out_of_the_admin(client_owner):
    response = client_owner.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client_owner.get("/admin/contacts/contact/").status_code == 302


def test_it_keeps_anonymous_visitors_out_of_the_admin(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
