"""What can be commented on, each kind with the queryset form of its own visibility rule.

A comment is visible exactly when what it is on is visible (and the comment itself is neither
removed nor hidden from the viewer), so the comments' rule needs each target's rule as a
queryset to stay one query. A model that is not registered here takes no comments: a comment
on it is visible to nobody.
"""

from collections.abc import Callable

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

_targets: dict[type[Model], Callable[[object], QuerySet] | str] = {}


def register_comment_target(model: type[Model], visible: Callable[[object], QuerySet] | str
                            ) -> None:
    """`visible(user)` (or its dotted path, resolved on use) is the model's selector."""
    _targets[model] = visible


def unregister_comment_target(model: type[Model]) -> None:
    _targets.pop(model, None)


def comment_targets() -> list[tuple[type[Model], Callable[[object], QuerySet]]]:
    return [
        (model, import_string(visible) if isinstance(visible, str) else visible)
        for model, visible in _targets.items()
    ]


def is_comment_target(model: type[Model]) -> bool:
    return model in _targets or model._meta.concrete_model in _targets


def register_defaults() -> None:
    """Blog posts and status updates (the guideline: blogs have comments; colleagues comment
    on status updates)."""
    for label, selector in [
        ("blogs.BlogPostPage", "blogs.selectors.blog_posts_visible_to"),
        ("profiles.StatusUpdate", "profiles.selectors.status_updates_visible_to"),
    ]:
        try:
            register_comment_target(apps.get_model(label), selector)
        except LookupError:
            continue
