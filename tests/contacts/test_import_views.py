"""The import page: upload one or many files, the reading in a task with its progress, the
mapping step, the preview, the commit, the list of recent imports; another user's import is a
404 and a wrong method a 405."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import ColumnMapping, Contact, ImportBatch, ImportState
from tests.contacts.imports import commit, fixture, made, upload
from tests.factories import make_contact, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(owner):
    owner.language = "en"
    owner.save(update_fields=["language"])
    yield
    # The requests activated English for this thread; later tests expect the default.
    translation.deactivate()


def test_the_page_offers_a_multiple_file_input(client_owner):
    response = client_owner.get(reverse("contacts:import"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and "multiple" in html
    assert 'enctype="multipart/form-data"' in html
    assert "js/import.js" in html


def test_an_upload_is_stored_and_read_in_a_task(
    client_owner, owner, django_capture_on_commit_callbacks
):
    # Without the task running, the request has only stored the files.
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_owner.post(
            reverse("contacts:import"), {"files": [fixture("xing-Sabine_Keller.vcf")]}
        )
    batch = ImportBatch.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    assert batch.state == ImportState.QUEUED
    assert batch.rows == []
    assert len(callbacks) == 1
    assert Contact.objects.count() == 0


def test_the_progress_polls_while_the_task_works_and_refreshes_when_done(client_owner, owner):
    batch = ImportBatch.objects.create(owner=owner, total_files=4, done_files=1, state="reading")
    url = reverse("contacts:import_progress", args=[batch.pk])
    response = client_owner.get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'value="25"' in html
    page = client_owner.get(batch.get_absolute_url()).content.decode()
    assert "import-progress" in page
    batch.state = ImportState.READY
    batch.save()
    response = client_owner.get(url, HTTP_HX_REQUEST="true")
    assert response.headers["HX-Refresh"] == "true"


def test_several_files_at_once_become_one_preview_and_one_import(client_owner, owner, tasks_run):
    _response, batch = upload(
        client_owner,
        tasks_run,
        fixture("xing-Sabine_Keller.vcf"),
        fixture("xing-Tobias_Brandt2.vcf"),
        fixture("linkedin-Connections.csv"),
    )
    batch.refresh_from_db()
    assert batch.state == ImportState.READY
    page = client_owner.get(batch.get_absolute_url()).content.decode()
    assert "xing-Tobias_Brandt2.vcf" in page and "LinkedIn" in page
    assert "Tobias Brandt" in page
    assert Contact.objects.count() == 0

    response = commit(client_owner, tasks_run, batch)

    assert response.status_code == 302
    assert batch.state == ImportState.DONE
    assert Contact.objects.filter(owner=owner).count() == 7
    page = client_owner.get(batch.get_absolute_url()).content.decode()
    assert "import-done" in page


def test_an_unknown_csv_asks_for_its_columns_and_remembers_them(client_owner, owner, tasks_run):
    _response, batch = upload(client_owner, tasks_run, fixture("generic-semicolon.csv"))
    batch.refresh_from_db()
    assert batch.state == ImportState.MAPPING
    page = client_owner.get(batch.get_absolute_url()).content.decode()
    assert 'name="column-0"' in page and "Firma" in page
    columns = {"column-0": "full_name", "column-1": "company", "column-2": "email"}
    url = reverse("contacts:import_mapping", args=[batch.pk])

    response = tasks_run(client_owner.post, url, {**columns, "column-3": "", "column-4": ""})

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportState.READY
    assert [row["data"]["last_name"] for row in batch.rows] == ["Weiß", "Martin"]
    # The next file with these columns is read at once.
    _response, second = upload(client_owner, tasks_run, fixture("generic-semicolon.csv"))
    second.refresh_from_db()
    assert second.state == ImportState.READY
    assert ColumnMapping.objects.filter(owner=owner).count() == 1


def test_a_mapping_without_a_name_column_is_refused(client_owner, tasks_run):
    _response, batch = upload(client_owner, tasks_run, fixture("generic-semicolon.csv"))
    url = reverse("contacts:import_mapping", args=[batch.pk])
    response = client_owner.post(url, {"column-2": "email"})
    assert response.status_code == 422
    assert "at least one column with a name" in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == ImportState.MAPPING


@override_settings(IMPORT_MAX_BYTES=1000)
def test_a_batch_over_the_size_limit_is_refused_with_its_size(client_owner):
    response = client_owner.post(
        reverse("contacts:import"),
        {"files": [made("a.vcf", "x" * 700), made("b.vcf", "y" * 700)]},
    )
    assert response.status_code == 422
    assert "1.4\xa0KB together; at most 1000\xa0bytes" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_recent_imports_are_listed_to_come_back_to(client_owner, owner):
    ImportBatch.objects.create(owner=owner, title="Connections.csv", state="ready")
    ImportBatch.objects.create(owner=make_user(), title="fremd.vcf", state="ready")
    html = client_owner.get(reverse("contacts:import")).content.decode()
    assert "Connections.csv" in html
    assert "fremd.vcf" not in html


def test_a_preview_can_be_discarded(client_owner, owner):
    batch = ImportBatch.objects.create(owner=owner, state="ready", rows=[{"kind": "new"}])
    response = client_owner.post(reverse("contacts:import_discard", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.state, batch.rows) == (ImportState.DISCARDED, [])


@pytest.mark.parametrize(
    "name", ["import_batch", "import_progress", "import_mapping", "import_commit", "import_discard"]
)
def test_another_users_import_is_a_404(client_outsider, owner, name):
    batch = ImportBatch.objects.create(owner=owner, state="ready")
    url = reverse(f"contacts:{name}", args=[batch.pk])
    assert client_outsider.get(url).status_code == 404
    assert client_outsider.post(url).status_code == 404
    batch.refresh_from_db()
    assert batch.state == ImportState.READY


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("import_batch", "post"),
        ("import_progress", "post"),
        ("import_commit", "get"),
        ("import_mapping", "get"),
        ("import_discard", "get"),
    ],
)
def test_the_wrong_method_is_a_405(client_owner, owner, name, method):
    batch = ImportBatch.objects.create(owner=owner, state="ready")
    url = reverse(f"contacts:{name}", args=[batch.pk])
    assert getattr(client_owner, method)(url).status_code == 405


def test_the_preview_costs_the_same_queries_for_few_and_many_rows(
    client_owner, owner, django_assert_max_num_queries
):
    def batch_of(size):
        row = {
            "file": 0,
            "line": 2,
            "source": "LinkedIn",
            "kind": "duplicate",
            "error": "",
            "choice": "merge",
            "data": {"first_name": "Anna", "last_name": "Adler"},
            "match": {"contact": 1, "row": None, "name": "Anna Adler", "reason": "same name"},
        }
        return ImportBatch.objects.create(
            owner=owner,
            state="ready",
            files=[{"name": "c.csv", "size": 1}],
            rows=[{**row, "line": n} for n in range(size)],
        )

    for size in (2, 400):
        batch = batch_of(size)
        with django_assert_max_num_queries(4):
            response = client_owner.get(batch.get_absolute_url())
        assert response.status_code == 200


def test_the_columns_can_be_changed_from_the_preview(client_owner, tasks_run):
    _response, batch = upload(client_owner, tasks_run, fixture("generic-semicolon.csv"))
    url = reverse("contacts:import_mapping", args=[batch.pk])
    tasks_run(client_owner.post, url, {"column-0": "full_name", "column-1": "company"})
    batch.refresh_from_db()
    assert batch.state == ImportState.READY
    page = client_owner.get(batch.get_absolute_url()).content.decode()
    assert "Change what the columns of generic-semicolon.csv hold" in page

    tasks_run(client_owner.post, url, {"column-0": "full_name", "column-1": "notes", "file": "0"})

    batch.refresh_from_db()
    assert batch.state == ImportState.READY
    assert [row["data"]["company"] for row in batch.rows] == ["", ""]
    assert batch.rows[0]["data"]["notes"] == "Weiß & Söhne"


def test_the_contact_list_links_to_the_import(client_owner):
    html = client_owner.get(reverse("contacts:list")).content.decode()
    assert f'href="{reverse("contacts:import")}"' in html


def test_an_import_whose_task_was_lost_is_resumed_by_the_periodic_run(owner, tasks_run):
    from contacts.tasks import resume_imports

    upload = {"name": "a.csv", "size": 20, "data": "TmFtZTtGaXJtYQpBbm5hIEFkbGVyO1g="}
    stalled = ImportBatch.objects.create(owner=owner, files=[upload], total_files=1)
    fresh = ImportBatch.objects.create(owner=owner, files=[upload], total_files=1)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ImportBatch.objects.filter(pk=stalled.pk).update(updated_at=an_hour_ago)

    assert tasks_run(resume_imports) == 1

    stalled.refresh_from_db()
    fresh.refresh_from_db()
    assert stalled.state == ImportState.MAPPING
    assert fresh.state == ImportState.QUEUED


def test_a_choice_that_does_not_exist_is_refused_and_nothing_is_written(
    client_owner, owner, tasks_run
):
    make_contact(owner, first_name="Zoë", last_name="Martin", emails=["zoe.martin@example.com"])
    _response, batch = upload(client_owner, tasks_run, fixture("linkedin-Connections.csv"))
    batch.refresh_from_db()
    (index,) = [i for i, row in enumerate(batch.rows) if row["kind"] == "duplicate"]
    url = reverse("contacts:import_commit", args=[batch.pk])

    response = tasks_run(client_owner.post, url, {f"row-{index}": "delete-everything"})

    assert response.status_code == 422
    batch.refresh_from_db()
    assert batch.state == ImportState.READY
    assert Contact.objects.filter(owner=owner).count() == 1


def test_uploading_without_files_asks_for_them(client_owner):
    response = client_owner.post(reverse("contacts:import"), {})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
