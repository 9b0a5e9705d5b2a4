"""Thin views: look the object up through the visibility rule, call the action, render.

The blog and post pages are Wagtail pages; their `serve()` hands over to `blog_detail` and
`post_detail` here, so the rule is the same whichever way a page is reached.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insidan.comments.models import Comment
from insidan.core import channel_images, images
from insidan.core.forms import ChannelImageForm
from insidan.core.models import ChannelKind, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.views import channel_request_view

from . import actions
from .forms import BlogRequestForm, WriterForm
from .models import BlogPage, BlogPostPage
from .permissions import can_manage_blog, can_view_blog, can_view_blog_post
from .selectors import (
    _with_blog_path,
    blog_posts_visible_to,
    blogs_visible_to,
    deputies_and_viewer,
    unanswered_comments_for,
)

POSTS_PER_PAGE = 10


def access_blog(user, slug: str) -> BlogPage:
    return get_object_or_404(blogs_visible_to(user).select_related("owner"), slug=slug)


def _comment_count():
    comments = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(BlogPostPage),
            object_pk=Cast(OuterRef("pk"), CharField()),
            moderation_state=ModerationState.VISIBLE,
        )
        .order_by().values("object_pk").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(comments, output_field=IntegerField()), 0)


def blog_list(request):
    latest = (
        _with_blog_path(blog_posts_visible_to(request.user))
        .filter(blog_path=OuterRef("path"), moderation_state=ModerationState.VISIBLE)
        .order_by("-date", "-first_published_at", "-pk")
    )
    blogs = (
        blogs_visible_to(request.user)
        .filter(status__in=[ChannelStatus.ACTIVE, ChannelStatus.DECOMMISSION_REQUESTED])
        .select_related("owner")
        .annotate(
            latest_title=Subquery(latest.values("title")[:1]),
            latest_slug=Subquery(latest.values("slug")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        .order_by("title")
    )
    return render(request, "blogs/blog_list.html", {"blogs": blogs})


def _posts_for_listing(user, blog: BlogPage):
    """Visible posts of the blog, and tombstones of removed ones, newest first."""
    visible = blog_posts_visible_to(user).values("pk")
    return (
        BlogPostPage.objects.child_of(blog)
        .filter(Q(pk__in=visible) | Q(moderation_state=ModerationState.REMOVED))
        .prefetch_related(
            Prefetch("writers", queryset=get_user_model().objects.order_by("first_name")),
        )
        .annotate(comment_count=_comment_count())
        .order_by("-date", "-first_published_at", "-pk")
    )


def blog_detail(request, blog: BlogPage):
    if not can_view_blog(request.user, blog):
        raise Http404
    page = Paginator(_posts_for_listing(request.user, blog), POSTS_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    deputies, viewer = deputies_and_viewer(request.user, blog)
    return render(request, "blogs/blog_page.html", {
        "page": blog, "blog": blog, "posts": page, "deputies": deputies, **viewer,
    })


@require_POST
def follow(request, slug: str):
    """Follow (`folj=ja`) or stop following the blog."""
    blog = access_blog(request.user, slug)
    following = request.POST.get("folj") == "ja"
    actions.set_following(actor=request.user, blog=blog, following=following)
    messages.success(request, _("Du följer bloggen och får en notis om nya inlägg.")
                     if following else _("Du följer inte längre bloggen."))
    return redirect(blog.get_absolute_url())


def post_detail(request, post: BlogPostPage):
    preview = getattr(request, "is_preview", False)
    if not preview and not can_view_blog_post(request.user, post):
        raise Http404
    writers = list(post.writers.order_by("first_name"))
    user, blog = request.user, post.blog
    # "Registrera" is the blog's owner's and deputies' and Webbredaktionen's: asked only of
    # them (a deputy writes in the blog), so a reader's page costs no query for it.
    may_register = is_webbredaktionen(user) or blog.owner_id == user.pk or (
        any(w.pk == user.pk for w in writers) and can_manage_blog(user, blog))
    return render(request, "blogs/blog_post_page.html", {
        "page": post, "post": post, "blog": blog, "writers": writers,
        "tags": list(post.tags.all()), "may_register": may_register,
    })


def unanswered(request):
    comments = list(unanswered_comments_for(request.user))
    posts = {
        str(post.pk): post
        for post in BlogPostPage.objects.filter(
            pk__in={int(c.object_pk) for c in comments}
        ).only("pk", "title", "url_path", "path", "depth")
    }
    rows = [(comment, posts.get(comment.object_pk)) for comment in comments]
    return render(request, "blogs/unanswered.html", {"rows": rows})


def request_blog(request):
    return channel_request_view(
        request, kind=ChannelKind.BLOG, form_class=BlogRequestForm,
        request_action=actions.request_blog, done_url="blogs:blog_list",
        heading=_("Begär en ny blogg"),
        intro=_("Webbredaktionen lägger upp nya bloggar. Tala först med din närmaste chef eller "
                "processledare, beskriv syfte och målgrupp och godkänn "
                "villkoren: du blir bloggens ägare och dess första skribent."),
    )


def _managed_blog(request, slug: str) -> BlogPage:
    blog = access_blog(request.user, slug)
    if not can_manage_blog(request.user, blog):
        raise Http404
    return blog


def manage(request, slug: str, *, image_form: ChannelImageForm | None = None):
    """The owner's page: writers, the blog's image, reports on the blog's content, activity,
    decommissioning. `image_form`: a refused image form, shown again with its errors."""
    blog = _managed_blog(request, slug)
    from insidan.moderation.selectors import cases_for_owner

    cases = [case for case in cases_for_owner(request.user)
             if case.channel_id == str(blog.pk)]
    latest = blog_posts_visible_to(request.user).child_of(blog).order_by(
        "-first_published_at").values_list("first_published_at", flat=True).first()
    return render(request, "blogs/manage.html", {
        "blog": blog, "writers": blog.writers.order_by("first_name"), "cases": cases,
        "latest_post_at": latest, "writer_form": WriterForm(),
        "image_form": image_form or ChannelImageForm.for_channel(blog),
    }, status=400 if image_form else 200)


@require_POST
def image_edit(request, slug: str):
    """The blog's image and its alt text, or (with "remove") no image."""
    blog = _managed_blog(request, slug)
    if request.POST.get("remove"):
        _run(request, lambda: actions.remove_blog_image(actor=request.user, blog=blog))
        return _after_owner_action(request, blog)
    form = ChannelImageForm.for_channel(blog, request)
    try:
        saved = form.save_with(lambda **image: actions.set_blog_image(
            actor=request.user, blog=blog, **image))
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _after_owner_action(request, blog)
    if saved:
        messages.success(request, _("Bloggens bild är sparad."))
        return _after_owner_action(request, blog)
    return manage(request, slug, image_form=form)


@require_GET
def blog_image(request, slug: str, image_id: int, size: str):
    """The blog's current image, as a rendition, to whoever may see the blog (every
    employee). The image's id is in the address, so a replaced image is never shown from a
    cache."""
    blog = access_blog(request.user, slug)
    if blog.image_id != image_id or size not in channel_images.RENDITIONS:
        raise Http404
    return images.rendition_response(blog.image, channel_images.RENDITIONS[size])


def _after_owner_action(request, blog: BlogPage):
    if can_manage_blog(request.user, blog):
        return redirect("blogs:manage", slug=blog.slug)
    return redirect(blog.get_absolute_url())


def _run(request, operation) -> None:
    try:
        operation()
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
    else:
        messages.success(request, _("Bloggen är uppdaterad."))


@require_POST
def add_writer(request, slug: str):
    blog = access_blog(request.user, slug)
    form = WriterForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["username"]))
    else:
        _run(request, lambda: actions.add_writer(actor=request.user, blog=blog,
                                                 user=form.cleaned_data["username"]))
    return _after_owner_action(request, blog)


@require_POST
def remove_writer(request, slug: str, username: str):
    blog = access_blog(request.user, slug)
    writer = get_object_or_404(get_user_model(), username=username)
    _run(request, lambda: actions.remove_writer(actor=request.user, blog=blog, user=writer))
    return _after_owner_action(request, blog)


@require_POST
def request_decommission(request, slug: str):
    blog = access_blog(request.user, slug)
    _run(request, lambda: actions.request_decommission(
        actor=request.user, blog=blog, reason=request.POST.get("reason", "")))
    return _after_owner_action(request, blog)
