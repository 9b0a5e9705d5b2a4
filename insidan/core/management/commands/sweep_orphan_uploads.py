from django.core.management.base import BaseCommand

from insidan.core.orphan_uploads import sweep_orphans


class Command(BaseCommand):
    help = ("Deletes uploaded files (room documents, images and their renditions) that no "
            "database row refers to and that are older than an hour: uploads whose "
            "transaction never committed. Never touches the archive's files. Run daily.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="only list the files that would be deleted")

    def handle(self, *args, dry_run: bool, **options):
        orphans = sweep_orphans(dry_run=dry_run)
        for name in orphans:
            self.stdout.write(name)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(orphans)} orphaned uploads {verb}.")
