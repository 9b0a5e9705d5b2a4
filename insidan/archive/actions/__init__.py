"""Every state change in the archive. Each action takes keyword-only arguments with `actor`
first, checks permission first (PermissionDenied), runs in one transaction and writes Wagtail's
audit log ("insidan.archive.<verb>").

- remove.py: archive_then_remove (the only way anything a user wrote is removed), write_record,
  set_legal_hold
- channels.py: archive_channel (decommissioning a room, forum or discussion)
- snapshots.py: take_snapshot, start_extra_snapshot
- registration.py: register_item (diarieföring)
"""

from .channels import archive_channel
from .registration import next_diarienummer, register_item
from .remove import (
    RULES_URL,
    AlreadyRemoved,
    archive_then_remove,
    edit_notice,
    files_removed_on_failure,
    removal_notice,
    set_legal_hold,
    write_record,
)
from .snapshots import due_period, start_extra_snapshot, take_snapshot

__all__ = [
    "RULES_URL",
    "AlreadyRemoved",
    "archive_channel",
    "archive_then_remove",
    "edit_notice",
    "removal_notice",
    "due_period",
    "files_removed_on_failure",
    "next_diarienummer",
    "register_item",
    "set_legal_hold",
    "start_extra_snapshot",
    "take_snapshot",
    "write_record",
]
