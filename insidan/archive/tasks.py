"""Background jobs (django-tasks): the scheduled snapshots and Webbredaktionen's extra ones.

Both return a small JSON result: {"snapshot": <uuid>} when a package was written, {"error":
<message>} when the folder could not be written (the message is for people; nothing was left
half-written), {"skipped": <why>} when a scheduled snapshot was not due.
"""

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from .models import SnapshotKind
from .package import PackageError

logger = logging.getLogger(__name__)


@task()
def take_scheduled_snapshot() -> dict:
    """Run by `manage.py archive_snapshot_if_due` (daily): takes this month's scheduled
    snapshot when the month is one of ARCHIVE_SNAPSHOT_MONTHS and it is not taken yet."""
    from .actions import due_period, take_snapshot

    period = due_period()
    if period is None:
        return {"skipped": "not due"}
    reason = _("Schemalagd ögonblicksbild för %(period)s enligt riktlinjen (april och "
               "september varje år).") % {"period": period}
    try:
        snapshot = take_snapshot(actor=None, reason=reason, kind=SnapshotKind.SCHEDULED,
                                 period=period)
    except PackageError as error:
        logger.error("Den schemalagda ögonblicksbilden %s kunde inte skrivas: %s", period, error)
        return {"error": str(error)}
    logger.info("Ögonblicksbild %s skriven: %s", period, snapshot.path)
    return {"snapshot": str(snapshot.uuid)}


@task()
def take_extra_snapshot(*, actor_id: int, reason: str) -> dict:
    """Webbredaktionen's extra snapshot (started in the admin through start_extra_snapshot).
    The permission is checked again here: the task may run later, in a worker."""
    from .actions import take_snapshot

    actor = get_user_model().objects.get(pk=actor_id)
    try:
        snapshot = take_snapshot(actor=actor, reason=reason, kind=SnapshotKind.EXTRA)
    except PackageError as error:
        logger.error("En extra ögonblicksbild kunde inte skrivas: %s", error)
        return {"error": str(error)}
    return {"snapshot": str(snapshot.uuid)}
