"""One registry of the visibility rule per model, for the surfaces that handle objects of any
kind (notifications, reports, the archive, search results).

Each content app registers its model's `can_view_<thing>(user, obj)` in its AppConfig.ready();
the same app's `<things>_visible_to(user)` selector is the queryset form of the same rule.
An object whose model is not registered is visible to nobody: a new kind must say who sees it.
"""

from collections.abc import Callable

from django.db.models import Model

_rules: dict[type[Model], Callable[[object, Model], bool]] = {}


def register(model: type[Model], can_view: Callable[[object, Model], bool]) -> None:
    _rules[model] = can_view


def can_view(user, obj: Model | None) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = _rules.get(type(obj)) or _rules.get(obj._meta.concrete_model)
    return bool(rule and rule(user, obj))


def registered_models() -> list[type[Model]]:
    return list(_rules)
