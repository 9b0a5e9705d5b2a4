from django.core.management.base import BaseCommand

from insidan.notify.tasks import send_digests


class Command(BaseCommand):
    help = "Köar den dagliga sammanfattningen av notiser (kör en gång om dagen, t.ex. från cron)."

    def handle(self, *args, **options):
        result = send_digests.enqueue()
        self.stdout.write(f"Sammanfattningen är köad ({result.id}).")
