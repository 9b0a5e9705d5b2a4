"""The load data set in `insidan_load`: the demo municipality (seed_demo, DEBUG forced on as
the seeder demands) plus 50 load employees, each with two status updates, all made through the
project's own actions. Writes loadtest/out/targets.json: what the sessions read, post in,
comment on and report. Run twice, it keeps what is there.

    DJANGO_SETTINGS_MODULE=loadtest.settings python -m loadtest.seed
"""

import json
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from collab.models import Room  # noqa: E402
from forums.models import Discussion  # noqa: E402
from profiles.actions import StaffRecord, post_status_update, upsert_employee  # noqa: E402
from profiles.models import StatusUpdate  # noqa: E402

SESSIONS = 50
PASSWORD = "lasttest"
OUT = Path(__file__).parent / "out"


def load_users() -> list:
    User = get_user_model()
    users = []
    for number in range(1, SESSIONS + 1):
        username = f"last{number:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            upsert_employee(actor=None, record=StaffRecord(
                username=username, first_name="Lasttest", last_name=f"Nummer {number}",
                email=f"{username}@kommun.example", title="Handläggare",
                department="Kommunledningskontoret", manager_username="chef",
                phone="", workplace="Stadshuset",
            ))
            user = User.objects.get(username=username)
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            for text in ("Jobbar med budgeten i dag.", "Sitter i möte om e-arkivet."):
                post_status_update(actor=user, body=text)
        users.append(user)
    return users


def targets(users) -> dict:
    from forums.permissions import can_post
    from forums.selectors import discussions_visible_to

    # Discussions every load employee may write in: open forums (an open room's discussions
    # are readable by all but written in by its members only).
    reader = users[0]
    discussions = [d for d in discussions_visible_to(reader).filter(is_locked=False)
                   .select_related("forum").order_by("pk") if can_post(reader, d)]
    return {
        "password": PASSWORD,
        "usernames": [u.username for u in users],
        "discussions": [d.get_absolute_url() for d in discussions],
        "open_rooms": [r.get_absolute_url() for r in Room.objects.filter(is_closed=False)][:5],
        "status_updates": [
            {"pk": s.pk, "author": s.author.username, "url": s.get_absolute_url(),
             "comment_url": f"/kommentarer/{_content_type_id(StatusUpdate)}/{s.pk}/"}
            for s in StatusUpdate.objects.filter(author__in=users).select_related("author")
            .order_by("pk")
        ],
        "searches": ["budget", "arkiv", "dator", "möte", "semester"],
        "discussion_count": Discussion.objects.count(),
    }


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def main() -> None:
    settings.DEBUG = True  # seed_demo refuses to run otherwise; only this process
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    users = load_users()
    OUT.mkdir(exist_ok=True)
    (OUT / "targets.json").write_text(json.dumps(targets(users), ensure_ascii=False, indent=1))
    print(f"loadtest: {len(users)} load employees; targets in {OUT / 'targets.json'}")


if __name__ == "__main__":
    main()
