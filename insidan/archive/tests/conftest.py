"""Content for the archive's tests, made through the content apps' own actions.

Forums are created directly: setting one up is Webbredaktionen's admin work (its own action is
not what these tests are about). Files go to a temporary MEDIA_ROOT per test, so a test can
see every file the archive wrote or left behind.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from collab.actions import create_room, upload_document
from forums.actions import reply, start_discussion
from forums.models import Forum
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from profiles.tests.factories import UserFactory

DOCUMENT_BYTES = "Protokoll från arbetsplatsträffen.\nPunkt 1: budget.\n".encode()


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """A MEDIA_ROOT (and ARCHIVE_ROOT below it) of this test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.ARCHIVE_ROOT = tmp_path / "media" / "archive-packages"
    return tmp_path / "media"


def files_below(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def chef(db):
    return UserFactory(username="chef", first_name="Cecilia", last_name="Holm")


@pytest.fixture
def forum(db, other_employee, chef) -> Forum:
    return Forum.objects.create(
        name="Bibliotekarier", slug="bibliotekarier", owner=other_employee, approved_by=chef,
        purpose="Erfarenhetsutbyte mellan kommunens bibliotekarier.",
        target_group="Bibliotekarier", watched_hours="vardagar 8–17",
        presentation="Välkommen till **forumet**.", presentation_html="<p>Välkommen</p>",
    )


@pytest.fixture
def discussion(forum, employee, other_employee):
    discussion = start_discussion(
        actor=employee, forum=forum, title="Nya öppettider",
        body="Hur gör ni med **söndagsöppet**?",
    )
    reply(actor=other_employee, discussion=discussion, body="Vi har öppet 12–16.")
    return discussion


@pytest.fixture
def post(discussion):
    return discussion.posts.order_by("pk").first()


@pytest.fixture
def room(db, other_employee, chef, webbred):
    terms = publish_terms(actor=webbred, kind=ChannelKind.ROOM, title="Villkor för rum",
                          body="<p>Villkor.</p>")
    return create_room(
        actor=other_employee, name="Projekt Nytt bibliotek", room_kind="project",
        is_closed=True, purpose="Planera det nya biblioteket.", target_group="Projektgruppen",
        approved_by=chef, watched_hours="vardagar", accepted_terms=terms,
        presentation="Projektrummet för **nya biblioteket**.",
    )


@pytest.fixture
def document(media, room, other_employee):
    upload = SimpleUploadedFile("Protokoll 3 mars.txt", DOCUMENT_BYTES, content_type="text/plain")
    return upload_document(actor=other_employee, room=room, uploaded_file=upload)
