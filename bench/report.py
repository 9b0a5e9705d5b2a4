"""bench/RESULTS.md from results.json: the machine, the data set and every figure against the
issue's targets. Everything below NOTES_MARKER in an existing RESULTS.md is kept (the written
findings: what was changed and the figures before and after)."""

import json
from pathlib import Path

NOTES_MARKER = "<!-- notes: kept by bench/report.py -->"
MAX_QUERIES = 15


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def view_rows(results: dict, small: dict) -> list[str]:
    rows = ["| view | status | queries (small set) | queries | median ms | p95 ms | "
            "p95 × floor | p95 × layout | target | verdict |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for key, view in results["views"].items():
        small_q = small.get(key, {}).get("queries", "–")
        same = small_q == "–" or small_q == view["queries"]
        reference = key == "floor" or view.get("target") is None
        ok = view["status"] == 200 and view["queries"] <= MAX_QUERIES and same and (
            reference or view["p95_x_floor"] <= view["target"])
        target = "–" if reference else f"≤ {view['target']} × floor, ≤ {MAX_QUERIES} q"
        rows.append(
            f"| {view['label']} (`{view['url']}`) | {view['status']} | {small_q} | "
            f"{view['queries']} | {view['median_ms']} | {view['p95_ms']} | "
            f"{view['p95_x_floor']} | {view.get('p95_x_layout', '–')} | {target} | "
            f"{'–' if reference else _verdict(ok)} |")
    return rows


def load_rows(results: dict) -> list[str]:
    g = results.get("gunicorn", {})
    if "floor" not in g:
        return [f"gunicorn/wrk: {g.get('skipped', 'not run')}"]
    d, f = g["discussion"], g["floor"]
    worker = max(g["worker_peak_rss_mb"] or [0])
    return [
        f"gunicorn, {g['workers']} workers; wrk 1 thread, {g['connections']} connections, "
        f"{g['duration']}, loopback, same 2 cores.", "",
        "| page | req/s | p50 ms | p95 ms | requests | errors |", "|---|---|---|---|---|---|",
        f"| floor | {f['requests_per_s']} | {f['p50_ms']} | {f['p95_ms']} | {f['requests']} | "
        f"{f['errors']} |",
        f"| discussion | {d['requests_per_s']} | {d['p50_ms']} | {d['p95_ms']} | "
        f"{d['requests']} | {d['errors']} |", "",
        f"- Discussion throughput = **{d['x_floor']:.0%}** of the floor's (target ≥ 30 %, zero "
        f"errors): {_verdict(d['x_floor'] >= 0.3 and d['errors'] == 0 and f['errors'] == 0)}.",
        f"- Peak RSS of the gunicorn workers: {g['worker_peak_rss_mb']} MB (target < 250 MB): "
        f"{_verdict(0 < worker < 250)}.",
    ]


def _snapshot_row(label: str, s: dict) -> str:
    if "peak_rss_mb" not in s:
        return f"- {label}: {s.get('skipped', 'not run')}."
    if s["complete"]:
        ok = s["exit_status"] == 0 and s["peak_rss_mb"] < 300
        return (f"- {label}: complete, {s['items']:,} items in {s['seconds']} s "
                f"({s['items_per_second']} items/s), {s['output_mb']} MB written, peak RSS "
                f"**{s['peak_rss_mb']} MB** (target < 300 MB), exit status "
                f"{s['exit_status']}: {_verdict(ok)}.")
    return (f"- {label}: stopped after {s['seconds']} s with {s['items']:,} items written "
            f"({s['items_per_second']} items/s, {s['output_mb']} MB); peak RSS so far "
            f"**{s['peak_rss_mb']} MB** (target < 300 MB): "
            f"{_verdict(s['peak_rss_mb'] < 300)} for the part measured.")


def snapshot_rows(results: dict) -> list[str]:
    s = results.get("archive_snapshot", {})
    if "small" not in s:
        return [f"- archive_snapshot: {s.get('skipped', 'not run')}."]
    return [_snapshot_row("`archive_snapshot` over the whole 1 % data set", s["small"]),
            _snapshot_row("`archive_snapshot` over the full data set", s["full"])]


def write_report(results: dict, path: Path, small: Path) -> None:
    small_views = json.loads(small.read_text())["views"] if small.exists() else {}
    m, data = results["machine"], results["data"]
    notes = ""
    if path.exists() and NOTES_MARKER in path.read_text():
        notes = path.read_text().split(NOTES_MARKER, 1)[1]
    lines = [
        "# Benchmark results", "",
        f"Measured {m['date']} on {m['cores']} cores, {m['memory_gb']} GB ({m['cpu']}), "
        f"Python {m['python']}, PostgreSQL {m['postgresql']}.", "",
        f"Data set: BENCH_SCALE={data['scale']} (1.0 = the issue's full set), "
        f"database {data['database_mb']} MB, loaded in {data['load_seconds']} s.", "",
        "| table | rows |", "|---|---|",
        *[f"| {table} | {count:,} |" for table, count in data["rows"].items()], "",
        "## Per view (in process, Django test client, 50 requests after 5 warm-up)", "",
        "\"queries (small set)\" is the count at BENCH_SCALE=0.01 (bench/queries_small.json); "
        "the target is the same count at both sizes and at most 15.", "",
        *view_rows(results, small_views), "",
        "## Under load", "", *load_rows(results), "",
        "## Memory", "", *snapshot_rows(results), "",
        NOTES_MARKER,
    ]
    path.write_text("\n".join(lines) + (notes if notes else "\n"))
