"""`python -m bench [options]`, run from the project root: the benchmark on the database that
DATABASE_URL names, with the project's settings (README, "Performance"; --help lists the
options)."""

import os
import sys

import django
from django.core.management.base import CommandParser, handle_default_options


def main(argv: list[str]) -> None:
    # --settings and --pythonpath must act before Django is set up, as they do for manage.py.
    early = CommandParser(add_help=False, allow_abbrev=False)
    early.add_argument("--settings")
    early.add_argument("--pythonpath")
    handle_default_options(early.parse_known_args(argv)[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    django.setup()
    # Imported after set-up: the benchmark's modules import models.
    from bench.command import BenchmarkCommand

    # run_from_argv() reads the program name from the first two items, the options after them.
    BenchmarkCommand().run_from_argv(["python -m", "bench", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
