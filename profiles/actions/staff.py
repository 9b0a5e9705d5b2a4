"""The staff directory: the only source of the contact details. It runs as the system
(actor=None) or as a superuser; the employee never changes these fields."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core import visibility
from insidan.core.models import Channel, ChannelStatus
from insidan.notify import api as notify
from insidan.notify.events import Event

from ..models import Department, OwnerlessChannel, Profile
from ._index import reindex_profile

User = get_user_model()


@dataclass(frozen=True)
class StaffRecord:
    """One row of the staff directory."""

    username: str
    first_name: str
    last_name: str
    email: str
    title: str = ""
    department: str = ""
    manager_username: str = ""
    phone: str = ""
    mobile: str = ""
    workplace: str = ""
    employee_number: str = ""


def _may_sync_staff(actor) -> bool:
    return actor is None or (actor.is_active and actor.is_superuser)


def upsert_employee(*, actor, record: StaffRecord) -> User:
    """Create or update one employee and their profile from the staff directory.

    Re-running with the same record changes nothing; the manager must already exist (import
    managers first, or run twice: `import_staff` does two passes).
    """
    if not _may_sync_staff(actor):
        raise PermissionDenied
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=record.username,
            defaults={"first_name": record.first_name, "last_name": record.last_name,
                      "email": record.email},
        )
        if created:
            # Staff sign in through the municipality's login; no local password until set.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        else:
            user.first_name, user.last_name = record.first_name, record.last_name
            user.email, user.is_active = record.email, True
            user.save(update_fields=["first_name", "last_name", "email", "is_active"])
        department = None
        if record.department:
            department, _created = Department.objects.get_or_create(name=record.department)
        manager = None
        if record.manager_username:
            manager = User.objects.filter(username=record.manager_username).first()
        profile, _created = Profile.objects.update_or_create(
            user=user,
            defaults={
                "title": record.title, "department": department, "manager": manager,
                "phone": record.phone, "mobile": record.mobile, "workplace": record.workplace,
                "employee_number": record.employee_number,
            },
        )
        log(profile, "wagtail.create" if created else "wagtail.edit", user=actor)
        reindex_profile(profile)
    return user


def deactivate_employee(*, actor, user) -> None:
    """Someone has left: the account is deactivated, never deleted (their posts stay with
    their name), and the departure is handled (see `record_departure`)."""
    if not _may_sync_staff(actor):
        raise PermissionDenied
    with transaction.atomic():
        if user.is_active:
            user.is_active = False
            user._departure_handled = True
            user.save(update_fields=["is_active"])
        record_departure(actor=actor, user=user)


def channel_models() -> list[type[Channel]]:
    """Every kind of channel (rooms, forums, blogs…): the registered models that extend
    Channel, so that a new kind is covered without changes here."""
    return [m for m in visibility.registered_models() if issubclass(m, Channel)]


def record_departure(*, actor, user) -> list[OwnerlessChannel]:
    """Take a deactivated employee's profile out of search and flag every channel they own as
    "utan ägare" for Webbredaktionen, telling the deputies. Idempotent: a channel already
    flagged (and not resolved) is not flagged again, so it is safe to call from both the
    import and the admin's save signal."""
    if user.is_active:
        return []
    flags = []
    with transaction.atomic():
        profile = Profile.objects.filter(user=user).first()
        if profile is not None:
            log(profile, "insidan.profile.deactivate", user=actor)
            reindex_profile(profile)
        for model in channel_models():
            if _flags_itself(model, user):
                continue
            owned = model._default_manager.filter(owner=user).exclude(
                status=ChannelStatus.ARCHIVED)
            for channel in owned.prefetch_related("deputies"):
                flag = _flag_ownerless(channel=channel, former_owner=user)
                if flag is not None:
                    flags.append(flag)
    return flags


def _flags_itself(model, user) -> bool:
    """Rooms carry their own `ownerless_since` and collab's action flags them (with its own
    message and link to the room's management page); other channels are flagged here."""
    if model._meta.label_lower != "collab.room":
        return False
    from collab.actions import flag_ownerless_rooms

    flag_ownerless_rooms(actor=None, user=user)
    return True


def _flag_ownerless(*, channel, former_owner) -> OwnerlessChannel | None:
    content_type = ContentType.objects.get_for_model(channel)
    if OwnerlessChannel.objects.filter(content_type=content_type, object_id=channel.pk,
                                       resolved_at=None).exists():
        return None
    flag = OwnerlessChannel.objects.create(content_type=content_type, object_id=channel.pk,
                                           former_owner=former_owner)
    log(channel, "insidan.channel.ownerless", user=None)
    editors = Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP).user_set.all()
    notify.send(
        event=Event.CHANNEL_OWNERLESS,
        recipients=[*channel.deputies.all(), *editors],
        actor=former_owner,
        target=channel,
        message=lambda: _(
            "%(name)s har slutat. ”%(channel)s” är utan ägare tills en ny ägare utses.")
        % {"name": former_owner.get_full_name() or former_owner.get_username(),
           "channel": channel.name},
        url=channel.get_absolute_url() if hasattr(channel, "get_absolute_url") else "/",
    )
    return flag


def resolve_ownerless_channel(*, actor, channel) -> int:
    """The channel has an owner again (Webbredaktionen handed it over). Callable from the
    channel apps' hand-over actions too. Returns how many flags were closed."""
    from insidan.core.permissions import is_webbredaktionen

    if not (actor is None or is_webbredaktionen(actor) or channel.owner_id == actor.pk):
        raise PermissionDenied
    content_type = ContentType.objects.get_for_model(channel)
    with transaction.atomic():
        closed = OwnerlessChannel.objects.filter(
            content_type=content_type, object_id=channel.pk, resolved_at=None
        ).update(resolved_at=timezone.now(), resolved_by=actor)
        if closed:
            log(channel, "insidan.channel.owner_restored", user=actor)
    return closed
