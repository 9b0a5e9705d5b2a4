"""Admin pieces of moderation: the "Anmälningar" menu item with its count, the queue and the
case page (admin_views.py), and the audit log's action names."""

from django.urls import include, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from insidan.core.admin_panels import ROWS, ListPanel, Row, for_webbredaktionen

from . import admin_views
from .permissions import can_decide
from .selectors import open_case_count

admin_urlpatterns = [
    path("", admin_views.queue_view, name="queue"),
    path("<int:pk>/", admin_views.case_view, name="case"),
]


@hooks.register("register_admin_urls")
def register_moderation_admin_urls():
    return [path("anmalningar/", include((admin_urlpatterns, "moderation_admin"),
                                         namespace="moderation_admin"))]


class ReportsMenuItem(MenuItem):
    """Shown to Webbredaktionen only, with the number of open cases in its label."""

    def is_shown(self, request) -> bool:
        return can_decide(request.user)

    def render_component(self, request):
        count = open_case_count()
        label = f"{self.label} ({count})" if count else str(self.label)
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name,
                            classname=self.classname, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Anmälningar"), reverse("moderation_admin:queue"),
                           name="anmalningar", icon_name="warning", order=150)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for verb, label, message in [
        ("create", _("Anmälan"), _("Anmälan gjord")),
        ("owner_hide", _("Dolt av ägaren"), _("Dolt av ägaren i väntan på granskning")),
        ("message", _("Meddelande i ärende"), _("Meddelande skrivet i ärendet")),
        ("keep", _("Beslut: behålls"), _("Beslut: innehållet behålls")),
        ("edit", _("Beslut: ändras"), _("Beslut: ändrat av webbredaktionen")),
        ("remove", _("Beslut: tas bort"), _("Beslut: borttaget")),
        ("escalate", _("Beslut: till stadsjuristen"), _("Beslut: överlämnat till stadsjuristen")),
    ]:
        actions.register_action(f"insidan.report.{verb}", label, message)

    # The archive writes these when a decision removes or escalates; until the archive app
    # registers them itself (its hooks run first, being earlier in INSTALLED_APPS), do it here
    # so that Wagtail's log entry validation accepts them.
    for action, label in [
        ("insidan.archive.remove", _("Arkiverat och borttaget")),
        ("insidan.archive.legal_hold", _("Bevarandebeslut för stadsjuristen")),
    ]:
        if action not in actions.formatters:
            actions.register_action(action, label, label)


@hooks.register("construct_homepage_panels")
def reports_panel(request, panels):
    """Webbredaktionen's admin home: the reports to decide, the urgent ones first."""
    from .selectors import queue

    if not for_webbredaktionen(request):
        return
    cases = queue()
    panels.append(ListPanel(
        name="anmalningar", heading=_("Anmälningar att besluta om"), order=10,
        total=cases.count(),
        rows=[Row(label=case.item_label, url=reverse("moderation_admin:case", args=[case.pk]),
                  meta=formats.date_format(timezone.localtime(case.opened_at),
                                           "SHORT_DATETIME_FORMAT"),
                  urgent=case.is_urgent)
              for case in cases[:ROWS]],
        list_url=reverse("moderation_admin:queue"), list_label=_("Alla anmälningar"),
        empty_text=_("Inga anmälningar väntar."),
    ))
