from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from insidan.core import visibility

        from .models import Discussion, Forum, ForumRequest, Post
        from .permissions import (
            can_view_discussion,
            can_view_forum,
            can_view_forum_request,
            can_view_post,
        )

        visibility.register(Forum, can_view_forum)
        visibility.register(Discussion, can_view_discussion)
        visibility.register(Post, can_view_post)
        visibility.register(ForumRequest, can_view_forum_request)
