"""Deleting an account: the counts first, the password, then every row of every model gone,
the other user's untouched, sessions ended, a last email."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from netzwerk.account.deletion import counts, delete_account
from netzwerk.account.tasks import send_account_deleted_email
from netzwerk.models import User
from reminders import delivery

from .accounts import empty_models, fill_account, rows_per_model

URL = reverse("data:delete_account")
PASSWORD = "a-Good-passw0rd"  # tests.factories.make_user's


def test_deleting_leaves_no_row_of_the_user_in_any_model(owner, outsider):
    fill_account(owner)
    fill_account(outsider, prefix="Fremd-")
    assert empty_models(owner) == []
    before_outsider = rows_per_model(outsider)
    owner_id = owner.pk

    delete_account(owner)

    assert not User.objects.filter(pk=owner_id).exists()
    assert all(count == 0 for count in rows_per_model(owner_id).values())
    assert rows_per_model(outsider) == before_outsider


def test_the_counts_name_every_kind_of_row(owner):
    fill_account(owner)

    shown = {row.label: row.count for row in counts(owner)}

    # Link tables are part of the rows they link: Django's own (Model_field) and the
    # interactions' people, which carry a date of their own.
    owned = {
        label: n
        for label, n in rows_per_model(owner).items()
        if "_" not in label and label != "contacts.InteractionContact"
    }
    assert shown == owned


def test_the_page_shows_the_counts_and_asks_for_the_password(owner, client_owner):
    fill_account(owner)

    response = client_owner.get(URL)

    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="deletion-counts"' in text and '<th scope="row">Kontakte</th><td>3</td>' in text
    assert 'type="password"' in text


def test_a_wrong_password_deletes_nothing(owner, client_owner):
    fill_account(owner)
    before = rows_per_model(owner)

    response = client_owner.post(URL, {"password": "falsch"})

    assert response.status_code == 422
    assert "nicht dein Passwort" in response.content.decode()
    assert rows_per_model(owner) == before


def test_the_account_is_deleted_with_the_password(
    owner, client_owner, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    fill_account(owner)
    other_device = Client()
    other_device.force_login(owner)
    owner_id = owner.pk

    with django_capture_on_commit_callbacks(execute=True):
        response = client_owner.post(URL, {"password": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("data:account_deleted")
    assert not User.objects.filter(pk=owner_id).exists()
    assert all(count == 0 for count in rows_per_model(owner_id).values())
    # Signed out here and on the other device.
    assert client_owner.get(reverse("contacts:list")).status_code == 302
    assert other_device.get(reverse("contacts:list")).status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(owner_id) for s in Session.objects.all()
    )


def test_the_last_email_says_it_is_done(mailoutbox):
    send_account_deleted_email("owner@example.com", "de")

    (mail,) = mailoutbox
    assert mail.to == ["owner@example.com"]
    assert mail.subject == "Dein Netzwerk-Konto wurde gelöscht"
    assert "owner@example.com wurde gelöscht" in mail.body


def test_the_deletion_enqueues_the_email_in_the_users_language(
    owner, client_owner, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(send_account_deleted_email, "delay", lambda *args: sent.append(args))
    owner.language = "en"
    owner.save()

    with django_capture_on_commit_callbacks(execute=True):
        client_owner.post(URL, {"password": PASSWORD})

    assert sent == [("owner@example.com", "en")]


def test_no_nudge_or_digest_goes_out_after_the_deletion(owner, mailoutbox):
    fill_account(owner)
    owner_id = owner.pk

    delete_account(owner)

    assert delivery.send_nudge_email(owner_id) == 0
    assert delivery.send_digests([owner_id], "2026-W49") == 0
    assert mailoutbox == []


def test_the_page_requires_login(client):
    assert client.get(URL).status_code == 302


def test_the_goodbye_page_is_for_signed_out_visitors(client, client_owner):
    assert client.get(reverse("data:account_deleted")).status_code == 200
    assert client_owner.get(reverse("data:account_deleted")).status_code == 302


def test_with_the_broker_down_the_last_email_is_sent_directly(
    owner, client_owner, django_capture_on_commit_callbacks, monkeypatch, mailoutbox
):
    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(send_account_deleted_email, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_owner.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert [mail.to for mail in mailoutbox] == [["owner@example.com"]]
