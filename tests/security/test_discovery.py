"""Adding a surface or a reportable kind of object without adding it to the access matrix
fails here. Every URL pattern name must be listed in KNOWN_SURFACES (with the matrix rows that
cover it, or why it shows no object), and every model in the visibility registry in
KNOWN_MODELS. Wagtail's own admin and Django's admin are one entry each, by path prefix."""

from django.urls import URLPattern, URLResolver, get_resolver

from insidan.core.visibility import registered_models

from .matrix import SURFACES

# Path prefixes whose patterns are one group each: Wagtail admin's own views (gated by
# wagtailadmin.access_admin, rows "admin *"), and Django's admin (superusers only).
GROUPED_PREFIXES = {"admin/": "Wagtail admin", "django-admin/": "django admin"}
# Our own admin namespaces inside /admin/: listed one by one.
OWN_ADMIN_NAMESPACES = {"moderation_admin", "archive_records", "archive_packages",
                        "archive_registrations", "forum-requests", "blog-requests",
                        "ownerless-channels", "terms"}

STATE_CHANGE = "POST-only state change: no object text on GET (section 2's GET sweep)"
NO_OBJECT = "shows no user content"
KNOWN_SURFACES: dict[str, str | tuple[str, ...]] = {
    "accounts:login": NO_OBJECT, "accounts:logout": STATE_CHANGE, "set_language": STATE_CHANGE,
    "terms": NO_OBJECT,
    "notify:list": ("notifications",), "notify:preferences": NO_OBJECT,
    "notify:mark_read": STATE_CHANGE, "notify:mark_all_read": STATE_CHANGE,
    "collab:room_list": ("room list",), "collab:room_create": NO_OBJECT,
    "collab:watch_list": ("room watch list",),
    "collab:room": ("closed room presentation", "open room presentation"),
    "collab:join": STATE_CHANGE, "collab:apply": STATE_CHANGE, "collab:withdraw": STATE_CHANGE,
    "collab:leave": STATE_CHANGE, "collab:invitation_answer": STATE_CHANGE,
    "collab:documents": ("room documents",), "collab:document_download": ("document download",),
    "collab:document_remove": STATE_CHANGE, "collab:document_keep": STATE_CHANGE,
    "collab:manage": ("room manage page",), "collab:edit": "owner form (room manage rules)",
    "collab:invite": STATE_CHANGE, "collab:decide": STATE_CHANGE,
    "collab:member_operation": STATE_CHANGE, "collab:hand_over": STATE_CHANGE,
    "collab:decommission": STATE_CHANGE, "collab:archive": STATE_CHANGE,
    "collab:image": "the room's current image, to whoever sees its presentation "
                    "(collab/tests/test_room_image.py)",
    "collab:image_edit": STATE_CHANGE,
    "forums:forum_list": ("forum list",), "forums:request": NO_OBJECT,
    "forums:forum": ("open forum", "closed room forum"),
    "forums:discussion": ("open room discussion", "closed room discussion",
                          "open forum discussion"),
    "forums:edit_post": "author's own post only (get_object_or_404 on author)",
    "forums:moderator_note": STATE_CHANGE, "forums:hide_for_review": STATE_CHANGE,
    "forums:moderate": STATE_CHANGE,
    "forums:follow_forum": STATE_CHANGE, "forums:follow_discussion": STATE_CHANGE,
    "forums:first_unread": "redirect into a discussion the viewer may see (access_discussion)",
    "forums:move": STATE_CHANGE, "forums:request_decommission": STATE_CHANGE,
    "forums:request_discussion_decommission": STATE_CHANGE, "forums:carry_out": STATE_CHANGE,
    "forums:owner_page": ("forum owner page", "room forum owner page"),
    "forums:watch_list": ("forum watch list",), "forums:hand_over": STATE_CHANGE,
    "forums:image": "the forum's current image, to whoever sees the forum "
                    "(forums/tests/test_forum_image.py)",
    "forums:image_edit": STATE_CHANGE,
    "blogs:blog_list": ("blog list",), "blogs:request": NO_OBJECT,
    "blogs:unanswered": ("unanswered comments",),
    "blogs:feed": ("blog RSS feed",), "blogs:atom_feed": ("blog Atom feed",),
    "blogs:manage": "blog owner page", "blogs:add_writer": STATE_CHANGE,
    "blogs:remove_writer": STATE_CHANGE, "blogs:decommission": STATE_CHANGE,
    "blogs:follow": STATE_CHANGE,
    "blogs:image": "the blog's current image, to whoever sees the blog "
                   "(blogs/tests/test_blog_image.py)",
    "blogs:image_edit": STATE_CHANGE,
    "comments:post": ("comment endpoint GET, blog post",),
    "search": tuple(s.name for s in SURFACES if s.name.startswith("search for")),
    "search_autocomplete": tuple(s.name for s in SURFACES
                                 if s.name.startswith("autocomplete for")),
    "moderation:report": ("report form, closed post", "report form, hidden post",
                          "report form, document"),
    "moderation:my_reports": ("my reports",), "moderation:owner_cases": ("owner cases",),
    "moderation:case": ("case page", "removal case page"),
    "profiles:people": ("people finder",), "profiles:autocomplete": ("people autocomplete",),
    "profiles:edit": "own profile only", "profiles:photo_upload": "own profile only",
    "profiles:reviewed": STATE_CHANGE, "profiles:post_status": STATE_CHANGE,
    "profiles:profile": ("profile", "deactivated profile"),
    "profiles:photo": "photo of a visible profile (profiles.tests)",
    "profiles:follow": STATE_CHANGE, "profiles:status": ("status update",),
    "moderation_admin:queue": ("admin report queue",),
    "moderation_admin:case": ("admin case",),
    "archive_records:": ("admin archive records", "admin archive record",
                         "admin archive record JSON"),
    "archive_packages:": "archive readers only (insidan/archive/tests/test_admin.py)",
    "archive_registrations:": "archive readers only (insidan/archive/tests/test_admin.py)",
    "archive:register": "owners and Webbredaktionen only (insidan/archive/tests)",
    "archive:registration_export": "owners and Webbredaktionen only (insidan/archive/tests)",
    "forum-requests:": "Webbredaktionen only", "blog-requests:": "Webbredaktionen only",
    "ownerless-channels:": "Webbredaktionen only", "terms:": NO_OBJECT,
    "Wagtail admin": ("admin home", "admin page search", "admin page chooser search",
                      "admin document chooser", "admin documents", "admin users"),
    "django admin": ("django admin",),
    "wagtail_serve": ("blog post page", "blog page", "start page feed"),
    "wagtailcore_login": NO_OBJECT, "wagtailcore_authenticate_with_password": NO_OBJECT,
}

KNOWN_MODELS = {
    "moderation.reportcase", "insidan_comments.comment", "profiles.profile",
    "profiles.statusupdate",
    "collab.room", "collab.roomdocument", "forums.forum", "forums.discussion", "forums.post",
    "forums.forumrequest", "forums.decommissionrequest", "blogs.blogpage", "blogs.blogpostpage",
    "blogs.blogrequest",
}


def _patterns(resolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        path = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry, path, inner)
        elif isinstance(entry, URLPattern):
            yield path, namespace, entry.name


def _surface_key(path: str, namespace: str, name: str | None) -> str:
    if path.startswith("admin/") and namespace in OWN_ADMIN_NAMESPACES:
        full = f"{namespace}:{name}"
        return full if full in KNOWN_SURFACES else f"{namespace}:"
    for prefix, group in GROUPED_PREFIXES.items():
        if path.startswith(prefix):
            return group
    return f"{namespace}:{name}" if namespace else str(name or path)


def test_every_url_pattern_is_in_the_matrix():
    unknown = sorted({key for key in (_surface_key(*p) for p in _patterns(get_resolver()))
                      if key not in KNOWN_SURFACES})
    assert not unknown, f"URL patterns missing from the access matrix: {unknown}"


def test_matrix_rows_named_in_known_surfaces_exist():
    rows = {s.name for s in SURFACES}
    named = {row for value in KNOWN_SURFACES.values() if isinstance(value, tuple)
             for row in value}
    assert named <= rows, sorted(named - rows)
    assert rows <= named, f"matrix rows not tied to a URL pattern: {sorted(rows - named)}"


def test_every_reportable_model_is_in_the_matrix():
    labels = {m._meta.label_lower for m in registered_models()}
    assert not labels - KNOWN_MODELS, f"models missing from the matrix: {labels - KNOWN_MODELS}"
