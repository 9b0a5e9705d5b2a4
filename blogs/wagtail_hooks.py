"""Admin pieces: Webbredaktionen's blog requests, and keeping writers to their own blogs."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

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
        ("insidan.blog.follow", gettext_lazy("Följ bloggen")),
        ("insidan.blog.unfollow", gettext_lazy("Sluta följa bloggen")),
    ]:
        actions.register_action(name, label, label)


class BlogRequestViewSet(ModelViewSet):
    """Webbredaktionen's list of blog requests; decisions go through the action."""

    model = BlogRequest
    icon = "form"
    menu_label = gettext_lazy("Begärda bloggar")
    add_to_admin_menu = True
    menu_order = 311
    list_display = ["name", "requester", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["decision_message"]

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


@hooks.register("before_delete_page")
def blogs_are_archived_not_deleted(request, page):
    """Nothing written by a user is deleted by the application: a post is unpublished, or
    removed by Webbredaktionen through the archive."""
    if isinstance(page.specific, BlogPage | BlogPostPage) and not request.user.is_superuser:
        messages.error(request, _("Bloggar och blogginlägg tas inte bort här. Avpublicera "
                                  "inlägget, eller anmäl det till webbredaktionen."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
