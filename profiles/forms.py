import html

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from insidan.core import images
from insidan.core.forms import PersonalDataGuardMixin, UserTextField
from insidan.security.idempotency import SubmissionTokenMixin

from .models import (
    DESCRIPTION_MAX_LENGTH,
    EXPERIENCE_MAX_LENGTH,
    LANGUAGES_MAX_LENGTH,
    STATUS_MAX_LENGTH,
)

MARKDOWN_HELP = _("Du kan använda Markdown: **fet**, *kursiv*, [länk](https://…), listor med -.")


class StatusUpdateForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
    guarded_fields = ("body",)

    body = UserTextField(
        label=_("Vad arbetar du med?"), max_length=STATUS_MAX_LENGTH,
        help_text=_("Högst 1 000 tecken. Statusuppdateringar är alltid öppna för alla "
                    "medarbetare."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OwnProfileForm(PersonalDataGuardMixin, forms.Form):
    """Only the employee's own fields; the staff directory's are not in the form at all."""

    guarded_fields = ("work_description", "experience", "languages", "skills")

    work_description = UserTextField(
        label=_("Mina arbetsuppgifter"), max_length=DESCRIPTION_MAX_LENGTH, required=False,
        help_text=MARKDOWN_HELP, widget=forms.Textarea(attrs={"rows": 5}),
    )
    experience = UserTextField(
        label=_("Erfarenhet"), max_length=EXPERIENCE_MAX_LENGTH, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    skills = UserTextField(
        label=_("Kunskaper"), max_length=1000, required=False,
        help_text=_("Skilj kunskaperna åt med kommatecken, till exempel: GIS, upphandling, "
                    "Python."),
    )
    languages = UserTextField(
        label=_("Språk"), max_length=LANGUAGES_MAX_LENGTH, required=False,
        help_text=_("Språk du kan använda i arbetet, till exempel: svenska, engelska."),
    )

    def skill_list(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data.get("skills", "").split(",")]


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Foto"),
        help_text=_("JPEG, PNG eller WebP, högst 10 MB och 40 megapixel. Välj ett välliknande "
                    "foto av god kvalitet på dig själv. Ladda bara upp en bild du har rätt att "
                    "använda (upphovsrätt), och finns någon annan med på bilden ska hen ha sagt "
                    "ja till att den publiceras (personuppgifter)."),
        widget=forms.ClearableFileInput(attrs={"accept": images.ACCEPT}),
    )


class PlainSelect(forms.Select):
    """A <select> of flat choices, rendered in Python. Django renders each <option> with its
    own template: the people finder's few hundred skills took about 20 ms a page that way.
    The markup is the same as Select's (attributes, the first matching option selected)."""

    def render(self, name, value, attrs=None, renderer=None):
        esc = conditional_escape
        wanted = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in wanted else ""
            if selected:
                wanted = set()  # one selected option, like Select
            # Values and labels are text (names from the database), never markup: escaped
            # as Django's escape() does, without its wrapping per call.
            options.append(f'<option value="{html.escape(option_value)}"{selected}>'
                           f'{html.escape(str(label))}</option>')
        attributes = "".join(
            f" {key}" if value is True else f' {key}="{esc(value)}"'
            for key, value in self.build_attrs(self.attrs, attrs).items() if value is not False)
        options = "\n  ".join(options)
        return mark_safe(f'<select name="{esc(name)}"{attributes}>\n  {options}\n</select>')


class PlainChoiceField(forms.TypedChoiceField):
    """A choice of many flat options, checked against a set: ChoiceField normalises and walks
    every choice in Python, once to set them and again to validate one value."""

    widget = PlainSelect

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = list(value)
        self._values = {str(key) for key, _label in self._choices}

    def valid_value(self, value) -> bool:
        return str(value) in self._values


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök på namn, titel, förvaltning eller kunskap"),
                        max_length=100, required=False)
    department = PlainChoiceField(label=_("Förvaltning eller kontor"), required=False,
                                  coerce=int, empty_value=None)
    skill = PlainChoiceField(label=_("Kunskap"), required=False, empty_value="")

    def __init__(self, *args, departments=(), skills=(), **kwargs):
        """`departments` as (pk, name) and `skills` as (slug, name) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("Alla")), *departments]
        self.fields["skill"].choices = [("", _("Alla")), *skills]
