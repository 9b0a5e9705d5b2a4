from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "insidan.moderation"
    label = "moderation"
    verbose_name = _("Anmälningar")

    def ready(self) -> None:
        from insidan.core import visibility

        from .models import ReportCase
        from .permissions import can_view_case
        from .selectors import cases_visible_to

        # Notifications about a case are shown only to those who may see it.
        visibility.register(ReportCase, can_view_case, cases_visible_to)
