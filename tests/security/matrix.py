"""The access matrix: which role may see which object, and every surface that shows objects.

`VISIBLE` is the rule per object (the marker's key): the roles that may see that object's text
on any surface. Every row of `SURFACES` is one URL; for every role the test asserts the status
(200 for the roles in `page`, otherwise 404, 403 or a redirect to a login page), that every
marker the role may not see is absent, that the markers in `shows` are present for the roles
listed, and that the markers in `hides` are absent for everyone (a tombstone, say).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .conftest import MARKERS, ROLES

NOBODY: frozenset[str] = frozenset()
EMPLOYEES = frozenset(ROLES) - {"anonymous", "deactivated"}
CLOSED = frozenset({"member", "owner", "deputy", "webbredaktionen"})
ARCHIVE_READERS = frozenset({"webbredaktionen", "archivist"})
# Wagtail admin access: Webbredaktionen, the archive's readers, and blog writers (who write
# their posts in the admin).
ADMIN_USERS = ARCHIVE_READERS | {"blog_writer"}
PAGE_EDITORS = frozenset({"webbredaktionen", "blog_writer"})
WEBBRED = frozenset({"webbredaktionen"})

VISIBLE: dict[str, frozenset[str]] = {
    "open_room_post": EMPLOYEES,
    "closed_room_post": CLOSED,
    "closed_room_title": EMPLOYEES,  # a closed room's presentation is public (people apply)
    "open_forum_post": EMPLOYEES,
    "blog_post": EMPLOYEES,
    "comment": EMPLOYEES,
    "status_update": EMPLOYEES,
    "profile": EMPLOYEES,
    "hidden_post": frozenset({"forum_owner", "webbredaktionen"}),
    # The removed text lives on in the archive, and in the case about it for the forum's owner
    # (who takes part in the case) and in the reporter's own reports.
    "removed_post": ARCHIVE_READERS | {"forum_owner"},
    "case_message": frozenset({"line_manager", "webbredaktionen"}),
    "room_document": CLOSED,
    "deactivated_profile": NOBODY,
}
assert set(VISIBLE) == set(MARKERS)


@dataclass(frozen=True)
class Surface:
    name: str
    url: Callable[[object], str]
    page: frozenset[str] = EMPLOYEES
    shows: dict[str, frozenset[str]] = field(default_factory=dict)
    hides: tuple[str, ...] = ()


def _discussion(attr: str) -> Callable[[object], str]:
    return lambda w: getattr(w, attr).get_absolute_url()


def _search(key: str) -> Callable[[object], str]:
    return lambda w: reverse("search") + f"?q=leta{MARKERS[key][5:]}"


def _autocomplete(key: str) -> Callable[[object], str]:
    return lambda w: reverse("search_autocomplete") + f"?q={MARKERS[key][:8]}"


def _admin(path: str) -> Callable[[object], str]:
    return lambda w: path


def _comment_endpoint(attr: str) -> Callable[[object], str]:
    def url(w) -> str:
        target = getattr(w, attr)
        ct = ContentType.objects.get_for_model(target)
        return reverse("comments:post", args=[ct.pk, target.pk])
    return url


def _report(attr: str) -> Callable[[object], str]:
    def url(w) -> str:
        item = getattr(w, attr)
        label = f"{item._meta.app_label}.{item._meta.model_name}"
        return reverse("moderation:report", args=[label, item.pk])
    return url


SEARCHABLE = ("open_room_post", "closed_room_post", "open_forum_post", "blog_post",
              "status_update", "profile", "hidden_post", "removed_post", "deactivated_profile",
              "comment", "room_document", "case_message")

SURFACES: list[Surface] = [
    # Forums and rooms
    Surface("open room discussion", _discussion("open_discussion"),
            shows={"open_room_post": EMPLOYEES}),
    Surface("closed room discussion", _discussion("closed_discussion"), page=CLOSED,
            shows={"closed_room_post": CLOSED}),
    Surface("open forum discussion", _discussion("discussion"),
            shows={"open_forum_post": EMPLOYEES, "hidden_post": VISIBLE["hidden_post"]},
            hides=("removed_post",)),
    Surface("open forum", lambda w: w.forum.get_absolute_url(),
            shows={"open_forum_post": EMPLOYEES}),
    Surface("closed room forum", lambda w: w.closed.forum.get_absolute_url(), page=CLOSED,
            shows={"closed_room_post": CLOSED}),
    Surface("forum list", lambda w: reverse("forums:forum_list")),
    Surface("room list", lambda w: reverse("collab:room_list"),
            shows={"closed_room_title": EMPLOYEES}),
    Surface("closed room presentation", lambda w: w.closed.get_absolute_url(),
            shows={"closed_room_title": EMPLOYEES}),
    Surface("open room presentation", lambda w: w.open_room.get_absolute_url()),
    Surface("room watch list", lambda w: reverse("collab:watch_list"), page=WEBBRED),
    Surface("room documents", lambda w: reverse("collab:documents", args=[w.closed.slug]),
            page=CLOSED, shows={"room_document": CLOSED}),
    Surface("document download", lambda w: w.document.get_absolute_url(), page=CLOSED),
    Surface("room manage page", lambda w: reverse("collab:manage", args=[w.closed.slug]),
            page=frozenset({"owner", "deputy", "webbredaktionen"})),
    Surface("forum owner page", lambda w: reverse("forums:owner_page", args=[w.forum.slug]),
            page=frozenset({"forum_owner", "webbredaktionen"})),
    Surface("room forum owner page",
            lambda w: reverse("forums:owner_page", args=[w.closed.forum.slug]),
            page=frozenset({"owner", "deputy", "webbredaktionen"})),
    Surface("forum watch list", lambda w: reverse("forums:watch_list"), page=WEBBRED),
    # Blogs
    Surface("blog post page", lambda w: w.post.url,
            shows={"blog_post": EMPLOYEES, "comment": EMPLOYEES}),
    Surface("blog page", lambda w: w.blog.url, shows={"blog_post": EMPLOYEES}),
    Surface("blog list", lambda w: reverse("blogs:blog_list")),
    Surface("blog RSS feed", lambda w: reverse("blogs:feed", args=[w.blog.slug]),
            shows={"blog_post": EMPLOYEES}),
    Surface("blog Atom feed", lambda w: reverse("blogs:atom_feed", args=[w.blog.slug]),
            shows={"blog_post": EMPLOYEES}),
    Surface("unanswered comments", lambda w: reverse("blogs:unanswered")),
    # Profiles
    Surface("profile", lambda w: w.profile.get_absolute_url(),
            shows={"profile": EMPLOYEES, "status_update": EMPLOYEES}),
    Surface("status update", lambda w: w.status.get_absolute_url(),
            shows={"status_update": EMPLOYEES}),
    Surface("deactivated profile",
            lambda w: reverse("profiles:profile", args=[w.people["deactivated"].username]),
            page=NOBODY),
    Surface("people finder", lambda w: reverse("profiles:people") + "?q=Test"),
    Surface("people autocomplete", lambda w: reverse("profiles:autocomplete") + "?q=Deac"),
    # Start page, notifications, moderation
    Surface("start page feed", lambda w: "/"),
    Surface("notifications", lambda w: reverse("notify:list")),
    Surface("my reports", lambda w: reverse("moderation:my_reports")),
    Surface("owner cases", lambda w: reverse("moderation:owner_cases")),
    Surface("case page", lambda w: reverse("moderation:case", args=[w.case.pk]),
            page=VISIBLE["case_message"], shows={"case_message": VISIBLE["case_message"]}),
    Surface("removal case page", lambda w: reverse("moderation:case", args=[w.removal_case.pk]),
            page=frozenset({"forum_owner", "webbredaktionen"})),
    Surface("report form, closed post", _report("closed_post"), page=CLOSED),
    Surface("report form, hidden post", _report("hidden"), page=VISIBLE["hidden_post"]),
    Surface("report form, document", _report("document"), page=CLOSED),
    Surface("comment endpoint GET, blog post", _comment_endpoint("post"), page=NOBODY),
    # Admin
    Surface("admin home", _admin("/admin/"), page=ADMIN_USERS),
    Surface("admin report queue", lambda w: reverse("moderation_admin:queue"), page=WEBBRED),
    Surface("admin case", lambda w: reverse("moderation_admin:case", args=[w.case.pk]),
            page=WEBBRED, shows={"case_message": WEBBRED}),
    Surface("admin archive records", lambda w: reverse("archive_records:index"),
            page=ARCHIVE_READERS),
    Surface("admin archive record",
            lambda w: reverse("archive_records:inspect", args=[w.archive_record.pk]),
            page=ARCHIVE_READERS, shows={"removed_post": ARCHIVE_READERS}),
    Surface("admin archive record JSON",
            lambda w: reverse("archive_records:download", args=[w.archive_record.pk, "json"]),
            page=ARCHIVE_READERS, shows={"removed_post": ARCHIVE_READERS}),
    Surface("admin page search", _admin("/admin/pages/search/?q=letablogpost"),
            page=PAGE_EDITORS),
    Surface("admin page chooser search",
            _admin("/admin/choose-page/search/?q=letablogpost"), page=ADMIN_USERS),
    Surface("admin document chooser", _admin("/admin/documents/chooser/"), page=ADMIN_USERS),
    Surface("admin documents", _admin("/admin/documents/"), page=WEBBRED),
    Surface("admin users", _admin("/admin/users/"), page=NOBODY),
    Surface("django admin", _admin("/django-admin/"), page=NOBODY),
]
SURFACES += [
    Surface(f"search for {key}", _search(key),
            shows={key: VISIBLE[key]} if key in {"open_room_post", "closed_room_post",
                                                 "open_forum_post", "blog_post", "comment",
                                                 "status_update", "profile"} else {},
            hides=("removed_post",))
    for key in SEARCHABLE
] + [Surface(f"autocomplete for {key}", _autocomplete(key), hides=("removed_post",))
     for key in SEARCHABLE]
