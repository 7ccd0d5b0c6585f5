"""The session's user is loaded by one precompiled query (reminders/auth_backends.py):
it still signs out whoever may no longer sign in, and a session whose user is gone is a stranger."""

from django.urls import reverse

from reminders.auth_backends import AuthenticationBackend
from tests.factories import make_contact, make_nudge


def test_the_user_comes_with_their_own_unread_count(owner, outsider):
    anna = make_contact(owner)
    make_nudge(owner, "touch", contact=anna)
    make_nudge(outsider, "touch", contact=make_contact(outsider))
    make_nudge(outsider, "touch", contact=make_contact(outsider))

    user = AuthenticationBackend().get_user(str(owner.pk))

    assert (user.pk, user.email, user.unread_nudge_count) == (owner.pk, owner.email, 1)
    assert AuthenticationBackend().get_user(outsider.pk).unread_nudge_count == 2


def test_a_deactivated_user_is_signed_out_on_the_next_page(client_owner, owner):
    owner.is_active = False
    owner.save(update_fields=["is_active"])

    response = client_owner.get(reverse("contacts:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_session_of_a_deleted_user_is_a_stranger(client, outsider):
    client.force_login(outsider)
    outsider.delete()

    response = client.get(reverse("contacts:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
