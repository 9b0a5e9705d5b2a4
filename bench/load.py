"""Throughput under gunicorn with wrk on loopback, worker memory, and archive_snapshot's memory.

wrk runs with one thread on the same two cores as gunicorn's two workers, so the figures are a
loopback floor-relative comparison, not a capacity estimate.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION, CONNECTIONS = os.environ.get("BENCH_WRK_DURATION", "30s"), 20
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH p50_us=%d p95_us=%d requests=%d connect=%d read=%d write=%d "
    .. "status=%d timeout=%d\\n", latency:percentile(50), latency:percentile(95),
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user_pk: int) -> str:
    """A real database session for the user, as the login view would create."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_pk))
    return client.cookies["sessionid"].value


def rss_peak_kb(pid: int) -> int:
    """VmHWM: the process's peak resident set size."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(match.group(1)) if match else 0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def wrk(url: str, cookie: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}", "--timeout", "10s",
         "-s", script.name, "-H", f"Cookie: sessionid={cookie}", url],
        capture_output=True, text=True, check=True,
    ).stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    fields = dict(re.findall(r"(\w+)=(\d+)", output.split("BENCH", 1)[1]))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(fields[k]) for k in ("connect", "read", "write", "timeout"))
    errors += int(non2xx.group(1)) if non2xx else 0
    return {"requests_per_s": round(rps, 1), "p50_ms": round(int(fields["p50_us"]) / 1000, 1),
            "p95_ms": round(int(fields["p95_us"]) / 1000, 1),
            "requests": int(fields["requests"]), "errors": errors}


def under_gunicorn() -> dict:
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (apt-get install -y wrk)"}
    from bench.plan import EMPLOYEE_ID

    cookie, port = session_cookie(EMPLOYEE_ID), free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "insidan.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, cookie)
        results = {"workers": 2, "connections": CONNECTIONS, "duration": DURATION}
        for key, path in [("floor", "/bench/floor/"), ("discussion", "/forum/forum-1/1/")]:
            print(f"bench: wrk {path} for {DURATION}", flush=True)
            results[key] = wrk(base + path, cookie)
        results["discussion"]["x_floor"] = round(
            results["discussion"]["requests_per_s"] / results["floor"]["requests_per_s"], 2)
        workers = children(server.pid)
        results["worker_peak_rss_mb"] = [round(rss_peak_kb(pid) / 1024, 1) for pid in workers]
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(base: str, cookie: str) -> None:
    import urllib.request

    request = urllib.request.Request(base + "/bench/floor/",
                                     headers={"Cookie": f"sessionid={cookie}"})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


SNAPSHOT_SECONDS = int(os.environ.get("BENCH_SNAPSHOT_SECONDS", "300"))


def small_database_url() -> str:
    """The 1 % data set that `make bench` loads first (insidan_bench_small)."""
    from bench.settings import bench_database_url

    return re.sub(r"/[^/]*$", "/insidan_bench_small", bench_database_url())


def _items_written(out: str) -> int:
    """Items in the package being written: one JSON file each under representations/."""
    return sum(1 for _ in Path(out).glob(".*partial/representations/*/data/*.json")) or sum(
        1 for _ in Path(out).glob("*/representations/*/data/*.json"))


def archive_snapshot_rss(*, database_url: str | None = None,
                         limit_seconds: int | None = None) -> dict:
    """Peak RSS and wall time of `manage.py archive_snapshot` over everything in a database.

    With `limit_seconds` the snapshot is stopped after that long (the full data set's package
    would take hours and tens of GB; see RESULTS.md): the figures are then its peak RSS so
    far, the items written and the rate, and `complete` is false. The RSS is sampled every
    second from /proc (VmHWM, the kernel's own peak) so a stopped run still has its peak.
    """
    from django.core.management import get_commands

    if "archive_snapshot" not in get_commands():
        return {"skipped": "manage.py archive_snapshot does not exist"}
    out = tempfile.mkdtemp(prefix="insidan-bench-snapshot-")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    if database_url:
        env["BENCH_DATABASE_URL"] = database_url
    log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe nobody reads while it runs
    t0 = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "archive_snapshot", "--out", out,
         "--reason", "Benchmark"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    peak_kb, stopped, items = 0, False, 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)  # rusage of the ended child
        if pid:
            break
        peak_kb = max(peak_kb, rss_peak_kb(process.pid))
        if limit_seconds and not stopped and time.monotonic() - t0 > limit_seconds:
            items = _items_written(out)
            process.terminate()
            stopped = True
        time.sleep(0.5)
    seconds = time.monotonic() - t0
    peak_kb = max(peak_kb, usage.ru_maxrss)
    if not stopped:
        items = _items_written(out)
    size = sum(f.stat().st_size for f in Path(out).rglob("*") if f.is_file())
    shutil.rmtree(out, ignore_errors=True)
    log.seek(0)
    output = log.read().strip()[-500:]
    log.close()
    return {"exit_status": None if stopped else os.waitstatus_to_exitcode(status),
            "complete": not stopped, "peak_rss_mb": round(peak_kb / 1024, 1),
            "seconds": round(seconds, 1), "items": items,
            "items_per_second": round(items / seconds, 1) if seconds else 0,
            "output_mb": round(size / 2**20, 1), "output_tail": output}


def archive_snapshots() -> dict:
    """The whole 1 % data set (a complete package), then the full data set for
    BENCH_SNAPSHOT_SECONDS (0: to the end)."""
    print("bench: archive_snapshot over the whole 1 % data set", flush=True)
    small = archive_snapshot_rss(database_url=small_database_url())
    print(f"bench: archive_snapshot over the full data set (at most {SNAPSHOT_SECONDS} s)",
          flush=True)
    full = archive_snapshot_rss(limit_seconds=SNAPSHOT_SECONDS or None)
    return {"small": small, "full": full}
