"""Blogs are built with the real actions: a request, Webbredaktionen's decision, writers and
posts (the request flow is what sets up the page tree, the writer group and permissions)."""

from django.conf import settings
from django.contrib.auth.models import Group

from blogs import actions
from blogs.models import BlogPage, BlogPostPage
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from insidan.core.terms import current_terms
from profiles.tests.factories import UserFactory


def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    return user


def blog_terms(webbred=None):
    terms = current_terms(ChannelKind.BLOG)
    if terms is None:
        terms = publish_terms(actor=webbred or editor(), kind=ChannelKind.BLOG,
                              title="Villkor för bloggar", body="<p>Villkor</p>")
    return terms


def make_blog(owner=None, *, name: str = "IT-bloggen", webbred=None, writers=()) -> BlogPage:
    owner = owner or UserFactory()
    webbred = webbred or editor()
    blog_request = actions.request_blog(
        actor=owner, name=name, purpose="Nyheter och tips.", target_group="Alla medarbetare",
        watched_hours="Vardagar 8–17", approved_by=UserFactory(), terms=blog_terms(webbred),
    )
    blog = actions.decide_blog_request(actor=webbred, blog_request=blog_request,
                                       approve=True).blog
    for writer in writers:
        actions.add_writer(actor=owner, blog=blog, user=writer)
    return BlogPage.objects.get(pk=blog.pk)


def make_post(blog: BlogPage, *, actor=None, title: str = "Ett inlägg", writers=(),
              body: str = "Hej **alla**!", publish: bool = True, **kwargs) -> BlogPostPage:
    actor = actor or blog.owner
    return actions.create_post(actor=actor, blog=blog, title=title, body=body,
                               writers=writers, publish=publish, **kwargs)
