"""Admin pieces of the archive: the archive browser and the audit log's action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import ArchiveReadPolicy, ArchiveViewSetGroup
from .models import ArchiveRecord, Registration, Snapshot

# Registered before anything asks for these models' policies (Wagtail would otherwise make
# its default one, based on Django model permissions, and refuse a second registration).
register_permission_policy(ArchiveRecord, ArchiveReadPolicy(ArchiveRecord))
register_permission_policy(Registration, ArchiveReadPolicy(Registration))
register_permission_policy(Snapshot, ArchiveReadPolicy(Snapshot, webbredaktionen_may_add=True))

LOG_ACTIONS = [
    ("insidan.archive.remove", _("Arkivera och ta bort"), _("Arkiverat och borttaget")),
    ("insidan.archive.legal_hold", _("Bevara för stadsjuristen"),
     _("Arkivposten bevaras för rättslig prövning")),
    ("insidan.archive.channel", _("Arkivera och avveckla kanal"),
     _("Kanalen arkiverad och avvecklad")),
    ("insidan.archive.snapshot", _("Ta ögonblicksbild"), _("Ögonblicksbild tagen")),
    ("insidan.archive.register", _("Registrera"), _("Registrerat i diariet")),
    ("insidan.archive.download", _("Ladda ned ur arkivet"), _("Nedladdat ur arkivet")),
]


@hooks.register("register_admin_viewset")
def register_archive_browser():
    return ArchiveViewSetGroup()


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
