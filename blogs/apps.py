from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogsConfig(AppConfig):
    name = "blogs"
    verbose_name = _("Bloggar")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from insidan.core import lifecycle, visibility

        from .actions import check_blog_activity, on_post_published
        from .models import BlogPage, BlogPostPage, BlogRequest
        from .permissions import can_view_blog, can_view_blog_post, can_view_blog_request
        from .selectors import blog_posts_visible_to, blogs_visible_to

        lifecycle.register_activity_check("blog", check_blog_activity)
        visibility.register(BlogPage, can_view_blog, blogs_visible_to)
        visibility.register(BlogPostPage, can_view_blog_post, blog_posts_visible_to)
        visibility.register(BlogRequest, can_view_blog_request)
        # Wagtail's publish action is where a post is published (admin, schedule, create_post).
        page_published.connect(on_post_published, sender=BlogPostPage,
                               dispatch_uid="blogs.announce_new_post")
