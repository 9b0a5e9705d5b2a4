"""Thin views: look the object up through the visibility rule, call the action, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insidan.archive.selectors import registrations_by_item
from insidan.core.faces import face_key
from insidan.core.fragments import person, render_cached, stamp
from insidan.core.models import HIDDEN_STATES, ChannelKind, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.views import channel_request_view
from insidan.moderation.actions import open_case_from_owner
from insidan.security.idempotency import TOKEN_FIELD, submit_once

from . import actions, owner_views
from .forms import DiscussionForm, ForumRequestForm, ModeratorNoteForm, PostForm
from .models import Post
from .permissions import (
    can_manage_forum,
    can_post,
    can_request_decommission,
    can_start_discussion,
    is_moderator,
)
from .selectors import (
    access_discussion,
    access_forum,
    discussions_in_visible_forum,
    first_unread_post,
    follows_of,
    forums_visible_to,
    position_of,
    posts_in_visible_discussion,
    unread_since_last_visit,
)

POSTS_PER_PAGE = 50
DISCUSSIONS_PER_PAGE = 25


def forum_list(request):
    forums = (
        forums_visible_to(request.user)
        .filter(room__isnull=True, status=ChannelStatus.ACTIVE)
        .select_related("owner")
        .annotate(
            discussion_count=Count(
                "discussions", filter=Q(discussions__moderation_state=ModerationState.VISIBLE)
            ),
            last_post_at=Max("discussions__last_post_at"),
        )
        .order_by("name")
    )
    return render(request, "forums/forum_list.html", {
        "forums": forums, "is_webbredaktionen": is_webbredaktionen(request.user)})


def forum_detail(request, slug: str):
    forum = access_forum(request.user, slug)
    moderator = is_moderator(request.user, forum)
    discussions = (
        discussions_in_visible_forum(request.user, forum, moderator=moderator)
        .select_related("author")
        .annotate(has_unread=unread_since_last_visit(request.user))
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    page = Paginator(discussions, DISCUSSIONS_PER_PAGE).get_page(request.GET.get("sida"))
    page.object_list = list(page.object_list)
    form = DiscussionForm()
    if request.method == "POST":
        form = DiscussionForm(request.POST)
        if form.is_valid():
            try:
                submission = submit_once(
                    user=request.user, token=form.cleaned_data.get(TOKEN_FIELD),
                    perform=lambda: actions.start_discussion(
                        actor=request.user, forum=forum, title=form.cleaned_data["title"],
                        body=form.cleaned_data["body"]),
                    url_of=lambda discussion: discussion.get_absolute_url(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(submission.url)
    return render(request, "forums/forum_detail.html", {
        "forum": forum, "page": page, "form": form,
        "rows": _discussion_rows(forum, page.object_list),
        "can_start": can_start_discussion(request.user, forum),
        "is_moderator": moderator,
        "can_manage": can_manage_forum(request.user, forum),
        "follows": follows_of(request.user, forum=forum),
    })


def _discussion_rows(forum, discussions) -> list:
    """The forum page's rows from the fragment cache, keyed on every value a row shows (the
    reader's own "Nya inlägg" flag included)."""

    def key(discussion):
        return ("discussion-row", discussion.pk, forum.slug, discussion.title,
                discussion.is_pinned, discussion.is_locked, discussion.has_unread,
                discussion.post_count, stamp(discussion.last_post_at),
                person(discussion.author))

    for discussion in discussions:
        discussion.forum = forum  # its URL has the forum's slug; no query per row
    return render_cached("forums/_discussion_row.html", discussions, key=key,
                         item_name="discussion", context={"forum": forum})


def _visible_posts(user, discussion, *, moderator: bool | None = None):
    """The discussion's posts as this user sees them, in order: every post has its place, so
    the thread counts the same as the discussion's "7 inlägg". Hidden posts follow the one
    visibility rule (author, moderators, Webbredaktionen); to everyone else a hidden post is a
    placeholder ("Ett inlägg väntar på granskning", `is_placeholder`) that shows nothing of it,
    and tombstones of removed posts stand in the thread for everyone."""
    if moderator is None:
        moderator = is_moderator(user, discussion.forum)
    shown = posts_in_visible_discussion(user, discussion, moderator=moderator)
    in_place = Post.objects.filter(
        discussion=discussion,
        moderation_state__in=[ModerationState.REMOVED, *HIDDEN_STATES])
    placeholder = ExpressionWrapper(
        Q(moderation_state__in=HIDDEN_STATES) & ~Q(pk__in=shown.values("pk")),
        output_field=BooleanField())
    return ((shown | in_place).annotate(is_placeholder=placeholder)
            .order_by("created_at", "pk"))


def _page_url(discussion, post, posts) -> str:
    page = position_of(post, posts) // POSTS_PER_PAGE + 1
    base = discussion.get_absolute_url()
    return f"{base}?sida={page}#inlagg-{post.pk}" if page > 1 else f"{base}#inlagg-{post.pk}"


def discussion_detail(request, slug: str, pk: int):
    discussion = access_discussion(request.user, slug, pk)
    form = PostForm(initial=_quote_initial(request, discussion))
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            quoted = _quoted_post(discussion, form.cleaned_data.get("quoted"))
            try:
                submission = submit_once(
                    user=request.user, token=form.cleaned_data.get(TOKEN_FIELD),
                    perform=lambda: actions.reply(actor=request.user, discussion=discussion,
                                                  body=form.cleaned_data["body"], quoted=quoted),
                    url_of=_post_url,
                )
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect(discussion.get_absolute_url())
            except ValidationError as error:
                form.add_error("body", error)
            else:
                return redirect(submission.url)
    return render(request, "forums/discussion_detail.html",
                  _discussion_context(request, discussion, form))


# The author's profile is read for the photo beside the name only.
UNSHOWN_PROFILE_FIELDS = [f"author__profile__{name}" for name in (
    "work_description", "work_description_html", "experience", "experience_html", "languages")]


def _unshown_user_fields(path: str) -> list[str]:
    """The user fields a post never shows, under `path`."""
    return [f"{path}__{name}" for name in ("password", "last_login", "email", "date_joined",
                                           "is_staff")]


def _discussion_context(request, discussion, form) -> dict:
    forum, user = discussion.forum, request.user
    moderator = is_moderator(user, forum)
    all_posts = _visible_posts(user, discussion, moderator=moderator)
    # The authors' names only (no profile, no password hash); not the Markdown sources.
    posts = (all_posts.select_related("author__profile", "quoted", "quoted__author")
             .defer("body", "quoted__body", "quoted__body_html", *_unshown_user_fields("author"),
                    *_unshown_user_fields("quoted__author"), *UNSHOWN_PROFILE_FIELDS))
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("sida"))
    page.object_list = list(page.object_list)
    # Where the reader stopped last time, before this page moves the mark on.
    first_unread = first_unread_post(user, discussion, all_posts)
    if request.method == "GET" and page.object_list:
        actions.mark_read(actor=user, discussion=discussion, up_to=page.object_list[-1])
    may_post = can_post(user, discussion)
    return {
        "forum": forum, "discussion": discussion, "page": page, "form": form,
        "posts": _post_fragments(user, forum, discussion, page.object_list,
                                 may_post=may_post, moderator=moderator),
        "can_post": may_post, "is_moderator": moderator,
        "note_form": ModeratorNoteForm() if moderator else None,
        "first_unread_url": first_unread and _page_url(discussion, first_unread, all_posts),
        "follows": follows_of(user, forum=forum, discussion=discussion),
        "can_request_decommission": forum.is_active and can_request_decommission(user, forum),
        "move_form": owner_views.move_form_for(user, discussion) if moderator else None,
        # Owners see which posts are registered (diarieförda): one query for the page.
        "archive_registrations": registrations_by_item(page.object_list) if moderator else {},
    }


def _post_fragments(user, forum, discussion, posts, *, may_post: bool, moderator: bool):
    """(post, its rendered HTML) for the page. Posts come from the fragment cache, keyed on
    everything `forums/_post.html` shows a reader who is not a moderator: the post's text,
    state, times and author's name and photo, the quoted post's state and author, the forum's slug
    (in the links), whether the reader may post and whether the post is the reader's own. A
    moderator's posts carry forms with the reader's CSRF token, so for moderators the HTML is
    None and the template renders each post with the request."""
    if moderator:
        return [(post, None) for post in posts]

    def key(post):
        quoted = post.quoted
        return ("post", post.pk, stamp(post.created_at), stamp(post.edited_at),
                stamp(post.moderation_changed_at), post.moderation_state,
                post.moderation_reason, post.editorial_edit_reason, post.is_moderator_note,
                post.is_placeholder,
                post.body_html, person(post.author), face_key(post.author), forum.slug,
                discussion.pk, may_post,
                post.author_id == user.pk,
                quoted and (quoted.pk, quoted.moderation_state, person(quoted.author)))

    html = render_cached("forums/_post.html", posts, key=key, item_name="post", context={
        "user": user, "forum": forum, "discussion": discussion, "can_post": may_post,
        "is_moderator": False})
    return list(zip(posts, html, strict=True))


@require_GET
def first_unread(request, slug: str, pk: int):
    """From the forum page: straight to the first post the reader has not seen."""
    discussion = access_discussion(request.user, slug, pk)
    posts = _visible_posts(request.user, discussion)
    post = first_unread_post(request.user, discussion, posts)
    if post is None:
        return redirect(discussion.get_absolute_url())
    return redirect(_page_url(discussion, post, posts))


@require_POST
def follow_forum(request, slug: str):
    forum = access_forum(request.user, slug)
    return _set_following(request, forum, _("Du följer forumet och får en notis om nya "
                                             "inlägg."), _("Du följer inte längre forumet."))


@require_POST
def follow_discussion(request, slug: str, pk: int):
    discussion = access_discussion(request.user, slug, pk)
    return _set_following(request, discussion, _("Du följer diskussionen och får en notis om "
                                                 "nya inlägg."),
                          _("Du följer inte längre diskussionen."))


def _set_following(request, target, followed: str, unfollowed: str):
    following = request.POST.get("folj") == "ja"
    actions.set_following(actor=request.user, target=target, following=following)
    messages.success(request, followed if following else unfollowed)
    return redirect(target.get_absolute_url())


def _quoted_post(discussion, pk):
    if not pk:
        return None
    return discussion.posts.filter(pk=pk, moderation_state=ModerationState.VISIBLE).first()


def _quote_initial(request, discussion) -> dict:
    quoted = _quoted_post(discussion, request.GET.get("citera", "").isdigit()
                          and int(request.GET["citera"]))
    if quoted is None:
        return {}
    quote = "\n".join(f"> {line}" for line in quoted.body.splitlines())
    name = quoted.author.get_full_name() or quoted.author.get_username()
    return {"quoted": quoted.pk, "body": f"> **{name}** skrev:\n{quote}\n\n"}


def _post_url(post: Post) -> str:
    return _page_url(post.discussion, post, post.discussion.posts.order_by("created_at", "pk"))


def edit_post(request, slug: str, pk: int, post_pk: int):
    discussion = access_discussion(request.user, slug, pk)
    post = get_object_or_404(discussion.posts, pk=post_pk, author=request.user)
    form = PostForm(initial={"body": post.body})
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            try:
                actions.edit_post(actor=request.user, post=post, body=form.cleaned_data["body"])
            except PermissionDenied as error:
                raise Http404 from error
            except ValidationError as error:
                form.add_error("body", error)
            else:
                messages.success(request, _("Inlägget är ändrat. Den tidigare versionen sparas."))
                return redirect(_post_url(post))
    return render(request, "forums/post_edit.html",
                  {"forum": discussion.forum, "discussion": discussion, "post": post,
                   "form": form})


@require_POST
def moderate(request, slug: str, pk: int, operation: str):
    discussion = access_discussion(request.user, slug, pk)
    operations = {
        "las": lambda: actions.set_locked(actor=request.user, discussion=discussion, locked=True),
        "oppna": lambda: actions.set_locked(actor=request.user, discussion=discussion,
                                            locked=False),
        "fast": lambda: actions.set_pinned(actor=request.user, discussion=discussion,
                                           pinned=True),
        "lossa": lambda: actions.set_pinned(actor=request.user, discussion=discussion,
                                            pinned=False),
    }
    if operation not in operations:
        raise Http404
    operations[operation]()
    messages.success(request, _("Diskussionen är uppdaterad."))
    return redirect(discussion.get_absolute_url())


@require_POST
def moderator_note(request, slug: str, pk: int):
    discussion = access_discussion(request.user, slug, pk)
    form = ModeratorNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(discussion.get_absolute_url())
    submission = submit_once(
        user=request.user, token=form.cleaned_data.get(TOKEN_FIELD),
        perform=lambda: actions.reply(actor=request.user, discussion=discussion,
                                      body=form.cleaned_data["body"], moderator_note=True),
        url_of=_post_url,
    )
    return redirect(submission.url)


def request_forum(request):
    return channel_request_view(
        request, kind=ChannelKind.FORUM, form_class=ForumRequestForm,
        request_action=actions.request_forum, done_url="forums:forum_list",
        heading=_("Begär ett nytt forum"),
        intro=_("Webbredaktionen lägger upp nya öppna forum. Tala först med din närmaste chef "
                "eller processledare, beskriv syfte och målgrupp och "
                "godkänn villkoren: du blir forumets ägare och moderator."),
    )


@require_POST
def hide_for_review(request, slug: str, pk: int, post_pk: int):
    """The forum owner's "dölj i väntan på granskning": hidden at once, and a case is opened
    for Webbredaktionen, which decides (owners never delete posts themselves)."""
    discussion = access_discussion(request.user, slug, pk)
    post = get_object_or_404(discussion.posts, pk=post_pk)
    try:
        open_case_from_owner(actor=request.user, item=post,
                             reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Inlägget är dolt och webbredaktionen har fått ett ärende "
                                    "att granska."))
    return redirect(discussion.get_absolute_url())
