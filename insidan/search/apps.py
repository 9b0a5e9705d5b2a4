from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "insidan.search"
    label = "search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        from . import checks, indexing, kinds  # noqa: F401 - checks registers itself

        kinds.register_all()
        indexing.take_over_index_updates()
