from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    name = "blogs"
    verbose_name = _("Bloggar")

    def ready(self) -> None:
        from insidan.core import visibility

        from .models import BlogPage, BlogPostPage, BlogRequest
        from .permissions import can_view_blog, can_view_blog_post, can_view_blog_request

        visibility.register(BlogPage, can_view_blog)
        visibility.register(BlogPostPage, can_view_blog_post)
        visibility.register(BlogRequest, can_view_blog_request)
