"""Room pages. Thin: look the room up through selectors (404 for hidden and missing alike),
hand cleaned form data to an action, render or redirect.

Every response here is `Cache-Control: private, no-store`: pages of closed rooms must never be
kept by a shared cache or the browser, and one rule for the whole app cannot be forgotten on a
single view."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insidan.archive.actions import archive_channel
from insidan.core import channel_images, images
from insidan.core.forms import ChannelImageForm
from insidan.core.models import ChannelKind, ChannelStatus
from insidan.core.permissions import is_webbredaktionen
from insidan.core.terms import TermsNotAccepted, current_terms
from insidan.security.idempotency import TOKEN_FIELD, submit_once

from . import actions
from .forms import (
    ApplicationForm,
    CreateRoomForm,
    DecisionForm,
    DecommissionForm,
    DocumentUploadForm,
    HandOverForm,
    InviteForm,
    RemoveDocumentForm,
    RoomForm,
)
from .models import (
    ApplicationStatus,
    Invitation,
    InvitationStatus,
    MembershipApplication,
    Room,
    RoomKind,
)
from .permissions import can_manage_room
from .rendering import room_items
from .selectors import (
    access_document,
    access_room,
    access_room_content,
    room_directory,
    rooms_for_webbredaktionen,
)
from .view_context import document_page_context, manage_page_context, room_page_context

User = get_user_model()


def private(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped


def _report_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _terms_redirect(request, next_url: str):
    query = urlencode({"next": next_url})
    return redirect(f"{reverse('terms', args=[ChannelKind.ROOM])}?{query}")


def _perform(request, next_url: str, call, success: str):
    """Run an action for a POST and come back to `next_url` with its outcome as a message."""
    try:
        call()
    except TermsNotAccepted as error:
        messages.info(request, str(error))
        return _terms_redirect(request, next_url)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _report_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(next_url)


def _managed_room(request, slug: str) -> Room:
    room = access_room(request.user, slug)
    if not can_manage_room(request.user, room):
        raise Http404
    return room


@private
@require_GET
def room_list(request):
    room_kind = request.GET.get("typ", "")
    if room_kind not in RoomKind.values:
        room_kind = ""
    mine = request.GET.get("mina") == "1"
    rooms = room_directory(request.user, room_kind=room_kind, mine=mine)
    page = Paginator(rooms, 30).get_page(request.GET.get("sida"))
    invitations = Invitation.objects.filter(
        invitee=request.user, status=InvitationStatus.PENDING,
        room__status=ChannelStatus.ACTIVE,
    ).select_related("room", "invited_by")
    return render(request, "collab/room_list.html", {
        "page": page, "rooms": room_items(page.object_list), "kinds": RoomKind.choices,
        "room_kind": room_kind, "mine": mine,
        "invitations": invitations,
        "is_webbredaktionen": is_webbredaktionen(request.user),
    })


@private
@require_http_methods(["GET", "POST"])
def room_create(request):
    terms = current_terms(ChannelKind.ROOM)
    manager = getattr(getattr(request.user, "profile", None), "manager", None)
    form = CreateRoomForm(
        request.POST or None, user=request.user,
        initial={"approved_by": manager.get_username() if manager else ""},
    )
    if request.method == "POST" and terms is not None and form.is_valid():
        data = form.cleaned_data
        try:
            submission = submit_once(
                user=request.user, token=data.get(TOKEN_FIELD),
                perform=lambda: actions.create_room(
                    actor=request.user, name=data["name"], room_kind=data["room_kind"],
                    is_closed=data["is_closed"], purpose=data["purpose"],
                    target_group=data["target_group"], presentation=data["presentation"],
                    contact=data["contact"], watched_hours=data["watched_hours"],
                    approved_by=data["approved_by"], accepted_terms=terms),
                url_of=lambda room: room.get_absolute_url(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rummet är startat. Du är dess ägare."))
            return redirect(submission.url)
    return render(request, "collab/room_create.html", {"form": form, "terms": terms})


@private
@require_GET
def room_detail(request, slug: str):
    try:
        room = access_room(request.user, slug, with_membership=True)
    except Http404:
        archived = Room.objects.filter(slug=slug, status=ChannelStatus.ARCHIVED).first()
        if archived is None:
            raise
        return render(request, "collab/room_archived.html", {"room": archived}, status=410)
    return render(request, "collab/room_detail.html", room_page_context(request.user, room))


@private
@require_POST
def room_join(request, slug: str):
    room = access_room(request.user, slug)
    return _perform(request, room.get_absolute_url(),
                    lambda: actions.join_open_room(actor=request.user, room=room),
                    _("Välkommen! Du är nu medlem i rummet."))


@private
@require_POST
def room_apply(request, slug: str):
    room = access_room(request.user, slug)
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        context = room_page_context(request.user, room)
        context["application_form"] = form
        return render(request, "collab/room_detail.html", context, status=400)
    return _perform(
        request, room.get_absolute_url(),
        lambda: actions.apply_for_membership(actor=request.user, room=room,
                                             message=form.cleaned_data["message"]),
        _("Din ansökan är skickad. Rummets ägare får besked och svarar dig."),
    )


@private
@require_POST
def application_withdraw(request, slug: str):
    room = access_room(request.user, slug)
    application = get_object_or_404(MembershipApplication, room=room, applicant=request.user,
                                     status=ApplicationStatus.PENDING)
    return _perform(request, room.get_absolute_url(),
                    lambda: actions.withdraw_application(actor=request.user,
                                                         application=application),
                    _("Din ansökan är återkallad."))


@private
@require_POST
def room_leave(request, slug: str):
    room = access_room(request.user, slug)
    return _perform(request, room.get_absolute_url(),
                    lambda: actions.leave_room(actor=request.user, room=room),
                    _("Du har lämnat rummet."))


@private
@require_POST
def invitation_answer(request, slug: str):
    room = access_room(request.user, slug)
    invitation = get_object_or_404(Invitation, room=room, invitee=request.user,
                                   status=InvitationStatus.PENDING)
    if request.POST.get("answer") == "accept":
        call, success = actions.accept_invitation, _("Välkommen! Du är nu medlem i rummet.")
    else:
        call, success = actions.decline_invitation, _("Du har tackat nej till inbjudan.")
    return _perform(request, room.get_absolute_url(),
                    lambda: call(actor=request.user, invitation=invitation), success)


@private
@require_GET
def room_manage(request, slug: str):
    room = _managed_room(request, slug)
    return render(request, "collab/room_manage.html", manage_page_context(request.user, room))


@private
@require_POST
def room_edit(request, slug: str):
    room = _managed_room(request, slug)
    form = RoomForm(request.POST)
    if not form.is_valid():
        context = manage_page_context(request.user, room)
        context["edit_form"] = form
        return render(request, "collab/room_manage.html", context, status=400)
    fields = {k: v for k, v in form.cleaned_data.items() if k != "confirm_personal_data"}
    return _perform(request, reverse("collab:manage", args=[room.slug]),
                    lambda: actions.update_room(actor=request.user, room=room, **fields),
                    _("Rummet är ändrat."))


@private
@require_POST
def room_image_edit(request, slug: str):
    """The room's image and its alt text, or (with "remove") no image."""
    room = _managed_room(request, slug)
    next_url = reverse("collab:manage", args=[room.slug])
    if request.POST.get("remove"):
        return _perform(request, next_url,
                        lambda: actions.remove_room_image(actor=request.user, room=room),
                        _("Bilden är borttagen från rummet."))
    form = ChannelImageForm.for_channel(room, request)
    try:
        saved = form.save_with(lambda **image: actions.set_room_image(
            actor=request.user, room=room, **image))
    except TermsNotAccepted as error:
        messages.info(request, str(error))
        return _terms_redirect(request, next_url)
    except PermissionDenied:
        raise Http404 from None
    if saved:
        messages.success(request, _("Rummets bild är sparad."))
        return redirect(next_url)
    context = manage_page_context(request.user, room)
    context["image_form"] = form
    return render(request, "collab/room_manage.html", context, status=400)



@private
@require_GET
def room_image(request, slug: str, image_id: int, size: str):
    """The room's current image, as a rendition, to whoever may see the room's presentation.
    The image's id is in the address so that a replaced image is never shown from a cache."""
    room = access_room(request.user, slug)
    if room.image_id != image_id or size not in channel_images.RENDITIONS:
        raise Http404
    response = images.rendition_response(room.image, channel_images.RENDITIONS[size])
    del response["Cache-Control"]  # `private` makes it private, no-store like every room page
    return response


@private
@require_POST
def application_decide(request, slug: str, pk: int):
    room = _managed_room(request, slug)
    application = get_object_or_404(MembershipApplication, room=room, pk=pk)
    form = DecisionForm(request.POST)
    next_url = reverse("collab:manage", args=[room.slug])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(next_url)
    approve = form.cleaned_data["decision"] == "approve"
    call = actions.approve_application if approve else actions.decline_application
    success = _("Ansökan är godkänd.") if approve else _("Ansökan är avslagen.")
    return _perform(request, next_url, lambda: call(
        actor=request.user, application=application, message=form.cleaned_data["message"]
    ), success)


@private
@require_POST
def member_invite(request, slug: str):
    room = _managed_room(request, slug)
    form = InviteForm(request.POST)
    next_url = reverse("collab:manage", args=[room.slug])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(next_url)
    return _perform(request, next_url, lambda: actions.invite_member(
        actor=request.user, room=room, invitee=form.cleaned_data["invitee"],
        message=form.cleaned_data["message"],
    ), _("Inbjudan är skickad."))


MEMBER_OPERATIONS = {
    "ta-bort": (actions.remove_member, _("Medlemmen är borttagen ur rummet.")),
    "gor-till-stallforetradare": (actions.make_deputy, _("Medlemmen är nu ställföreträdare.")),
    "inte-stallforetradare": (actions.remove_deputy, _("Medlemmen är inte längre "
                                                       "ställföreträdare.")),
}


@private
@require_POST
def member_operation(request, slug: str, user_id: int, operation: str):
    room = _managed_room(request, slug)
    if operation not in MEMBER_OPERATIONS:
        raise Http404
    member = get_object_or_404(User, pk=user_id)
    call, success = MEMBER_OPERATIONS[operation]
    return _perform(request, reverse("collab:manage", args=[room.slug]),
                    lambda: call(actor=request.user, room=room, member=member), str(success))


@private
@require_POST
def room_hand_over(request, slug: str):
    room = _managed_room(request, slug)
    form = HandOverForm(request.POST, room=room)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("collab:manage", slug=room.slug)
    return _perform(request, room.get_absolute_url(), lambda: actions.hand_over_ownership(
        actor=request.user, room=room, new_owner=form.cleaned_data["new_owner"]
    ), _("Ägarskapet är överlämnat."))


@private
@require_POST
def room_decommission(request, slug: str):
    room = _managed_room(request, slug)
    form = DecommissionForm(request.POST)
    next_url = reverse("collab:manage", args=[room.slug])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(next_url)
    return _perform(request, next_url, lambda: actions.request_decommission(
        actor=request.user, room=room, reason=form.cleaned_data["reason"]
    ), _("Begäran om avveckling är skickad till webbredaktionen. Den arkiverar rummet innan "
         "det tas bort."))


@private
@require_http_methods(["GET", "POST"])
def document_list(request, slug: str):
    room = access_room_content(request.user, slug)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.upload_document(actor=request.user, room=room,
                                    uploaded_file=form.cleaned_data["file"],
                                    title=form.cleaned_data["title"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Dokumentet är uppladdat."))
            return redirect("collab:documents", slug=room.slug)
    context = document_page_context(request.user, room, request.GET.get("sida"))
    context["form"] = form
    return render(request, "collab/document_list.html", context,
                  status=400 if form.is_bound else 200)


@private
@require_GET
def document_download(request, slug: str, pk: int):
    """The only way to a room document's bytes: checked against the visibility rule, sent as an
    attachment that the browser neither renders nor sniffs, in a sandbox if it tried."""
    room = access_room_content(request.user, slug)
    document = access_document(request.user, room, pk)
    if not document.file:
        raise Http404
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.original_name,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@private
@require_POST
def document_remove(request, slug: str, pk: int):
    room = access_room_content(request.user, slug)
    document = access_document(request.user, room, pk)
    form = RemoveDocumentForm(request.POST)
    next_url = request.POST.get("next") == "hantera" and reverse(
        "collab:manage", args=[room.slug]) or reverse("collab:documents", args=[room.slug])
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(next_url)
    return _perform(request, next_url, lambda: actions.remove_document(
        actor=request.user, document=document, reason=form.cleaned_data["reason"]
    ), _("Dokumentet är arkiverat och borttaget."))


@private
@require_POST
def document_keep(request, slug: str, pk: int):
    room = _managed_room(request, slug)
    document = access_document(request.user, room, pk)
    return _perform(request, reverse("collab:manage", args=[room.slug]),
                    lambda: actions.keep_document(actor=request.user, document=document),
                    _("Dokumentet är markerat som fortfarande aktuellt."))


@private
@require_GET
def watch_list(request):
    """Webbredaktionen's list: decommission requests, rooms without owner, inactive rooms."""
    if not is_webbredaktionen(request.user):
        raise Http404
    return render(request, "collab/watch_list.html", rooms_for_webbredaktionen())



@private
@require_POST
def archive_and_decommission(request, slug: str):
    """Webbredaktionen carries out a decommission request: the whole room is archived as one
    package first (insidan.archive), and only then is it taken down."""
    if not is_webbredaktionen(request.user):
        raise Http404
    room = get_object_or_404(Room, slug=slug, status=ChannelStatus.DECOMMISSION_REQUESTED)
    reason = request.POST.get("reason", "").strip() or room.decommission_reason or ""
    try:
        archive_channel(actor=request.user, channel=room, reason=reason)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Rummet ”%(name)s” är arkiverat och avvecklat.") % {
            "name": room.name})
    return redirect("collab:watch_list")
