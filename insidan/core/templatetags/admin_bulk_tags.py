"""The admin listings' bulk action bar without the page actions the reader may not use.

Wagtail shows every registered bulk action to everyone and checks the permission only per
selected page when the action is carried out. Here removing a page (delete, unpublish, move)
is refused for every page that holds blog content, superusers too (blogs/wagtail_hooks.py),
and blog writers may delete no page at all: they saw "Radera", "Avpublicera" and "Flytta" that
could only answer with a refusal. Those three are shown only to whoever may delete pages
somewhere (superusers: no group here has the delete permission); the refusal hooks still
stand behind them.
"""

from django import template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.permission_policies.pages import PagePermissionPolicy

register = template.Library()

REMOVING_PAGE_ACTIONS = {"delete", "unpublish", "move"}


def _kept(buttons: list, hidden_urls: set[str]) -> list:
    kept = []
    for button in buttons:
        if getattr(button, "url", None) in hidden_urls:
            continue
        if hasattr(button, "dropdown_buttons"):  # "Mer": the actions after the first four
            button.dropdown_buttons = _kept(button.dropdown_buttons, hidden_urls)
            if not button.dropdown_buttons:
                continue
        kept.append(button)
    return kept


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def permitted_bulk_action_choices(context, app_label, model_name):
    """Wagtail's bulk_action_choices, less the removing page actions for whoever may not
    delete pages."""
    choices = bulk_action_choices(context, app_label, model_name)
    if (app_label, model_name) != ("wagtailcore", "page"):
        return choices
    if PagePermissionPolicy().user_has_permission(context["request"].user, "delete"):
        return choices
    hidden = {reverse("wagtail_bulk_action", args=[app_label, model_name, action])
              for action in REMOVING_PAGE_ACTIONS}
    return {**choices, "buttons": _kept(choices["buttons"], hidden)}
