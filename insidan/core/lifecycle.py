"""The part of a channel's life that every kind shares: when it counts as inactive, and the one
periodic check that asks owners to keep their channels alive.

The guideline: a channel without activity is to be kept alive by its owner or decommissioned.
Insidan asks the owner after ``CHANNEL_INACTIVE_NOTIFY_MONTHS`` (6) calendar months without a new
post (or, in a room, a document), once per quiet period, and lists the channel for
Webbredaktionen after ``CHANNEL_INACTIVE_LIST_MONTHS`` (9). Both are settings, read here only.

Each kind of channel registers its check from its ``AppConfig.ready()`` with
``register_activity_check``; ``manage.py check_channel_activity`` runs every registered check,
so the platform never imports a channel app.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.utils import timezone

ActivityCheck = Callable[..., dict[str, int]]
_checks: dict[str, ActivityCheck] = {}


def months_before(moment: datetime, months: int) -> datetime:
    """The same time ``months`` calendar months earlier (31 August minus six months is the last
    day of February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def notify_months() -> int:
    return int(getattr(settings, "CHANNEL_INACTIVE_NOTIFY_MONTHS", 6))


def list_months() -> int:
    return int(getattr(settings, "CHANNEL_INACTIVE_LIST_MONTHS", 9))


def notify_cutoff(now: datetime | None = None) -> datetime:
    """Channels whose last activity is before this are inactive: their owners are asked."""
    return months_before(now or timezone.now(), notify_months())


def list_cutoff(now: datetime | None = None) -> datetime:
    """Channels whose last activity is before this are listed for Webbredaktionen."""
    return months_before(now or timezone.now(), list_months())


def needs_notice(*, last_activity_at: datetime | None, notified_at: datetime | None) -> bool:
    """Once per quiet period: not again until there has been activity after the last notice."""
    return notified_at is None or (last_activity_at is not None and notified_at <= last_activity_at)


def register_activity_check(kind: str, check: ActivityCheck) -> None:
    """A channel app's periodic check: ``check(actor=None, now=None)`` returns counts by name
    ("inactive", "ownerless")."""
    _checks[kind] = check


def check_channel_activity(*, actor=None, now=None) -> dict[str, dict[str, int]]:
    """Every kind's check, in the order the apps registered them: counts by kind."""
    return {kind: check(actor=actor, now=now) for kind, check in _checks.items()}
