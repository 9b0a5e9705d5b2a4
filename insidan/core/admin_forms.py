"""The one text pipeline in the Wagtail admin: every page and model form that publishes text.

Pages (the start page, the rules, the blog index, blogs and their posts) and the terms are
written in the admin's own editor, not in our forms, so the pipeline's checks are added to the
admin's forms here. A page form checks every field the page publishes, whichever button was
pressed (save a draft, publish, schedule, submit for moderation: all validate the form), and a
refusal is an error on its field, in Swedish, and nothing is saved. The fields are named by the
model (``published_fields``), beside its panels; a test lists every page model and every text
field on it and fails when one is not checked (``tests/security/test_admin_text.py``).
"""

from __future__ import annotations

from html import unescape
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .usertext import check_characters, refuse_personal_data

# What every page published from the admin shows, besides its own fields: the title, the slug
# in the address, and the search title and description that search engines and feeds show.
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description")


def published_texts(name: str, value: Any) -> list[str]:
    """The texts a field publishes. Rich text is read as stored, so attribute values (link
    targets, image alt texts) are read too, and as the text a reader sees."""
    if value is None:
        return []
    if name == "tags":
        return [str(tag) for tag in value]
    if name == "slug":  # "19811218-9876" or "personnummer-811218-9876"
        return [str(value), str(value).replace("-", " ")]
    text = str(value)
    if "<" in text:
        return [text, unescape(strip_tags(text))]
    return [text]


class GuardedFieldsMixin:
    """Run the text pipeline's character check and personal data guard on ``guarded_fields``
    and on the fields the form's model names in ``published_fields``."""

    guarded_fields: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()  # type: ignore[misc]
        model = self._meta.model  # type: ignore[attr-defined]
        for name in (*self.guarded_fields, *getattr(model, "published_fields", ())):
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            texts = published_texts(name, cleaned_data.get(name))
            try:
                for text in texts:
                    check_characters(text)
                refuse_personal_data(texts)
            except ValidationError as error:
                self.add_error(name, error)  # type: ignore[attr-defined]
        return cleaned_data


class GuardedPageForm(GuardedFieldsMixin, WagtailAdminPageForm):
    """The base form of every page type (``Page.base_form_class``): the page fields every page
    publishes, and the model's own ``published_fields``."""

    guarded_fields: tuple[str, ...] = PAGE_FIELDS


class GuardedModelForm(GuardedFieldsMixin, WagtailAdminModelForm):
    """The base form of a model edited in the admin (a viewset) that publishes text: the
    model's ``base_form_class``, with its ``published_fields``."""
