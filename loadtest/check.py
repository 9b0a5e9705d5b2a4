"""After the run: every acknowledged write must be in the database (no lost writes) and there
must be no errors (5xx, refused writes or failed requests). Writes RESULTS.md and results.json
with requests/s and p95; exits 1 if anything was lost or failed.

    DJANGO_SETTINGS_MODULE=loadtest.settings python -m loadtest.check
"""

import csv
import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import django

django.setup()

from forums.models import Post  # noqa: E402
from insidan.comments.models import Comment  # noqa: E402
from insidan.moderation.models import Report  # noqa: E402

HERE = Path(__file__).parent
OUT = HERE / "out"
MARKER = re.compile(r"LT-[0-9a-f]{32}")


def stored_markers() -> dict[str, set[str]]:
    def found(texts) -> set[str]:
        return {m for text in texts for m in MARKER.findall(text)}

    return {
        "post": found(Post.objects.filter(body__contains="LT-").values_list("body", flat=True)),
        "comment": found(Comment.objects.filter(comment__contains="LT-")
                         .values_list("comment", flat=True)),
        "report": found(Report.objects.filter(text__contains="LT-")
                        .values_list("text", flat=True)),
    }


def locust_rows() -> list[dict]:
    with open(OUT / "locust_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def server_errors() -> int:
    log = OUT / "gunicorn.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    return text.count("Internal Server Error") + text.count("[CRITICAL] WORKER TIMEOUT")


def summarise() -> dict:
    acknowledged = json.loads((OUT / "acknowledged.json").read_text())
    stored = stored_markers()
    lost = {kind: sorted(set(markers) - stored[kind]) for kind, markers in acknowledged.items()}
    rows = locust_rows()
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "finished_at": datetime.fromtimestamp((OUT / "acknowledged.json").stat().st_mtime,
                                              tz=UTC).isoformat(timespec="seconds"),
        "sessions": int(os.environ.get("LOAD_USERS", 50)),
        "run_time": os.environ.get("LOAD_RUN_TIME", "60s"),
        "gunicorn_workers": int(os.environ.get("LOAD_WORKERS", 3)),
        "cpus": os.cpu_count(),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "server_errors_logged": server_errors(),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "p50_ms": int(float(total["50%"])),
        "p95_ms": int(float(total["95%"])),
        "p99_ms": int(float(total["99%"])),
        "acknowledged_writes": {kind: len(m) for kind, m in acknowledged.items()},
        "lost_writes": {kind: len(m) for kind, m in lost.items()},
        "lost_markers": lost,
        "endpoints": [
            {"name": r["Name"], "method": r["Type"], "requests": int(r["Request Count"]),
             "failures": int(r["Failure Count"]), "p50_ms": int(float(r["50%"])),
             "p95_ms": int(float(r["95%"]))}
            for r in rows if r["Name"] != "Aggregated"
        ],
    }


def markdown(result: dict) -> str:
    acknowledged, lost = result["acknowledged_writes"], result["lost_writes"]
    lines = [
        "# Load test: last result",
        "",
        f"`make loadtest`, {result['finished_at']}: {result['sessions']} sessions for "
        f"{result['run_time']} against gunicorn ({result['gunicorn_workers']} workers) and "
        f"PostgreSQL (`insidan_load`) on loopback, on a machine with {result['cpus']} CPUs "
        "that the load generator shares with the server. Rate limits are raised for the "
        "load population (see `loadtest/settings.py`).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| requests | {result['requests']} |",
        f"| requests/s | {result['requests_per_second']} |",
        f"| p50 / p95 / p99 | {result['p50_ms']} / {result['p95_ms']} / "
        f"{result['p99_ms']} ms |",
        f"| failed requests (5xx, refused writes, other failures) | {result['failures']} |",
        f"| server errors in the gunicorn log | {result['server_errors_logged']} |",
        "| acknowledged writes (posts / comments / reports) | "
        f"{acknowledged['post']} / {acknowledged['comment']} / {acknowledged['report']} |",
        "| lost writes (acknowledged, not in the database) | "
        f"{lost['post']} / {lost['comment']} / {lost['report']} |",
        "",
        "A write is acknowledged when the server answered with its success redirect; each "
        "carries a unique marker that is looked up in the database after the run. Writes "
        "still in flight when the run time ends are let finish (10 s stop timeout), so the "
        "acknowledged counts can be a few higher than the POST rows below.",
        "",
        "| endpoint | requests | failures | p50 ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {e['method']} {e['name']} | {e['requests']} | {e['failures']} | "
              f"{e['p50_ms']} | {e['p95_ms']} |" for e in result["endpoints"]]
    return "\n".join(lines) + "\n"


def main() -> int:
    result = summarise()
    (HERE / "results.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    (HERE / "RESULTS.md").write_text(markdown(result))
    print(markdown(result))
    bad = (result["failures"] or result["server_errors_logged"]
           or any(result["lost_writes"].values())
           or not all(result["acknowledged_writes"].values()))
    if bad:
        print("loadtest: FAILED (errors, lost writes, or a kind of write never acknowledged)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
