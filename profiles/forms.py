from django import forms
from django.utils.translation import gettext_lazy as _

from insidan.core.forms import PersonalDataGuardMixin, UserTextField

from .models import (
    DESCRIPTION_MAX_LENGTH,
    EXPERIENCE_MAX_LENGTH,
    LANGUAGES_MAX_LENGTH,
    STATUS_MAX_LENGTH,
)

MARKDOWN_HELP = _("Du kan använda Markdown: **fet**, *kursiv*, [länk](https://…), listor med -.")


class StatusUpdateForm(PersonalDataGuardMixin, forms.Form):
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
                    "foto av god kvalitet på dig själv."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök på namn, titel, förvaltning eller kunskap"),
                        max_length=100, required=False)
    department = forms.TypedChoiceField(label=_("Förvaltning eller kontor"), required=False,
                                        coerce=int, empty_value=None)
    skill = forms.ChoiceField(label=_("Kunskap"), required=False)

    def __init__(self, *args, departments=(), skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("Alla"))] + [
            (d.pk, d.name) for d in departments]
        self.fields["skill"].choices = [("", _("Alla"))] + [(s.slug, s.name) for s in skills]
