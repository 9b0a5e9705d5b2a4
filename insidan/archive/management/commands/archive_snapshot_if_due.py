"""manage.py archive_snapshot_if_due

Run daily (cron or a systemd timer). In the months of ARCHIVE_SNAPSHOT_MONTHS (default April
and September, as the guideline asks) it enqueues the scheduled snapshot through django-tasks,
unless this month's is already taken; otherwise it does nothing. Safe to run more than once a
day: the task checks again, and a month's scheduled package has a fixed name that is never
written twice.
"""

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from insidan.archive.actions import due_period
from insidan.archive.conf import snapshot_months
from insidan.archive.tasks import take_scheduled_snapshot


class Command(BaseCommand):
    help = "Tar den schemalagda ögonblicksbilden om den är på tur (kör dagligen)."

    def handle(self, *args, **options):
        period = due_period()
        if period is None:
            months = ", ".join(str(m) for m in snapshot_months())
            self.stdout.write(f"Ingen ögonblicksbild på tur (månader: {months}).")
            return
        result = take_scheduled_snapshot.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(f"Ögonblicksbilden för {period} kunde inte skrivas; se loggen.")
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Ögonblicksbilden för {period} är köad.")
            return
        outcome = result.return_value or {}
        if "error" in outcome:
            raise CommandError(outcome["error"])
        self.stdout.write(self.style.SUCCESS(f"Ögonblicksbilden för {period} är skriven."))
