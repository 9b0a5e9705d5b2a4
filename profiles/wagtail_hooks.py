"""Admin pieces of profiles: the audit log's action names, and Webbredaktionen's list of
channels "utan ägare"."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.coreutils import get_content_type_label

from insidan.core.admin_lookup import PermissionBeforeLookupViewSetMixin

from .models import OwnerlessChannel

LOG_ACTIONS = [
    ("insidan.profile.deactivate", _("Avsluta anställning"), _("Medarbetaren har slutat")),
    ("insidan.profile.reviewed", _("Granska profil"), _("Profilen granskad")),
    ("insidan.profile.photo", _("Byt foto"), _("Foto uppladdat")),
    ("insidan.profile.photo_removed", _("Ta bort foto"), _("Foto borttaget")),
    ("insidan.profile.photo_metadata_removed", _("Rensa fotots metadata"),
     _("EXIF, XMP och IPTC borttagna ur fotot")),
    ("insidan.profile.follow", _("Följ"), _("Följer")),
    ("insidan.profile.unfollow", _("Sluta följa"), _("Slutade följa")),
    ("insidan.channel.ownerless", _("Utan ägare"), _("Kanalen saknar ägare")),
    ("insidan.channel.owner_restored", _("Ny ägare"), _("Kanalen har en ägare igen")),
]


@hooks.register("register_log_actions")
def register_profile_log_actions(actions):
    for name, label, message in LOG_ACTIONS:
        actions.register_action(name, label, message)


class OwnerlessChannelViewSet(PermissionBeforeLookupViewSetMixin, ModelViewSet):
    """Read-only list for Webbredaktionen; a flag closes when the channel gets an owner
    (`resolve_ownerless_channel`)."""

    model = OwnerlessChannel
    icon = "warning"
    menu_label = _("Kanaler utan ägare")
    add_to_admin_menu = True
    menu_order = 320
    list_display = [
        "__str__",
        Column("content_type", label=_("Typ av kanal"),
               accessor=lambda flag: get_content_type_label(flag.content_type)),
        UserColumn("former_owner", label=_("Tidigare ägare")),
        "flagged_at",
        "resolved_at",
    ]
    list_filter = ["resolved_at"]
    form_fields = []

    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Those generic views are not routed (below): no buttons may point at them, for
        # superusers neither (their permissions would show the buttons, and reversing the
        # missing URLs answered 500).
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None,
               **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns()
                if p.name not in {"add", "edit", "delete", "copy"}]


@hooks.register("register_admin_viewset")
def register_ownerless_viewset():
    return OwnerlessChannelViewSet("ownerless-channels")


@hooks.register("construct_homepage_panels")
def ownerless_panel(request, panels):
    """Webbredaktionen's admin home: channels whose owner has left, the longest waiting
    first."""
    from django.urls import reverse
    from django.utils import formats, timezone

    from insidan.core.admin_panels import ROWS, ListPanel, Row, for_webbredaktionen

    from .selectors import open_ownerless_channels

    if not for_webbredaktionen(request):
        return
    channels = open_ownerless_channels().order_by("flagged_at", "pk")
    index = reverse("ownerless-channels:index")
    panels.append(ListPanel(
        name="utan-agare", heading=_("Kanaler utan ägare"), order=50, total=channels.count(),
        rows=[Row(label=str(channel), url=index,
                  meta=formats.date_format(timezone.localtime(channel.flagged_at),
                                           "SHORT_DATE_FORMAT"))
              for channel in channels[:ROWS]],
        list_url=index, list_label=_("Alla kanaler utan ägare"),
        empty_text=_("Alla kanaler har en ägare."),
    ))
