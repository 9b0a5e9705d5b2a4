"""Admin pieces of the channel core: terms (villkor) for Webbredaktionen."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import publish_terms
from .admin_lookup import PermissionBeforeLookupViewSetMixin
from .models import TermsVersion


class PublishTermsView(CreateView):
    """Creating terms in the admin publishes a new version through the action, so numbering,
    audit log and permission check are the same as everywhere else."""

    def get_success_buttons(self):
        # Published terms are never edited (a change is a new version): no "Redigera".
        return []

    def save_instance(self):
        data = self.form.cleaned_data
        return publish_terms(
            actor=self.request.user,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            change_summary=data.get("change_summary", ""),
        )


class TermsViewSet(PermissionBeforeLookupViewSetMixin, ModelViewSet):
    model = TermsVersion
    icon = "doc-full"
    menu_label = _("Villkor")
    add_to_admin_menu = True
    menu_order = 300
    add_view_class = PublishTermsView
    inspect_view_enabled = True
    list_display = ["__str__", "kind", "version", "published_at"]
    list_filter = ["kind"]
    form_fields = ["kind", "title", "change_summary", "body"]


@hooks.register("register_admin_viewset")
def register_terms_viewset():
    return TermsViewSet("terms")


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    actions.register_action(
        "insidan.terms.publish", _("Publicera villkor"), _("Villkor publicerade")
    )
    actions.register_action("insidan.terms.accept", _("Godkänn villkor"), _("Villkor godkända"))


@hooks.register("construct_reports_menu")
def hide_page_types_report(request, menu_items):
    """Wagtail's "Sidtyper i användning" is a report for developers: it names each page type by
    its code (`blogs.blogpostpage`). Editors find pages in the page explorer and its filters."""
    menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
