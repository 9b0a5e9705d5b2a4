"""What the room pages show, gathered with a fixed number of queries whatever the number of
members, documents and discussions (tests count them at two data sizes)."""


from django.core.paginator import Paginator
from django.urls import NoReverseMatch

from forums.models import Forum
from forums.permissions import can_view_forum
from forums.selectors import discussions_in_visible_forum
from insidan.archive.selectors import registrations_by_item
from insidan.core import lifecycle
from insidan.core.forms import ChannelImageForm
from insidan.core.permissions import is_webbredaktionen

from .files import max_document_bytes, room_quota_bytes
from .forms import (
    ApplicationForm,
    DecommissionForm,
    DocumentUploadForm,
    HandOverForm,
    InviteForm,
    RoomForm,
)
from .models import Invitation, InvitationStatus, Room
from .permissions import can_upload_document, is_member
from .rendering import discussion_items, document_items, member_items
from .selectors import (
    documents_in_visible_room,
    pending_application,
    pending_applications,
    room_documents,
    room_member_names,
    room_members,
    room_storage_used,
    stale_documents,
)

MEMBERS_SHOWN = 50
LATEST_SHOWN = 5


def _url(obj, fallback: str) -> str:
    """Links into the forums app, which may not be routed in every deployment yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return fallback


def _access(user, room: Room) -> dict:
    """The viewer's standing in the room, computed once per request."""
    webbred = is_webbredaktionen(user)
    member = is_member(user, room)
    deputies = list(room.deputies.select_related("profile").order_by("last_name", "first_name"))
    manager = room.owner_id == user.pk or any(d.pk == user.pk for d in deputies)
    return {
        "room": room,
        "deputies": deputies,
        "is_member": member,
        "is_owner": room.owner_id == user.pk,
        "is_manager": manager,
        "is_webbredaktionen": webbred,
        "can_manage": manager or webbred,
        "can_view_content": not room.is_closed or member or webbred,
    }


def _discussions(user, room: Room, *, manager: bool) -> tuple[str, list]:
    """The room forum's latest discussions. The forum is checked with the rule's Python form
    (the user's membership is known by now); inside it, each discussion's own state decides
    (`manager`, the room's owner or deputy, is the forum's moderator)."""
    forum = (Forum.objects.filter(room=room)
             .only("name", "slug", "status", "owner_id", "room_id").first())
    if forum is None:
        return "", []
    forum.room = room
    if not can_view_forum(user, forum):
        return "", []
    discussions = (
        discussions_in_visible_forum(user, forum, moderator=manager)
        .only("title", "post_count", "last_post_at", "forum_id")  # what a row shows
        .order_by("-last_post_at", "-pk")[:LATEST_SHOWN]
    )
    fallback = f"/forum/{forum.slug}/"
    discussions = list(discussions)
    for discussion in discussions:
        discussion.forum = forum  # its URL needs the forum's slug: no query per row
    return _url(forum, fallback), [
        (d, _url(d, f"{fallback}{d.pk}/")) for d in discussions
    ]


def room_page_context(user, room: Room) -> dict:
    context = _access(user, room)
    member_count = getattr(room, "member_total", None)  # read with the room (access_room)
    if context["can_view_content"]:
        context["members"] = list(room_member_names(room)[:MEMBERS_SHOWN])
        context["documents"] = list(
            documents_in_visible_room(user, room, manager=context["is_manager"])
            .select_related("uploaded_by")
            .only("title", "size", "uploaded_at", "room_id", "uploaded_by__username",
                  "uploaded_by__first_name", "uploaded_by__last_name",
                  "uploaded_by__is_active")  # what a row shows
            .order_by("-uploaded_at", "-pk")[:LATEST_SHOWN]
        )
        context["forum_url"], context["discussions"] = _discussions(
            user, room, manager=context["is_manager"])
        context.update(member_items=member_items(context["members"]),
                       document_items=document_items(room, context["documents"]),
                       discussion_items=discussion_items(context["discussions"]))
    if member_count is None:
        member_count = room.memberships.count()
    context["member_count"] = member_count or 0
    if not context["is_member"]:
        context["application"] = pending_application(user, room) if room.is_closed else None
        context["invitation"] = Invitation.objects.filter(
            room=room, invitee=user, status=InvitationStatus.PENDING
        ).select_related("invited_by").first()
        context["application_form"] = ApplicationForm(auto_id="ansokan_%s")
    if context["can_manage"]:
        context["pending_count"] = pending_applications(room).count()
    return context


def _room_initial(room: Room) -> dict:
    return {"name": room.name, "room_kind": room.room_kind,
            "is_closed": "1" if room.is_closed else "0", "purpose": room.purpose,
            "target_group": room.target_group, "presentation": room.presentation,
            "contact": room.contact, "watched_hours": room.watched_hours}


def manage_page_context(user, room: Room) -> dict:
    context = _access(user, room)
    context.update(
        applications=list(pending_applications(room)),
        members=list(room_members(room)),
        invitations=list(room.invitations.filter(status=InvitationStatus.PENDING)
                         .select_related("invitee").order_by("created_at")),
        stale_documents=list(stale_documents(room)),
        is_inactive=room.last_activity_at < lifecycle.notify_cutoff(),
        inactive_months=lifecycle.notify_months(),
        edit_form=RoomForm(initial=_room_initial(room), auto_id="andra_%s"),
        image_form=ChannelImageForm.for_channel(room),
        invite_form=InviteForm(auto_id="bjud_%s"),
        hand_over_form=HandOverForm(room=room, auto_id="overlamna_%s"),
        decommission_form=DecommissionForm(auto_id="avveckla_%s"),
    )
    context["deputy_ids"] = {deputy.pk for deputy in context["deputies"]}
    return context


def document_page_context(user, room: Room, page_number=None) -> dict:
    context = _access(user, room)
    page = Paginator(room_documents(user, room, manager=context["is_manager"]), 50
                     ).get_page(page_number)
    context.update(
        page=page,
        # The room's owners and deputies register documents: which are registered, in one
        # query for the page, and the right to register every document listed (they are
        # managers of the room all of them are in).
        archive_registrations=(registrations_by_item(page.object_list)
                               if context["is_manager"] else {}),
        may_register_listed_items=context["is_manager"],
        used=room_storage_used(room),
        quota=room_quota_bytes(),
        max_bytes=max_document_bytes(),
        can_upload=can_upload_document(user, room),
        form=DocumentUploadForm(),
    )
    return context
