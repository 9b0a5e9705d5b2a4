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


def archive_snapshot_rss() -> dict:
    """Peak RSS (from wait4's rusage) and wall time of the snapshot over everything."""
    from django.core.management import get_commands

    if "archive_snapshot" not in get_commands():
        return {"skipped": "manage.py archive_snapshot does not exist"}
    out = tempfile.mkdtemp(prefix="insidan-bench-snapshot-")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    print("bench: manage.py archive_snapshot over the whole data set", flush=True)
    t0 = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "archive_snapshot", "--out", out,
         "--reason", "Benchmark"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - t0
    size = sum(f.stat().st_size for f in Path(out).rglob("*") if f.is_file())
    shutil.rmtree(out, ignore_errors=True)
    return {"exit_status": os.waitstatus_to_exitcode(status),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "seconds": round(seconds, 1),
            "output_mb": round(size / 2**20, 1), "output_tail": output.strip()[-500:]}
