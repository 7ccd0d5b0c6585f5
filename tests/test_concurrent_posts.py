"""Three identical POSTs at the same moment (a double tap, a flaky network resending) make one
row and no server error: the database's unique constraints decide, and the requests that lose
get the row that won or a form error.

Each request runs in its own thread with its own client and database connection, released
together by a barrier, so they really overlap on PostgreSQL.
"""

import threading
import traceback
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from contacts.models import Contact, Introduction, RequestPrep, Tag
from netzwerk.models import User
from strategy.models import GoalChannel
from tests.factories import make_contact, make_event, make_goal, make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
TIMES = 3


def post_at_once(url: str, data: dict, user=None) -> list[int]:
    """The answers to TIMES identical POSTs sent at the same moment (a failure is a 500)."""
    barrier = threading.Barrier(TIMES)
    answers: list[int] = []

    def send():
        client = Client()
        if user is not None:
            client.force_login(user)
        try:
            barrier.wait(timeout=60)
            answers.append(client.post(url, data).status_code)
        except Exception as error:  # noqa: BLE001 - the raised error is the finding
            answers.append(500)
            print(f"{url}: {error!r}")
            traceback.print_exc()
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(TIMES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.fixture
def owner(transactional_db):
    return make_user("owner@example.com", first_name="Olga")


def no_server_error(answers: list[int]) -> bool:
    return len(answers) == TIMES and all(status < 500 for status in answers)


def test_creating_the_same_tag_makes_one(owner):
    answers = post_at_once(reverse("contacts:tags"), {"name": "Kundschaft"}, owner)
    assert no_server_error(answers), answers
    assert Tag.objects.for_owner(owner).filter(name="Kundschaft").count() == 1


def test_creating_a_contact_with_a_new_tag_makes_one_tag(owner):
    data = {"first_name": "Anna", "last_name": "Berg", "category": "pinguin"}
    data |= {"status": "active", "tag_names": "Neu im Netz"}
    answers = post_at_once(reverse("contacts:create"), data, owner)
    assert no_server_error(answers), answers
    assert Tag.objects.for_owner(owner).filter(name="Neu im Netz").count() == 1


def test_creating_a_contact_with_its_key_makes_one_contact(owner):
    data = {"first_name": "Anna", "last_name": "Berg", "category": "pinguin"}
    data |= {"status": "active", "tag_names": "Neu", "idempotency_key": str(uuid.uuid4())}
    answers = post_at_once(reverse("contacts:create"), data, owner)
    assert no_server_error(answers), answers
    assert Contact.objects.for_owner(owner).count() == 1


def test_the_same_introduction_pair_is_made_once(owner):
    anna, ben = make_contact(owner, first_name="Anna"), make_contact(owner, first_name="Ben")
    data = {"contact_a": anna.pk, "contact_b": ben.pk, "why": "Beide lieben Typografie"}
    answers = post_at_once(reverse("contacts:introduction_create"), data, owner)
    assert no_server_error(answers), answers
    assert Introduction.objects.for_owner(owner).count() == 1


def test_the_first_request_prep_is_saved_once(owner):
    anna = make_contact(owner, first_name="Anna", status="wish")
    data = {"does_today": "leitet die Redaktion", "shared": "Typografie"}
    answers = post_at_once(reverse("contacts:request_prep", args=[anna.pk]), data, owner)
    assert no_server_error(answers), answers
    assert RequestPrep.objects.for_owner(owner).count() == 1
    assert RequestPrep.objects.get().does_today == "leitet die Redaktion"


def test_adding_the_same_channel_makes_one(owner):
    goal = make_goal(owner, title="Neue Kundschaft")
    data = {"platform": "linkedin", "reason": "Kundschaft", "weekly_minutes": 30}
    answers = post_at_once(reverse("strategy:channel_create", args=[goal.pk]), data, owner)
    assert no_server_error(answers), answers
    assert GoalChannel.objects.filter(goal=goal).count() == 1


def test_signing_up_with_the_same_email_makes_one_account(transactional_db):
    data = {"email": "neu@example.com", "password1": "a-Good-passw0rd"}
    data["password2"] = data["password1"]
    answers = post_at_once(reverse("account_signup"), data)
    assert no_server_error(answers), answers
    assert User.objects.filter(email__iexact="neu@example.com").count() == 1


def test_who_i_met_at_an_event_is_logged_once(owner):
    event = make_event(owner, days_ago=1, title="Stammtisch")
    anna, ben = make_contact(owner, first_name="Anna"), make_contact(owner, first_name="Ben")
    data = {"contacts": [anna.pk, ben.pk]}
    answers = post_at_once(reverse("strategy:event_met", args=[event.pk]), data, owner)
    assert no_server_error(answers), answers
    assert anna.interactions.count() == 1 and ben.interactions.count() == 1
    assert owner.interactions.count() == 1


def test_who_i_met_with_a_new_name_creates_one_contact(owner):
    event = make_event(owner, days_ago=1, title="Stammtisch")
    data = {"new_names": "Jana Beispiel"}
    answers = post_at_once(reverse("strategy:event_met", args=[event.pk]), data, owner)
    assert no_server_error(answers), answers
    assert Contact.objects.for_owner(owner).filter(first_name="Jana").count() == 1
    assert owner.interactions.count() == 1
    assert Contact.objects.get(first_name="Jana").interactions.count() == 1
