"""Every state change in rooms. Each action takes keyword-only arguments with `actor` first,
checks permission first (PermissionDenied), runs in one transaction, writes Wagtail's audit log
("insidan.room.<verb>") and sends notifications through insidan.notify (after commit)."""

from .documents import keep_document, remove_document, upload_document
from .images import remove_room_image, set_room_image
from .membership import (
    accept_invitation,
    apply_for_membership,
    approve_application,
    decline_application,
    decline_invitation,
    invite_member,
    join_open_room,
    leave_room,
    make_deputy,
    remove_deputy,
    remove_member,
    withdraw_application,
)
from .rooms import (
    check_room_activity,
    create_room,
    flag_ownerless_rooms,
    hand_over_ownership,
    request_decommission,
    update_room,
)

__all__ = [
    "accept_invitation", "apply_for_membership", "approve_application", "check_room_activity",
    "create_room", "decline_application", "decline_invitation", "flag_ownerless_rooms",
    "hand_over_ownership", "invite_member", "join_open_room", "keep_document", "leave_room",
    "make_deputy", "remove_deputy", "remove_document", "remove_member", "remove_room_image",
    "request_decommission", "set_room_image", "update_room", "upload_document",
    "withdraw_application",
]
