"""Every state change in forums. Views, the admin, commands and the demo seeder call these."""

from .channels import (
    carry_out_decommission,
    check_forum_activity,
    hand_over_forum,
    move_discussion,
    request_decommission,
)
from .follows import mark_read, set_following
from .images import remove_forum_image, set_forum_image
from .posts import (
    create_room_forum,
    edit_post,
    reply,
    set_locked,
    set_pinned,
    start_discussion,
)
from .requests import decide_forum_request, request_forum

__all__ = [
    "carry_out_decommission", "check_forum_activity", "create_room_forum",
    "decide_forum_request", "edit_post", "hand_over_forum", "mark_read",
    "move_discussion", "remove_forum_image", "reply", "request_decommission",
    "request_forum", "set_following", "set_forum_image", "set_locked", "set_pinned",
    "start_discussion",
]
