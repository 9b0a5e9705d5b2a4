"""Every state change in moderation: reports, the dialogue with the owner, and decisions."""

from .decisions import (
    CaseAlreadyDecided,
    decide_edit,
    decide_escalate,
    decide_keep,
    decide_remove,
)
from .reports import (
    ItemAlreadyRemoved,
    RateLimited,
    open_case_from_owner,
    post_case_message,
    report_item,
)

__all__ = [
    "CaseAlreadyDecided",
    "ItemAlreadyRemoved",
    "RateLimited",
    "decide_edit",
    "decide_escalate",
    "decide_keep",
    "decide_remove",
    "open_case_from_owner",
    "post_case_message",
    "report_item",
]
