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


@hooks.register("construct_homepage_panels")
def snapshot_panel(request, panels):
    """Webbredaktionen's admin home: the last snapshot and when the next is due."""
    from django.urls import reverse
    from django.utils import formats, timezone

    from insidan.core.admin_panels import ListPanel, Row, for_webbredaktionen

    from .actions.snapshots import next_scheduled_period

    if not for_webbredaktionen(request):
        return
    last = Snapshot.objects.order_by("-created_at", "-pk").first()
    rows = []
    if last is not None:
        rows.append(Row(
            label=_("Senaste: %(kind)s %(when)s") % {
                "kind": last.get_kind_display(),
                "when": formats.date_format(timezone.localtime(last.created_at),
                                            "SHORT_DATETIME_FORMAT")},
            url=reverse("archive_packages:inspect", args=[last.pk])))
    rows.append(Row(label=_("Nästa schemalagda: %(period)s") % {
        "period": next_scheduled_period()}, url=reverse("archive_packages:index")))
    panels.append(ListPanel(
        name="ogonblicksbilder", heading=_("Ögonblicksbilder"), order=60,
        total=Snapshot.objects.count(), rows=rows,
        list_url=reverse("archive_packages:index"), list_label=_("Alla arkivpaket"),
    ))
