from .models import Profile


def can_view_profile(user, profile: Profile) -> bool:
    return bool(user.is_authenticated and profile.user.is_active)
