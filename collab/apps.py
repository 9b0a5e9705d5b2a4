from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollabConfig(AppConfig):
    name = "collab"
    verbose_name = _("Samarbetsrum")

    def ready(self) -> None:
        from insidan.core import lifecycle, visibility

        from .actions import check_room_activity
        from .models import Room, RoomDocument
        from .permissions import can_view_document, can_view_room

        lifecycle.register_activity_check("room", check_room_activity)
        visibility.register(Room, can_view_room)
        visibility.register(RoomDocument, can_view_document)
