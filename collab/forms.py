"""Input checks for the room pages; the views hand cleaned_data to the actions, which check
the rules again for every caller."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from insidan.core.forms import IMAGE_RIGHTS_HELP, PersonalDataGuardMixin, UserTextField
from insidan.security.idempotency import SubmissionTokenMixin

from .files import check_size
from .models import RoomKind

User = get_user_model()


class UsernameField(forms.CharField):
    """An active employee, by user name."""

    def __init__(self, **kwargs):
        super().__init__(max_length=150, **kwargs)

    def clean(self, value):
        username = super().clean(value)
        if not username:
            return None
        user = User.objects.filter(username=username.strip(), is_active=True).first()
        if user is None:
            raise ValidationError(_("Det finns ingen medarbetare med användarnamnet ”%(name)s”."),
                                  params={"name": username})
        return user


class RoomForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("name", "purpose", "target_group", "presentation", "contact",
                      "watched_hours")

    name = UserTextField(label=_("Rummets namn"), max_length=120)
    room_kind = forms.ChoiceField(label=_("Typ av rum"), choices=RoomKind.choices)
    is_closed = forms.TypedChoiceField(
        label=_("Öppet eller slutet"),
        choices=[("0", _("Öppet: alla medarbetare kan gå med och läsa")),
                 ("1", _("Slutet: medlemmar ansöker, bara medlemmar ser innehållet"))],
        coerce=lambda value: value == "1", widget=forms.RadioSelect, initial="0",
    )
    purpose = UserTextField(
        label=_("Syfte"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad rummet är till för. Visas i presentationen."),
        error_messages={"required": _("Skriv rummets syfte. Det visas i presentationen.")},
    )
    target_group = UserTextField(
        label=_("Målgrupp"), max_length=300,
        help_text=_("Vilka rummet är till för. Visas i presentationen."),
        error_messages={"required": _("Skriv rummets målgrupp. Den visas i presentationen.")},
    )
    presentation = UserTextField(
        label=_("Presentation"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Valfri längre beskrivning. Du kan använda Markdown."),
    )
    contact = UserTextField(label=_("Kontakt"), max_length=300, required=False,
                            help_text=_("Till exempel en funktionsbrevlåda."))
    watched_hours = UserTextField(
        label=_("När rummet bevakas"), max_length=200,
        help_text=_("Till exempel ”vardagar 8–17”, så att medlemmarna vet när svar kan väntas."),
    )


class CreateRoomForm(SubmissionTokenMixin, RoomForm):
    approved_by = UsernameField(
        label=_("Chef eller processledare du har talat med (användarnamn)"),
        help_text=_("Du ska ha fört en dialog med din närmaste chef eller processledare "
                    "innan du startar ett rum."),
    )
    accept_terms = forms.BooleanField(
        label=_("Jag har läst villkoren för samarbetsrum, godkänner dem och tar ansvar för "
                "rummet"),
        error_messages={"required": _("Du behöver läsa och godkänna villkoren för att starta "
                                      "ett rum.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_approved_by(self):
        approved_by = self.cleaned_data.get("approved_by")
        if approved_by is not None and self.user is not None and approved_by.pk == self.user.pk:
            raise ValidationError(_("Du kan inte själv vara den chef som godkänt rummet."))
        return approved_by


class ApplicationForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("message",)

    message = UserTextField(
        label=_("Meddelande till rummets ägare"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Berätta kort varför du vill bli medlem."),
    )


class DecisionForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("message",)

    decision = forms.ChoiceField(choices=[("approve", _("Godkänn")), ("decline", _("Avslå"))])
    message = UserTextField(label=_("Meddelande till den som ansökt (valfritt)"),
                            max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class InviteForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("message",)

    invitee = UsernameField(label=_("Användarnamn"))
    message = UserTextField(label=_("Meddelande (valfritt)"), max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class HandOverForm(forms.Form):
    new_owner = forms.ModelChoiceField(label=_("Ny ägare"), queryset=User.objects.none())

    def __init__(self, *args, room=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = (
            User.objects.filter(room_memberships__room=room, is_active=True)
            .exclude(pk=room.owner_id).order_by("last_name", "first_name")
        )
        self.fields["new_owner"].label_from_instance = (
            lambda user: user.get_full_name() or user.get_username()
        )


class DecommissionForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("reason",)

    reason = UserTextField(label=_("Varför ska rummet avvecklas?"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class DocumentUploadForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("title",)

    file = forms.FileField(label=_("Fil"), help_text=format_lazy(
        "{} {}", _("Är det en bild?"), IMAGE_RIGHTS_HELP))
    title = UserTextField(label=_("Rubrik (valfritt)"), max_length=200, required=False,
                          help_text=_("Annars används filnamnet."))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_size(uploaded.size)
        return uploaded


class RemoveDocumentForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("reason",)

    reason = UserTextField(label=_("Skäl"), max_length=1000,
                           initial=_("Inte längre aktuellt"))
