"""The visibility rule for blogs and posts (selectors.py has the queryset form), and who may do
what in a blog.

Blogs are open to every employee (the guideline: "Bloggar är öppna för alla"). A blog that is
requested or archived is seen only by Webbredaktionen; a post is seen when it is published, its
blog is seen and it was not removed. A post hidden pending review is seen by its writers, the
blog's owner and deputies, and Webbredaktionen.
"""

from insidan.core.models import ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import BlogPage, BlogPostPage

OPEN_STATUSES = (ChannelStatus.ACTIVE, ChannelStatus.DECOMMISSION_REQUESTED)


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_blog(user, blog: BlogPage) -> bool:
    if not _is_employee(user) or not blog.live:
        return False
    return blog.status in OPEN_STATUSES or is_webbredaktionen(user)


def is_writer(user, blog: BlogPage) -> bool:
    return _is_employee(user) and blog.writers.filter(pk=user.pk).exists()


def is_post_writer(user, post: BlogPostPage) -> bool:
    return _is_employee(user) and post.writers.filter(pk=user.pk).exists()


def can_view_blog_post(user, post: BlogPostPage) -> bool:
    if not _is_employee(user) or not post.live:
        return False
    if post.moderation_state == ModerationState.REMOVED:
        return False
    blog = post.blog
    if not can_view_blog(user, blog):
        return False
    if post.is_hidden:
        return (is_webbredaktionen(user) or blog.is_owner_or_deputy(user)
                or is_post_writer(user, post))
    return True


def can_comment(user, post: BlogPostPage) -> bool:
    """Comment or reply: the post is visible and shown to all, and the blog is active."""
    return (
        can_view_blog_post(user, post)
        and post.moderation_state == ModerationState.VISIBLE
        and post.blog.status == ChannelStatus.ACTIVE
    )


def can_manage_blog(user, blog: BlogPage) -> bool:
    """Owner duties (writers, decommissioning): the owner and deputies."""
    return _is_employee(user) and blog.is_owner_or_deputy(user)


def can_view_blog_request(user, blog_request) -> bool:
    return _is_employee(user) and (
        blog_request.requester_id == user.pk or is_webbredaktionen(user)
    )
