"""Panels on Webbredaktionen's admin home (Wagtail's `construct_homepage_panels` hook).

Each content app adds its own panel from its wagtail_hooks.py with what waits for
Webbredaktionen there (reports, channel requests, channels to watch, ownerless channels,
snapshots), so the platform knows none of them: a panel is a heading, a count, at most a few
rows with links, and a link to the whole list.
"""

from dataclasses import dataclass, field

from wagtail.admin.ui.components import Component

from .permissions import is_webbredaktionen

ROWS = 5


@dataclass
class Row:
    label: str
    url: str
    meta: str = ""
    urgent: bool = False


@dataclass
class ListPanel(Component):
    name: str
    heading: str
    order: int
    rows: list[Row] = field(default_factory=list)
    total: int = 0
    list_url: str = ""
    list_label: str = ""
    empty_text: str = ""
    template_name = "core/admin/list_panel.html"

    def get_context_data(self, parent_context=None):
        return {"panel": self}


def for_webbredaktionen(request) -> bool:
    """Panels are Webbredaktionen's; other admin users (blog writers, the archive) get none."""
    return is_webbredaktionen(request.user)


def requests_panel(*, name: str, heading, order: int, pending, viewset: str, list_label,
                   empty_text) -> ListPanel:
    """A panel of channel requests waiting for a decision (rows with `name` and `created_at`,
    decided at the viewset's edit view), the oldest first."""
    from django.urls import reverse
    from django.utils import formats, timezone

    pending = pending.order_by("created_at", "pk")
    return ListPanel(
        name=name, heading=heading, order=order, total=pending.count(),
        rows=[Row(label=r.name, url=reverse(f"{viewset}:edit", args=[r.pk]),
                  meta=formats.date_format(timezone.localtime(r.created_at), "SHORT_DATE_FORMAT"))
              for r in pending[:ROWS]],
        list_url=reverse(f"{viewset}:index"), list_label=list_label, empty_text=empty_text,
    )
