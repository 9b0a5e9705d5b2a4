"""The owner's pages and Webbredaktionen's watch list for forums. Thin, as views.py: look the
object up through the visibility rule, hand cleaned input to an action, redirect.

Owner pages show report cases and who asked for what: `Cache-Control: private, no-store`."""

from functools import wraps

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insidan.core import channel_images, images, lifecycle
from insidan.core.forms import ChannelImageForm
from insidan.core.permissions import is_webbredaktionen
from insidan.moderation.selectors import open_cases_for_channel

from . import actions
from .forms import HandOverForm, MoveForm, ReasonForm
from .models import DecommissionRequest, Discussion, Post
from .permissions import can_manage_forum, can_request_decommission, managed_channel
from .selectors import (
    access_discussion,
    access_forum,
    forums_for_webbredaktionen,
    move_targets,
    ownerless_since,
    pending_decommission,
)


def private(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response
    return wrapped


def _errors(request, error: ValidationError | PermissionDenied) -> None:
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _managed_forum(request, slug: str):
    forum = access_forum(request.user, slug)
    if not can_manage_forum(request.user, forum):
        raise Http404
    return forum


def move_form_for(user, discussion: Discussion) -> MoveForm | None:
    targets = move_targets(user, discussion)
    return MoveForm(targets=targets, auto_id="flytta-%s")


def _forum_cases(forum):
    """Undecided report cases on the forum's content (for a room forum: on its discussions
    and posts, not on the room's documents)."""
    cases = open_cases_for_channel(managed_channel(forum)).select_related("author")
    if forum.room_id:
        types = ContentType.objects.get_for_models(Discussion, Post).values()
        cases = cases.filter(content_type__in=list(types))
    return cases.order_by("-is_urgent", "opened_at", "pk")


@private
@require_GET
def owner_page(request, slug: str):
    forum = _managed_forum(request, slug)
    return render(request, "forums/owner_page.html", _owner_context(request, forum))


def _owner_context(request, forum, *, image_form: ChannelImageForm | None = None) -> dict:
    now = timezone.now()
    if image_form is None and not forum.room_id:
        image_form = ChannelImageForm.for_channel(forum)
    return {
        "forum": forum,
        "image_form": image_form,
        "cases": _forum_cases(forum),
        "pending": pending_decommission(forum),
        "deputies": (forum.room or forum).deputies.order_by("first_name", "last_name"),
        "ownerless_since": ownerless_since(forum),
        "inactive_days": (now - forum.last_activity_at).days,
        "is_inactive": forum.last_activity_at < lifecycle.notify_cutoff(now),
        "can_request_decommission": (forum.is_active and not forum.room_id
                                     and can_request_decommission(request.user, forum)),
        "reason_form": ReasonForm(auto_id="avveckla-%s"),
        "hand_over_form": (HandOverForm(auto_id="overlamna-%s")
                           if not forum.room_id and (forum.owner_id == request.user.pk
                                                     or is_webbredaktionen(request.user))
                           else None),
    }


@private
@require_POST
def image_edit(request, slug: str):
    """The forum's image and its alt text, or (with "remove") no image."""
    forum = _managed_forum(request, slug)
    owner_url = reverse("forums:owner_page", args=[forum.slug])
    if request.POST.get("remove"):
        try:
            actions.remove_forum_image(actor=request.user, forum=forum)
        except (PermissionDenied, ValidationError) as error:
            _errors(request, error)
        else:
            messages.success(request, _("Bilden är borttagen från forumet."))
        return redirect(owner_url)
    form = ChannelImageForm.for_channel(forum, request)
    try:
        saved = form.save_with(lambda **image: actions.set_forum_image(
            actor=request.user, forum=forum, **image))
    except PermissionDenied as error:
        _errors(request, error)
        return redirect(owner_url)
    if saved:
        messages.success(request, _("Forumets bild är sparad."))
        return redirect(owner_url)
    return render(request, "forums/owner_page.html",
                  _owner_context(request, forum, image_form=form), status=400)


@require_GET
def forum_image(request, slug: str, image_id: int, size: str):
    """The forum's current image, as a rendition, to whoever may see the forum. The image's
    id is in the address so that a replaced image is never shown from a cache, and the browser
    may keep it privately (a room's forum, the only kind closed to some, has no image)."""
    forum = access_forum(request.user, slug)
    if forum.image_id != image_id or size not in channel_images.RENDITIONS:
        raise Http404
    return images.rendition_response(forum.image, channel_images.RENDITIONS[size])


@private
@require_POST
def hand_over(request, slug: str):
    forum = _managed_forum(request, slug)
    owner_url = reverse("forums:owner_page", args=[forum.slug])
    form = HandOverForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(owner_url)
    try:
        forum = actions.hand_over_forum(actor=request.user, forum=forum,
                                        new_owner=form.cleaned_data["new_owner"])
    except (PermissionDenied, ValidationError) as error:
        _errors(request, error)
        return redirect(owner_url)
    messages.success(request, _("%(name)s är nu forumets ägare.") % {
        "name": forum.owner.get_full_name() or forum.owner.get_username()})
    return redirect(owner_url if can_manage_forum(request.user, forum)
                    else forum.get_absolute_url())


@private
@require_POST
def request_forum_decommission(request, slug: str):
    forum = _managed_forum(request, slug)
    owner_url = reverse("forums:owner_page", args=[forum.slug])
    return _ask(request, forum, None, owner_url, owner_url)


@private
@require_POST
def request_discussion_decommission(request, slug: str, pk: int):
    discussion = access_discussion(request.user, slug, pk)
    return _ask(request, discussion.forum, discussion, discussion.get_absolute_url(),
                reverse("forums:owner_page", args=[discussion.forum.slug]))


def _ask(request, forum, discussion, back: str, done: str):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    try:
        actions.request_decommission(actor=request.user, forum=forum, discussion=discussion,
                                     reason=form.cleaned_data["reason"])
    except (PermissionDenied, ValidationError) as error:
        _errors(request, error)
        return redirect(back)
    messages.success(request, _("Begäran om avveckling är skickad till webbredaktionen. Den "
                                "arkiveras innan den tas bort."))
    return redirect(done if can_manage_forum(request.user, forum) else back)


@private
@require_POST
def move(request, slug: str, pk: int):
    discussion = access_discussion(request.user, slug, pk)
    form = MoveForm(request.POST, targets=move_targets(request.user, discussion))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(discussion.get_absolute_url())
    try:
        discussion = actions.move_discussion(actor=request.user, discussion=discussion,
                                             to_forum=form.cleaned_data["to_forum"])
    except (PermissionDenied, ValidationError) as error:
        _errors(request, error)
        return redirect(discussion.get_absolute_url())
    messages.success(request, _("Diskussionen är flyttad till forumet %(forum)s.")
                     % {"forum": discussion.forum.name})
    return redirect(discussion.get_absolute_url())


@private
@require_GET
def watch_list(request):
    """Webbredaktionen's list: decommission requests, forums without owner, inactive forums."""
    if not is_webbredaktionen(request.user):
        raise Http404
    return render(request, "forums/watch_list.html", forums_for_webbredaktionen())


@private
@require_POST
def carry_out(request, pk: int):
    """Webbredaktionen archives the forum or discussion as one package, then removes it."""
    if not is_webbredaktionen(request.user):
        raise Http404
    decommission = get_object_or_404(DecommissionRequest, pk=pk,
                                     status=DecommissionRequest.Status.PENDING)
    reason = request.POST.get("reason", "").strip() or decommission.reason
    try:
        actions.carry_out_decommission(actor=request.user, decommission=decommission,
                                       reason=reason)
    except (PermissionDenied, ValidationError) as error:
        _errors(request, error)
    else:
        messages.success(request, _("”%(name)s” är arkiverat och avvecklat.")
                         % {"name": decommission})
    return redirect("forums:watch_list")
