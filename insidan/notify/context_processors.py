from .selectors import unread_count

# The bell shows up to this many unread notices and "99+" above (base.html).
BELL_MAX = 99


def bell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = unread_count(user, limit=BELL_MAX + 1)
    return {"unread_notification_count": count,
            "unread_notification_label": f"{BELL_MAX}+" if count > BELL_MAX else str(count)}
