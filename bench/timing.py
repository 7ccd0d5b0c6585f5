"""How the benchmark times what measure.py registers.

Every page is requested through django.test.Client as the logged-in heavy user, so the
whole middleware stack (session, user, language, messages, CSP …) is in the time, as in
production minus the WSGI server. Each case gets two warm-up requests, one request counted
with a counting execute wrapper, one traced with tracemalloc (peak Python allocation) and then
`repeat` timed requests with neither attached (DEBUG off, so no query log either).
"""

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from math import ceil

from django.db import connection

from . import measure
from .measure import Bench, Case, Runs


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, ceil(q * len(ordered)) - 1)]


def summary(samples_ms: list[float]) -> dict:
    return {
        "samples": len(samples_ms),
        "median_ms": round(statistics.median(samples_ms), 2),
        "p95_ms": round(percentile(samples_ms, 0.95), 2),
        "p99_ms": round(percentile(samples_ms, 0.99), 2),
        "min_ms": round(min(samples_ms), 2),
        "max_ms": round(max(samples_ms), 2),
    }


class QueryCounter:
    """Counts the statements sent to the database (Django's query log keeps only the last
    9,000, fewer than a whole digest run sends)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run_case(
    case: Case, repeat: int, runs: Runs | None = None
) -> tuple[dict, list[float], list[float]]:
    runs = runs or Runs()
    setup = case.setup or (lambda: None)
    for _ in range(runs.warmup):
        setup()
        case.run()
    queries = None
    if runs.count_queries:
        setup()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            case.run()
        queries = counter.count
    peak = None
    if runs.trace:
        setup()
        tracemalloc.start()
        tracemalloc.reset_peak()
        case.run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    gc.collect()
    samples, cpu = [], []
    for _ in range(runs.repeat or repeat):
        setup()
        started, cpu_started = time.perf_counter(), time.thread_time()
        case.run()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)
    result = {
        **summary(samples),
        # This process's CPU time (the database server's is not in it): on a busy machine the
        # wall times above include waiting for a core, this does not.
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "queries": queries,
        "peak_alloc_kib": round(peak / 1024) if peak is not None else None,
    }
    return result, samples, cpu


def run_all(
    bench: Bench,
    repeat: int,
    only: set[str] | None = None,
    progress: Callable[[str], None] = lambda msg: None,
) -> list[dict]:
    """Run every registered measurement; returns one result per case (and per combination)."""
    results: list[dict] = []
    floor = None
    # What is alive now (Django, the generated data's lookups) lives to the end of the run:
    # the collection before each case then walks only what the cases made, not all of it.
    gc.collect()
    gc.freeze()
    for measurement in measure.MEASUREMENTS:
        if only and measurement.name not in only and measurement is not measure.FLOOR:
            continue
        combined: list[float] = []
        combined_cpu: list[float] = []
        combined_queries: list[int] = []
        combined_peak: list[int] = []
        cases = list(measurement.cases(bench))
        for case in cases:
            progress(case.name)
            result, samples, cpu = run_case(case, repeat, measurement.runs)
            result = {"name": case.name, "label": case.label, **result}
            if measurement.units:
                units = measurement.units(bench)
                result["units"] = units
                result["unit"] = measurement.unit
                result["per_second"] = round(units / (result["median_ms"] / 1000), 1)
                if result["queries"] is not None:
                    result["queries_per_unit"] = round(result["queries"] / max(units, 1), 2)
            if measurement is measure.FLOOR:
                floor = result
            combined += samples
            combined_cpu += cpu
            combined_queries.append(result["queries"])
            combined_peak.append(result["peak_alloc_kib"])
            result = _with_ratio(result, floor)
            if not measurement.combined:
                result["targets"] = measurement.targets.check(result)
            results.append(result)
        if measurement.combined and combined:
            result = {
                "name": measurement.name,
                "label": measurement.label,
                **summary(combined),
                "cpu_median_ms": round(statistics.median(combined_cpu), 2),
                "queries": max(combined_queries),
                "peak_alloc_kib": max(combined_peak),
                "cases": [case.name for case in cases],
            }
            result = _with_ratio(result, floor)
            result["targets"] = measurement.targets.check(result)
            results.append(result)
        if measurement.targets.note:
            results[-1]["targets_note"] = measurement.targets.note
    return results


def _with_ratio(result: dict, floor: dict | None) -> dict:
    """Median wall time and median CPU time, each as a multiple of the floor's."""
    result["floor_ratio"] = round(result["median_ms"] / floor["median_ms"], 2) if floor else None
    result["cpu_floor_ratio"] = (
        round(result["cpu_median_ms"] / floor["cpu_median_ms"], 2) if floor else None
    )
    return result
