"""Import the staff directory's CSV export. See profiles/staff_import.py for the columns."""

from dataclasses import replace

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from profiles import actions
from profiles.staff_import import COLUMNS, ImportRefused, parse


class Command(BaseCommand):
    help = (
        "Läser personalregistrets CSV-export (UTF-8 eller Windows-1252) med kolumnerna "
        + ", ".join(COLUMNS)
        + ". Befintliga medarbetare uppdateras, nya skapas och den som saknas i filen "
        "avaktiveras (tas aldrig bort). Allt eller inget: finns det felaktiga rader importeras "
        "ingenting, om inte --skip-invalid anges."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true",
            help="Importera de korrekta raderna och hoppa över de felaktiga. Personer på "
                 "felaktiga rader lämnas orörda (de avaktiveras inte).",
        )

    def handle(self, *args, file, skip_invalid=False, **options):
        try:
            with open(file, "rb") as handle:
                parsed = parse(handle.read())
        except OSError as error:
            raise CommandError(f"Kan inte läsa {file}: {error}") from None
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        for line, reason in parsed.rejected:
            self.stderr.write(f"Rad {line}: {reason}")
        if parsed.rejected and not skip_invalid:
            raise CommandError(
                f"{len(parsed.rejected)} rad(er) avvisade. Inget är importerat. Rätta filen, "
                "eller kör med --skip-invalid för att importera de korrekta raderna."
            )
        summary = self.run_import(parsed)
        self.stdout.write(self.style.SUCCESS(
            "Klart: {created} nya, {updated} uppdaterade, {deactivated} avaktiverade, "
            "{rejected} avvisade rader.".format(rejected=len(parsed.rejected), **summary)
        ))

    @transaction.atomic
    def run_import(self, parsed) -> dict:
        """One transaction: either the whole directory is updated, or nothing is. Two passes:
        everyone first, then the managers, who may appear later in the file."""
        User = get_user_model()
        existing = set(User.objects.values_list("username", flat=True))
        for record in parsed.records:
            if record.username not in existing:
                actions.upsert_employee(actor=None, record=replace(record, manager_username=""))
        for record in parsed.records:
            actions.upsert_employee(actor=None, record=record)
        # Installation accounts (superusers) are not in the staff directory.
        leaving = User.objects.filter(is_active=True, is_superuser=False).exclude(
            username__in=parsed.mentioned)
        deactivated = 0
        for user in leaving:
            actions.deactivate_employee(actor=None, user=user)
            deactivated += 1
        created = sum(1 for r in parsed.records if r.username not in existing)
        return {"created": created, "updated": len(parsed.records) - created,
                "deactivated": deactivated}
