"""Form fields as a person with a screen reader or a keyboard needs them after a refusal."""

from django import template

register = template.Library()


@register.filter
def with_error_focus(field):
    """The field's widget; when the field has errors, it is marked invalid, described by its
    error messages (the ids includes/field.html gives them) and focused when the page opens
    (`autofocus`: the browser focuses the first such field), so a refused form puts the person
    at the field that needs them (WCAG 3.3.1), not at the top of a long page."""
    if not field.errors:
        return field
    described = [f"{field.auto_id}_error_{n}" for n in range(1, len(field.errors) + 1)]
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    return field.as_widget(attrs={
        "aria-invalid": "true", "aria-describedby": " ".join(described), "autofocus": True,
    })
