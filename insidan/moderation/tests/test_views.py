import pytest
from django.urls import reverse

from collab.models import Membership, Room
from profiles.tests.factories import UserFactory

from .. import actions
from ..models import Report, ReportCategory
from .factories import ModerationForumFactory, make_case, make_post

pytestmark = pytest.mark.django_db


def _url(item):
    return reverse("moderation:report", args=[item._meta.label_lower, item.pk])


def test_report_form_files_a_report_and_thanks(client, employee):
    post = make_post()
    client.force_login(employee)
    response = client.get(_url(post))
    assert response.status_code == 200
    assert "Förtal, personangrepp eller förolämpning" in response.text
    response = client.post(_url(post), {"category": "defamation", "text": "Ett angrepp."},
                           follow=True)
    assert "Tack, webbredaktionen har fått din anmälan" in response.text
    assert response.redirect_chain[-1][0] == reverse("moderation:my_reports")
    assert Report.objects.get().reporter == employee
    assert "Webbredaktionen har inte avgjort ärendet än" in response.text


def test_report_form_requires_reason_for_annat(client, employee):
    post = make_post()
    client.force_login(employee)
    response = client.post(_url(post), {"category": "other", "text": ""})
    assert response.status_code == 200
    assert "Skriv varför du anmäler" in response.text
    assert not Report.objects.exists()


def test_report_form_shows_duplicate_and_rate_limit_messages(client, employee, settings):
    settings.REPORTS_PER_HOUR = 1
    post, other = make_post(), make_post()
    client.force_login(employee)
    client.post(_url(post), {"category": "advertising"})
    response = client.post(_url(post), {"category": "advertising"})
    assert "Du har redan anmält det här" in response.text
    response = client.post(_url(other), {"category": "advertising"})
    assert "den senaste timmen" in response.text
    assert Report.objects.count() == 1


def test_report_on_invisible_item_is_404(client, employee):
    owner = UserFactory()
    room = Room.objects.create(
        name="Slutet", slug="slutet", owner=owner, approved_by=UserFactory(), purpose="P",
        target_group="G", watched_hours="V", is_closed=True)
    Membership.objects.create(room=room, user=owner)
    post = make_post(author=owner, forum=ModerationForumFactory(owner=owner, room=room))
    client.force_login(employee)
    assert client.get(_url(post)).status_code == 404
    assert client.post(_url(post), {"category": "advertising"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("path", [
    "/anmal/forums.post/999999/", "/anmal/forums.post/abc/", "/anmal/auth.user/1/",
    "/anmal/moderation.reportcase/1/", "/anmal/nonsense.model/1/",
])
def test_report_on_unknown_or_unregistered_kind_is_404(client, employee, path):
    client.force_login(employee)
    assert client.get(path).status_code == 404


def test_report_on_removed_item_says_so(client, employee, webbred):
    post = make_post()
    case = make_case(item=post)
    actions.decide_remove(actor=webbred, case=case, reason="Reklam")
    client.force_login(employee)
    response = client.get(_url(post))
    assert response.status_code == 200
    assert "redan borttaget" in response.text
    response = client.post(_url(post), {"category": "advertising"})
    assert "redan borttaget" in response.text
    assert Report.objects.count() == 1


def test_report_form_needs_login(client):
    response = client.get(_url(make_post()))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_my_reports_shows_only_own_reports_and_outcome(client, employee, other_employee,
                                                       webbred):
    mine = make_case(reporter=employee, item=make_post(title="Min tråd"))
    make_case(reporter=other_employee, item=make_post(title="Annans tråd"))
    actions.decide_keep(actor=webbred, case=mine, reason="Inget brott mot reglerna")
    client.force_login(employee)
    response = client.get(reverse("moderation:my_reports"))
    assert "Min tråd" in response.text and "Annans tråd" not in response.text
    assert "Inget brott mot reglerna" in response.text and "Behålls" in response.text


def test_owner_reads_case_and_writes_but_never_sees_the_reporter(client, employee, webbred):
    post = make_post()
    owner = post.discussion.forum.owner
    case = make_case(reporter=employee, item=post, text="Jag, Anna, blev kränkt.")
    client.force_login(owner)
    url = reverse("moderation:case", args=[case.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Förtal, personangrepp eller förolämpning" in response.text
    assert "Anna" not in response.text and "anna" not in response.text
    assert "Lindqvist" not in response.text and "blev kränkt" not in response.text
    response = client.post(url, {"body": "Jag håller med om att det bör bort."}, follow=True)
    assert "Jag håller med" in response.text
    assert case.messages.get().author == owner
    listing = client.get(reverse("moderation:owner_cases"))
    assert url in listing.text


def test_case_page_is_404_for_reporter_and_others(client, employee, other_employee):
    case = make_case(reporter=employee)
    for user in (employee, other_employee):
        client.force_login(user)
        assert client.get(reverse("moderation:case", args=[case.pk])).status_code == 404
        assert client.post(reverse("moderation:case", args=[case.pk]),
                           {"body": "x"}).status_code == 404
    assert not case.messages.exists()


def test_report_link_and_tombstone_includes(employee, webbred, rf):
    from django.template.loader import render_to_string

    post = make_post()
    request = rf.get("/")
    request.user = employee
    html = render_to_string("moderation/includes/report_link.html",
                            {"object": post, "user": employee}, request=request)
    assert _url(post) in html and "Anmäl" in html and "inlägget av" in html
    case = make_case(item=post, category=ReportCategory.ADVERTISING)
    actions.decide_remove(actor=webbred, case=case, reason="Reklam.")
    post.refresh_from_db()
    html = render_to_string("moderation/includes/tombstone.html", {"object": post})
    assert "Borttaget av webbredaktionen: Reklam." in html and 'href="/regler/"' in html
    assert render_to_string("moderation/includes/report_link.html",
                            {"object": post, "user": employee}).strip() == ""


def test_tombstone_for_editorial_edit(webbred):
    post = make_post()
    actions.decide_edit(actor=webbred, case=make_case(item=post), reason="Namn borttaget",
                        text="Ny text")
    post.refresh_from_db()
    from django.template.loader import render_to_string

    html = render_to_string("moderation/includes/tombstone.html", {"object": post})
    assert "Ändrat av webbredaktionen: Namn borttaget" in html
