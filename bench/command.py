"""The benchmark's command line: generate a big network on a fresh database, then time every
main page and background task against the floor (README, "Performance").

    createdb nw_bench && DATABASE_URL=postgres://…/nw_bench python -m bench
    python -m bench --small                      # CI size
    python -m bench --reuse --only list.default  # measure again on the data already there

It is a Django command class that no app registers, so the shipped apps know nothing of it;
`python -m bench` (bench/__main__.py) sets Django up and runs it, and the tests call it with
call_command(BenchmarkCommand(), …).

The command never deletes anything. It refuses a database that holds users, unless they are
the benchmark's own (--reuse measures them again) or --force says to add the benchmark's users
beside them.
"""

import time
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from netzwerk.models import User

from . import data, http, measure, report, timing, writer

SMALL = {"scale": 1_000, "light_users": 50, "repeat": 5}
DEFAULTS = {"scale": 10_000, "light_users": 10_000, "repeat": 30}


class BenchmarkCommand(BaseCommand):
    help = "Benchmark the main pages on generated data (see README, Performance)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=int, help="contacts of the heavy user (default 10,000)")
        parser.add_argument(
            "--light-users", type=int, help="users with 20 contacts each (default 10,000)"
        )
        parser.add_argument("--repeat", type=int, help="timed samples per measurement (30)")
        parser.add_argument(
            "--small",
            action="store_true",
            help="CI size: 1,000 contacts, 50 light users, 5 samples (explicit options win)",
        )
        parser.add_argument(
            "--output", default="bench-results.json", help="JSON file (bench-results.json)"
        )
        parser.add_argument(
            "--only", default="", help="comma-separated measurement names (the floor always runs)"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="measure the benchmark data already in the database instead of generating",
        )
        parser.add_argument(
            "--http",
            action="store_true",
            help="also measure the pages over HTTP against gunicorn (bench/http.py)",
        )
        parser.add_argument(
            "--http-samples", type=int, default=200, help="HTTP samples per page (200)"
        )
        parser.add_argument(
            "--http-workers", type=int, default=2, help="gunicorn workers for --http (2)"
        )
        parser.add_argument(
            "--concurrency", default="1,4,16", help="clients at once for the throughput (1,4,16)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="generate even though the database holds other users (adds, never deletes)",
        )

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        # WhiteNoise warns once about the missing STATIC_ROOT (collectstatic not run): noise here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        preset = SMALL if options["small"] else DEFAULTS
        sizes = {key: options[key] if options[key] is not None else preset[key] for key in preset}
        if sizes["scale"] < 1 or sizes["light_users"] < 0 or sizes["repeat"] < 1:
            raise CommandError("--scale and --repeat must be positive, --light-users ≥ 0.")
        self._migrate_if_fresh()

        rss_before = report.rss_mib()
        heavy = User.objects.filter(email=data.HEAVY_EMAIL).first()
        if options["reuse"]:
            if heavy is None:
                raise CommandError("--reuse: this database holds no benchmark data.")
            self._say("Reusing the benchmark data in the database.")
            # An earlier run's rolled-back writes left dead rows behind: vacuumed first, as on
            # a settled live database.
            writer.settle()
            dataset = data.describe(heavy)
            generated = {"reused": True}
        else:
            if heavy is not None:
                raise CommandError(
                    "This database holds benchmark data already: --reuse measures it again."
                )
            if User.objects.exists() and not options["force"]:
                raise CommandError(
                    f"The database {connection.settings_dict['NAME']} holds "
                    f"{User.objects.count()} users. The benchmark adds about "
                    f"{sizes['light_users'] + 1:,} users and their data; run it on a fresh "
                    "database (createdb …) or pass --force to add them here anyway."
                )
            plan = data.Plan(heavy_contacts=sizes["scale"], light_users=sizes["light_users"])
            self._say(
                f"Generating: heavy user with {plan.heavy_contacts:,} contacts, "
                f"{plan.light_users:,} light users with {plan.light_contacts} contacts each."
            )
            writer.fast_writes()
            with transaction.atomic():
                dataset = data.generate(plan, progress=self._progress)
            writer.settle()
            generated = dataset.as_json()
            self._say(f"Generated in {dataset.seconds:.1f} s: {dict(dataset.counts)}")
        rss_generated = report.rss_mib()

        only = {name.strip() for name in options["only"].split(",") if name.strip()}
        unknown = only - {m.name for m in measure.MEASUREMENTS}
        if unknown:
            raise CommandError(f"Unknown measurements: {', '.join(sorted(unknown))}")
        with override_settings(
            ROOT_URLCONF="bench.floor",
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            DEBUG=False,
            # The API's pages are timed, not its throttle.
            API_THROTTLE_RATE="100000000/h",
        ):
            started = time.perf_counter()
            bench = measure.Bench(dataset)
            results = timing.run_all(bench, sizes["repeat"], only, progress=self._progress)
            measured_seconds = time.perf_counter() - started
            over_http = None
            if options["http"]:
                # The writes just measured were rolled back, leaving their dead rows (a bulk
                # change of every contact, several times over): vacuumed first, as autovacuum
                # soon does on a live database, so the pages are not measured on a bloated table.
                writer.settle()
                concurrency = tuple(int(n) for n in options["concurrency"].split(",") if n)
                over_http = http.run(
                    bench,
                    options["http_samples"],
                    options["http_workers"],
                    concurrency,
                    only,
                    self._progress,
                )

        output = {
            "environment": report.environment(),
            "sizes": {**sizes, "heavy_contacts": bench.contacts, "users": bench.users},
            "generation": generated,
            "measuring_seconds": round(measured_seconds, 1),
            "memory": {
                "rss_before_mib": rss_before,
                "rss_after_generation_mib": rss_generated,
                "rss_peak_mib": report.rss_mib(),
            },
            "results": results,
            "http": over_http,
        }
        report.write_json(Path(options["output"]), output)
        if self.verbosity:
            self.stdout.write(report.table(results))
            if over_http:
                self.stdout.write(http.table(over_http))
        self._say(
            f"Peak memory (RSS) {output['memory']['rss_peak_mib']} MiB; "
            f"{len(results)} results written to {options['output']}."
        )

    def _migrate_if_fresh(self) -> None:
        """A database without tables is migrated; one with pending migrations is refused."""
        if not connection.introspection.table_names():
            self._say("Empty database: applying migrations.")
            call_command("migrate", verbosity=0)
            return
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database has unapplied migrations: run manage.py migrate.")

    def _say(self, message: str) -> None:
        self.stdout.write(message)

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2 or not message.startswith(("list.", "contact.", "floor")):
            self.stderr.write(f"  … {message}")
