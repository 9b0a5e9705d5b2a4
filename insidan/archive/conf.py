"""The archive's settings, each with its default, read when used (tests override them)."""

from pathlib import Path

from django.conf import settings

DEFAULT_SNAPSHOT_MONTHS = (4, 9)  # the guideline: April and September, the same every year
DEFAULT_DIARIE_SERIES = "KS-{year}-{seq:04d}"
DEFAULT_ARCHIVIST_GROUP = "Arkivarie"
SOFTWARE_NAME = "Insidan social"
DEFAULT_SOFTWARE_VERSION = "1.0"
DEFAULT_ORGANISATION = "Kommunen"


def archive_root() -> Path:
    """Where archive packages are written: snapshots/ and channels/ below it."""
    return Path(getattr(settings, "ARCHIVE_ROOT", Path(settings.MEDIA_ROOT) / "archive-packages"))


def snapshot_months() -> tuple[int, ...]:
    return tuple(int(m) for m in getattr(settings, "ARCHIVE_SNAPSHOT_MONTHS",
                                         DEFAULT_SNAPSHOT_MONTHS))


def diarie_series() -> str:
    return getattr(settings, "ARCHIVE_DIARIE_SERIES", DEFAULT_DIARIE_SERIES)


def archivist_group() -> str:
    return getattr(settings, "ARCHIVIST_GROUP", DEFAULT_ARCHIVIST_GROUP)


def organisation() -> str:
    """The submitting organisation named in every package (the ARCHIVIST agent in METS)."""
    return getattr(settings, "ARCHIVE_ORGANISATION", DEFAULT_ORGANISATION)


def software_version() -> str:
    return getattr(settings, "INSIDAN_VERSION", DEFAULT_SOFTWARE_VERSION)
