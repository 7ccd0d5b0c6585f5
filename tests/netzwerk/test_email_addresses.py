"""Email addresses: a change needs the password, a confirmation and tells the old address;
an unconfirmed address never becomes the account's address nor receives mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from netzwerk.models import User

EMAIL_URL = reverse("account_email")
LOGIN_URL = reverse("account_login")
PASSWORD = "a-Good-passw0rd"
NEW = "neu@example.com"


@pytest.fixture
def confirmed(owner) -> EmailAddress:
    return EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)


def reauthenticate(client: Client, next_url: str = EMAIL_URL):
    return client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": next_url})


@pytest.fixture
def signed_in(owner, confirmed, client_owner) -> Client:
    """Signed in (in English), and the password given again a moment ago."""
    owner.language = "en"
    owner.save(update_fields=["language"])
    reauthenticate(client_owner)
    return client_owner


def confirmation_link(message) -> str:
    (link,) = re.findall(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    return link


def test_a_change_needs_the_password_again(owner, confirmed, client_owner):
    # A session cookie alone (a stolen one) cannot change the address.
    response = client_owner.post(EMAIL_URL, {"email": NEW, "action_add": ""})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email=NEW).exists()
    assert mail.outbox == []
    wrong = client_owner.post(
        reverse("account_reauthenticate"), {"password": "falsch-falsch-1", "next": EMAIL_URL}
    )
    assert wrong.status_code == 200
    assert not EmailAddress.objects.filter(email=NEW).exists()

    # With the password the change asked for goes ahead.
    reauthenticate(client_owner)

    assert EmailAddress.objects.filter(email=NEW, user=owner, verified=False).exists()
    assert [m.to for m in mail.outbox] == [[NEW]]


def test_a_change_waits_for_the_link_sent_to_the_new_address(owner, signed_in):
    response = signed_in.post(EMAIL_URL, {"email": NEW, "action_add": ""})

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"
    assert [m.to for m in mail.outbox] == [[NEW]]
    assert not EmailAddress.objects.get(email=NEW).verified


def test_the_confirmed_new_address_replaces_the_old_which_is_told(owner, signed_in):
    signed_in.post(EMAIL_URL, {"email": NEW, "action_add": ""})
    link = confirmation_link(mail.outbox[0])
    mail.outbox.clear()

    signed_in.post(link)

    owner.refresh_from_db()
    assert owner.email == NEW
    assert list(EmailAddress.objects.filter(user=owner).values_list("email", flat=True)) == [NEW]
    (notice,) = mail.outbox
    assert notice.to == ["owner@example.com"]
    assert NEW in notice.body


def test_an_unconfirmed_address_never_becomes_primary(owner, signed_in, settings):
    # Even on an account whose own address was never confirmed either.
    EmailAddress.objects.filter(user=owner).update(verified=False)
    EmailAddress.objects.create(user=owner, email=NEW)

    response = signed_in.post(EMAIL_URL, {"email": NEW, "action_primary": ""}, follow=True)

    assert "Confirm neu@example.com with the link" in response.text
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"
    assert not EmailAddress.objects.get(email=NEW).primary


def test_making_another_accounts_address_primary_is_an_error_not_a_500(owner, outsider, signed_in):
    EmailAddress.objects.create(user=outsider, email=outsider.email, verified=True, primary=True)

    response = signed_in.post(
        EMAIL_URL,
        {"email": outsider.email, "action_primary": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert "That is not one of your email addresses." in response.text
    owner.refresh_from_db()
    outsider.refresh_from_db()
    assert (owner.email, outsider.email) == ("owner@example.com", "outsider@example.com")


def test_sign_up_with_a_taken_address_looks_like_any_sign_up(owner, confirmed, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    data = {"password1": "Ein-anderes-Passw0rt", "password2": "Ein-anderes-Passw0rt"}

    taken = Client().post(reverse("account_signup"), {"email": owner.email, **data})
    fresh = Client().post(reverse("account_signup"), {"email": "frei@example.com", **data})

    assert (taken.status_code, taken.url) == (fresh.status_code, fresh.url)
    assert User.objects.filter(email=owner.email).count() == 1
    # The owner learns that someone tried; the stranger learns nothing.
    assert [m.to for m in mail.outbox] == [[owner.email], ["frei@example.com"]]


def test_a_login_with_an_unknown_address_says_what_a_wrong_password_says(owner, settings):
    unknown = Client().post(
        LOGIN_URL, {"login": "niemand@example.com", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    wrong = Client().post(
        LOGIN_URL, {"login": owner.email, "password": "falsch-falsch-1"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    def errors(response) -> list[str]:
        return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)

    assert errors(unknown) == errors(wrong) != []


def test_an_unconfirmed_account_confirms_its_address_before_changing_it(owner, signed_in):
    EmailAddress.objects.filter(user=owner).update(verified=False)

    response = signed_in.post(EMAIL_URL, {"email": NEW, "action_add": ""}, follow=True)

    assert "Confirm owner@example.com first" in response.text
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"
    assert not EmailAddress.objects.filter(email=NEW).exists()


def test_an_account_the_operator_made_keeps_its_address_confirmed(owner, client_owner):
    assert client_owner.get(EMAIL_URL).status_code == 200

    assert EmailAddress.objects.get(user=owner).verified
    assert User.objects.mailable().filter(pk=owner.pk).exists()
