"""The main navigation. A section is shown only when its app is installed and routed, so the
menu never links to something that does not exist yet."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("collab:room_list", _("Samarbetsrum")),
    ("forums:forum_list", _("Forum")),
    ("blogs:blog_list", _("Bloggar")),
    ("profiles:people", _("Personer")),
    ("search", _("Sök")),
]


def _sections():
    for url_name, label in SECTIONS:
        try:
            yield {"url": reverse(url_name), "label": label}
        except NoReverseMatch:
            continue


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    sections = list(_sections())
    path = request.path
    for section in sections:
        section["current"] = path.startswith(section["url"])
    return {"main_navigation": sections}
