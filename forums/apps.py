from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from insidan.core import lifecycle, visibility

        from .actions import check_forum_activity
        from .models import DecommissionRequest, Discussion, Forum, ForumRequest, Post
        from .permissions import (
            can_view_decommission_request,
            can_view_discussion,
            can_view_forum,
            can_view_forum_request,
            can_view_post,
        )
        from .selectors import (
            decommission_requests_visible_to,
            discussions_visible_to,
            forums_visible_to,
            posts_visible_to,
        )

        lifecycle.register_activity_check("forum", check_forum_activity)
        visibility.register(Forum, can_view_forum, forums_visible_to)
        visibility.register(Discussion, can_view_discussion, discussions_visible_to)
        visibility.register(Post, can_view_post, posts_visible_to)
        visibility.register(ForumRequest, can_view_forum_request)
        visibility.register(DecommissionRequest, can_view_decommission_request,
                            decommission_requests_visible_to)
