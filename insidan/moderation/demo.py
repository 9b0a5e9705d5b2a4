"""Demo reports for seed_demo (run after the forums' seeder): a few open cases, one of them
urgent, one case the owner hid pending review, and one decided case whose post was removed
and shows its notice. Everything goes through the real actions."""

import random

from django.contrib.auth import get_user_model

from forums import actions as forum_actions
from forums.models import Forum
from insidan.core.models import ChannelStatus

from . import actions
from .models import ReportCategory

REPORTED_POSTS = [
    # (text of the reply, category, report text, what happens)
    ("Köp era julklappar hos min frus firma, 20 % rabatt med koden INSIDAN!",
     ReportCategory.ADVERTISING, "Reklam för ett privat företag.", "open"),
    ("Kalle i växeln är sjukskriven igen, typiskt honom.",
     ReportCategory.PERSONAL_DATA, "Uppgift om en kollegas hälsa.", "open"),
    ("Det här forumet är bara dumt, precis som den som startade det.",
     ReportCategory.DEFAMATION, "Personangrepp på forumets ägare.", "owner_hides"),
    ("Vissa här är för korkade för att förstå ett enkelt schema.",
     ReportCategory.DEFAMATION, "Förolämpande mot kollegorna.", "removed"),
]


def seed(*, rng: random.Random) -> None:
    User = get_user_model()
    webbred = User.objects.get(username="webbred")
    anna = User.objects.get(username="anna")
    forum = (Forum.objects.filter(room__isnull=True, status=ChannelStatus.ACTIVE)
             .order_by("pk").first())
    if forum is None:
        return
    discussion = forum.discussions.order_by("pk").first()
    writers = list(User.objects.exclude(username__in=["webbred", "anna", forum.owner.username])
                   .filter(is_active=True).order_by("username")[:20])
    for body, category, report_text, outcome in REPORTED_POSTS:
        post = forum_actions.reply(actor=rng.choice(writers), discussion=discussion, body=body)
        if outcome == "owner_hides":
            actions.open_case_from_owner(actor=forum.owner, item=post,
                                         reason="Personangrepp på mig som ägare, vill ha hjälp.")
            continue
        case = actions.report_item(actor=anna, item=post, category=category,
                                   text=report_text).case
        if outcome == "removed":
            actions.post_case_message(actor=webbred, case=case,
                                      body="Vi tänker ta bort inlägget. Har du synpunkter?")
            actions.post_case_message(actor=forum.owner, case=case,
                                      body="Jag håller med, det bryter mot god samtalston.")
            actions.decide_remove(actor=webbred, case=case,
                                  reason="Förolämpning mot kollegor (god samtalston)")
