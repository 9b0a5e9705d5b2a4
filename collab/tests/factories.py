"""Test data for rooms, built through the real actions (so every fixture obeys the rules)."""

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from collab import actions
from collab.models import Room, RoomKind
from insidan.core.models import ChannelKind, TermsVersion
from insidan.core.terms import current_terms
from profiles.tests.factories import UserFactory

_numbers = itertools.count(1)
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>"
               b"\n%%EOF\n")


def room_terms() -> TermsVersion:
    """The current room terms, published once per test database."""
    terms = current_terms(ChannelKind.ROOM)
    if terms is None:
        terms = TermsVersion.objects.create(
            kind=ChannelKind.ROOM, version=1, title="Villkor för samarbetsrum",
            body="<p>Jag tar ansvar för rummet.</p>",
        )
    return terms


def make_room(owner=None, *, closed: bool = False, name: str | None = None,
              kind: str = RoomKind.PROJECT) -> Room:
    owner = owner or UserFactory()
    return actions.create_room(
        actor=owner, name=name or f"Rum {next(_numbers)}",
        room_kind=kind, is_closed=closed, purpose="Samverkan i projektet.",
        target_group="Projektgruppen", approved_by=UserFactory(),
        watched_hours="Vardagar 8–17", accepted_terms=room_terms(),
    )


def add_member(room: Room, user) -> None:
    """Membership the way users get it: joining an open room, or an approved application."""
    if room.is_closed:
        application = actions.apply_for_membership(actor=user, room=room, message="Hej!")
        actions.approve_application(actor=room.owner, application=application)
    else:
        actions.join_open_room(actor=user, room=room)


def pdf_upload(name: str = "plan.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = MINIMAL_PDF if size is None else MINIMAL_PDF + b"0" * (size - len(MINIMAL_PDF))
    return SimpleUploadedFile(name, content, content_type="application/pdf")
