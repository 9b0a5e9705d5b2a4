"""The archive browser in the Wagtail admin: archive records, archive packages (snapshots and
channel archives) and registrations, for Webbredaktionen and the "Arkivarie" group.

Read-only by construction: the permission policy grants "view" to the archive's readers and
"add" on packages to Webbredaktionen (starting an extra snapshot, which goes through the
action); nobody is granted change or delete, and the viewsets do not even route the edit,
delete and copy views. The models refuse changes too, and so does PostgreSQL.
"""

import json
from datetime import datetime

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_tasks import TaskResultStatus
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy

from insidan.core.admin_lookup import PermissionBeforeLookupViewSetMixin
from insidan.core.models import ChannelKind
from insidan.core.permissions import is_webbredaktionen

from . import downloads
from .actions import start_extra_snapshot
from .conf import archivist_group
from .models import ArchiveAttachment, ArchiveRecord, Registration, Snapshot
from .package import PackageError
from .permissions import can_read_archive
from .selectors import item_for


class ArchiveReadPolicy(BasePermissionPolicy):
    """"view" for the archive's readers; "add" on archive packages for Webbredaktionen;
    "change" and "delete" for nobody, superusers included."""

    def __init__(self, model, *, webbredaktionen_may_add: bool = False):
        super().__init__(model)
        self.webbredaktionen_may_add = webbredaktionen_may_add

    def _roles(self, user) -> tuple[bool, bool]:
        """(reads the archive, is Webbredaktionen), asked once per request: the admin checks
        permissions for every row of a listing. Kept on the request's user object."""
        roles = getattr(user, "_insidan_archive_roles", None)
        if roles is None:
            roles = (can_read_archive(user), is_webbredaktionen(user))
            user._insidan_archive_roles = roles
        return roles

    def user_has_permission(self, user, action):
        reader, webbredaktionen = self._roles(user)
        if action == "view":
            return reader
        if action == "add" and self.webbredaktionen_may_add:
            return webbredaktionen
        return False

    def users_with_any_permission(self, actions):
        from django.conf import settings

        condition = Q(pk__in=[])
        if "view" in actions:
            groups = [settings.WEBBREDAKTIONEN_GROUP, archivist_group()]
            condition |= Q(is_superuser=True) | Q(groups__name__in=groups)
        if "add" in actions and self.webbredaktionen_may_add:
            condition |= Q(is_superuser=True) | Q(groups__name=settings.WEBBREDAKTIONEN_GROUP)
        return get_user_model().objects.filter(condition, is_active=True).distinct()


def kind_display(object_type: str) -> str:
    """"forums.post" as a person reads it ("Inlägg"): the model's own name, or the stored
    value for a kind that no longer exists."""
    try:
        return capfirst(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def channel_display(channel_label: str) -> str:
    """Archive records wrote the channel's kind as its stored value ("forum: IT-frågor");
    records are never changed, so the kind's name is put in when they are read."""
    kind, sep, name = (channel_label or "").partition(": ")
    if sep and kind in ChannelKind.values:
        return f"{ChannelKind(kind).label}: {name}"
    return channel_label


def _pre(value) -> str:
    return format_html('<pre class="archive-pre">{}</pre>', value or "–")


class ReadOnlyViewSet(PermissionBeforeLookupViewSetMixin, ModelViewSet):
    """Index (with search and filters), inspect and history; no add, edit, delete or copy."""

    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None

    add_view_enabled = False

    def get_urlpatterns(self):
        """Built here rather than filtered from ModelViewSet's, which would construct the edit
        views (and their forms) only to throw them away."""
        conv = self.pk_path_converter
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(f"history-results/<{conv}:pk>/", self.history_results_view,
                 name="history_results"),
        ]
        if self.add_view_enabled:
            patterns.append(path("new/", self.add_view, name="add"))
        return patterns + self.download_urlpatterns()

    def download_urlpatterns(self) -> list:
        return []

    def get_common_view_kwargs(self, **kwargs):
        # There is no edit view: nothing may link to one (the history of a package that
        # Webbredaktionen may add answered 500 looking up its address).
        return {**super().get_common_view_kwargs(**kwargs), "edit_url_name": None}


def _reader_required(request) -> None:
    if not can_read_archive(request.user):
        raise PermissionDenied


# --- archive records ----------------------------------------------------------------------


class ArchiveInspectView(generic.InspectView):
    """Every time a person reads is Stockholm's (Wagtail's inspect view printed the stored UTC
    time: "Borttaget 14:22" beside the case's "15:22"); an empty value is a dash, not None.
    The packages and the JSON downloads keep UTC with its offset."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("Ja") if value else _("Nej")
        if value is None or value == "":
            return "–"
        if field_name == "object_type":
            return kind_display(value)
        if field_name == "channel_label":
            return channel_display(value)
        return value


class RecordInspectView(ArchiveInspectView):
    template_name = "archive/admin/record_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ArchiveRecord.objects.select_related("parent"), pk=self.pk
        )

    def get_content_text_display_value(self):
        return _pre(self.object.content_text)

    def get_content_html_display_value(self):
        return _pre(self.object.content_html)

    def get_data_display_value(self):
        return _pre(json.dumps(self.object.data, ensure_ascii=False, indent=2))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context.update(
            attachments=record.attachments.all(),
            legal_holds=record.legal_holds.order_by("set_at", "pk"),
            children=record.children.all(),
            download_name=self.download_url_name,
        )
        return context

    download_url_name = ""


class RecordViewSet(ReadOnlyViewSet):
    model = ArchiveRecord
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Arkivposter")
    inspect_view_class = RecordInspectView
    list_display = [
        "object_label",
        Column("object_type", label=gettext_lazy("Typ"),
               accessor=lambda record: kind_display(record.object_type)),
        "author_name",
        Column("channel_label", label=gettext_lazy("Kanal"),
               accessor=lambda record: channel_display(record.channel_label)),
        "removed_at",
    ]
    list_filter = ["object_type", "removed_at"]
    search_fields = ["object_label", "content_text", "author_name", "author_username",
                     "channel_label", "reason", "object_id"]
    inspect_view_fields = [
        "uuid", "object_label", "object_type", "object_id", "url", "author_name",
        "author_username", "author_title", "author_department", "created_at", "edited_at",
        "channel_label", "channel_owner", "reason", "removed_by_name", "removed_at", "parent",
        "content_text", "content_html", "data",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            download_url_name=self.get_url_name("download"), **kwargs
        )

    def download_urlpatterns(self):
        return [
            path("download/<int:pk>/<str:fmt>/", self.download_view, name="download"),
            path("attachment/<int:pk>/", self.attachment_view, name="attachment"),
        ]

    def download_view(self, request, pk: int, fmt: str):
        _reader_required(request)
        record = get_object_or_404(ArchiveRecord, pk=pk)
        return downloads.record_download(request.user, record, fmt)

    def attachment_view(self, request, pk: int):
        _reader_required(request)
        attachment = get_object_or_404(ArchiveAttachment, pk=pk)
        return downloads.attachment_download(request.user, attachment)


# --- archive packages ---------------------------------------------------------------------


class ExtraSnapshotForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Varför tas ögonblicksbilden?"),
        help_text=gettext_lazy("Till exempel en större omorganisation, en ny version av Insidan "
                               "eller en händelse som bör bevaras."),
        widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
    )


class ExtraSnapshotView(WagtailAdminTemplateMixin, FormView):
    """Webbredaktionen starts an extra snapshot with a note of why (the guideline: extra
    snapshots at major changes or events)."""

    form_class = ExtraSnapshotForm
    template_name = "archive/admin/extra_snapshot.html"
    page_title = gettext_lazy("Ta en extra ögonblicksbild")
    header_icon = "download"
    index_url_name = inspect_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not is_webbredaktionen(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Arkivpaket")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Ta ögonblicksbilden"),
            submit_button_active_label=_("Skriver arkivpaketet…"),
        )
        return context

    def form_valid(self, form):
        try:
            result = start_extra_snapshot(actor=self.request.user,
                                          reason=form.cleaned_data["reason"])
        except (ValidationError, PackageError) as error:
            form.add_error(None, error.messages if hasattr(error, "messages") else str(error))
            return self.form_invalid(form)
        return self._report(result, form)

    def _report(self, result, form):
        if result.status == TaskResultStatus.SUCCESSFUL:
            outcome = result.return_value or {}
            if "error" in outcome:
                form.add_error(None, outcome["error"])
                return self.form_invalid(form)
            snapshot = Snapshot.objects.get(uuid=outcome["snapshot"])
            messages.success(self.request, _("Ögonblicksbilden är klar: %(size)s, %(count)s "
                                             "poster.") % {"size": filesizeformat(snapshot.size),
                                                           "count": snapshot.item_count})
            return redirect(reverse(self.inspect_url_name, args=[snapshot.pk]))
        if result.status == TaskResultStatus.FAILED:
            form.add_error(None, _("Ögonblicksbilden kunde inte skrivas. Felet finns i "
                                   "serverns logg; inget halvfärdigt paket sparades."))
            return self.form_invalid(form)
        messages.info(self.request, _("Ögonblicksbilden skrivs nu i bakgrunden. Den visas i "
                                      "listan när den är klar."))
        return redirect(reverse(self.index_url_name))


class SnapshotIndexView(generic.IndexView):
    add_item_label = gettext_lazy("Ta en extra ögonblicksbild")


class SnapshotInspectView(ArchiveInspectView):
    template_name = "archive/admin/snapshot_inspect.html"
    download_url_name = ""

    def get_size_display_value(self):
        return f"{filesizeformat(self.object.size)} ({self.object.size} byte)"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["download_url"] = reverse(self.download_url_name, args=[self.object.pk])
        return context


class SnapshotViewSet(ReadOnlyViewSet):
    model = Snapshot
    icon = "download"
    menu_label = gettext_lazy("Arkivpaket")
    index_view_class = SnapshotIndexView
    add_view_class = ExtraSnapshotView
    inspect_view_class = SnapshotInspectView
    add_view_enabled = True
    list_display = [
        "created_at", "kind", "reason", "channel_label",
        Column("size", label=gettext_lazy("storlek"), accessor=lambda s: filesizeformat(s.size)),
        "item_count", "sha256",
    ]
    list_filter = ["kind"]
    search_fields = ["package_id", "reason", "channel_label", "created_by", "sha256"]
    inspect_view_fields = [
        "package_id", "kind", "period", "created_at", "created_by", "reason", "channel_label",
        "size", "sha256", "item_count", "path", "folder",
    ]

    def get_add_view_kwargs(self, **kwargs):
        return {"index_url_name": self.get_url_name("index"),
                "inspect_url_name": self.get_url_name("inspect"), **kwargs}

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            download_url_name=self.get_url_name("download"), **kwargs
        )

    def download_urlpatterns(self):
        return [path("download/<int:pk>/", self.download_view, name="download")]

    def download_view(self, request, pk: int):
        _reader_required(request)
        return downloads.snapshot_download(request.user, get_object_or_404(Snapshot, pk=pk))


# --- registrations ------------------------------------------------------------------------


class RegistrationInspectView(ArchiveInspectView):
    template_name = "archive/admin/registration_inspect.html"
    download_url_name = ""

    def get_data_display_value(self):
        return _pre(json.dumps(self.object.data, ensure_ascii=False, indent=2))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = item_for(self.object.object_type, self.object.object_id)
        context.update(download_name=self.download_url_name, item=item)
        return context


class RegistrationViewSet(ReadOnlyViewSet):
    model = Registration
    icon = "clipboard-list"
    menu_label = gettext_lazy("Registreringar")
    inspect_view_class = RegistrationInspectView
    list_display = ["diarienummer", "object_label", "received_on", "sender", "channel_label",
                    "registered_at", "registered_by"]
    list_filter = ["object_type", "received_on"]
    search_fields = ["diarienummer", "object_label", "description", "sender", "channel_label",
                     "registered_by"]
    inspect_view_fields = [
        "diarienummer", "generated", "received_on", "sender", "description", "object_label",
        "object_type", "object_id", "url", "channel_label", "registered_at", "registered_by",
        "data",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            download_url_name=self.get_url_name("download"), **kwargs
        )

    def download_urlpatterns(self):
        return [path("download/<int:pk>/<str:fmt>/", self.download_view, name="download")]

    def download_view(self, request, pk: int, fmt: str):
        _reader_required(request)
        registration = get_object_or_404(Registration, pk=pk)
        return downloads.registration_download(request.user, registration, fmt)


class ArchiveViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Arkiv")
    menu_icon = "folder-inverse"
    menu_order = 310
    items = (
        RecordViewSet("archive_records", url_prefix="arkiv/poster"),
        SnapshotViewSet("archive_packages", url_prefix="arkiv/paket"),
        RegistrationViewSet("archive_registrations", url_prefix="arkiv/registreringar"),
    )
