"""The pages over real HTTP: gunicorn as shipped (the project's WSGI app, sync workers, a
persistent database connection per worker), a logged-in session, and the floor page served
by the same server.

Floor and page are requested in turns, the order reversed every round, so that noise on a
busy machine lands on both alike; each page's ratio is to the floor samples taken beside it.
Then throughput at several concurrencies (the contact list against the conventional peer,
again in alternating turns), the first request after the workers start, and the size of
each page with and without compression.
"""

import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from .measure import MEASUREMENTS, TYPING_HEADERS, Bench, typing_urls
from .timing import percentile, summary

ROOT = Path(__file__).resolve().parent.parent
FLOOR_URL = "/__bench__/floor/"
# How long the workers get to boot before the first request (they take milliseconds; this
# leaves room on a busy machine).
BOOT_SECONDS = 1.0
# The first request after a boot varies more than a warm one (it is one request): it is
# timed after this many boots, and their median is reported.
COLD_BOOTS = 3
# Pages compared at several concurrencies: ours and the conventional peer's.
THROUGHPUT_PAGES = ("list.default", "peer.list")


def _free_port() -> int:
    """BENCH_HTTP_PORT if set (a shared machine hands out ports), else any free one."""
    if os.environ.get("BENCH_HTTP_PORT"):
        return int(os.environ["BENCH_HTTP_PORT"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int, secret_key: str):
    """gunicorn serving the project on a free port, until the block ends."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DEBUG": "false",
        "DATABASE_URL": database_url(),
        # The project refuses to serve with the published development key.
        "SECRET_KEY": secret_key,
    }
    command = [
        sys.executable, "-m", "gunicorn", "netzwerk.wsgi:application",
        "--config", "python:netzwerk.gunicorn_conf",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def database_url() -> str:
    """The database this process uses (the test database in the tests), for the server."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class HttpClient:
    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookie = cookie

    def get(self, url: str, headers: dict | None = None, compressed: bool = True):
        """(milliseconds, status, body bytes as sent) of one GET on a new connection (gunicorn's
        sync workers close each one)."""
        sent = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        if compressed:
            sent["Accept-Encoding"] = "gzip"
        sent.update(headers or {})
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("GET", url, headers=sent)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise AssertionError(f"GET {url} answered {response.status} over HTTP")
        return elapsed, response.getheader("Content-Encoding"), body


def _htmx_headers(django_headers: dict | None) -> dict:
    """Test-client META names (HTTP_HX_REQUEST) as HTTP header names (HX-Request)."""
    return {
        key[5:].replace("_", "-").title().replace("Hx-", "HX-"): value
        for key, value in (django_headers or {}).items()
    }


def interleaved(
    client: HttpClient, url: str, headers: dict, samples: int, other: tuple = (FLOOR_URL, {})
) -> tuple[list, list]:
    """Samples of `other` (the floor, unless given as (url, headers)) and of the page, in
    turns, the order reversed every round."""
    floor, page = [], []
    for turn in range(samples):
        pair = [(floor, *other), (page, url, headers)]
        for into, address, sent in pair if turn % 2 == 0 else reversed(pair):
            into.append(client.get(address, sent)[0])
    return floor, page


def _against_floor(page: list[float], floor: list[float]) -> dict:
    """The page's samples summed up, and as ratios to the floor samples taken beside them."""
    return {
        **summary(page),
        "floor_p50_ms": round(statistics.median(floor), 2),
        "p50_x_floor": round(statistics.median(page) / statistics.median(floor), 2),
        "p95_x_floor": round(percentile(page, 0.95) / percentile(floor, 0.95), 2),
        "floor_p99_ms": round(percentile(floor, 0.99), 2),
        "p99_x_floor": round(percentile(page, 0.99) / percentile(floor, 0.99), 2),
    }


def _sizes(client: HttpClient, url: str, headers: dict) -> dict:
    plain = client.get(url, headers, compressed=False)[2]
    _ms, encoding, packed = client.get(url, headers)
    return {
        "bytes": len(plain),
        "bytes_compressed": len(packed) if encoding == "gzip" else len(plain),
    }


def _typing_over_http(client: HttpClient, bench, samples: int) -> dict:
    """Every keystroke of the typed name, each in turns with the floor; all together (the
    sizes are the whole name's)."""
    headers = _htmx_headers(TYPING_HEADERS)
    floor_all, page_all, keys = [], [], {}
    for prefix, url in typing_urls(bench):
        floor, page = interleaved(client, url, headers, samples)
        floor_all += floor
        page_all += page
        keys[prefix] = summary(page)
    return {
        "label": "Search as you type (all keystrokes, HTMX)",
        **_against_floor(page_all, floor_all),
        **_sizes(client, url, headers),
        "keystrokes": keys,
        "floor_samples": floor_all,
    }


def throughput(client: HttpClient, url: str, headers: dict, clients: int, requests: int) -> dict:
    latencies: list[float] = []

    def worker(_n):
        return [client.get(url, headers)[0] for _ in range(requests)]

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for done in pool.map(worker, range(clients)):
            latencies += done
    seconds = time.perf_counter() - started
    return {**summary(latencies), "requests_per_s": round(len(latencies) / seconds, 1)}


def run(
    bench: Bench,
    samples: int,
    workers: int,
    concurrency: tuple[int, ...],
    only: set[str],
    progress,
) -> dict:
    """The pages of measure.py (those in `only`, if given) over HTTP; returns the JSON
    section of the report."""
    # The session is made with the key the server gets, so that it can read it.
    secret_key = secrets.token_urlsafe(50)
    login = Client()
    with override_settings(SECRET_KEY=secret_key):
        login.force_login(bench.dataset.heavy)
    cookie = f"{settings.SESSION_COOKIE_NAME}={login.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = [
        m
        for m in MEASUREMENTS
        if m.url is not None and m.name != "floor" and (not only or m.name in only)
    ]
    if not pages:
        # The first request after the boot is timed on a page and compared with its median.
        raise SystemExit("Over HTTP, name a page besides list.typing (list.default, say).")
    # Signed URLs (the API's cursors) are signed with the server's key.
    bench.signing_key = secret_key
    result: dict = {"workers": workers, "samples_per_page": samples, "pages": {}}
    started = time.perf_counter()
    with gunicorn(workers, secret_key) as port:
        client = HttpClient(port, cookie)
        first = pages[0]
        cold_ms = [_first_request_ms(client, bench, first)]
        for _ in range(3):
            client.get(FLOOR_URL)
        all_floor: list[float] = []
        for measurement in pages:
            progress(f"http {measurement.name}")
            url, headers = measurement.url(bench), _htmx_headers(measurement.headers)
            floor, page = interleaved(client, url, headers, samples)
            all_floor += floor
            result["pages"][measurement.name] = {
                "label": measurement.label,
                **_against_floor(page, floor),
                **_sizes(client, url, headers),
            }
        if not only or "list.typing" in only:
            progress("http list.typing")
            result["pages"]["list.typing"] = _typing_over_http(client, bench, samples)
            all_floor += result["pages"]["list.typing"].pop("floor_samples")
        warm = result["pages"][first.name]["median_ms"]
        result["floor"] = {
            "samples": len(all_floor),
            "min_ms": round(min(all_floor), 2),
            "median_ms": round(statistics.median(all_floor), 2),
            "max_ms": round(max(all_floor), 2),
        }
        by_name = {m.name: m for m in pages}
        result["head_to_head"] = head_to_head(client, bench, by_name, samples, progress)
        result["throughput"] = {}
        requests = max(10, samples // 4)
        for clients in concurrency:
            progress(f"http throughput at {clients}")
            row = {}
            # Ours and the peer's in turns, the order reversed at the second turn.
            order = [n for n in THROUGHPUT_PAGES if n in by_name]
            for name in order + order[::-1]:
                measured = by_name[name]
                got = throughput(
                    client, measured.url(bench), _htmx_headers(measured.headers), clients, requests
                )
                previous = row.get(name)
                row[name] = got if previous is None else _better_of(previous, got)
            result["throughput"][str(clients)] = row
    for _ in range(COLD_BOOTS - 1):
        progress("http cold start")
        with gunicorn(workers, secret_key) as port:
            cold_ms.append(_first_request_ms(HttpClient(port, cookie), bench, first))
    cold = statistics.median(cold_ms)
    result["cold_start"] = {
        "page": first.name,
        "boots": len(cold_ms),
        "samples_ms": [round(ms, 2) for ms in cold_ms],
        "first_request_ms": round(cold, 2),
        "x_warm_p50": round(cold / warm, 2),
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    _ratios_to_peer(result)
    return result


def _first_request_ms(client: HttpClient, bench: Bench, page) -> float:
    """The first request to a freshly started server. gunicorn opens its port before it forks
    the workers: the request is the first a worker answers after it has booted (forked,
    connected to the database and cache, warmed), not one that waits for the boot."""
    time.sleep(BOOT_SECONDS)
    return client.get(page.url(bench), _htmx_headers(page.headers))[0]


def _better_of(a: dict, b: dict) -> dict:
    """Of two turns, the one with the higher throughput (the other lost more to noise)."""
    return a if a["requests_per_s"] >= b["requests_per_s"] else b


PEER_PAIRS = {
    "list.default": "peer.list",
    "list.deep_page": "peer.deep",
    "list.search_name": "peer.search",
}


def head_to_head(client: HttpClient, bench: Bench, by_name: dict, samples: int, progress) -> dict:
    """Each of our pages and its peer in turns (as a page and the floor are), so that their
    ratio is not two medians taken minutes apart on a machine whose load moved between."""
    result = {}
    for ours, peer in PEER_PAIRS.items():
        if ours not in by_name or peer not in by_name:
            continue
        progress(f"http {ours} against {peer}")
        theirs = by_name[peer]
        peer_times, our_times = interleaved(
            client,
            by_name[ours].url(bench),
            _htmx_headers(by_name[ours].headers),
            samples,
            other=(theirs.url(bench), _htmx_headers(theirs.headers)),
        )
        result[ours] = {
            "peer": peer,
            "p50_ms": round(statistics.median(our_times), 2),
            "peer_p50_ms": round(statistics.median(peer_times), 2),
            "p50_x_peer": round(statistics.median(our_times) / statistics.median(peer_times), 2),
        }
    return result


def _ratios_to_peer(result: dict) -> None:
    ratios = {ours: pair["p50_x_peer"] for ours, pair in result["head_to_head"].items()}
    for clients, row in result["throughput"].items():
        if "list.default" in row and "peer.list" in row:
            ratios[f"throughput_x_peer_at_{clients}"] = round(
                row["list.default"]["requests_per_s"] / row["peer.list"]["requests_per_s"], 2
            )
    result["peer_ratios"] = ratios


def table(result: dict) -> str:
    """The HTTP section as Markdown, for the README."""
    floor = result["floor"]
    lines = [
        f"Over HTTP: gunicorn, {result['workers']} workers, {result['samples_per_page']} "
        f"samples per page interleaved with the floor (floor min/median/max "
        f"{floor['min_ms']} / {floor['median_ms']} / {floor['max_ms']} ms).",
        "",
        "| page | p50 | p95 | p99 | p50 ÷ floor | p95 ÷ floor | p99 ÷ floor | KB | KB gzip |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in result["pages"].values():
        lines.append(
            f"| {page['label']} | {page['median_ms']} | {page['p95_ms']} | {page['p99_ms']} | "
            f"{page['p50_x_floor']}× | {page['p95_x_floor']}× | {page['p99_x_floor']}× | "
            f"{page['bytes'] / 1024:.1f} | "
            f"{page['bytes_compressed'] / 1024:.1f} |"
        )
    lines += [
        "",
        "| clients | page | requests/s | p50 | p95 | p99 |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for clients, row in result["throughput"].items():
        for name, got in row.items():
            lines.append(
                f"| {clients} | {name} | {got['requests_per_s']} | {got['median_ms']} | "
                f"{got['p95_ms']} | {got['p99_ms']} |"
            )
    if result["head_to_head"]:
        lines += ["", "| page | p50 | peer | peer p50 | ÷ peer |", "|---|---:|---|---:|---:|"]
        for name, pair in result["head_to_head"].items():
            lines.append(
                f"| {name} | {pair['p50_ms']} | {pair['peer']} | {pair['peer_p50_ms']} | "
                f"{pair['p50_x_peer']}× |"
            )
    cold = result["cold_start"]
    lines += [
        "",
        f"Cold start: first request after the workers booted ({cold['page']}, the median "
        f"of {cold['boots']} boots: {' / '.join(map(str, cold['samples_ms']))} ms) "
        f"{cold['first_request_ms']} ms, "
        f"{cold['x_warm_p50']}× the warm median. Against the peer (p50, < 1 is faster): "
        + ", ".join(f"{k} {v}" for k, v in result["peer_ratios"].items()),
    ]
    return "\n".join(lines)
