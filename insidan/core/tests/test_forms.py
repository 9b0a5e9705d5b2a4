import pytest
from django import forms
from django.utils import translation

from insidan.core.forms import PersonalDataGuardMixin, UserTextField


class PostForm(PersonalDataGuardMixin, forms.Form):
    guarded_fields = ("title", "body")

    title = UserTextField(max_length=100)
    body = UserTextField(max_length=2000, widget=forms.Textarea)
    tags = forms.CharField(required=False)


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def test_clean_text_is_valid_and_confirmation_is_optional() -> None:
    form = PostForm(data={"title": "Fika", "body": "Fika i lunchrummet klockan 15."})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Fika i lunchrummet klockan 15."
    assert form.cleaned_data["confirm_personal_data"] is False
    assert form.personal_data_flags == ()


def test_confirmation_field_is_added_with_a_swedish_label() -> None:
    field = PostForm().fields["confirm_personal_data"]

    assert isinstance(field, forms.BooleanField)
    assert not field.required
    assert str(field.label) == "Jag har samtycke / det är inte en personuppgift"


@pytest.mark.parametrize("field", ["title", "body"])
def test_personnummer_is_refused_on_its_field_and_the_rest_is_kept(field: str) -> None:
    data = {"title": "Om mig", "body": "Hej kollegor!", "tags": "presentation"}
    data[field] += " 811218-9876"

    form = PostForm(data=data)

    assert not form.is_valid()
    assert list(form.errors) == [field]
    [message] = form.errors[field]
    assert "”811218-9876” ser ut som ett personnummer" in message
    for name, value in data.items():
        assert form[name].value() == value
    assert "Hej kollegor!" in str(form["body"])


def test_refusal_is_not_lifted_by_confirmation() -> None:
    form = PostForm(data={"title": "x", "body": "Samnr 701063-2391", "confirm_personal_data": "on"})

    assert not form.is_valid()
    assert "samordningsnummer" in form.errors["body"][0]


def test_several_refusals_give_several_errors() -> None:
    form = PostForm(data={"title": "x", "body": "811218-9876 och 121212-1212"})

    assert not form.is_valid()
    assert len(form.errors["body"]) == 2


@pytest.mark.parametrize(
    "body",
    [
        "Ring mig på 070-123 45 67",
        "Min bil ABC123 står fel",
        "Hon är sjukskriven i vår",
        "Grannen dömdes för stöld",
        "Hon bor på Storgatan 12, 352 30 Växjö",
    ],
)
def test_flag_needs_confirmation(body: str) -> None:
    form = PostForm(data={"title": "Fråga", "body": body})

    assert not form.is_valid()
    assert list(form.errors) == ["confirm_personal_data"]
    errors = list(form.errors["confirm_personal_data"])
    assert errors[0].startswith("Texten innehåller något som kan vara personuppgifter")
    [finding] = form.personal_data_flags
    assert any(f"”{finding.excerpt}”" in error for error in errors[1:])
    assert form["body"].value() == body


def test_flags_from_all_guarded_fields_are_listed() -> None:
    form = PostForm(data={"title": "ABC123", "body": "ring 018-727 00 00"})

    assert not form.is_valid()
    errors = " ".join(form.errors["confirm_personal_data"])
    assert "”ABC123”" in errors
    assert "”018-727 00 00”" in errors


@pytest.mark.parametrize("checked", ["on", "true", "1"])
def test_confirmation_lets_flagged_text_through(checked: str) -> None:
    body = "Ring mig på 070-123 45 67"
    form = PostForm(data={"title": "Fråga", "body": body, "confirm_personal_data": checked})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == body
    assert [f.excerpt for f in form.personal_data_flags] == ["070-123 45 67"]


def test_unguarded_fields_are_not_scanned() -> None:
    form = PostForm(data={"title": "x", "body": "y", "tags": "811218-9876"})

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("body", ["a\x00b", "\x00", "text\x07", "esc\x1b[31m", "a\x0bb"])
def test_nul_and_control_characters_give_one_swedish_error(body: str) -> None:
    form = PostForm(data={"title": "x", "body": body})

    assert not form.is_valid()
    assert form.errors["body"] == ["Texten innehåller otillåtna tecken."]


def test_tab_and_newlines_are_allowed() -> None:
    form = PostForm(data={"title": "x", "body": "rad ett\r\nrad\ttvå\nrad tre"})

    assert form.is_valid(), form.errors


def test_too_long_text_gets_djangos_swedish_message() -> None:
    form = PostForm(data={"title": "x" * 101, "body": "y"})

    assert not form.is_valid()
    assert form.errors["title"] == [
        "Säkerställ att detta värde har som mest 100 tecken (den har 101)."
    ]


def test_text_of_exactly_max_length_is_valid() -> None:
    form = PostForm(data={"title": "x" * 100, "body": "y"})

    assert form.is_valid(), form.errors


def test_user_text_field_requires_max_length() -> None:
    with pytest.raises(TypeError):
        UserTextField()  # type: ignore[call-arg]


def test_a_repeated_flag_is_listed_once() -> None:
    form = PostForm(data={"title": "ABC123", "body": "ABC123 igen, och ABC123"})

    assert not form.is_valid()
    assert len(form.errors["confirm_personal_data"]) == 2
    assert len(form.personal_data_flags) == 3
