"""The measurements of issue 10: `python -m bench.measure` (DJANGO_SETTINGS_MODULE=bench.settings).

For each view, as the bench employee (a member of three closed rooms) or, for the report queue,
as Webbredaktionen's editor: SQL queries per request, and in-process time per request with the
Django test client (50 requests after 5 warm-up requests): median and p95, each also as a ratio
to the floor view measured in the same run. Then gunicorn (2 workers) under wrk on loopback
(20 connections, 30 s) for the discussion page and the floor, the peak RSS of the gunicorn
workers, and the peak RSS of `manage.py archive_snapshot` over the whole data set.

Writes bench/results.json and bench/RESULTS.md (the table; the notes section of RESULTS.md
below the marker line is kept).
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import django

BENCH_DIR = Path(__file__).resolve().parent
WARMUP, REQUESTS = 5, 50


def views(plan) -> list[dict]:
    """(key, label, url, who, in-process p95 target as a multiple of the floor)."""
    from bench.plan import PROFILE_ID, RARE_WORD
    from bench.rows import username

    return [
        {"key": "floor", "label": "Floor (one indexed query, tiny template)",
         "url": "/bench/floor/", "as": "employee", "target": 1},
        {"key": "layout", "label": "Second floor: the same in the base layout",
         "url": "/bench/layout/", "as": "employee", "target": None},
        {"key": "start", "label": "Start page feed", "url": "/", "as": "employee", "target": 5},
        {"key": "rooms", "label": "Room directory", "url": "/rum/", "as": "employee",
         "target": 5},
        {"key": "closed_room", "label": "Closed room page", "url": "/rum/rum-1/",
         "as": "employee", "target": 5},
        {"key": "discussion", "label": "Discussion page (50 posts)",
         "url": "/forum/forum-1/1/", "as": "employee", "target": 5},
        {"key": "forum", "label": "Forum page", "url": "/forum/forum-1/", "as": "employee",
         "target": 5},
        {"key": "blog_post", "label": "Blog post with 100 comments",
         "url": "/bloggar/blogg-1/inlagg-1/", "as": "employee", "target": 5},
        {"key": "profile", "label": "Profile with status updates",
         "url": f"/profil/{username(PROFILE_ID)}/", "as": "employee", "target": 5},
        {"key": "people", "label": "People finder, skill filter",
         "url": "/personer/?skill=kunskap-000", "as": "employee", "target": 5},
        {"key": "search_common", "label": "/sok/ common word", "url": "/sok/?q=budget",
         "as": "employee", "target": 10},
        {"key": "search_rare", "label": "/sok/ rare word", "url": f"/sok/?q={RARE_WORD}",
         "as": "employee", "target": 10},
        {"key": "notifications", "label": "/notiser/ (5,000 notifications)",
         "url": "/notiser/", "as": "employee", "target": 5},
        {"key": "report_queue", "label": "Webbredaktionen's report queue",
         "url": "/admin/anmalningar/", "as": "editor", "target": 5},
    ]


def clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.plan import EDITOR_ID, EMPLOYEE_ID

    User = get_user_model()
    result = {}
    for who, pk in [("employee", EMPLOYEE_ID), ("editor", EDITOR_ID)]:
        client = Client()
        client.force_login(User.objects.get(pk=pk))
        result[who] = client
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def measure_view(client, url: str, *, requests: int = REQUESTS, warmup: int = WARMUP) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    result = {"status": response.status_code, "queries": len(captured.captured_queries),
              "bytes": len(response.content)}
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    if times:
        result.update(median_ms=round(statistics.median(times), 2),
                      p95_ms=round(percentile(times, 0.95), 2))
    return result


def in_process(plan, *, requests: int = REQUESTS, warmup: int = WARMUP) -> dict:
    by_who = clients()
    results = {}
    for view in views(plan):
        results[view["key"]] = {**view, **measure_view(
            by_who[view["as"]], view["url"], requests=requests, warmup=warmup)}
    floor = results["floor"]
    layout = results["layout"]
    for result in results.values():
        if requests:
            result["median_x_floor"] = round(result["median_ms"] / floor["median_ms"], 1)
            result["p95_x_floor"] = round(result["p95_ms"] / floor["p95_ms"], 1)
            result["p95_x_layout"] = round(result["p95_ms"] / layout["p95_ms"], 1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries-only", action="store_true",
                        help="only count queries (for the small data set comparison)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument("--skip-load", action="store_true", help="no gunicorn/wrk")
    parser.add_argument("--skip-snapshot", action="store_true", help="no archive_snapshot")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench.machine import describe_data, describe_machine
    from bench.plan import from_environment
    from bench.report import write_report

    plan = from_environment()
    results = {"machine": describe_machine(), "data": describe_data(plan)}
    print(f"bench: measuring in process ({plan.scale=})", flush=True)
    results["views"] = in_process(plan, requests=0 if args.queries_only else REQUESTS,
                                  warmup=1 if args.queries_only else WARMUP)
    for key, view in results["views"].items():
        print(f"  {key:14} {view['status']} {view['queries']:3} queries "
              f"{view.get('median_ms', '-')} ms median {view.get('p95_ms', '-')} ms p95",
              flush=True)
    if not args.queries_only:
        from bench.load import archive_snapshots, under_gunicorn

        if not args.skip_load:
            results["gunicorn"] = under_gunicorn()
        if not args.skip_snapshot:
            results["archive_snapshot"] = archive_snapshots()
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"bench: wrote {args.out}", flush=True)
    if not args.queries_only:
        write_report(results, BENCH_DIR / "RESULTS.md", small=BENCH_DIR / "queries_small.json")


if __name__ == "__main__":
    main()
