"""The benchmark's JSON file and its table."""

import json
import os
import platform
import resource
from pathlib import Path

import django
from django.db import connection


def rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _server_version() -> str:
    if connection.vendor == "postgresql":
        number = connection.pg_version  # e.g. 150020 for 15.20
        return f"{number // 10000}.{number % 10000}"
    return connection.Database.sqlite_version


def environment() -> dict:
    return {
        "database": connection.vendor,
        "database_version": _server_version(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def write_json(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def _targets(result: dict) -> str:
    marks = []
    for key, target in result.get("targets", {}).items():
        short = {
            "p95_ms": "p95",
            "p99_ms": "p99",
            "median_ms": "med",
            "floor_ratio": "×floor",
            "queries_per_unit": "queries/user",
        }
        marks.append(f"{short.get(key, key)}{'✓' if target['met'] else '✗'}")
    return " ".join(marks)


def table(results: list[dict]) -> str:
    header = (
        f"{'measurement':<44} {'median':>8} {'p95':>8} {'p99':>8} {'queries':>7} "
        f"{'×floor':>7} {'cpu':>7} {'cpu×fl':>7} {'alloc KiB':>9}  targets"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        ratio = f"{r['floor_ratio']:.2f}" if r.get("floor_ratio") is not None else ""
        cpu_ratio = f"{r['cpu_floor_ratio']:.2f}" if r.get("cpu_floor_ratio") is not None else ""
        label = r["label"][:44]
        queries = "" if r["queries"] is None else r["queries"]
        peak = "" if r["peak_alloc_kib"] is None else r["peak_alloc_kib"]
        line = (
            f"{label:<44} {r['median_ms']:>8.2f} {r['p95_ms']:>8.2f} {r['p99_ms']:>8.2f} "
            f"{queries:>7} {ratio:>7} {r['cpu_median_ms']:>7.2f} {cpu_ratio:>7} "
            f"{peak:>9}  {_targets(r)}"
        )
        if "per_second" in r:
            line += f"  {r['per_second']:,.0f} {r['unit']}/s"
        if "queries_per_unit" in r:
            line += f", {r['queries_per_unit']} queries per {r['unit'].rstrip('s')}"
        lines.append(line)
    lines.append(
        "times in ms; ×floor = median / the floor's median; cpu = median CPU time of this "
        "process (no database, no waiting for a core), cpu×fl its ratio to the floor's; "
        "✓/✗ = target met or not"
    )
    return "\n".join(lines)
