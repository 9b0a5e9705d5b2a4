from django.core.management.base import BaseCommand

from insidan.security.idempotency import purge_old_tokens


class Command(BaseCommand):
    help = ("Deletes the tokens of forms sent more than a day ago (a duplicate of a form "
            "arrives within seconds; the tokens are not needed after that). Run daily.")

    def handle(self, *args, **options):
        deleted = purge_old_tokens()
        self.stdout.write(f"{deleted} submission tokens older than a day deleted.")
