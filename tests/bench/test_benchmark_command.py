"""The benchmark (`python -m bench`) keeps working: a tiny run on the test database, and its
safety checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from bench import data, measure
from bench.command import BenchmarkCommand
from contacts.models import Contact, Interaction
from reminders.models import Digest, DigestState, Nudge
from tests.factories import make_user
from tests.shared_rows import rows_for_several_tests

ROOT = Path(__file__).resolve().parent.parent.parent
TIMING_FIELDS = ("samples", "median_ms", "p95_ms", "p99_ms", "min_ms", "max_ms")


# Forked digest workers cannot see the test's open transaction: measured on its own below.
IN_PROCESS = ",".join(m.name for m in measure.MEASUREMENTS if m.name != "digest.weekly_2")
UNTRACED = {m.name for m in measure.MEASUREMENTS if not m.runs.trace}


@pytest.fixture
def tiny_run(db, tmp_path):
    output = tmp_path / "bench.json"
    call_command(
        BenchmarkCommand(),
        scale=60,
        light_users=3,
        repeat=2,
        only=IN_PROCESS,
        output=str(output),
        verbosity=0,
    )
    return json.loads(output.read_text())


@pytest.fixture(scope="class")
def generated_once(django_db_setup, django_db_blocker):
    """The data alone, without measuring, generated once for the tests of one class."""
    with rows_for_several_tests(django_db_blocker):
        yield data.generate(data.Plan(heavy_contacts=60, light_users=3))


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_a_tiny_run_reports_every_measurement_with_sane_figures(tiny_run):
    results = {r["name"]: r for r in tiny_run["results"]}

    expected = set(IN_PROCESS.split(","))
    assert expected <= set(results)
    assert any(name.startswith("list.typing.") for name in results)
    for name, result in results.items():
        for key in TIMING_FIELDS:
            assert result[key] >= 0, (name, key)
        assert result["samples"] >= 2, name
        assert result["min_ms"] <= result["median_ms"] <= result["p95_ms"] <= result["max_ms"]
        assert result["queries"] >= 1, name
        if name not in UNTRACED:  # too long to trace
            assert result["peak_alloc_kib"] > 0, name
        assert result["floor_ratio"] > 0, name
        assert result["cpu_median_ms"] >= 0, name
        assert result["cpu_floor_ratio"] > 0, name
    assert results["floor"]["floor_ratio"] == 1.0
    assert results["floor"]["queries"] <= 3  # session, user, the rows
    assert results["list.default"]["targets"]["queries"] == {"limit": 6, "met": True}
    assert tiny_run["memory"]["rss_peak_mib"] > 0
    assert tiny_run["generation"]["counts"]["contacts"] == 60 + 3 * 20
    assert tiny_run["sizes"]["heavy_contacts"] == 60
    assert results["digest.weekly_1"]["units"] == 4
    assert Digest.objects.filter(state=DigestState.SENT).count() >= 1
    assert Nudge.objects.filter(owner__email=data.HEAVY_EMAIL).exists()


def test_the_benchmark_refuses_a_database_that_holds_users(db, tmp_path):
    make_user()

    with pytest.raises(CommandError, match="holds 1 users"):
        call_command(BenchmarkCommand(), small=True, output=str(tmp_path / "x.json"), verbosity=0)
    assert not Contact.objects.exists()


def words(search_text: str) -> list[str]:
    # The database may sort tag names with another collation than Python; the words count.
    return sorted(search_text.split())


class TestTheGeneratedData:
    """Tests that read the generated data; it is generated once for them (generated_once)."""

    def test_the_generated_derived_fields_match_what_the_model_layer_computes(self, generated):
        contacts = list(Contact.objects.select_related("search").order_by("id"))

        def derived(c):
            return (c.sort_name, words(c.search.text), c.last_contacted_on, c.keep_in_touch_due_on)

        generated = {c.pk: derived(c) for c in contacts}
        assert any(c.keep_in_touch_due_on for c in contacts)

        for contact in contacts:
            contact.save(rebuild_search=False)  # recomputes sort_name and the keep-in-touch day
        Contact.objects.all().refresh_last_contacted()
        Contact.objects.all().rebuild_search_text()
        Contact.objects.all().refresh_keep_in_touch_due()

        recomputed = {
            c.pk: derived(c) for c in Contact.objects.select_related("search").order_by("id")
        }
        assert recomputed == generated

    def test_the_star_contact_has_300_interactions(self, generated):
        heavy = Contact.objects.filter(owner__email=data.HEAVY_EMAIL)
        most = max(c.interactions.count() for c in heavy)

        assert most == data.STAR_INTERACTIONS
        assert generated.star_id in {c.pk for c in heavy if c.interactions.count() == most}

    def test_new_rows_get_ids_after_the_generated_ones(self, generated):
        top = Interaction.objects.aggregate(top=Max("id"))["top"]
        contact = Contact.objects.filter(owner__email=data.HEAVY_EMAIL).first()

        assert contact.log_interaction(kind="coffee", date=contact.created_at.date()).pk > top

    def test_reuse_measures_the_benchmark_data_again_without_generating(self, generated, tmp_path):
        before = Contact.objects.count()
        output = tmp_path / "again.json"

        call_command(
            BenchmarkCommand(),
            reuse=True,
            only="list.default",
            repeat=2,
            output=str(output),
            verbosity=0,
        )

        again = json.loads(output.read_text())
        assert [r["name"] for r in again["results"]] == ["floor", "list.default"]
        assert again["generation"] == {"reused": True}
        assert Contact.objects.count() == before

    def test_a_registered_task_is_timed_with_its_throughput(self, generated, tmp_path, monkeypatch):
        monkeypatch.setattr(measure, "MEASUREMENTS", list(measure.MEASUREMENTS))
        measure.task(
            "test.count_contacts",
            "Count every contact",
            run=lambda bench: lambda: Contact.objects.count(),
            units=lambda bench: bench.users,
            unit="users",
            targets=measure.Targets(queries=1),
        )
        output = tmp_path / "task.json"

        call_command(
            BenchmarkCommand(),
            reuse=True,
            only="test.count_contacts",
            repeat=3,
            output=str(output),
            verbosity=0,
        )

        (_floor, result) = json.loads(output.read_text())["results"]
        assert result["queries"] == 1
        assert result["unit"] == "users" and result["units"] == 4
        assert result["per_second"] > 0
        assert result["targets"]["queries"]["met"]


@pytest.mark.django_db(transaction=True)
def test_two_digest_workers_send_every_users_digest(tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("forked workers need a server database (the SQLite test database is in memory)")
    data.generate(data.Plan(heavy_contacts=60, light_users=5))
    output = tmp_path / "workers.json"

    call_command(
        BenchmarkCommand(),
        reuse=True,
        only="digest.weekly_2",
        repeat=1,
        output=str(output),
        verbosity=0,
    )

    (_floor, result) = json.loads(output.read_text())["results"]
    assert result["units"] == 6
    # Both runs started from an empty table; after the last one each user has a row, done.
    rows = Digest.objects.values_list("state", flat=True)
    assert len(rows) == 6
    assert set(rows) <= {DigestState.SENT, DigestState.SKIPPED}
    assert DigestState.SENT in set(rows)


def python_m_bench(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_it_runs_as_a_script_from_the_project_root():
    result = python_m_bench("--help")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m bench")
    for option in ("--small", "--scale", "--reuse", "--only", "--output", "--force"):
        assert option in result.stdout


def test_the_script_reports_a_wrong_option_as_an_error_without_touching_the_database():
    # A database nobody can connect to: the options are checked before any query.
    result = python_m_bench("--scale", "0", DATABASE_URL="postgres://nobody@127.0.0.1:9/none")

    assert result.returncode == 1
    assert "--scale and --repeat must be positive" in result.stderr
