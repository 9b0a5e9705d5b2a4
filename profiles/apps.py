from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiler")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from insidan.core import visibility

        from . import signals
        from .models import Profile, StatusUpdate
        from .permissions import can_view_profile, can_view_status_update

        visibility.register(Profile, can_view_profile)
        visibility.register(StatusUpdate, can_view_status_update)
        post_save.connect(signals.user_saved, sender=get_user_model(),
                          dispatch_uid="profiles.user_saved")
