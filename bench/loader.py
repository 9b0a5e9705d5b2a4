"""Resumable bulk loading: COPY in chunks, each chunk committed together with its progress row.

A stage is a named step of the generator. Its progress (rows done) lives in the table
`bench_progress` in the benchmark database itself, written in the same transaction as the rows,
so an interrupted load resumes exactly where it stopped and never loads a chunk twice. Rows carry
explicit primary keys computed from their index, so a chunk is the same on every run.
"""

import sys
import time
from collections.abc import Callable, Iterable

from django.db import connection, transaction

PROGRESS_TABLE = "bench_progress"

# One chunk: {table: (columns, rows)}.
Chunk = dict[str, tuple[tuple[str, ...], Iterable[tuple]]]


def ensure_progress_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} ("
            "stage text PRIMARY KEY, done bigint NOT NULL, total bigint NOT NULL, "
            "finished boolean NOT NULL DEFAULT false, seconds double precision NOT NULL "
            "DEFAULT 0)"
        )


def stage_done(stage: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT done, finished FROM {PROGRESS_TABLE} WHERE stage = %s", [stage])
        row = cursor.fetchone()
    return -1 if row and row[1] else (row[0] if row else 0)


def record(stage: str, done: int, total: int, seconds: float, finished: bool = False) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PROGRESS_TABLE} (stage, done, total, finished, seconds) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (stage) DO UPDATE SET done = EXCLUDED.done, "
            f"total = EXCLUDED.total, finished = EXCLUDED.finished, "
            f"seconds = {PROGRESS_TABLE}.seconds + EXCLUDED.seconds",
            [stage, done, total, finished, seconds],
        )


def stage_seconds() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stage, seconds FROM {PROGRESS_TABLE}")
        return dict(cursor.fetchall())


def copy_rows(table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """COPY rows into table through the connection Django holds (same transaction)."""
    cols = ", ".join(f'"{c}"' for c in columns)
    count = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def say(message: str) -> None:
    print(message, flush=True, file=sys.stdout)


def run_chunked(stage: str, total: int, build: Callable[[int, int], Chunk],
                chunk_size: int = 50_000) -> None:
    """Load rows [0, total) in chunks; `build(start, stop)` returns the chunk's rows."""
    done = stage_done(stage)
    if done < 0:
        say(f"  {stage}: already loaded")
        return
    started = time.monotonic()
    while done < total:
        stop = min(total, done + chunk_size)
        t0 = time.monotonic()
        with transaction.atomic():
            for table, (columns, rows) in build(done, stop).items():
                copy_rows(table, columns, rows)
            record(stage, stop, total, time.monotonic() - t0, finished=stop >= total)
        done = stop
        rate = done / max(time.monotonic() - started, 1e-6)
        say(f"  {stage}: {done:,}/{total:,} ({100 * done // max(total, 1)} %), {rate:,.0f} rows/s")
    if total == 0:
        record(stage, 0, 0, 0.0, finished=True)


def run_once(stage: str, work: Callable[[], None]) -> None:
    """A stage that is small enough to run in one transaction."""
    if stage_done(stage) < 0:
        say(f"  {stage}: already done")
        return
    t0 = time.monotonic()
    with transaction.atomic():
        work()
        record(stage, 1, 1, time.monotonic() - t0, finished=True)
    say(f"  {stage}: done in {time.monotonic() - t0:.1f} s")


def reset_sequences(tables: Iterable[str]) -> None:
    """Explicit ids were written: move each table's id sequence past them."""
    with connection.cursor() as cursor:
        for table in tables:
            column = "id"
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            sequence = cursor.fetchone()[0]
            if sequence:
                cursor.execute(
                    f"SELECT setval(%s, GREATEST((SELECT COALESCE(MAX({column}), 0) FROM {table}),"
                    " 1))", [sequence],
                )
