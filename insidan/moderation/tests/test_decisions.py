import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from insidan.archive.models import ArchiveRecord, LegalHold
from insidan.core.models import ModerationState
from insidan.notify.events import Event
from insidan.notify.selectors import visible
from profiles.tests.factories import UserFactory

from .. import actions
from ..models import CaseState, DecisionKind, Report
from .factories import make_case, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(other_employee):
    return make_post(author=other_employee, body="Du är en idiot, Kalle.")


@pytest.fixture
def case(employee, post):
    return make_case(reporter=employee, item=post)


def _notes(user, verb):
    return Notification.objects.filter(recipient=user, verb=verb)


def test_remove_archives_tombstones_and_tells_everyone(
    case, post, employee, other_employee, webbred, django_capture_on_commit_callbacks
):
    owner = post.discussion.forum.owner
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_remove(actor=webbred, case=case, reason="Personangrepp")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.REMOVED and post.body == ""
    assert post.moderation_reason == "Personangrepp"
    record = ArchiveRecord.objects.get(object_type="forums.post", object_id=str(post.pk))
    assert record.content_text == "Du är en idiot, Kalle."
    assert record.data["decision"]["kind"] == "remove"
    assert record.data["reports"][0]["category"] == "defamation"
    assert decided.state == CaseState.DECIDED and decided.decision == DecisionKind.REMOVE
    assert decided.decided_by == webbred
    assert not Report.objects.filter(case=case, is_open=True).exists()
    # The author: the reason and the rules link, in-app (still listed) and by e-mail.
    removed_note = _notes(other_employee, Event.CONTENT_REMOVED).get()
    assert "Personangrepp" in removed_note.description and "/regler/" in removed_note.description
    assert visible(other_employee, [removed_note]) == [removed_note]
    assert any("/regler/" in m.body for m in mail.outbox if other_employee.email in m.to)
    # The reporter gets the outcome; the owner gets the decision.
    assert "tagit bort" in _notes(employee, Event.REPORT_DECIDED).get().description
    assert visible(employee, list(_notes(employee, Event.REPORT_DECIDED))) != []
    assert _notes(owner, Event.REPORT_DECIDED).exists()
    assert ModelLogEntry.objects.filter(action="insidan.report.remove", user=webbred,
                                        object_id=str(case.pk)).exists()


def test_edit_archives_earlier_version_and_marks_the_post(
    case, post, employee, other_employee, webbred, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_edit(actor=webbred, case=case, reason="Personangrepp borttaget",
                            text="[Borttaget av webbredaktionen]")
    post.refresh_from_db()
    assert post.body == "[Borttaget av webbredaktionen]"
    assert post.editorial_edit_reason == "Personangrepp borttaget"
    assert post.moderation_state == ModerationState.VISIBLE
    record = ArchiveRecord.objects.get(object_id=str(post.pk))
    assert record.content_text == "Du är en idiot, Kalle."
    assert _notes(other_employee, Event.CONTENT_EDITED).exists()
    assert "ändrat" in _notes(employee, Event.REPORT_DECIDED).get().description
    assert ModelLogEntry.objects.filter(action="insidan.report.edit").count() == 2  # case, post


def test_edit_needs_the_new_text(case, webbred, post):
    with pytest.raises(ValidationError, match="nya texten"):
        actions.decide_edit(actor=webbred, case=case, reason="Skäl", text="  ")
    post.refresh_from_db()
    assert post.body == "Du är en idiot, Kalle." and not ArchiveRecord.objects.exists()


def test_escalate_hides_holds_and_keeps_the_case_open(
    case, post, employee, other_employee, webbred, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_escalate(actor=webbred, case=case, reason="Möjligt förtal",
                                          lawyer="Stina Jurist")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.HIDDEN_LEGAL
    hold = LegalHold.objects.get()
    assert hold.lawyer == "Stina Jurist" and hold.record.object_id == str(post.pk)
    assert decided.state == CaseState.ESCALATED and decided.lawyer == "Stina Jurist"
    assert decided.is_undecided
    assert Report.objects.filter(case=case, is_open=True).exists()
    assert _notes(employee, Event.REPORT_DECIDED).exists()
    assert not Notification.objects.filter(recipient=other_employee).exists()
    assert ModelLogEntry.objects.filter(action="insidan.report.escalate").exists()
    # After the lawyer's advice, Webbredaktionen removes it.
    actions.decide_remove(actor=webbred, case=decided, reason="Förtal enligt stadsjuristen")
    post.refresh_from_db()
    assert post.is_removed


def test_escalate_needs_a_lawyer(case, webbred, post):
    with pytest.raises(ValidationError, match="stadsjuristens"):
        actions.decide_escalate(actor=webbred, case=case, reason="Skäl", lawyer="")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE


def test_keep_closes_the_case_and_shows_a_hidden_post_again(
    post, employee, other_employee, webbred, django_capture_on_commit_callbacks
):
    reported = make_case(reporter=employee, item=post)
    case = actions.open_case_from_owner(actor=post.discussion.forum.owner, item=post,
                                        reason="Osäker")
    assert case == reported
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_keep(actor=webbred, case=case, reason="Håller god ton")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE
    assert decided.state == CaseState.DECIDED and decided.decision == DecisionKind.KEEP
    assert "vara kvar" in _notes(employee, Event.REPORT_DECIDED).get().description
    assert _notes(other_employee, Event.REPORT_DECIDED).exists()  # shown again
    assert ModelLogEntry.objects.filter(action="insidan.report.keep").exists()


def test_after_a_decision_a_new_report_opens_a_new_case(case, webbred, other_employee, post):
    actions.decide_keep(actor=webbred, case=case, reason="Ok")
    again = make_case(reporter=case.reports.get().reporter, item=post)
    assert again.pk != case.pk and again.state == CaseState.OPEN


@pytest.mark.parametrize("decide", [
    lambda **kw: actions.decide_keep(**kw),
    lambda **kw: actions.decide_remove(**kw),
    lambda **kw: actions.decide_edit(text="Ny text", **kw),
    lambda **kw: actions.decide_escalate(lawyer="Stina", **kw),
])
def test_decision_without_reason_changes_nothing(case, webbred, post, decide):
    with pytest.raises(ValidationError, match="skäl"):
        decide(actor=webbred, case=case, reason="  ")
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == CaseState.OPEN and post.moderation_state == ModerationState.VISIBLE
    assert not ArchiveRecord.objects.exists()


@pytest.mark.parametrize("who", ["employee", "other_employee", "owner"])
def test_decision_by_someone_outside_webbredaktionen_changes_nothing(case, post, who, request):
    actor = post.discussion.forum.owner if who == "owner" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="webbredaktionen"):
        actions.decide_remove(actor=actor, case=case, reason="Bort")
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == CaseState.OPEN and not post.is_removed
    assert not ArchiveRecord.objects.exists()


def test_second_decision_is_told_who_decided_first(case, webbred, post):
    colleague = UserFactory(username="olle", first_name="Olle", last_name="Redaktör")
    colleague.groups.add(Group.objects.get(name="Webbredaktionen"))
    stale = type(case).objects.get(pk=case.pk)
    actions.decide_remove(actor=webbred, case=case, reason="Personangrepp")
    with pytest.raises(actions.CaseAlreadyDecided, match="Wilma Eriksson hann före") as info:
        actions.decide_keep(actor=colleague, case=stale, reason="Ok")
    assert "Borttaget" in str(info.value) and "Personangrepp" in str(info.value)
    assert ArchiveRecord.objects.count() == 1


def test_stale_form_is_refused_after_an_escalation(case, webbred):
    actions.decide_escalate(actor=webbred, case=case, reason="Möjligt brott", lawyer="Stina")
    with pytest.raises(actions.CaseAlreadyDecided, match="stadsjuristen"):
        actions.decide_remove(actor=webbred, case=case, reason="Bort", expected_state="open")


RELATIVE_LINK = re.compile(r"(?<![\w.:/-])/[\w-]+/")


@pytest.mark.parametrize("reason", ["Personangrepp.", "Personangrepp", "Personangrepp. "])
def test_every_link_in_the_decision_e_mails_is_whole_and_the_reason_ends_once(
    case, post, employee, other_employee, webbred, settings, django_capture_on_commit_callbacks,
    reason,
):
    """E-mails are read outside the site: "/regler/" alone leads nowhere, and a reason written
    with its own period read "Personangrepp.. Läs reglerna"."""
    settings.SITE_URL = "https://insidan.kommun.example"
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_remove(actor=webbred, case=case, reason=reason)
    to_author = [m for m in mail.outbox if other_employee.email in m.to]
    assert to_author
    for message in mail.outbox:
        assert not RELATIVE_LINK.findall(message.body), message.body
        assert ".." not in message.body.replace("...", ""), message.body
    body = to_author[0].body
    assert "Skäl: Personangrepp. Läs reglerna" in body
    assert "https://insidan.kommun.example/regler/" in body
    note = _notes(other_employee, Event.CONTENT_REMOVED).get()
    assert "Personangrepp.." not in note.description


def test_as_sentence_closes_a_reason_once():
    from insidan.core.text import as_sentence

    assert as_sentence("Kränkande") == "Kränkande."
    assert as_sentence("Kränkande.") == "Kränkande."
    assert as_sentence(" Kränkande .. ") == "Kränkande."
    assert as_sentence("Varför?") == "Varför?"
    assert as_sentence("Se regel 3 …") == "Se regel 3 …"
    assert as_sentence("") == ""
