from django import forms
from django.utils.translation import gettext_lazy as _

from insidan.core.forms import PersonalDataGuardMixin, UserTextField
from insidan.security.idempotency import SubmissionTokenMixin

from .models import COMMENT_MAX_LENGTH


class CommentForm(PersonalDataGuardMixin, SubmissionTokenMixin, forms.Form):
    guarded_fields = ("text",)

    text = UserTextField(label=_("Din kommentar"), max_length=COMMENT_MAX_LENGTH,
                         widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
