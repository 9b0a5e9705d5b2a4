import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from insidan.core.actions import accept_terms, publish_terms
from insidan.core.models import ChannelKind, TermsAcceptance
from insidan.core.terms import TermsNotAccepted, current_terms, require_current_terms
from insidan.core.tests.draftail import draftail

pytestmark = pytest.mark.django_db


def test_publishing_numbers_versions_per_kind_and_logs(webbred):
    first = publish_terms(actor=webbred, kind=ChannelKind.ROOM, title="v1", body="<p>a</p>")
    second = publish_terms(actor=webbred, kind=ChannelKind.ROOM, title="v2", body="<p>b</p>")
    forum = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="f1", body="<p>c</p>")
    assert (first.version, second.version, forum.version) == (1, 2, 1)
    assert current_terms(ChannelKind.ROOM) == second
    assert ModelLogEntry.objects.filter(action="insidan.terms.publish", user=webbred).count() == 3


def test_only_webbredaktionen_publishes_terms(employee):
    with pytest.raises(PermissionDenied):
        publish_terms(actor=employee, kind=ChannelKind.ROOM, title="v1", body="<p>a</p>")
    assert current_terms(ChannelKind.ROOM) is None


def test_new_version_must_be_accepted_before_next_owner_action(webbred, employee):
    v1 = publish_terms(actor=webbred, kind=ChannelKind.BLOG, title="v1", body="<p>a</p>")
    accept_terms(actor=employee, terms=v1)
    require_current_terms(employee, ChannelKind.BLOG)  # accepted: passes

    v2 = publish_terms(
        actor=webbred, kind=ChannelKind.BLOG, title="v2", body="<p>b</p>",
        change_summary="Skribenterna ska svara inom en vecka.",
    )
    with pytest.raises(TermsNotAccepted) as refused:
        require_current_terms(employee, ChannelKind.BLOG)
    assert refused.value.terms == v2
    assert "version 2" in str(refused.value)

    accept_terms(actor=employee, terms=v2)
    accept_terms(actor=employee, terms=v2)  # idempotent
    require_current_terms(employee, ChannelKind.BLOG)
    assert TermsAcceptance.objects.filter(user=employee).count() == 2


def test_terms_page_shows_what_changed_and_records_acceptance(client, webbred, employee):
    publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="Forumvillkor", body="<p>x</p>",
                  change_summary="Nytt om moderering.")
    client.force_login(employee)
    page = client.get("/villkor/forum/?next=/forum/")
    assert "Nytt om moderering." in page.content.decode()

    refused = client.post("/villkor/forum/", {"next": "/forum/"})
    assert refused.status_code == 200
    assert not TermsAcceptance.objects.filter(user=employee).exists()

    accepted = client.post("/villkor/forum/", {"accept": "yes", "next": "https://evil.example/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/"
    assert TermsAcceptance.objects.filter(user=employee).count() == 1


def test_terms_page_for_unknown_kind_is_404(client, employee):
    client.force_login(employee)
    assert client.get("/villkor/okand/").status_code == 404


def test_publishing_terms_in_the_admin_numbers_them_and_owners_must_accept(client, webbred,
                                                                           employee):
    """Admin → Villkor → Lägg till villkor → Skapa: the form goes through publish_terms (it gave
    a 500 on the version's NOT NULL when the view saved the form itself)."""
    v1 = publish_terms(actor=webbred, kind=ChannelKind.ROOM, title="v1", body="<p>a</p>")
    accept_terms(actor=employee, terms=v1)
    client.force_login(webbred)
    assert client.get("/admin/terms/new/").status_code == 200
    response = client.post("/admin/terms/new/", {
        "kind": ChannelKind.ROOM, "title": "Villkor för samarbetsrum 2027",
        "change_summary": "Ägaren ska se över medlemmarna varje år.",
        "body": draftail("Ägaren ansvarar för rummets innehåll."),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    published = current_terms(ChannelKind.ROOM)
    assert (published.version, published.title, published.published_by) == (
        2, "Villkor för samarbetsrum 2027", webbred)
    assert "Ägaren ansvarar för rummets innehåll." in published.body
    assert ModelLogEntry.objects.filter(action="insidan.terms.publish", user=webbred,
                                        object_id=str(published.pk)).exists()
    with pytest.raises(TermsNotAccepted) as refused:
        require_current_terms(employee, ChannelKind.ROOM)
    assert refused.value.terms == published


def test_the_admin_offers_no_way_to_change_or_delete_published_terms(client, webbred):
    terms = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="v1", body="<p>a</p>")
    client.force_login(webbred)
    assert client.get(f"/admin/terms/edit/{terms.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/terms/delete/{terms.pk}/").status_code in (302, 403)
    terms.refresh_from_db()
    assert terms.title == "v1"
