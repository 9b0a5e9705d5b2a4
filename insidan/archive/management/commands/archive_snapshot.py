"""manage.py archive_snapshot --out DIR [--channel SLUG] [--reason TEXT]

Writes an archive package (E-ARK SIP 2.1, a folder and a .tar) of all social content as it is
now, or of one channel, into DIR, and enters it in the register of archive packages shown in
the admin. The package is written under a temporary name and renamed only when whole.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from insidan.archive.actions import take_snapshot
from insidan.archive.models import SnapshotKind
from insidan.archive.package import PackageError
from insidan.archive.selectors import find_channel


class Command(BaseCommand):
    help = "Skriver en ögonblicksbild av allt socialt innehåll (eller en kanal) som arkivpaket."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path,
                            help="Mappen som paketet skrivs i.")
        parser.add_argument("--channel", default="",
                            help="Bara en kanal: dess kortnamn, eller typ:kortnamn (room:x).")
        parser.add_argument("--reason", default="Ögonblicksbild tagen från kommandoraden.",
                            help="Varför ögonblicksbilden tas (sparas i paketet och registret).")

    def handle(self, *args, out: Path, channel: str, reason: str, **options):
        try:
            found = find_channel(channel) if channel else None
            snapshot = take_snapshot(actor=None, reason=reason, kind=SnapshotKind.EXTRA,
                                     out_dir=out, channel=found)
        except (LookupError, PackageError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Arkivpaketet är klart: {snapshot.path}\n"
            f"  {snapshot.item_count} poster, {filesizeformat(snapshot.size)}, "
            f"SHA-256 {snapshot.sha256}"
        ))
