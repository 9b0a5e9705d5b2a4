from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, UserColumn
from wagtail.admin.viewsets.model import ModelViewSet

from insidan.core.admin_lookup import PermissionBeforeLookupViewSetMixin

from . import admin_views
from .models import ForumRequest


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    for name, label in [
        ("insidan.forum.lock", _("Lås diskussion")),
        ("insidan.forum.unlock", _("Lås upp diskussion")),
        ("insidan.forum.pin", _("Fäst diskussion")),
        ("insidan.forum.unpin", _("Lossa diskussion")),
        ("insidan.forum.request_approve", _("Godkänn begäran om forum")),
        ("insidan.forum.request_decline", _("Avslå begäran om forum")),
        ("insidan.forum.follow", _("Följ")),
        ("insidan.forum.unfollow", _("Sluta följa")),
        ("insidan.forum.move", _("Flytta diskussion")),
        ("insidan.forum.hand_over", _("Lämna över forumet")),
        ("insidan.forum.request_decommission", _("Begär avveckling")),
        ("insidan.forum.inactive", _("Forumet är inaktivt")),
        ("insidan.forum.image", _("Ändra forumets bild")),
        ("insidan.forum.image_removed", _("Ta bort forumets bild")),
    ]:
        actions.register_action(name, label, label)


class ForumRequestViewSet(PermissionBeforeLookupViewSetMixin, ModelViewSet):
    """Webbredaktionen's list of forum requests; decisions go through the action."""

    model = ForumRequest
    icon = "form"
    menu_label = _("Begärda forum")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "name",
        UserColumn("requester", label=_("Begärd av")),
        "status",
        DateColumn("created_at", label=_("Begärd"), sort_key="created_at"),
    ]
    list_filter = ["status"]
    form_fields = ["decision_message"]

    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Those generic views are not routed (below): no buttons may point at them, for
        # superusers neither (their permissions would show the buttons, and reversing the
        # missing URLs answered 500).
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "delete_url_name": None, **kwargs})

    def get_urlpatterns(self):
        # No generic add/edit/delete: a request is created by the employee and decided here,
        # through decide_forum_request, so the action's checks and notifications always run.
        kept = [p for p in super().get_urlpatterns()
                if p.name not in {"add", "edit", "delete", "copy"}]
        return kept + [
            path("edit/<int:pk>/", admin_views.decide_forum_request, name="edit"),
        ]


@hooks.register("register_admin_viewset")
def register_forum_request_viewset():
    return ForumRequestViewSet("forum-requests")


@hooks.register("construct_homepage_panels")
def forum_panels(request, panels):
    """Webbredaktionen's admin home: forum requests to decide, and forums to watch."""
    from django.urls import reverse

    from insidan.core.admin_panels import ListPanel, Row, for_webbredaktionen, requests_panel

    from .selectors import forums_for_webbredaktionen

    if not for_webbredaktionen(request):
        return
    panels.append(requests_panel(
        name="forumbegaranden", heading=_("Begärda forum"), order=20,
        pending=ForumRequest.objects.filter(status=ForumRequest.Status.PENDING),
        viewset="forum-requests", list_label=_("Alla begärda forum"),
        empty_text=_("Inga forum väntar på beslut."),
    ))
    watched = forums_for_webbredaktionen()
    counts = {key: rows.count() for key, rows in watched.items()}
    panels.append(ListPanel(
        name="forumbevakning", heading=_("Forum att bevaka"), order=40,
        total=sum(counts.values()),
        rows=[Row(label=label % {"n": counts[key]}, url=reverse("forums:watch_list"))
              for key, label in (
                  ("decommission", _("%(n)s begäran om avveckling")),
                  ("ownerless", _("%(n)s forum utan ägare")),
                  ("inactive", _("%(n)s forum utan aktivitet i nio månader")))
              if counts[key]],
        list_url=reverse("forums:watch_list"), list_label=_("Bevakningslistan"),
        empty_text=_("Inga forum behöver bevakas just nu."),
    ))
