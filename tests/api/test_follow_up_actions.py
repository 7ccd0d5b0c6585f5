"""Follow-ups are done and snoozed over the API as on the follow-ups page."""

import datetime

import pytest
from django.utils import timezone

from reminders.models import FollowUp
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(owner) -> FollowUp:
    contact = make_contact(owner)
    return FollowUp.objects.create(
        owner=owner, contact=contact, due_on=timezone.localdate(), note="Angebot"
    )


def test_it_marks_a_follow_up_done(follow_up, owner_api):
    response = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done")

    assert response.status_code == 200
    assert response.json()["follow_up"]["id"] == follow_up.pk
    assert response.json()["follow_up"]["done_at"] is not None
    assert response.json()["next"] is None
    follow_up.refresh_from_db()
    assert follow_up.is_done


def test_done_twice_is_one_follow_up_done(follow_up, owner_api):
    first = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").json()
    second = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").json()

    assert second["follow_up"]["done_at"] == first["follow_up"]["done_at"]
    assert FollowUp.objects.filter(contact=follow_up.contact).count() == 1


def test_a_repeating_follow_up_comes_back_at_its_next_date(follow_up, owner_api):
    FollowUp.objects.filter(pk=follow_up.pk).update(repeat="weekly")

    answer = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").json()

    following = FollowUp.objects.get(contact=follow_up.contact, done_at__isnull=True)
    assert answer["next"]["id"] == following.pk
    assert following.due_on == timezone.localdate() + datetime.timedelta(weeks=1)
    # Done again, the same follow-up makes no third one.
    assert owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").json()["next"] is None
    assert FollowUp.objects.filter(contact=follow_up.contact).count() == 2


def test_it_snoozes_a_week_by_default_and_a_month_when_asked(follow_up, owner_api):
    today = timezone.localdate()

    week = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/snooze", {})
    assert week.status_code == 200
    assert week.json()["due_on"] == (today + datetime.timedelta(days=7)).isoformat()
    assert week["ETag"]

    month = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/snooze", {"days": 30})
    assert month.json()["due_on"] == (today + datetime.timedelta(days=37)).isoformat()
    follow_up.refresh_from_db()
    assert follow_up.due_on == today + datetime.timedelta(days=37)


def test_a_snooze_the_page_does_not_offer_is_refused(follow_up, owner_api):
    response = owner_api.post(f"/api/v1/follow-ups/{follow_up.pk}/snooze", {"days": 3650})

    assert response.status_code == 422
    assert "days" in response.json()["errors"]
    follow_up.refresh_from_db()
    assert follow_up.due_on == timezone.localdate()


def test_a_read_only_token_cannot_close_or_snooze(follow_up, reader_api):
    assert reader_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").status_code == 403
    assert reader_api.post(f"/api/v1/follow-ups/{follow_up.pk}/snooze", {}).status_code == 403
    follow_up.refresh_from_db()
    assert not follow_up.is_done
    assert follow_up.due_on == timezone.localdate()


def test_another_users_follow_up_is_a_404(follow_up, outsider_api):
    assert outsider_api.post(f"/api/v1/follow-ups/{follow_up.pk}/done").status_code == 404
    assert outsider_api.post(f"/api/v1/follow-ups/{follow_up.pk}/snooze", {}).status_code == 404
    follow_up.refresh_from_db()
    assert not follow_up.is_done
