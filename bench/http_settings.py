"""The project's settings as gunicorn serves them in the benchmark over HTTP (bench/http.py),
plus the benchmark's URLconf: the floor and the conventional peer beside the real pages."""

from netzwerk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor"
DEBUG = False
# The API's pages are timed, not its throttle.
API_THROTTLE_RATE = "100000000/h"
