"""Run daily (cron or the task worker): owners of rooms without a post or document for six
months are asked to keep the room alive or decommission it; rooms whose owner has left are
flagged "utan ägare". Webbredaktionen's list at /rum/bevakning/ shows rooms inactive for nine
months."""

from django.core.management.base import BaseCommand

from collab.actions import check_room_activity


class Command(BaseCommand):
    help = "Påminner ägare till inaktiva samarbetsrum och flaggar rum utan ägare."

    def handle(self, *args, **options):
        counts = check_room_activity(actor=None)
        self.stdout.write(
            f"Inaktiva rum (ägare påminda): {counts['inactive']}. "
            f"Rum utan ägare (nyflaggade): {counts['ownerless']}."
        )
