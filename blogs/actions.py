"""Every state change in blogs: requests, setting a blog up, writers, posts, owner duties.

Writers write in the Wagtail admin, whose page actions (create, publish, revisions) are the
actions there and write the audit log; `create_post` is the same for code (the demo seeder,
tests). Comments go through `insidan.comments.actions.post_comment`.
"""


from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from insidan.core import channel_images, lifecycle
from insidan.core.actions import accept_terms
from insidan.core.models import ChannelKind, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import current_terms, require_current_terms
from insidan.core.text import render_markdown
from insidan.core.usertext import clean_decision_message, clean_model_texts, clean_user_text
from insidan.notify import api as notify
from insidan.notify.events import Event

from .models import (
    RESERVED_BLOG_SLUGS,
    BlogFollow,
    BlogIndexPage,
    BlogPage,
    BlogPostPage,
    BlogRequest,
)
from .permissions import OPEN_STATUSES, can_manage_blog, can_view_blog, is_writer

# What a writer may do in the admin, on their blog and everything under it.
WRITER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
WRITER_PERMISSIONS = [("wagtailadmin", "access_admin"), ("wagtailimages", "add_image"),
                      ("wagtailimages", "choose_image")]


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _webbredaktionen():
    return Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP).user_set.all()


# --- requests and setting a blog up ------------------------------------------------------------


def request_blog(*, actor, name: str, purpose: str, target_group: str, watched_hours: str,
                 approved_by, terms) -> BlogRequest:
    """Ask Webbredaktionen for a blog; the requester accepts the current blog terms."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    if terms is None or terms != current_terms(ChannelKind.BLOG):
        raise ValidationError(_("Läs och godkänn de gällande villkoren för bloggar."))
    if approved_by is None or approved_by.pk == actor.pk:
        raise ValidationError(_("Ange den chef eller processledare du har talat med."))
    texts = clean_model_texts(BlogRequest, {"name": name, "purpose": purpose,
                                        "target_group": target_group,
                                        "watched_hours": watched_hours})
    with transaction.atomic():
        accept_terms(actor=actor, terms=terms)
        blog_request = BlogRequest.objects.create(
            requester=actor, **texts, approved_by=approved_by, terms=terms,
        )
        log(blog_request, "wagtail.create", user=actor)
        notify.send(
            event=Event.CHANNEL_REQUEST, recipients=_webbredaktionen(), actor=actor,
            target=blog_request,
            message=lambda: _("%(name)s begär en ny blogg: ”%(blog)s”.") % {
                "name": _name(actor), "blog": blog_request.name},
            url=f"/admin/blog-requests/edit/{blog_request.pk}/",
        )
    return blog_request


def _unique_slug(name: str, siblings=None) -> str:
    base = slugify(name.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:70] or "blogg"
    siblings = siblings if siblings is not None else BlogPage.objects.all()
    slug, n = base, 1
    while slug in RESERVED_BLOG_SLUGS or siblings.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _create_blog(*, actor, blog_request: BlogRequest) -> BlogPage:
    index = BlogIndexPage.objects.get()
    blog = index.add_child(instance=BlogPage(
        title=blog_request.name, slug=_unique_slug(blog_request.name),
        owner=blog_request.requester, approved_by=blog_request.approved_by,
        purpose=blog_request.purpose, target_group=blog_request.target_group,
        watched_hours=blog_request.watched_hours, status=ChannelStatus.ACTIVE, live=True,
    ))
    blog.save_revision(user=actor, clean=False)
    group = Group.objects.create(name=f"Bloggskribenter: {blog.slug}"[:150])
    for app_label, codename in WRITER_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                     codename=codename))
    for codename in WRITER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group, page=blog,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename),
        )
    blog.writer_group = group
    blog.save(update_fields=["writer_group"])
    _add_writer(blog, blog_request.requester)
    return blog


def decide_blog_request(*, actor, blog_request: BlogRequest, approve: bool,
                        message: str = "") -> BlogRequest:
    """Webbredaktionen sets the blog up with the requester as owner and first writer (or
    declines, saying why); the requester is told either way."""
    if not is_webbredaktionen(actor):
        raise PermissionDenied(_("Endast webbredaktionen beslutar om nya bloggar."))
    message = clean_decision_message(message, approve=approve)
    with transaction.atomic():
        blog_request = BlogRequest.objects.select_for_update().get(pk=blog_request.pk)
        if blog_request.status != BlogRequest.Status.PENDING:
            raise ValidationError(_("Begäran är redan avgjord."))
        if approve:
            blog_request.blog = _create_blog(actor=actor, blog_request=blog_request)
        blog_request.status = (BlogRequest.Status.APPROVED if approve
                               else BlogRequest.Status.DECLINED)
        blog_request.decided_by, blog_request.decided_at = actor, timezone.now()
        blog_request.decision_message = message
        blog_request.save(update_fields=["status", "decided_by", "decided_at",
                                         "decision_message", "blog"])
        log(blog_request, "insidan.blog.request_approve" if approve
            else "insidan.blog.request_decline", user=actor)
        def text():  # in the recipient's language (notify.send)
            said = (_("Din blogg ”%(name)s” är upplagd.") if approve
                    else _("Din begäran om bloggen ”%(name)s” har avslagits.")) % {
                "name": blog_request.name}
            if message:
                said += " " + _("Meddelande från webbredaktionen: %(message)s") % {
                    "message": message}
            return said

        notify.send(
            event=Event.CHANNEL_REQUEST_DECIDED, recipients=[blog_request.requester],
            actor=actor, target=blog_request.blog or blog_request, message=text,
            url=blog_request.blog.get_absolute_url() if approve else "/bloggar/",
        )
    return blog_request


# --- writers -----------------------------------------------------------------------------------


def _add_writer(blog: BlogPage, user) -> None:
    blog.writers.add(user)
    if blog.writer_group_id:
        user.groups.add(blog.writer_group)


def _require_owner(actor, blog: BlogPage, refusal: str | None = None) -> None:
    if not can_manage_blog(actor, blog):
        raise PermissionDenied(refusal or _("Endast bloggens ägare och ställföreträdare kan "
                                            "ändra skribenterna."))
    require_current_terms(actor, ChannelKind.BLOG)
    if blog.status != ChannelStatus.ACTIVE:
        raise ValidationError(_("Bloggen är inte aktiv."))


def add_writer(*, actor, blog: BlogPage, user) -> BlogPage:
    """The owner adds a writer: they may then write in this blog in the admin, and nowhere
    else."""
    _require_owner(actor, blog)
    if not user.is_active:
        raise ValidationError(_("Det går bara att lägga till aktiva medarbetare."))
    if is_writer(user, blog):
        raise ValidationError(_("%(name)s skriver redan i bloggen.") % {"name": _name(user)})
    with transaction.atomic():
        _add_writer(blog, user)
        log(blog, "insidan.blog.add_writer", user=actor, data={"writer": user.get_username()})
    return blog


def remove_writer(*, actor, blog: BlogPage, user) -> BlogPage:
    """The writer loses access to the blog in the admin; their posts stay theirs."""
    _require_owner(actor, blog)
    if not is_writer(user, blog):
        raise ValidationError(_("%(name)s skriver inte i bloggen.") % {"name": _name(user)})
    if blog.writers.count() == 1:
        raise ValidationError(_("En blogg behöver minst en skribent."))
    with transaction.atomic():
        blog.writers.remove(user)
        if blog.writer_group_id:
            user.groups.remove(blog.writer_group)
        log(blog, "insidan.blog.remove_writer", user=actor,
            data={"writer": user.get_username()})
    return blog


# --- posts -------------------------------------------------------------------------------------


# A post written outside the admin's editor (the demo, an import) is Markdown of at most this
# many characters; the editor's own limit is the page form's.
BLOG_POST_MAX_LENGTH = 50_000


def create_post(*, actor, blog: BlogPage, title: str, body: str, writers=(), tags=(),
                date=None, publish: bool = True) -> BlogPostPage:
    """Write a post as the admin does (a revision, published unless `publish` is false).
    `body` is Markdown, rendered and sanitised like every other user text."""
    if not is_writer(actor, blog):
        raise PermissionDenied(_("Du skriver inte i den här bloggen."))
    writers = list(writers) or [actor]
    allowed = set(blog.writers.values_list("pk", flat=True))
    if any(w.pk not in allowed for w in writers):
        raise ValidationError(_("Alla skribenter av ett inlägg måste skriva i bloggen."))
    missing = _("Inlägget behöver en rubrik och en text.")
    title = clean_user_text(title, max_length=255, multiline=False, empty_message=missing)
    body = clean_user_text(body, max_length=BLOG_POST_MAX_LENGTH, empty_message=missing)
    tags = [clean_user_text(tag, max_length=100, multiline=False, label=_("etikett"))
            for tag in tags]
    with transaction.atomic():
        slug = _unique_slug(title, BlogPostPage.objects.child_of(blog))
        post = BlogPostPage(title=title, slug=slug, body=render_markdown(body), owner=actor,
                            date=date or timezone.localdate(), live=False)
        blog.add_child(instance=post)
        post.writers.set(writers)
        post.tags.set(list(tags))
        post.save()
        revision = post.save_revision(user=actor, log_action=True)
        if publish:
            revision.publish(user=actor)
            BlogPage.objects.filter(pk=blog.pk).update(last_activity_at=timezone.now())
    return BlogPostPage.objects.get(pk=post.pk)


# --- following ----------------------------------------------------------------------------------


def set_following(*, actor, blog: BlogPage, following: bool) -> bool:
    """Follow a blog, or stop following it. Only a blog the actor may read can be followed;
    stopping is always allowed. Returns whether anything changed."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    if following and not can_view_blog(actor, blog):
        raise PermissionDenied(_("Du kan inte följa en blogg du inte kan läsa."))
    with transaction.atomic():
        if following:
            changed = BlogFollow.objects.get_or_create(user=actor, blog=blog)[1]
        else:
            changed = BlogFollow.objects.filter(user=actor, blog=blog).delete()[0] > 0
        if changed:
            log(blog, "insidan.blog.follow" if following else "insidan.blog.unfollow",
                user=actor)
    return changed


def announce_new_post(*, post: BlogPostPage, actor=None) -> bool:
    """Tell the blog's followers of a post published for the first time. Runs when Wagtail
    publishes the post, whoever publishes it (the admin, a scheduled publication,
    create_post): blogs.apps connects it to `page_published`, Wagtail's publish action being
    the action here. Only the recipients' ids are read in the request; the notifications are
    written after commit by the notification task. Returns whether anyone was told."""
    from .selectors import followers_to_notify

    blog = post.blog
    first_time = post.first_published_at == post.last_published_at
    if not (first_time and post.live and blog.status in OPEN_STATUSES
            and post.moderation_state == ModerationState.VISIBLE):
        return False
    actor = actor or post.owner or blog.owner
    notify.send(
        event=Event.NEW_POST_FOLLOWED, recipients=followers_to_notify(blog, post),
        actor=actor, target=post,
        message=lambda: _("Nytt inlägg i bloggen %(blog)s: ”%(title)s”.") % {
            "blog": blog.title, "title": post.title},
        url=post.get_absolute_url(),
    )
    return True


def on_post_published(sender, instance, revision=None, **kwargs) -> None:
    announce_new_post(post=instance, actor=getattr(revision, "user", None))


# --- owner duties ------------------------------------------------------------------------------


def request_decommission(*, actor, blog: BlogPage, reason: str) -> BlogPage:
    """"Avveckla bloggen": the owner asks Webbredaktionen, which archives the blog before it is
    removed (the guideline, section 8)."""
    _require_owner(actor, blog)
    reason = clean_user_text(reason, max_length=1000, label=_("skäl"),
                             empty_message=_("Skriv kort varför bloggen ska avvecklas."))
    with transaction.atomic():
        blog = BlogPage.objects.select_for_update().get(pk=blog.pk)
        blog.status = ChannelStatus.DECOMMISSION_REQUESTED
        blog.save(update_fields=["status"])
        log(blog, "insidan.blog.request_decommission", user=actor, data={"reason": reason})
        notify.send(
            event=Event.CHANNEL_REQUEST, recipients=_webbredaktionen(), actor=actor,
            target=blog,
            message=lambda: _("%(name)s vill avveckla bloggen ”%(blog)s”. Skäl: %(reason)s") % {
                "name": _name(actor), "blog": blog.title, "reason": reason},
            url=blog.get_absolute_url(),
        )
    return blog


def _require_image_editor(actor, blog: BlogPage) -> None:
    _require_owner(actor, blog, _("Endast bloggens ägare och ställföreträdare kan ändra "
                                  "bloggens bild."))


def set_blog_image(*, actor, blog: BlogPage, alt_text: str, upload=None) -> BlogPage:
    """The blog's image or illustration with its alt text, or (without `upload`) a new alt
    text for the image it has; set from the blog's owner page by its owner, a deputy or
    Webbredaktionen. The shared rules are insidan.core.channel_images'."""
    _require_image_editor(actor, blog)
    return channel_images.replace_image(actor=actor, channel=blog, upload=upload,
                                        alt_text=alt_text, log_action="insidan.blog.image")


def remove_blog_image(*, actor, blog: BlogPage) -> BlogPage:
    _require_image_editor(actor, blog)
    return channel_images.clear_image(actor=actor, channel=blog,
                                      log_action="insidan.blog.image_removed")


def check_blog_activity(*, actor=None, now=None) -> dict[str, int]:
    """The blogs' part of the periodic check (manage.py check_channel_activity): owners of
    active blogs without a new post for the inactivity period (insidan.core.lifecycle) are
    asked, once per quiet period, to keep the blog alive or decommission it. Webbredaktionen's
    list of blogs quiet for longer is `selectors.inactive_blogs`."""
    from .selectors import blogs_without_posts_since

    if actor is not None and not is_webbredaktionen(actor):
        raise PermissionDenied
    now = now or timezone.now()
    count = 0
    for blog in blogs_without_posts_since(lifecycle.notify_cutoff(now)).select_related("owner"):
        if not lifecycle.needs_notice(last_activity_at=blog.latest_post_at or blog.created_at,
                                      notified_at=blog.inactivity_notified_at):
            continue
        with transaction.atomic():
            blog.inactivity_notified_at = now
            blog.save(update_fields=["inactivity_notified_at"])
            log(blog, "insidan.blog.inactive", user=actor)
            notify.send(
                event=Event.CHANNEL_INACTIVE, recipients=[blog.owner, *blog.deputies.all()],
                actor=actor or blog, target=blog,
                message=lambda name=blog.title: _(
                    "Bloggen ”%(blog)s” har inte haft något nytt inlägg på %(months)s månader. "
                    "Skriv något, eller begär att bloggen avvecklas.") % {
                    "blog": name, "months": lifecycle.notify_months()},
                url=blog.get_absolute_url() + "agare/",
            )
        count += 1
    return {"inactive": count}
