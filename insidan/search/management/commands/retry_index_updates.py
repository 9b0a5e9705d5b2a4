from django.core.management.base import BaseCommand

from insidan.search.indexing import RETRY_BATCH, retry_pending


class Command(BaseCommand):
    help = ("Retry search index updates that failed while the search backend was down "
            "(run every few minutes; safe to run at any time).")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=RETRY_BATCH)

    def handle(self, *args, limit: int, **options):
        done, failed = retry_pending(limit)
        self.stdout.write(f"{done} updated, {failed} still pending")
