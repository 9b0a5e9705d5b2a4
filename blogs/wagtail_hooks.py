"""Admin pieces: Webbredaktionen's blog requests, and keeping writers to their own blogs."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn, UserColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from insidan.core.admin_lookup import PermissionBeforeLookupViewSetMixin
from insidan.core.permissions import is_webbredaktionen

from . import admin_views
from .models import BlogPage, BlogPostPage, BlogRequest
from .permissions import can_manage_blog


@hooks.register("register_log_actions")
def register_blog_log_actions(actions):
    for name, label in [
        ("insidan.blog.request_approve", gettext_lazy("Godkänn begäran om blogg")),
        ("insidan.blog.request_decline", gettext_lazy("Avslå begäran om blogg")),
        ("insidan.blog.add_writer", gettext_lazy("Lägg till skribent")),
        ("insidan.blog.remove_writer", gettext_lazy("Ta bort skribent")),
        ("insidan.blog.request_decommission", gettext_lazy("Begär avveckling av blogg")),
        ("insidan.blog.inactive", gettext_lazy("Bloggen är inaktiv")),
        ("insidan.blog.image", gettext_lazy("Ändra bloggens bild")),
        ("insidan.blog.image_removed", gettext_lazy("Ta bort bloggens bild")),
        ("insidan.blog.follow", gettext_lazy("Följ bloggen")),
        ("insidan.blog.unfollow", gettext_lazy("Sluta följa bloggen")),
    ]:
        actions.register_action(name, label, label)


class BlogRequestViewSet(PermissionBeforeLookupViewSetMixin, ModelViewSet):
    """Webbredaktionen's list of blog requests; decisions go through the action."""

    model = BlogRequest
    icon = "form"
    menu_label = gettext_lazy("Begärda bloggar")
    add_to_admin_menu = True
    menu_order = 311
    list_display = [
        "name",
        UserColumn("requester", label=gettext_lazy("Begärd av")),
        "status",
        DateColumn("created_at", label=gettext_lazy("Begärd"), sort_key="created_at"),
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
        # No generic add/edit/delete: requests are decided through decide_blog_request only.
        kept = [p for p in super().get_urlpatterns()
                if p.name not in {"add", "edit", "delete", "copy"}]
        return kept + [path("edit/<int:pk>/", admin_views.decide_blog_request, name="edit")]


@hooks.register("register_admin_viewset")
def register_blog_request_viewset():
    return BlogRequestViewSet("blog-requests")


def _sees_whole_tree(user) -> bool:
    return user.is_superuser or is_webbredaktionen(user)


def _writer_scope(pages, user):
    """A writer's admin: the blogs they write in and their posts, and the pages above them (so
    the explorer can be walked), never another blog or the rest of the site. Wagtail's page
    permissions already say so; this keeps search and the chooser to the same scope."""
    if _sees_whole_tree(user):
        return pages
    own = list(BlogPage.objects.filter(writers=user).values_list("path", flat=True))
    if not own:
        return pages
    ancestors = {blog_path[:n] for blog_path in own
                 for n in range(Page.steplen, len(blog_path), Page.steplen)}
    inside = Q(path__in=ancestors)
    for blog_path in own:
        inside |= Q(path__startswith=blog_path)
    return pages.filter(inside)


@hooks.register("construct_explorer_page_queryset")
def writers_see_their_own_blogs(parent_page, pages, request):
    return _writer_scope(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def writers_choose_in_their_own_blogs(pages, request):
    return _writer_scope(pages, request.user)


@hooks.register("before_edit_page")
def only_owners_edit_the_blog_presentation(request, page):
    """Writers have "change" on the blog to edit every post in it; the blog page itself (its
    presentation) is the owner's."""
    if isinstance(page.specific, BlogPage) and not (
        _sees_whole_tree(request.user) or can_manage_blog(request.user, page.specific)
    ):
        messages.error(request, _("Endast bloggens ägare kan ändra presentationen."))
        return redirect("wagtailadmin_explore", page.pk)
    return None


# What a person wrote in a blog leaves the site only through the archive (the guideline: "Spara
# inlägget och all information om det ... innan inlägget avpubliceras"): a post is removed by
# Webbredaktionen through a report case (archive_then_remove: record, tombstone, author and
# owner told), a blog is decommissioned through its lifecycle. So the admin's own ways to make
# a post or a blog vanish, or to take it out of its blog, are neither offered nor carried out,
# for anyone (superusers too): unpublish (with or without the descendants), delete, move, and
# the same as bulk actions; also for every page above a blog, since unpublishing or deleting
# the blog index takes every blog with it. tests/security/test_admin_removal.py walks them.
REMOVING_BULK_ACTIONS = {"unpublish", "delete", "move"}


def holds_blog_content(page) -> bool:
    """The page is a blog or a blog post, or has one below it."""
    if isinstance(page.specific_deferred, BlogPage | BlogPostPage):
        return True
    return Page.objects.descendant_of(page).type(BlogPage, BlogPostPage).exists()


def _refuse(request, page, message: str):
    messages.error(request, message)
    target = page.get_parent() if page.depth > 1 else page
    return redirect("wagtailadmin_explore", target.pk)


def _refusal_text() -> str:
    return _("Blogginlägg och bloggar tas inte bort, avpubliceras eller flyttas här: allt som "
             "skrivits arkiveras först. Anmäl ett inlägg som ska bort till webbredaktionen "
             "(knappen ”Anmäl” på inlägget); en blogg avvecklas genom att ägaren begär "
             "avveckling.")


@hooks.register("before_delete_page")
def blogs_are_archived_not_deleted(request, page):
    if holds_blog_content(page):
        return _refuse(request, page, _refusal_text())
    return None


@hooks.register("before_unpublish_page")
def blogs_are_archived_not_unpublished(request, page):
    if holds_blog_content(page):
        return _refuse(request, page, _refusal_text())
    return None


@hooks.register("before_move_page")
def blog_content_stays_in_its_blog(request, page, destination):
    if holds_blog_content(page):
        return _refuse(request, page, _refusal_text())
    return None


@hooks.register("before_bulk_action")
def no_bulk_removal_of_blog_content(request, action_type, objects, action_class_instance):
    if action_type not in REMOVING_BULK_ACTIONS:
        return None
    for page in objects:
        if isinstance(page, Page) and holds_blog_content(page):
            return _refuse(request, page, _refusal_text())
    return None


@hooks.register("construct_homepage_panels")
def blog_request_panel(request, panels):
    """Webbredaktionen's admin home: blog requests to decide."""
    from insidan.core.admin_panels import for_webbredaktionen, requests_panel

    if not for_webbredaktionen(request):
        return
    panels.append(requests_panel(
        name="bloggbegaranden", heading=gettext_lazy("Begärda bloggar"), order=30,
        pending=BlogRequest.objects.filter(status=BlogRequest.Status.PENDING),
        viewset="blog-requests", list_label=gettext_lazy("Alla begärda bloggar"),
        empty_text=gettext_lazy("Inga bloggar väntar på beslut."),
    ))
