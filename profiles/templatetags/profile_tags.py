from django import template

from ..completeness import completeness

register = template.Library()


@register.simple_tag
def profile_completeness(profile):
    return completeness(profile)
