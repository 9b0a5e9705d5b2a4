"""The one text pipeline: what it stores, what it refuses, and that a form and an action agree."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from insidan.core.forms import UserTextField
from insidan.core.usertext import clean_user_text

# Shown as "Fakturaexe.pdf": the override reverses the rest of the name.
SPOOFED_FILE_NAME = "Faktura\u202efdp.exe"
REFUSED = [
    pytest.param("a\x00b", id="nul"),
    pytest.param("bell\x07", id="bell"),
    pytest.param("esc\x1b[31m", id="escape"),
    pytest.param("c1\x9bcontrol", id="c1"),
    pytest.param("del\x7f", id="delete"),
    pytest.param("lone\ud800", id="surrogate"),
    pytest.param("non\uffffchar", id="non-character"),
    pytest.param(SPOOFED_FILE_NAME, id="right-to-left-override"),
    pytest.param("a\u202ab", id="left-to-right-embedding"),
    pytest.param("a\u2067b\u2069", id="right-to-left-isolate"),
    pytest.param("Ring 811218-9876", id="personnummer"),
    pytest.param("Ring 8112\u200b18-9876", id="personnummer-zero-width"),
]
ACCEPTED = [
    ("Fika klockan 15.", "Fika klockan 15."),
    ("  rad ett\r\nrad\ttvå\rrad tre  ", "rad ett\nrad\ttvå\nrad tre"),
    ("a\u2028b", "a\nb"),
    ("A\u030arsta", "Årsta"),  # a + combining ring, composed
    ("\u05e9\u05dc\u05d5\u05dd\u200f!", "\u05e9\u05dc\u05d5\u05dd\u200f!"),  # a direction mark
    ("Diarienummer KS-2025-0123, 1981-12-18 kl. 09.30", None),
]


class OneForm(forms.Form):
    text = UserTextField(max_length=100, widget=forms.Textarea)


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


@pytest.mark.parametrize("text", REFUSED)
def test_the_action_refuses(text: str) -> None:
    with pytest.raises(ValidationError):
        clean_user_text(text, max_length=100)


@pytest.mark.parametrize("text", [p for p in REFUSED if "personnummer" not in p.id])
def test_the_form_refuses_what_the_action_refuses(text: str) -> None:
    """The personal data guard of a form is PersonalDataGuardMixin's (it can ask for consent);
    every other refusal is the field's own, with the same words as the action's."""
    form = OneForm(data={"text": text})

    assert not form.is_valid()
    with pytest.raises(ValidationError) as refused:
        clean_user_text(text, max_length=100)
    assert form.errors["text"] == refused.value.messages


@pytest.mark.parametrize(("text", "stored"), ACCEPTED)
def test_form_and_action_store_the_same_text(text: str, stored: str | None) -> None:
    form = OneForm(data={"text": text})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == clean_user_text(text, max_length=100)
    assert form.cleaned_data["text"] == (stored or text)


def test_the_override_is_named_so_the_writer_can_find_it() -> None:
    with pytest.raises(ValidationError) as refused:
        clean_user_text(SPOOFED_FILE_NAME, max_length=100)

    assert "vänder skrivriktningen (U+202E)" in refused.value.messages[0]


def test_a_one_line_field_gets_one_line() -> None:
    assert clean_user_text(" Lunch\n  på\tfredag ", max_length=100, multiline=False) == (
        "Lunch på fredag")
    assert UserTextField(max_length=100).clean(" Lunch\n  på\tfredag ") == "Lunch på fredag"


def test_the_length_is_counted_after_composing() -> None:
    decomposed = "A\u030a" * 10  # ten letters "Å" written as twenty code points

    assert clean_user_text(decomposed, max_length=10) == "Å" * 10
    assert OneForm(data={"text": decomposed * 10}).is_valid()


def test_empty_and_too_long_have_swedish_messages() -> None:
    with pytest.raises(ValidationError, match="Fyll i rubrik."):
        clean_user_text("   ", max_length=10, label="rubrik")
    with pytest.raises(ValidationError) as too_long:
        clean_user_text("x" * 20_001, max_length=20_000, label="rubrik")
    assert too_long.value.messages == ["Rubrik får vara högst 20\u00a0000 tecken."]
    assert clean_user_text("", max_length=10, required=False) == ""
