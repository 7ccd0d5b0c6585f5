"""The nudge scan at scale: 10,000 users and 210,000 contacts in about a second (PostgreSQL).

The test runs on PostgreSQL only (where the figure matters) and prints the measured times.
Its rows are written set-based (INSERT … SELECT over generate_series), each a copy of one
template row saved through the model layer with the columns that differ computed in SQL:
building 210,000 model instances in Python cost minutes of CPU, the scan a few seconds.
"""

import datetime
import os
import time

import pytest
from django.conf import settings
from django.db import connection, models
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from contacts.models import Category, Contact
from contacts.models.rhythm import keep_in_touch_due
from netzwerk.models import User
from reminders.models import FollowUp, Lunch, Nudge
from reminders.scan import scan_nudges

from .helpers import at

USERS = 10_000
CONTACTS_PER_USER = 21
TODAY = datetime.date(2026, 11, 23)
CATEGORIES = [Category.EINHORN, Category.FLAMINGO, Category.PINGUIN]


def scatter(number: str) -> str:
    """SQL: a row number scattered deterministically (Knuth's multiplicative hash), so the
    rows' days spread as random ones would."""
    return f"(({number})::bigint * 2654435761 % 4294967291)"


def clone(template: models.Model, source: str, overrides: dict[str, str]) -> int:
    """Insert one copy of the template row per row of `source` (SQL, aliased `s`), with the
    columns in `overrides` set by SQL expressions; every other column (the defaults and
    what save() derived) is the template's."""
    opts = template._meta
    quote = connection.ops.quote_name
    columns = [f.column for f in opts.concrete_fields if not f.primary_key]
    values = [overrides.get(column, f"t.{quote(column)}") for column in columns]
    table = quote(opts.db_table)
    # Names from the model and expressions from this module, no outside input.
    sql = (
        f"INSERT INTO {table} ({', '.join(map(quote, columns))}) "  # nosec B608
        f"SELECT {', '.join(values)} FROM {table} t, ({source}) s"
    ).replace("%", "%%")  # the modulo operator, not a placeholder
    sql += " WHERE t.id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [template.pk])
        return cursor.rowcount


def build_network() -> None:
    """USERS users with CONTACTS_PER_USER contacts each, follow-ups on every seventh contact
    and a lunch today for every third user; the template rows are removed at the end."""
    template = User.objects.create(email="template@example.com", password="!")
    clone(
        template,
        f"SELECT n FROM generate_series(0, {USERS - 1}) n",
        {
            "email": "'scale' || s.n || '@example.com'",
            "calendar_token": "md5('scale' || s.n)",
            "time_zone": "CASE s.n % 10 WHEN 8 THEN 'Europe/London' "
            "WHEN 9 THEN 'America/New_York' ELSE 'Europe/Berlin' END",
            "followup_nudges": "'email'",
        },
    )
    users = f"SELECT id FROM {User._meta.db_table} WHERE id <> {template.pk}"

    contact = Contact.objects.create(owner=template, first_name="V", last_name="N")
    category = "(ARRAY[{}])[s.n % 3 + 1]".format(", ".join(f"'{c}'" for c in CATEGORIES))
    rhythm = "CASE s.n % 3 {} END".format(
        " ".join(
            f"WHEN {i} THEN {template.rhythm_days(c) or 'NULL'}" for i, c in enumerate(CATEGORIES)
        )
    )
    # Due from 60 days ago to 29 ahead; the last contact is that day less the category's
    # rhythm, the due day derived from it as save() does (none for Pinguine: no rhythm).
    last = f"('{TODAY}'::date + ({scatter('s.i')} / 336 % 90 - 60)::int - {rhythm})"
    clone(
        contact,
        f"SELECT u.id AS owner_id, n, u.id * {CONTACTS_PER_USER} + n AS i"
        f" FROM ({users}) u, generate_series(0, {CONTACTS_PER_USER - 1}) n",
        {
            "owner_id": "s.owner_id",
            "first_name": "'V' || s.n",
            "last_name": "'N' || s.n",
            "sort_name": "'n' || s.n || ' v' || s.n",
            "category": category,
            "birthday_day": f"{scatter('s.i')} % 28 + 1",
            "birthday_month": f"{scatter('s.i')} / 28 % 12 + 1",
            "last_contacted_on": last,
            "keep_in_touch_due_on": f"{last} + {rhythm}",
        },
    )
    follow_up = FollowUp.objects.create(owner=template, contact=contact, due_on=TODAY)
    clone(
        follow_up,
        f"SELECT id, owner_id FROM {Contact._meta.db_table}"
        f" WHERE id % 7 = 0 AND owner_id <> {template.pk}",
        {
            "owner_id": "s.owner_id",
            "contact_id": "s.id",
            "due_on": f"'{TODAY}'::date + ({scatter('s.id')} % 21 - 10)::int",
        },
    )
    lunch = Lunch.objects.create(owner=template, date=TODAY)
    clone(lunch, f"SELECT id FROM ({users}) u WHERE id % 3 = 0", {"owner_id": "s.id"})
    template.delete()


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the scale figure is for PostgreSQL")
def test_the_scan_handles_ten_thousand_users_with_a_constant_number_of_queries(db):
    build_network()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    assert User.objects.count() == USERS
    assert Contact.objects.count() == USERS * CONTACTS_PER_USER
    # The rows written in SQL hold what the model layer would derive for them.
    sample = Contact.objects.alias(part=F("id") % 1000).filter(part=0).select_related("owner")
    assert len(sample) >= 200
    for contact in sample:
        assert contact.sort_name == contact.build_sort_name()
        assert contact.keep_in_touch_due_on == keep_in_touch_due(contact, contact.owner)

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
