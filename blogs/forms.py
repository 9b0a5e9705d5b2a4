from html import unescape

from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from insidan.core.forms import PersonalDataGuardMixin, UserTextField
from insidan.core.personal_data import scan

# What a page published from the admin shows, besides its own fields: the slug in the
# address, and the search title and description that search engines and feeds show.
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description")


def _texts(name: str, value) -> list[str]:
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


class GuardedPageForm(WagtailAdminPageForm):
    """The personal-data guard on every field a page publishes, whichever button was pressed
    (save a draft, publish, schedule, submit for moderation: all validate this form): a
    personnummer or samordningsnummer is an error on its field, in Swedish, and nothing is
    saved."""

    guarded_fields: tuple[str, ...] = PAGE_FIELDS

    def clean(self):
        cleaned_data = super().clean()
        for name in self.guarded_fields:
            if name not in self.fields:
                continue
            messages = []
            for text in _texts(name, cleaned_data.get(name)):
                messages += [str(f.message) for f in scan(text).refusals]
            if messages:
                self.add_error(name, forms.ValidationError(sorted(set(messages)),
                                                           code="personal_data"))
        return cleaned_data


class BlogPageForm(GuardedPageForm):
    """The blog's presentation, edited by its owner in the admin."""

    guarded_fields = (*PAGE_FIELDS, "presentation", "contact")


class BlogPostPageForm(GuardedPageForm):
    """The post editor in the admin: a post's writers are chosen among the blog's writers."""

    guarded_fields = (*PAGE_FIELDS, "body", "tags")

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        blog = parent_page.specific if parent_page is not None else None
        field = self.fields.get("writers")
        if field is not None and blog is not None and hasattr(blog, "writers"):
            field.queryset = blog.writers.order_by("first_name", "last_name")
            # People by their names, as everywhere else ("Anna Lindqvist", not "anna").
            field.label_from_instance = lambda user: user.get_full_name() or user.username
            if not self.instance.pk and self.for_user is not None:
                field.initial = [self.for_user.pk]

    def clean_writers(self):
        writers = self.cleaned_data.get("writers")
        if not writers:
            raise forms.ValidationError(_("Välj minst en skribent."))
        return writers


def _active_user(username: str):
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise forms.ValidationError(_("Det finns ingen aktiv medarbetare med det "
                                      "användarnamnet."))
    return user


class BlogRequestForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("name", "purpose", "target_group")

    name = UserTextField(label=_("Bloggens namn"), max_length=120)
    purpose = UserTextField(label=_("Syfte"), max_length=2000, widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("Vad bloggen är till för. Visas i presentationen."))
    target_group = UserTextField(label=_("Målgrupp"), max_length=300)
    watched_hours = UserTextField(
        label=_("När kommentarerna bevakas"), max_length=200,
        help_text=_("Till exempel ”vardagar 8–17”, så att läsarna vet när svar kan väntas."))
    approved_by = forms.CharField(
        label=_("Chef eller processledare du har talat med (användarnamn)"), max_length=150)
    accept_terms = forms.BooleanField(
        label=_("Jag har läst villkoren för bloggar och tar ansvar för bloggen enligt dem."))

    def clean_approved_by(self):
        return _active_user(self.cleaned_data["approved_by"])


class WriterForm(forms.Form):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)

    def clean_username(self):
        return _active_user(self.cleaned_data["username"])
