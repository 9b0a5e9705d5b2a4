from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "insidan.security"
    label = "insidan_security"
    verbose_name = _("Säkerhet")

    def ready(self) -> None:
        from . import logins  # noqa: F401  (connects the failed-login signal receivers)
