import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collab import actions
from collab.models import ApplicationStatus, MembershipApplication, Room
from collab.tests.factories import add_member, make_room, pdf_upload, room_terms
from forums import actions as forum_actions
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"collab:{name}", args=args)


def grow(room, n: int) -> None:
    """n more members, documents and discussions in the room."""
    for _ in range(n):
        user = UserFactory()
        add_member(room, user)
        actions.upload_document(actor=user, room=room, uploaded_file=pdf_upload())
        forum_actions.start_discussion(actor=user, forum=room.forum, title="T", body="Hej")


# --- query counts at two data sizes --------------------------------------------------------

@pytest.mark.parametrize("rooms", [2, 12])
def test_directory_queries_do_not_grow(client, employee, terms, rooms,
                                       django_assert_max_num_queries):
    for number in range(rooms):
        room = make_room(closed=bool(number % 2))
        add_member(room, UserFactory())
    client.force_login(employee)
    with django_assert_max_num_queries(10):
        response = client.get(url("room_list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="room-list__item"') == rooms


@pytest.mark.parametrize("size", [1, 8])
def test_room_page_queries_do_not_grow(client, closed_room, other_employee, size,
                                       django_assert_max_num_queries):
    grow(closed_room, size)
    client.force_login(other_employee)
    with django_assert_max_num_queries(15):
        response = client.get(url("room", closed_room.slug))
    assert response.status_code == 200
    assert response.content.decode().count('href="/rum/projekt-nya-insidan/dokument/') >= 1


@pytest.mark.parametrize("size", [1, 8])
def test_document_list_and_manage_page_queries_do_not_grow(
    client, closed_room, other_employee, size, django_assert_max_num_queries
):
    grow(closed_room, size)
    client.force_login(other_employee)
    with django_assert_max_num_queries(15):
        assert client.get(url("documents", closed_room.slug)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(url("manage", closed_room.slug)).status_code == 200


# --- closed rooms: 404 like nothing, and never cached -----------------------------------------

def test_closed_room_content_is_404_for_non_members(client, closed_room, other_employee,
                                                    employee):
    document = actions.upload_document(actor=other_employee, room=closed_room,
                                       uploaded_file=pdf_upload())
    client.force_login(employee)
    page = client.get(url("room", closed_room.slug))
    assert page.status_code == 200  # the presentation is for everyone, so they can apply
    body = page.content.decode()
    assert "Skicka ansökan" in body and document.title not in body
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    for path in [url("documents", closed_room.slug),
                 url("document_download", closed_room.slug, document.pk),
                 url("manage", closed_room.slug)]:
        missing = path.replace(closed_room.slug, "finns-inte")
        assert client.get(path).status_code == 404
        assert client.get(missing).status_code == 404


def test_download_is_an_attachment_that_is_never_sniffed(client, closed_room, other_employee):
    document = actions.upload_document(actor=other_employee, room=closed_room,
                                       uploaded_file=pdf_upload("Plan för våren.pdf"))
    client.force_login(other_employee)
    response = client.get(url("document_download", closed_room.slug, document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_state_changes_are_post_only(client, open_room, employee):
    client.force_login(employee)
    assert client.get(url("join", open_room.slug)).status_code == 405
    assert not open_room.memberships.filter(user=employee).exists()
    response = client.post(url("join", open_room.slug))
    assert response.status_code == 302
    assert open_room.memberships.filter(user=employee).exists()


# --- the application flow through the pages --------------------------------------------------

def test_apply_then_owner_approves_on_the_owner_page(client, closed_room, employee,
                                                     other_employee):
    client.force_login(employee)
    response = client.post(url("apply", closed_room.slug), {"message": "Får jag vara med?"})
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    again = client.post(url("apply", closed_room.slug), {"message": "Igen"}, follow=True)
    assert "redan en ansökan" in again.content.decode()
    client.force_login(other_employee)
    manage = client.get(url("manage", closed_room.slug))
    assert "Får jag vara med?" in manage.content.decode()
    client.post(url("decide", closed_room.slug, application.pk),
                {"decision": "approve", "message": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    client.force_login(employee)
    assert client.get(url("documents", closed_room.slug)).status_code == 200


def test_non_owner_cannot_reach_decisions(client, closed_room, employee):
    intruder = UserFactory()
    add_member(closed_room, intruder)
    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    client.force_login(intruder)
    response = client.post(url("decide", closed_room.slug, application.pk),
                           {"decision": "approve"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_application_to_open_room_shows_a_message(client, open_room, employee):
    client.force_login(employee)
    response = client.post(url("apply", open_room.slug), {"message": "Hej"}, follow=True)
    assert "Rummet är öppet" in response.content.decode()
    assert not MembershipApplication.objects.exists()


# --- starting a room ------------------------------------------------------------------------

def create_data(**overrides):
    data = {"name": "Klarspråk", "room_kind": "other", "is_closed": "0",
            "purpose": "Skriva begripligt.", "target_group": "Alla som skriver",
            "watched_hours": "Vardagar", "approved_by": "chef", "accept_terms": "on"}
    data.update(overrides)
    return data


def test_start_a_room_from_the_form(client, employee, terms):
    UserFactory(username="chef")
    client.force_login(employee)
    assert "Villkor för samarbetsrum" in client.get(url("room_create")).content.decode()
    response = client.post(url("room_create"), create_data())
    room = Room.objects.get()
    assert response.url == room.get_absolute_url() and room.owner == employee


@pytest.mark.parametrize("overrides, message", [
    ({"purpose": ""}, "Skriv rummets syfte"),
    ({"target_group": ""}, "Skriv rummets målgrupp"),
    ({"accept_terms": ""}, "godkänna villkoren"),
    ({"approved_by": "anna"}, "inte själv vara den chef"),
    ({"approved_by": "ingen"}, "Det finns ingen medarbetare"),
    ({"purpose": "Kund 811218-9876"}, "personnummer"),
])
def test_bad_room_input_gets_a_swedish_message(client, employee, terms, overrides, message):
    UserFactory(username="chef")
    client.force_login(employee)
    response = client.post(url("room_create"), create_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Room.objects.exists()


def test_upload_errors_are_shown(client, open_room, other_employee, settings):
    settings.ROOM_DOCUMENT_MAX_BYTES = 100
    client.force_login(other_employee)
    big = client.post(url("documents", open_room.slug), {"file": pdf_upload(size=200)})
    assert "för stor" in big.content.decode()
    settings.ROOM_DOCUMENT_MAX_BYTES = 10_000
    bad = client.post(url("documents", open_room.slug),
                      {"file": SimpleUploadedFile("virus.pdf", b"MZ" + b"\0" * 50)})
    assert "Filtypen är inte tillåten" in bad.content.decode()
    good = client.post(url("documents", open_room.slug), {"file": pdf_upload()})
    assert good.status_code == 302


def test_directory_filters(client, employee, terms):
    mine = make_room(name="Mitt rum", kind="staff_club")
    add_member(mine, employee)
    make_room(name="Annat rum", kind="project")
    client.force_login(employee)
    body = client.get(url("room_list") + "?mina=1").content.decode()
    assert "Mitt rum" in body and "Annat rum" not in body
    body = client.get(url("room_list") + "?typ=project").content.decode()
    assert "Annat rum" in body and "Mitt rum" not in body


def test_terms_redirect_for_owner_with_old_terms(client, closed_room, other_employee, employee):
    from insidan.core.actions import publish_terms
    from insidan.core.models import ChannelKind

    application = actions.apply_for_membership(actor=employee, room=closed_room, message="Hej")
    publish_terms(actor=UserFactory(is_superuser=True), kind=ChannelKind.ROOM, title="v2",
                  body="<p>x</p>")
    client.force_login(other_employee)
    response = client.post(url("decide", closed_room.slug, application.pk),
                           {"decision": "approve"})
    assert response.url.startswith("/villkor/room/?next=")
    assert room_terms().version == 2


def test_archived_room_address_says_it_was_decommissioned(client, closed_room, employee):
    from django.utils import timezone

    from insidan.core.models import ChannelStatus

    Room.objects.filter(pk=closed_room.pk).update(status=ChannelStatus.ARCHIVED,
                                                  archived_at=timezone.now())
    client.force_login(employee)
    response = client.get(url("room", closed_room.slug))
    assert response.status_code == 410
    assert "avvecklades" in response.content.decode()
    assert client.get(url("documents", closed_room.slug)).status_code == 404


def test_directory_rows_follow_membership_and_viewer(client, employee, other_employee, terms):
    """The rows come from the fragment cache: the key holds the member count and whether the
    viewer is a member, so one viewer's row is never shown to another and a join shows."""
    room = make_room(other_employee, closed=False, name="Konstklubben")
    client.force_login(employee)

    def row():
        body = client.get(url("room_list")).content.decode()
        start = body.index('class="room-list__item"')
        return body[start:body.index("</li>", start)]

    assert "Du är medlem" not in row() and "<dd>1</dd>" in row()  # the owner
    add_member(room, employee)
    assert "Du är medlem" in row() and "<dd>2</dd>" in row()
    client.force_login(UserFactory())
    assert "Du är medlem" not in row() and "<dd>2</dd>" in row()
    room.purpose = "Måleri och skulptur."
    room.save()
    assert "Måleri och skulptur." in row()
