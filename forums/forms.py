from django import forms
from django.utils.translation import gettext_lazy as _

from insidan.core.forms import PersonalDataGuardMixin, UserTextField
from insidan.security.idempotency import SubmissionTokenMixin

from .models import POST_MAX_LENGTH

BODY_HELP = _("Du kan använda Markdown: **fet**, *kursiv*, [länk](https://…), listor med -.")


class PostForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
    guarded_fields = ("body",)

    body = UserTextField(
        label=_("Ditt inlägg"), max_length=POST_MAX_LENGTH, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ModeratorNoteForm(PostForm):
    """A moderator's note stands out in the discussion ("håll er till ämnet")."""

    body = UserTextField(
        label=_("Moderatorns anteckning"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DiscussionForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
    guarded_fields = ("title", "body")

    title = UserTextField(label=_("Rubrik"), max_length=200)
    body = UserTextField(
        label=_("Första inlägget"), max_length=POST_MAX_LENGTH, help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ForumRequestForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
    guarded_fields = ("name", "purpose", "target_group")

    name = UserTextField(label=_("Forumets namn"), max_length=120)
    purpose = UserTextField(label=_("Syfte"), max_length=2000, widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("Vad forumet är till för. Visas i presentationen."))
    target_group = UserTextField(label=_("Målgrupp"), max_length=300)
    watched_hours = UserTextField(
        label=_("När forumet bevakas"), max_length=200,
        help_text=_("Till exempel ”vardagar 8–17”, så att deltagarna vet när svar kan väntas."))
    approved_by = forms.CharField(
        label=_("Chef eller processledare du har talat med (användarnamn)"), max_length=150)
    accept_terms = forms.BooleanField(
        label=_("Jag har läst villkoren för forum och tar ansvar för forumet enligt dem."))

    def clean_approved_by(self):
        return active_employee(self.cleaned_data["approved_by"])


def active_employee(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise forms.ValidationError(_("Det finns ingen aktiv medarbetare med det "
                                      "användarnamnet."))
    return user


class ReasonForm(forms.Form):
    """The owner's reason for decommissioning, or Webbredaktionen's when carrying it out."""

    reason = forms.CharField(label=_("Skäl"), max_length=1000,
                             error_messages={"required": _("Skriv ett skäl.")})


class MoveForm(forms.Form):
    """Where to move a discussion: the forums the user moderates (move_targets)."""

    to_forum = forms.ModelChoiceField(
        label=_("Flytta till forumet"), queryset=None, empty_label=_("Välj forum"),
        error_messages={"required": _("Välj ett forum att flytta diskussionen till."),
                        "invalid_choice": _("Välj ett forum som du modererar.")},
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_forum"].queryset = targets


class HandOverForm(forms.Form):
    new_owner = forms.CharField(label=_("Ny ägare (användarnamn)"), max_length=150)

    def clean_new_owner(self):
        return active_employee(self.cleaned_data["new_owner"])
