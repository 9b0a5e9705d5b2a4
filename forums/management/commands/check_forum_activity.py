"""Run daily (cron or the task worker): owners of open forums without a new post for six months
are asked to keep the forum alive or decommission it; forums whose owner has left and were not
flagged "utan ägare" are flagged. Webbredaktionen's list at /forum/bevakning/ shows forums
inactive for nine months."""

from django.core.management.base import BaseCommand

from forums.actions import check_forum_activity


class Command(BaseCommand):
    help = "Påminner ägare till inaktiva forum och flaggar forum utan ägare."

    def handle(self, *args, **options):
        counts = check_forum_activity(actor=None)
        self.stdout.write(
            f"Inaktiva forum (ägare påminda): {counts['inactive']}. "
            f"Forum utan ägare (nyflaggade): {counts['ownerless']}."
        )
