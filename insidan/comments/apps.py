from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "insidan.comments"
    label = "insidan_comments"
    verbose_name = _("Kommentarer")

    def ready(self) -> None:
        from insidan.core import visibility

        from . import targets
        from .models import Comment
        from .permissions import can_view_comment
        from .selectors import comments_visible_to

        targets.register_defaults()
        visibility.register(Comment, can_view_comment, comments_visible_to)
