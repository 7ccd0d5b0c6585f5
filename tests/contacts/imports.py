"""Helpers for the import tests: fixture files, uploads through the import page, and the
Celery tasks run at once (eagerly, when the request's transaction commits)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import ImportBatch
from netzwerk import celery_app

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def fixture(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes())


def made(name: str, content: bytes | str, encoding: str = "utf-8") -> SimpleUploadedFile:
    data = content.encode(encoding) if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


@pytest.fixture
def tasks_run(django_capture_on_commit_callbacks):
    """Celery tasks run eagerly once the request's transaction commits."""
    celery_app.conf.task_always_eager = True

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    yield run
    celery_app.conf.task_always_eager = False


def upload(client, run, *files) -> tuple:
    """Upload the files and let the reading task run; (response, the batch)."""
    response = run(client.post, reverse("contacts:import"), {"files": list(files)})
    batch = ImportBatch.objects.order_by("-id").first()
    return response, batch


def commit(client, run, batch, choices: dict | None = None):
    data = {f"row-{index}": choice for index, choice in (choices or {}).items()}
    for index, row in enumerate(batch.rows):
        if row["kind"] == "duplicate":
            data.setdefault(f"row-{index}", row["choice"])
    response = run(client.post, reverse("contacts:import_commit", args=[batch.pk]), data)
    batch.refresh_from_db()
    return response
