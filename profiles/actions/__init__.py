"""Every state change in profiles. `StaffRecord` and `upsert_employee` are used by the demo
seeder and `import_staff`."""

from .own import (
    confirm_profile_reviewed,
    remove_photo,
    set_photo,
    update_own_profile,
)
from .photo_metadata import strip_photo_metadata
from .staff import (
    StaffRecord,
    channel_models,
    deactivate_employee,
    record_departure,
    resolve_ownerless_channel,
    upsert_employee,
)
from .status import follow, post_status_update, unfollow

__all__ = [
    "StaffRecord", "channel_models", "confirm_profile_reviewed", "deactivate_employee",
    "follow", "post_status_update", "record_departure", "remove_photo",
    "resolve_ownerless_channel", "set_photo", "strip_photo_metadata", "unfollow",
    "update_own_profile", "upsert_employee",
]
