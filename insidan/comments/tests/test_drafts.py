"""A refused comment keeps its text and shows why next to the field (issue 20, item 4): the
page used to redirect to #kommentarer with an empty textarea and the error above the viewport."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from profiles.actions import post_status_update

pytestmark = pytest.mark.django_db

PNR_TEXT = "Ring mig, mitt personnummer är 811218-9876."


@pytest.fixture
def status(employee):
    return post_status_update(actor=employee, body="Ny vecka, nya tag!")


def _url(target) -> str:
    return reverse("comments:post", args=[ContentType.objects.get_for_model(target).pk,
                                          target.pk])


def _form(html: str) -> str:
    return html[html.index('id="kommentera"'):html.index("</form>", html.index('id="kommentera"'))]


def test_a_refused_comment_comes_back_in_the_form_with_the_reason_and_the_focus(
        client, status, other_employee):
    client.force_login(other_employee)
    response = client.post(_url(status), {"text": PNR_TEXT})
    assert response.status_code == 302
    # No #anchor: a browser skips autofocus when the address names an element.
    assert response["Location"] == status.get_absolute_url()
    form = _form(client.get(response["Location"]).content.decode())
    assert "811218-9876." in form  # the text is in the textarea
    assert "personnummer" in form.lower() and 'class="error"' in form  # the reason, by it
    textarea = re.search(r"<textarea[^>]*>", form).group(0)
    assert "autofocus" in textarea and 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_text_error_1' in textarea
    assert not Comment.objects.exists()
    # Taken once: the next showing of the page has an empty form.
    again = _form(client.get(status.get_absolute_url()).content.decode())
    assert "811218-9876" not in again and "autofocus" not in again


def test_a_flagged_comment_shows_the_consent_box_and_is_saved_once_ticked(
        client, status, other_employee):
    client.force_login(other_employee)
    text = "Ring Kalle på 070-123 45 67 om schemat."
    response = client.post(_url(status), {"text": text})
    form = _form(client.get(response["Location"]).content.decode())
    assert "070-123 45 67" in form and 'name="confirm_personal_data"' in form
    response = client.post(_url(status), {"text": text, "confirm_personal_data": "on"})
    assert Comment.objects.get().comment == text


def test_a_refused_reply_keeps_its_place_in_the_thread(client, status, employee,
                                                        other_employee):
    first = post_comment(actor=employee, target=status, text="Vad tycker ni?")
    client.force_login(other_employee)
    response = client.post(_url(status), {"text": PNR_TEXT, "parent": first.pk})
    form = _form(client.get(response["Location"]).content.decode())
    assert f'name="parent" value="{first.pk}"' in form and "811218-9876" in form
    assert "Ditt svar på kommentaren av Anna Lindqvist sparades inte" in form


def test_a_draft_belongs_to_its_own_page_only(client, status, other_employee):
    other = post_status_update(actor=other_employee, body="En annan uppdatering.")
    client.force_login(other_employee)
    client.post(_url(status), {"text": PNR_TEXT})
    assert "811218-9876" not in client.get(other.get_absolute_url()).content.decode()
    assert "811218-9876" in client.get(status.get_absolute_url()).content.decode()
