import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from collab.models import Membership, Room
from insidan.core.models import ModerationState
from insidan.notify.events import Event
from profiles.tests.factories import UserFactory

from .. import actions
from ..models import CaseMessage, CaseState, Report, ReportCase, ReportCategory
from .factories import ModerationForumFactory, make_case, make_post

pytestmark = pytest.mark.django_db


def _closed_room_post(owner):
    room = Room.objects.create(
        name="Slutet rum", slug="slutet-rum", owner=owner, approved_by=UserFactory(),
        purpose="Projekt", target_group="Projektgruppen", watched_hours="Vardagar",
        is_closed=True,
    )
    Membership.objects.create(room=room, user=owner)
    forum = ModerationForumFactory(owner=owner, room=room)
    return make_post(author=owner, forum=forum)


def test_report_opens_a_case_notifies_webbredaktionen_and_owner(
    employee, webbred, django_capture_on_commit_callbacks
):
    post = make_post()
    owner = post.discussion.forum.owner
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.report_item(actor=employee, item=post,
                                     category=ReportCategory.DEFAMATION, text="Förolämpning.")
    case = report.case
    assert case.state == CaseState.OPEN and not case.is_urgent
    assert case.content_type == ContentType.objects.get_for_model(post)
    assert case.object_id == str(post.pk) and case.author == post.author
    assert Notification.objects.get(recipient=webbred).verb == Event.REPORT_CASE_NEW
    owner_note = Notification.objects.get(recipient=owner)
    assert owner_note.verb == Event.REPORT_CASE_FOR_CHANNEL
    # The owner never learns who reported: not as actor, not in the text or the e-mail.
    assert owner_note.actor != employee
    reporter = employee.get_full_name()  # "Anna Lindqvist" (an owner may be called Anna too)
    assert reporter not in owner_note.description and "anna" not in owner_note.description
    owner_mail = [m for m in mail.outbox if owner.email in m.to]
    assert owner_mail and all(reporter not in m.body for m in owner_mail)
    assert ModelLogEntry.objects.filter(action="insidan.report.create",
                                        object_id=str(case.pk), user=employee).exists()


def test_reports_on_the_same_item_join_one_case(employee, other_employee):
    post = make_post()
    first = make_case(reporter=employee, item=post)
    second = make_case(reporter=other_employee, item=post)
    assert first == second
    assert ReportCase.objects.count() == 1 and Report.objects.count() == 2


@pytest.mark.parametrize("category", ["hate_speech", "violence_pornography", "incitement",
                                      "personal_data"])
def test_crime_and_personal_data_categories_make_the_case_urgent(employee, category):
    assert make_case(reporter=employee, category=category).is_urgent


def test_an_urgent_report_makes_an_existing_case_urgent(employee, other_employee):
    post = make_post()
    case = make_case(reporter=employee, item=post)
    assert not case.is_urgent
    make_case(reporter=other_employee, item=post, category=ReportCategory.HATE_SPEECH)
    case.refresh_from_db()
    assert case.is_urgent


def test_one_open_report_per_user_and_item(employee):
    post = make_post()
    make_case(reporter=employee, item=post)
    with pytest.raises(ValidationError, match="redan anmält"):
        make_case(reporter=employee, item=post, category=ReportCategory.COPYRIGHT)
    assert Report.objects.count() == 1


def test_annat_needs_a_reason(employee):
    post = make_post()
    with pytest.raises(ValidationError, match="Annat"):
        actions.report_item(actor=employee, item=post, category=ReportCategory.OTHER, text=" ")
    assert not Report.objects.exists()


def test_unknown_category_is_refused(employee):
    with pytest.raises(ValidationError):
        actions.report_item(actor=employee, item=make_post(), category="spam", text="x")


def test_rate_limit(employee, settings):
    settings.REPORTS_PER_HOUR = 3
    forum = ModerationForumFactory()
    posts = [make_post(forum=forum, title=f"Tråd {n}") for n in range(4)]
    for post in posts[:3]:
        make_case(reporter=employee, item=post)
    with pytest.raises(actions.RateLimited, match="3 anmälningar"):
        make_case(reporter=employee, item=posts[3])
    assert Report.objects.filter(reporter=employee).count() == 3


def test_rate_limit_defaults_to_twenty(employee):
    forum = ModerationForumFactory()
    for n in range(20):
        make_case(reporter=employee, item=make_post(forum=forum, title=f"Tråd {n}"))
    with pytest.raises(actions.RateLimited):
        make_case(reporter=employee, item=make_post(forum=forum))


def test_a_refused_duplicate_does_not_use_up_the_rate_limit(employee, settings):
    settings.REPORTS_PER_HOUR = 2
    post, other = make_post(), make_post()
    make_case(reporter=employee, item=post)
    with pytest.raises(ValidationError):
        make_case(reporter=employee, item=post)
    make_case(reporter=employee, item=other)  # the second of two allowed


def test_report_on_something_the_reporter_cannot_see_is_refused(employee):
    post = _closed_room_post(UserFactory())
    with pytest.raises(PermissionDenied):
        make_case(reporter=employee, item=post)
    assert not ReportCase.objects.exists()


def test_report_on_removed_item_says_so(employee, webbred):
    post = make_post()
    case = make_case(reporter=UserFactory(), item=post)
    actions.decide_remove(actor=webbred, case=case, reason="Personangrepp")
    post.refresh_from_db()
    with pytest.raises(actions.ItemAlreadyRemoved, match="redan borttaget"):
        make_case(reporter=employee, item=post)


def test_report_text_is_scanned_for_personal_data(employee):
    case = make_case(reporter=employee, text="Han skriver att hon är sjukskriven.")
    assert case.reports.get().contains_personal_data
    assert not make_case(reporter=employee, text="Reklam för en firma.").reports.get() \
        .contains_personal_data


def test_owner_hides_pending_review_and_opens_a_case(webbred, django_capture_on_commit_callbacks):
    post = make_post()
    owner = post.discussion.forum.owner
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.open_case_from_owner(actor=owner, item=post, reason="Kränkande.")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.HIDDEN_PENDING_REVIEW
    assert case.hidden_by_owner and case.state == CaseState.OPEN
    assert CaseMessage.objects.get(case=case).author == owner
    assert Notification.objects.filter(recipient=webbred, verb=Event.REPORT_CASE_NEW).exists()
    assert ModelLogEntry.objects.filter(action="insidan.report.owner_hide").exists()


def test_only_owner_or_deputy_hides_pending_review(employee):
    post = make_post()
    with pytest.raises(PermissionDenied):
        actions.open_case_from_owner(actor=employee, item=post, reason="Kränkande.")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE
    assert not ReportCase.objects.exists()


def test_deputy_hides_pending_review(employee):
    post = make_post()
    post.discussion.forum.deputies.add(employee)
    actions.open_case_from_owner(actor=employee, item=post, reason="Kränkande.")
    post.refresh_from_db()
    assert post.is_hidden


def test_owner_hide_without_reason_changes_nothing():
    post = make_post()
    with pytest.raises(ValidationError):
        actions.open_case_from_owner(actor=post.discussion.forum.owner, item=post, reason="")
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE


def test_case_dialogue_between_webbredaktionen_and_owner(
    employee, webbred, django_capture_on_commit_callbacks
):
    post = make_post()
    owner = post.discussion.forum.owner
    case = make_case(reporter=employee, item=post)
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_case_message(actor=webbred, case=case, body="Vad tycker du?")
        actions.post_case_message(actor=owner, case=case, body="Ta bort det.")
    assert list(case.messages.values_list("from_webbredaktionen", flat=True)) == [True, False]
    assert Notification.objects.filter(recipient=owner, verb=Event.REPORT_CASE_MESSAGE).exists()
    assert Notification.objects.filter(recipient=webbred,
                                       verb=Event.REPORT_CASE_MESSAGE).exists()
    assert ModelLogEntry.objects.filter(action="insidan.report.message").count() == 2


def test_reporter_and_others_cannot_write_in_the_dialogue(employee, other_employee):
    case = make_case(reporter=employee)
    for user in (employee, other_employee):
        with pytest.raises(PermissionDenied):
            actions.post_case_message(actor=user, case=case, body="Hej")
    assert not case.messages.exists()


def test_party_political_messages_can_be_reported(employee):
    """The guideline's introduction: the municipality's channels are no forum for party
    politics; the samtalston list has no entry for it, so it is a category of its own."""
    case = make_case(reporter=employee, item=make_post(body="Rösta på vårt parti i valet!"),
                     category=ReportCategory.PARTY_POLITICS, text="")
    assert case.reports.get().get_category_display() == "Partipolitiska budskap"
    assert not case.is_urgent
