"""The nudge scan at scale: 10,000 users and 210,000 contacts in about a second (PostgreSQL).

Building the data takes a while, so the test runs on PostgreSQL only (where the figure
matters); it prints the measured times.
"""

import datetime
import os
import random
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from netzwerk.models import User
from reminders.models import FollowUp, Lunch, Nudge
from reminders.scan import scan_nudges

from .helpers import at

USERS = 10_000
CONTACTS_PER_USER = 21
ZONES = ["Europe/Berlin"] * 8 + ["Europe/London", "America/New_York"]


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the scale figure is for PostgreSQL")
def test_the_scan_handles_ten_thousand_users_with_a_constant_number_of_queries(db):
    rng = random.Random(7)
    today = datetime.date(2026, 11, 23)
    User.objects.bulk_create(
        (
            User(
                email=f"scale{n}@example.com",
                password="!",
                time_zone=ZONES[n % len(ZONES)],
                followup_nudges="email",
            )
            for n in range(USERS)
        ),
        batch_size=5000,
    )
    user_ids = list(User.objects.values_list("id", flat=True))
    categories = ["einhorn", "flamingo", "pinguin"]
    Contact.objects.bulk_create(
        (
            Contact(
                owner_id=uid,
                first_name=f"V{n}",
                last_name=f"N{n}",
                sort_name=f"n{n}",
                category=categories[n % 3],
                birthday_day=rng.randint(1, 28),
                birthday_month=rng.randint(1, 12),
                keep_in_touch_due_on=today + datetime.timedelta(days=rng.randint(-60, 60))
                if n % 3 != 2
                else None,
            )
            for uid in user_ids
            for n in range(CONTACTS_PER_USER)
        ),
        batch_size=10_000,
    )
    contacts = Contact.objects.values_list("id", "owner_id")
    FollowUp.objects.bulk_create(
        (
            FollowUp(
                owner_id=owner_id,
                contact_id=pk,
                due_on=today + datetime.timedelta(days=rng.randint(-10, 10)),
            )
            for pk, owner_id in contacts
            if pk % 7 == 0
        ),
        batch_size=10_000,
    )
    Lunch.objects.bulk_create(
        (Lunch(owner_id=uid, date=today) for uid in user_ids[::3]), batch_size=10_000
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    assert Contact.objects.count() == USERS * CONTACTS_PER_USER

    nine = at(2026, 11, 23, 9)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        scan_nudges(nine)
    first = time.perf_counter() - started
    created = Nudge.objects.count()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries_again:
        scan_nudges(nine + datetime.timedelta(minutes=5))
    again = time.perf_counter() - started
    if os.environ.get("PROFILE_SCAN"):
        for label, captured in (("first", queries), ("again", queries_again)):
            slow = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]
            for q in slow:
                print(label, q["time"], q["sql"][:150])
            print(label, "SQL total", sum(float(q["time"]) for q in captured.captured_queries))
    print(
        f"\nscan of {USERS} users / {USERS * CONTACTS_PER_USER} contacts: first {first:.2f}s "
        f"({created} nudges, {len(queries)} queries), again {again:.2f}s"
    )
    assert created > USERS  # lunch week, lunch today, follow-ups, birthdays, keep in touch
    assert Nudge.objects.count() == created
    assert len(queries) < 150  # a constant per chunk of 2,000 users, none per user
    # A scan that finds everything already nudged creates nothing, in as few queries. The
    # seconds are printed, not asserted: they are the benchmark's business (README,
    # Performance), and a test run sharing the cores stretches them several times.
    assert len(queries_again) <= len(queries)
