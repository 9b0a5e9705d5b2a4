"""Demo rooms for seed_demo, made through collab's and forums' actions: every kind, open and
closed, with members, discussions and documents, and one pending application from Anna to
Erik's closed project room."""

import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from forums import actions as forum_actions
from insidan.core.models import ChannelKind
from insidan.core.terms import current_terms

from . import actions
from .models import Room, RoomKind

# name, kind, closed, owner ("" = an employee), purpose, target group
ROOMS = [
    ("Projekt Nya Insidan", RoomKind.PROJECT, True, "erik",
     "Projektgruppens rum för arbetet med nya Insidan: mål, tidplan och beslut.",
     "Projektgruppen och referensgruppen"),
    ("Styrgrupp e-arkiv", RoomKind.PROJECT, True, "erik",
     "Styrgruppen för införandet av e-arkiv delar underlag och protokoll.",
     "Styrgruppens ledamöter"),
    ("Bibliotekarier i kommunen", RoomKind.PROFESSION, False, "",
     "Erfarenhetsutbyte mellan kommunens bibliotekarier: lästips, programverksamhet och "
     "digital delaktighet.", "Bibliotekarier och biblioteksassistenter"),
    ("Brandmän – övningar och utbildning", RoomKind.PROFESSION, True, "",
     "Vi delar övningsupplägg och erfarenheter från insatser.", "Räddningstjänstens personal"),
    ("Konstklubben", RoomKind.STAFF_CLUB, False, "anna",
     "Personalklubben för konstintresserade: visningar, utlottningar och studiebesök.",
     "Alla medarbetare som är intresserade av konst"),
    ("Löparklubben", RoomKind.STAFF_CLUB, False, "",
     "Vi springer tillsammans på lunchen och anmäler lag till Blodomloppet.",
     "Alla medarbetare som gillar att springa"),
    ("Nätverket för klarspråk", RoomKind.OTHER, False, "",
     "Tips och stöd för att skriva begripligt till kommuninvånarna.",
     "Alla som skriver texter i tjänsten"),
]

DISCUSSIONS = [
    ("Välkommen till rummet!", "Presentera gärna dig själv och vad du vill få ut av rummet."),
    ("Nästa träff", "Förslag på datum för nästa träff? Jag kan **tisdagar och torsdagar**."),
]
REPLIES = ["Hej! Kul att vara med.", "Torsdag passar mig bra.", "Jag tar med fika."]
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages"
               b"/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


PALETTE_ALT = "Illustration: en målarpalett med färgklickar i rött, gult, blått och grönt"


def palette_illustration() -> SimpleUploadedFile:
    """The art club's illustration, drawn here so that the demo needs no image files."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 270), (246, 241, 231))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 35, 390, 235), fill=(205, 170, 125), outline=(120, 85, 50), width=4)
    draw.ellipse((140, 150, 185, 195), fill=(246, 241, 231))  # the thumb hole
    for box, colour in [((175, 60, 225, 110), (200, 40, 40)), ((245, 55, 295, 105),
                        (235, 190, 30)), ((305, 95, 355, 145), (40, 80, 190)),
                        ((255, 160, 305, 210), (40, 150, 70))]:
        draw.ellipse(box, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("konstklubben.png", buffer.getvalue(), content_type="image/png")


def _manager_of(user, fallback):
    manager = getattr(getattr(user, "profile", None), "manager", None)
    return manager if manager is not None and manager.pk != user.pk else fallback


def _fill(room: Room, owner, members: list, rng: random.Random) -> None:
    for member in members:
        if room.is_closed:
            actions.invite_member(actor=owner, room=room, invitee=member)
            actions.accept_invitation(actor=member, invitation=room.invitations.get(
                invitee=member, status="pending"))
        else:
            actions.join_open_room(actor=member, room=room)
    if members:
        actions.make_deputy(actor=owner, room=room, member=members[0])
    for title, body in DISCUSSIONS:
        discussion = forum_actions.start_discussion(actor=owner, forum=room.forum, title=title,
                                                    body=body)
        for member in rng.sample(members, k=min(2, len(members))):
            forum_actions.reply(actor=member, discussion=discussion, body=rng.choice(REPLIES))
    actions.upload_document(
        actor=owner, room=room, title="Mötesanteckningar",
        uploaded_file=SimpleUploadedFile("motesanteckningar.txt",
                                         "Anteckningar från senaste träffen.\n".encode()),
    )
    actions.upload_document(
        actor=owner, room=room, title="Plan för våren",
        uploaded_file=SimpleUploadedFile("plan.pdf", MINIMAL_PDF),
    )


def seed(*, rng: random.Random) -> None:
    User = get_user_model()
    terms = current_terms(ChannelKind.ROOM)
    named = {u.username: u for u in User.objects.filter(username__in=["anna", "erik", "chef"])}
    employees = list(User.objects.filter(is_active=True, password__startswith="!")
                     .select_related("profile__manager").order_by("username"))
    for name, kind, closed, owner_name, purpose, target_group in ROOMS:
        owner = named[owner_name] if owner_name else rng.choice(employees)
        room = actions.create_room(
            actor=owner, name=name, room_kind=kind, is_closed=closed, purpose=purpose,
            target_group=target_group, approved_by=_manager_of(owner, named["chef"]),
            watched_hours="Vardagar 8–17", accepted_terms=terms,
            contact=f"{owner.username}@kommun.example",
        )
        members = [u for u in rng.sample(employees, k=6) if u.pk != owner.pk]
        if name == "Konstklubben":
            members.append(named["erik"])
        _fill(room, owner, members, rng)
    art_club = Room.objects.get(name="Konstklubben")
    actions.set_room_image(actor=art_club.owner, room=art_club, alt_text=PALETTE_ALT,
                           upload=palette_illustration())
    erik_room = Room.objects.get(name="Projekt Nya Insidan")
    actions.apply_for_membership(
        actor=named["anna"], room=erik_room,
        message="Jag arbetar med intranätets innehåll och vill gärna vara med i projektet.",
    )
