import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification

from forums import actions
from forums.models import Forum, ForumRequest
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind, TermsAcceptance

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(webbred):
    return publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="Forumvillkor",
                         body="<p>Ägaren är moderator.</p>")


def make_request(actor, approver, terms):
    return actions.request_forum(
        actor=actor, name="Arbetsmiljö", purpose="Erfarenheter", target_group="Alla",
        watched_hours="Vardagar", approved_by=approver, terms=terms,
    )


def test_request_records_terms_and_notifies_webbredaktionen(
    employee, other_employee, webbred, terms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        forum_request = make_request(employee, other_employee, terms)
    assert TermsAcceptance.objects.filter(user=employee, terms=terms).exists()
    assert Notification.objects.get().recipient == webbred
    assert not Forum.objects.exists()  # the forum exists only once Webbredaktionen sets it up
    assert forum_request.status == ForumRequest.Status.PENDING


def test_approval_creates_the_forum_with_the_requester_as_owner(
    employee, other_employee, webbred, terms, django_capture_on_commit_callbacks
):
    forum_request = make_request(employee, other_employee, terms)
    with django_capture_on_commit_callbacks(execute=True):
        decided = actions.decide_forum_request(actor=webbred, forum_request=forum_request,
                                               approve=True, message="Välkommen")
    forum = decided.forum
    assert forum.owner == employee and forum.approved_by == other_employee
    assert forum.slug == "arbetsmiljo"
    assert forum.follows.get().user == employee  # the moderator is told of every new post
    note = Notification.objects.get(recipient=employee)
    assert "upplagt" in note.description and "Välkommen" in note.description


def test_decline_needs_a_message_and_tells_the_requester(
    employee, other_employee, webbred, terms, django_capture_on_commit_callbacks
):
    forum_request = make_request(employee, other_employee, terms)
    with pytest.raises(ValidationError):
        actions.decide_forum_request(actor=webbred, forum_request=forum_request, approve=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_forum_request(actor=webbred, forum_request=forum_request, approve=False,
                                     message="Det finns redan ett sådant forum.")
    assert "avslagits" in Notification.objects.get(recipient=employee).description
    with pytest.raises(ValidationError, match="redan avgjord"):
        actions.decide_forum_request(actor=webbred, forum_request=forum_request, approve=True)
    assert not Forum.objects.exists()


def test_only_webbredaktionen_decides(employee, other_employee, terms):
    forum_request = make_request(employee, other_employee, terms)
    with pytest.raises(PermissionDenied):
        actions.decide_forum_request(actor=other_employee, forum_request=forum_request,
                                     approve=True)
    assert not Forum.objects.exists()


def test_request_needs_current_terms_and_another_approver(employee, other_employee, webbred,
                                                          terms):
    with pytest.raises(ValidationError):
        make_request(employee, employee, terms)
    newer = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="v2", body="<p>b</p>")
    with pytest.raises(ValidationError):
        make_request(employee, other_employee, terms)
    make_request(employee, other_employee, newer)


def test_request_page_and_admin_decision(client, employee, other_employee, webbred, terms):
    client.force_login(employee)
    data = {"name": "Bibliotek", "purpose": "Tips", "target_group": "Bibliotekarier",
            "watched_hours": "Vardagar", "approved_by": other_employee.username}
    refused = client.post("/forum/ny/", data)
    assert refused.status_code == 200 and not ForumRequest.objects.exists()
    assert client.post("/forum/ny/", {**data, "accept_terms": "on"}).status_code == 302
    forum_request = ForumRequest.objects.get()
    admin_url = f"/admin/forum-requests/edit/{forum_request.pk}/"
    assert client.get(admin_url).status_code in (302, 403)
    client.force_login(webbred)
    assert client.get("/admin/forum-requests/").status_code == 200
    decision_page = client.get(admin_url).content.decode()
    assert "Bibliotek" in decision_page and "Godkänn och lägg upp forumet" in decision_page
    client.post(admin_url, {"decision": "approve", "message": ""})
    assert Forum.objects.get().name == "Bibliotek"
