from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insidan.core.models import ModerationState

register = template.Library()


@register.simple_tag
def report_url(obj) -> str:
    """The "Anmäl" form for any reportable object."""
    return reverse("moderation:report", args=[obj._meta.label_lower, obj.pk])


@register.filter
def is_removed(obj) -> bool:
    return getattr(obj, "moderation_state", None) == ModerationState.REMOVED


# Definite forms for the accessible name of the "Anmäl" link ("Anmäl inlägget av …").
_DEFINITE = {
    "forums.post": gettext_lazy("inlägget"),
    "forums.discussion": gettext_lazy("diskussionen"),
    "forums.forum": gettext_lazy("forumets presentation"),
    "collab.room": gettext_lazy("samarbetsrummets presentation"),
    "collab.roomdocument": gettext_lazy("dokumentet"),
    "profiles.profile": gettext_lazy("profilsidan"),
    "profiles.statusupdate": gettext_lazy("statusuppdateringen"),
    "insidan_comments.comment": gettext_lazy("kommentaren"),
    "blogs.blogpostpage": gettext_lazy("blogginlägget"),
    "blogs.blogpage": gettext_lazy("bloggens presentation"),
}


@register.filter
def report_context(obj) -> str:
    """What the link reports, for screen readers: "inlägget av Erik Bergström"."""
    kind = _DEFINITE.get(obj._meta.label_lower, obj._meta.verbose_name)
    author = getattr(obj, "author", None) or getattr(obj, "user", None)
    if author is not None and hasattr(author, "get_full_name"):
        return _("%(kind)s av %(name)s") % {
            "kind": kind, "name": author.get_full_name() or author.get_username()}
    return f"{kind} ”{obj}”" if str(obj) else str(kind)


@register.filter
def without_final_period(text: str) -> str:
    return str(text or "").rstrip().rstrip(".")
