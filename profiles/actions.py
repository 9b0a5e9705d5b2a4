"""State changes for profiles. The staff directory (an import or the demo seeder) is the only
source of the contact details; it runs as the system (actor=None) or as a superuser."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from .models import Department, Profile

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
    managers first, or run twice).
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
            department, _ = Department.objects.get_or_create(name=record.department)
        manager = None
        if record.manager_username:
            manager = User.objects.filter(username=record.manager_username).first()
        profile, _ = Profile.objects.update_or_create(
            user=user,
            defaults={
                "title": record.title, "department": department, "manager": manager,
                "phone": record.phone, "mobile": record.mobile, "workplace": record.workplace,
                "employee_number": record.employee_number,
            },
        )
        log(profile, "wagtail.create" if created else "wagtail.edit", user=actor)
    return user
