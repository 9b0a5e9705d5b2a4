"""What the figures were measured on, and with which data set."""

import os
import platform
from datetime import datetime
from pathlib import Path


def describe_machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total_kb = next((int(line.split()[1]) for line in meminfo.splitlines()
                     if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "postgresql": postgres,
    }


def describe_data(plan) -> dict:
    from django.db import connection

    from bench.loader import stage_seconds

    tables = ["auth_user", "profiles_profile", "collab_room", "collab_membership",
              "forums_forum", "forums_discussion", "forums_post", "blogs_blogpage",
              "blogs_blogpostpage", "insidan_comments_comment", "profiles_statusupdate",
              "moderation_reportcase", "notifications_notification",
              "wagtailsearch_indexentry"]
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    seconds = stage_seconds()
    return {"scale": plan.scale, "planned": plan.counts, "rows": counts,
            "database_mb": round(size / 2**20), "load_seconds": round(sum(seconds.values())),
            "stage_seconds": {k: round(v, 1) for k, v in seconds.items()}}
