"""The benchmark's import: LinkedIn connections, half as many as the heavy user has contacts
(5,000 into 10,000), end to end as a user does it: the upload request, the reading into the
preview (the task's code), the preview page, the commit request and the commit (the task's
code).

A tenth of the rows are people the network already has (same name and company), so the
preview finds duplicates among all contacts. Everything runs inside a transaction that is
rolled back, so the next run and `--reuse` find the data as it was (and the search index's
pending list is merged only after a real commit, outside this measurement).
"""

import datetime
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from contacts.forms.imports import SHOWN_DUPLICATES
from contacts.importing import committing, reading
from contacts.models import Contact, ImportBatch, ImportState

KNOWN_SHARE = 10
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
FIRST = ["Anna", "Jürgen", "Zoë", "Łukasz", "Mia", "Tobias", "Sabine", "Li", "Fatma", "Jonas"]
LAST = ["Weiß", "Müller", "Kowalski", "Schneider", "Yılmaz", "Brandt", "Keller", "Lei", "Novak"]
COMPANIES = ["Studio Nord GmbH", "Weiß & Söhne", "Agentur Blau", "Freelance", "Adler Design"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class _Undo(Exception):
    pass


def rows_for(bench) -> int:
    return max(10, bench.contacts // 2)


def connections_csv(owner, rows: int) -> bytes:
    """A LinkedIn Connections.csv with its notes above the header; every KNOWN_SHARE-th row
    is an existing contact of the owner."""
    rng = random.Random(12)
    known = list(
        Contact.objects.for_owner(owner)
        .exclude(company="")
        .order_by("id")
        .values_list("first_name", "last_name", "company")[: rows // KNOWN_SHARE]
    )
    out = io.StringIO()
    out.write('Notes:\r\n"When exporting your connection data, you may notice ..."\r\n\r\n')
    out.write(HEADER)
    for n in range(rows):
        if n % KNOWN_SHARE == 0 and known:
            first, last, company = known.pop()
        else:
            first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{n}"
            company = rng.choice(COMPANIES)
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 3650)
        on = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"
        company = company.replace('"', "")
        out.write(
            f'{first},{last},https://www.linkedin.com/in/p-{n},,"{company}",Beraterin,{on}\r\n'
        )
    return out.getvalue().encode()


def linkedin_import(bench):
    data = connections_csv(bench.dataset.heavy, rows_for(bench))

    def run():
        try:
            with transaction.atomic():
                _import(bench, data)
                raise _Undo
        except _Undo:
            pass

    return run


def _import(bench, data: bytes) -> None:
    client = bench.client
    upload = SimpleUploadedFile("Connections.csv", data, content_type="text/csv")
    response = client.post(reverse("contacts:import"), {"files": [upload]})
    if response.status_code != 302:
        raise AssertionError(f"The upload answered {response.status_code}")
    batch = ImportBatch.objects.for_owner(bench.dataset.heavy).order_by("-id").first()
    # The request enqueued the task for after its commit, which a rolled-back measurement
    # never reaches: the task's code runs here instead.
    reading.read(batch.pk)
    bench.get(batch.get_absolute_url())
    # As the page posts it: a choice for each duplicate shown, one for all the others.
    batch.refresh_from_db()
    duplicates = [i for i, row in enumerate(batch.rows) if row["kind"] == "duplicate"]
    choices = {"all_duplicates": "merge"}
    choices.update({f"row-{i}": "merge" for i in duplicates[:SHOWN_DUPLICATES]})
    response = client.post(reverse("contacts:import_commit", args=[batch.pk]), choices)
    if response.status_code != 302:
        raise AssertionError(f"The commit answered {response.status_code}")
    committing.commit(batch.pk)
    batch.refresh_from_db()
    if batch.state != ImportState.DONE:
        raise AssertionError(f"The import ended as {batch.state}: {batch.error}")
