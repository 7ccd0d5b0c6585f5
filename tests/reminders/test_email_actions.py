"""Signed one-tap links from the emails and one-click unsubscribe, without logging in."""

import datetime

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.models import Interaction
from reminders.models import FollowUp
from reminders.tokens import action_token, action_url, unsubscribe_token
from tests.factories import make_contact

from .helpers import follow_up


@pytest.fixture
def anonymous() -> Client:
    # Mail apps open links in a fresh browser: no session, and CSRF is checked strictly.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def due(owner) -> FollowUp:
    ben = make_contact(owner, first_name="Ben", last_name="Ufer")
    return follow_up(owner, ben, timezone.localdate())


def url(user, action, obj, occurrence="") -> str:
    return reverse(
        "reminders:email_action", args=[action, action_token(user, action, obj.pk, occurrence)]
    )


def test_the_done_link_asks_first_and_a_post_marks_the_follow_up_done(owner, due, anonymous):
    target = url(owner, "done", due)
    page = anonymous.get(target)
    assert page.status_code == 200
    assert b'<form method="post">' in page.content
    due.refresh_from_db()
    assert not due.is_done  # a mail scanner's GET changes nothing
    assert anonymous.post(target).status_code == 200
    due.refresh_from_db()
    assert due.is_done
    assert anonymous.post(target).status_code == 200  # twice is harmless


def test_the_snooze_link_moves_the_follow_up_a_week_once(owner, due, anonymous):
    target = url(owner, "snooze", due, due.due_on.isoformat())
    first_due = due.due_on
    anonymous.post(target)
    anonymous.post(target)
    due.refresh_from_db()
    assert due.due_on == max(first_due, timezone.localdate()) + datetime.timedelta(days=7)


def test_the_congratulated_link_logs_one_message_interaction(owner, anonymous):
    ben = make_contact(owner, birthday_day=1, birthday_month=12)
    target = url(owner, "congratulate", ben, "2026-12-01")
    assert b"Ben" in anonymous.get(target).content or anonymous.get(target).status_code == 200
    anonymous.post(target)
    anonymous.post(target)
    interaction = Interaction.objects.get()
    assert interaction.kind == "message"
    assert list(interaction.contacts.all()) == [ben]
    assert interaction.occasion_on == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("logged_in", "shown_in", "shown", "foreign"),
    [
        ("de", "en", "Congratulated (1 December 2026)", ["Gratuliert", "2026-12-01"]),
        ("en", "de", "Gratuliert (1. Dezember 2026)", ["Congratulated", "2026-12-01"]),
    ],
)
def test_the_congratulation_reads_in_the_language_of_whoever_looks(
    owner, anonymous, client_owner, logged_in, shown_in, shown, foreign
):
    ben = make_contact(owner, birthday_day=1, birthday_month=12)
    owner.language = logged_in
    owner.save()
    anonymous.post(url(owner, "congratulate", ben, "2026-12-01"))

    owner.language = shown_in
    owner.save()
    page = client_owner.get(ben.get_absolute_url()).content.decode()

    assert shown in page
    for text in foreign:
        assert text not in page


def test_the_pages_speak_the_language_of_the_user_in_the_token(owner, due, anonymous):
    owner.language = "en"
    owner.save()
    page = anonymous.get(url(owner, "done", due), HTTP_ACCEPT_LANGUAGE="de")
    assert "Mark the follow-up with Ben Ufer as done?" in page.content.decode()


def test_a_tampered_token_is_a_400_with_a_clear_message(owner, due, anonymous):
    token = action_token(owner, "done", due.pk)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = anonymous.post(reverse("reminders:email_action", args=["done", tampered]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode() or "nicht gültig" in response.content.decode()
    due.refresh_from_db()
    assert not due.is_done


def test_a_token_for_one_action_does_not_work_for_another(owner, due, anonymous):
    token = action_token(owner, "snooze", due.pk, due.due_on.isoformat())
    response = anonymous.post(reverse("reminders:email_action", args=["done", token]))
    assert response.status_code == 400
    assert (
        anonymous.post(reverse("reminders:email_action", args=["delete", token])).status_code == 400
    )


def test_an_expired_token_is_refused(owner, due, anonymous, monkeypatch):
    token = action_token(owner, "done", due.pk)
    now = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + 31 * 86400)
    response = anonymous.post(reverse("reminders:email_action", args=["done", token]))
    assert response.status_code == 400
    assert "expired" in response.content.decode() or "abgelaufen" in response.content.decode()


def test_a_token_naming_another_users_object_is_a_404(owner, outsider, anonymous):
    theirs = follow_up(outsider, make_contact(outsider), timezone.localdate())
    contact = make_contact(outsider)
    # Even a validly signed token for the owner cannot reach the outsider's objects.
    for target in (url(owner, "done", theirs), url(owner, "congratulate", contact, "2026-12-01")):
        assert anonymous.get(target).status_code == 404
        assert anonymous.post(target).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_done
    assert not Interaction.objects.exists()


def test_action_urls_are_absolute_links_into_the_site(owner, due, settings):
    settings.SITE_URL = "https://netzwerk.example.org/"
    assert action_url(owner, "done", due.pk).startswith("https://netzwerk.example.org/r/a/done/")


def test_unsubscribe_get_asks_and_one_click_post_unsubscribes_without_login(owner, anonymous):
    target = reverse("reminders:unsubscribe", args=["digest", unsubscribe_token(owner, "digest")])
    assert anonymous.get(target).status_code == 200
    owner.refresh_from_db()
    assert owner.digest_enabled
    response = anonymous.post(target, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    owner.refresh_from_db()
    assert not owner.digest_enabled


def test_unsubscribing_from_reminder_emails_keeps_them_in_the_app(owner, anonymous):
    target = reverse("reminders:unsubscribe", args=["nudges", unsubscribe_token(owner, "nudges")])
    anonymous.post(target, {"List-Unsubscribe": "One-Click"})
    owner.refresh_from_db()
    assert (owner.birthday_nudges, owner.followup_nudges, owner.keep_in_touch_nudges) == (
        "app",
        "app",
        "app",
    )
    assert owner.digest_enabled


def test_an_unsubscribe_token_of_the_other_list_or_tampered_is_refused(owner, anonymous):
    token = unsubscribe_token(owner, "digest")
    assert (
        anonymous.post(reverse("reminders:unsubscribe", args=["nudges", token])).status_code == 400
    )
    assert (
        anonymous.post(reverse("reminders:unsubscribe", args=["digest", token + "x"])).status_code
        == 400
    )
    owner.refresh_from_db()
    assert owner.digest_enabled and owner.followup_nudges == "email"


def test_other_methods_are_not_allowed(owner, due, anonymous):
    assert anonymous.put(url(owner, "done", due)).status_code == 405


# Links end with the credentials they were sent under.


def test_a_new_password_ends_every_one_tap_link_sent_before(owner, due, anonymous):
    target = url(owner, "done", due)
    owner.set_password("Ein-neues-Passw0rt")
    owner.save()

    response = anonymous.post(target)

    assert response.status_code == 400
    due.refresh_from_db()
    assert not due.is_done
    # A link sent after the change works.
    assert anonymous.post(url(owner, "done", due)).status_code == 200


def test_signing_out_everywhere_ends_one_tap_and_unsubscribe_links(owner, due, anonymous):
    action = url(owner, "done", due)
    unsubscribe = reverse(
        "reminders:unsubscribe", args=["digest", unsubscribe_token(owner, "digest")]
    )
    owner.sign_out_everywhere()

    assert anonymous.post(action).status_code == 400
    assert anonymous.post(unsubscribe).status_code == 400
    due.refresh_from_db()
    owner.refresh_from_db()
    assert not due.is_done and owner.digest_enabled


def test_a_link_signed_with_the_previous_key_works_while_it_is_a_fallback(
    owner, due, anonymous, settings
):
    settings.SECRET_KEY = "the-previous-key-" + "x" * 40
    target = url(owner, "done", due)
    settings.SECRET_KEY = "the-new-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = ["the-previous-key-" + "x" * 40]

    assert anonymous.post(target).status_code == 200
    due.refresh_from_db()
    assert due.is_done


def test_a_link_signed_with_a_retired_key_is_refused(owner, due, anonymous, settings):
    settings.SECRET_KEY = "the-previous-key-" + "x" * 40
    target = url(owner, "done", due)
    settings.SECRET_KEY = "the-new-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = []

    assert anonymous.post(target).status_code == 400


def test_a_link_of_a_deactivated_user_is_refused(owner, due, anonymous):
    target = url(owner, "done", due)
    owner.is_active = False
    owner.save()

    assert anonymous.post(target).status_code == 400
