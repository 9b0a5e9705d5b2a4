"""Profiles are visible to every logged-in employee (the guideline: "Profilsidorna kan ses av
alla som besöker Insidan"); deactivated employees are not shown anywhere."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Profile


def profiles_visible_to(user) -> QuerySet[Profile]:
    if not user.is_authenticated:
        return Profile.objects.none()
    return Profile.objects.filter(user__is_active=True).select_related(
        "user", "department", "manager"
    )


def access_profile(user, username: str) -> Profile:
    try:
        return profiles_visible_to(user).get(user__username=username)
    except Profile.DoesNotExist:
        raise Http404 from None

