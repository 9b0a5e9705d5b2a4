from django import template

from insidan.core.text import plain_text_excerpt

register = template.Library()


@register.filter
def excerpt(html: str, length: int = 300) -> str:
    """Plain text from a post's rich text, for the blog's list (escaped by the template)."""
    return plain_text_excerpt(html or "", length)


@register.filter
def names(users) -> str:
    return ", ".join(u.get_full_name() or u.get_username() for u in users)
