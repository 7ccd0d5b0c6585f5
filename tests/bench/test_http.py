"""The benchmark over HTTP: a real gunicorn serves the pages, the floor and the peer."""

import statistics

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import override_settings

from bench import data, http, measure


@pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn needs a shared database")
def test_pages_floor_and_peer_are_measured_over_http_interleaved(transactional_db):
    dataset = data.generate(data.Plan(heavy_contacts=60, light_users=2))
    with override_settings(
        ROOT_URLCONF="bench.floor", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        bench = measure.Bench(dataset)
        result = http.run(
            bench,
            4,
            1,
            (1, 2),
            {"list.default", "peer.list", "list.typing"},
            progress=lambda message: None,
        )

    pages = result["pages"]
    typed = [prefix for prefix, _url in measure.typing_urls(bench)]
    assert set(pages) == {"list.default", "peer.list", "list.typing"}
    # Every keystroke of the name, each in turns with the floor.
    assert list(pages["list.typing"]["keystrokes"]) == typed
    assert pages["list.typing"]["samples"] == 4 * len(typed)
    for page in (pages["list.default"], pages["peer.list"], pages["list.typing"]):
        assert 0 < page["median_ms"] <= page["p95_ms"] <= page["p99_ms"]
        assert 0 < page["bytes_compressed"] <= page["bytes"]
    assert pages["list.default"]["bytes_compressed"] < pages["list.default"]["bytes"]
    assert result["floor"]["samples"] == 8 + 4 * len(typed)
    assert set(result["throughput"]) == {"1", "2"}
    assert result["throughput"]["2"]["list.default"]["samples"] == 2 * 10
    # The first request after each of several boots, their median reported.
    cold = result["cold_start"]
    assert cold["boots"] == http.COLD_BOOTS == len(cold["samples_ms"]) > 1
    assert cold["first_request_ms"] == statistics.median(cold["samples_ms"]) > 0
    # The list and the peer in turns with each other, as with the floor.
    (pair,) = result["head_to_head"].values()
    assert pair["peer"] == "peer.list" and pair["p50_ms"] > 0 and pair["peer_p50_ms"] > 0
    assert result["peer_ratios"]["list.default"] == pair["p50_x_peer"]
    assert "| Contact list, first page |" in http.table(result)
