from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from insidan.core.admin_forms import GuardedPageForm
from insidan.core.forms import PersonalDataGuardMixin, UserTextField
from insidan.security.idempotency import SubmissionTokenMixin


class BlogPostPageForm(GuardedPageForm):
    """The post editor in the admin: a post's writers are chosen among the blog's writers."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        blog = parent_page.specific if parent_page is not None else None
        field = self.fields.get("writers")
        if field is not None and blog is not None and hasattr(blog, "writers"):
            field.queryset = blog.writers.order_by("first_name", "last_name")
            # People by their names, as everywhere else ("Anna Lindqvist", not "anna").
            field.label_from_instance = lambda user: user.get_full_name() or user.username
            if not self.instance.pk and self.for_user is not None:
                # The form's initial (the new page's empty writers) wins over the field's.
                self.initial["writers"] = [self.for_user.pk]

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


class BlogRequestForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
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
