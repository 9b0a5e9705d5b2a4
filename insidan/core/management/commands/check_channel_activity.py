"""Run daily (cron or the task worker): every kind of channel's activity check, through the
registry in insidan/core/lifecycle.py (rooms, forums and blogs register theirs)."""

from django.core.management.base import BaseCommand

from insidan.core.lifecycle import check_channel_activity

KIND_NAMES = {"room": "Samarbetsrum", "forum": "Forum", "blog": "Bloggar"}


class Command(BaseCommand):
    help = ("Påminner ägare till inaktiva kanaler (rum, forum, bloggar) och flaggar kanaler "
            "utan ägare.")

    def handle(self, *args, **options):
        for kind, counts in check_channel_activity(actor=None).items():
            found = ", ".join(f"{name} {count}" for name, count in counts.items())
            self.stdout.write(f"{KIND_NAMES.get(kind, kind)}: {found}.")
