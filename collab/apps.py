from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabConfig(AppConfig):
    name = "collab"
    verbose_name = _("Samarbetsrum")

    def ready(self) -> None:
        from insidan.core import visibility

        from .models import Room, RoomDocument
        from .permissions import can_view_document, can_view_room

        visibility.register(Room, can_view_room)
        visibility.register(RoomDocument, can_view_document)
