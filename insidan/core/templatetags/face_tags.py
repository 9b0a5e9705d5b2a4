"""`{% avatar user %}` (or a Face): the decorative photo or initials beside a name
(insidan.core.faces)."""

from django import template

from insidan.core.faces import Face, face_of

register = template.Library()


@register.inclusion_tag("includes/avatar.html")
def avatar(person, size: str = "small"):
    face = person if isinstance(person, Face) or person is None else face_of(person)
    return {"face": face, "size": size}
