"""The most important birthdays of two weeks are read from an index, a few rows per category,
however many people have a birthday then (PostgreSQL plans)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Category, Contact

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"),
]

CHRISTMAS = datetime.date(2026, 12, 25)


def test_the_first_birthdays_of_thousands_read_a_few_rows_of_each_category(owner, outsider):
    categories = list(Category)
    for who, count in ((owner, 6_000), (outsider, 500)):
        Contact.objects.bulk_create(
            [
                Contact(
                    owner=who,
                    first_name=f"P{n:05}",
                    category=categories[n % 3],
                    birthday_month=[12, 1][n % 2],
                    birthday_day=1 + n % 28,
                )
                for n in range(count)
            ],
            batch_size=2_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact")
    end = CHRISTMAS + datetime.timedelta(days=14)
    mine = Contact.objects.for_owner(owner).visible()

    with CaptureQueriesContext(connection) as run:
        first = mine.first_birthdays_between(CHRISTMAS, end, 12)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE {run.captured_queries[0]['sql']}")
        plan = "\n".join(line for (line,) in cursor.fetchall())

    assert len(run.captured_queries) == 1
    assert [c.category for c in first] == [Category.EINHORN] * 12
    assert first == sorted(first, key=lambda c: (c.birthday_month != 12, c.birthday_day, c.id))
    # 3 categories x 2 months, each read in order until 12 are found: no scan reads more.
    scans = re.findall(r"Index Scan using (\w+) .*actual time=\S+ rows=(\d+)", plan)
    assert len(scans) == 6
    assert {name for name, _rows in scans} == {"contact_owner_cat_birthday"}
    assert max(int(rows) for _name, rows in scans) <= 12
    assert "Bitmap" not in plan and "Seq Scan" not in plan
