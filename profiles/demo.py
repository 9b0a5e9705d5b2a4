"""Demo profiles for seed_demo: photos drawn with Pillow (no downloads), descriptions, skills,
follows and a stream of status updates with comments, all through the actions."""

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from insidan.comments.actions import post_comment

from . import actions

SKILLS = [
    "Projektledning", "Upphandling", "GIS", "Python", "Excel", "Klarspråk", "Arkivering",
    "Verksamhetsutveckling", "Statistik", "Barnkonventionen", "Juridik", "Ekonomi",
    "Teckenspråk", "Första hjälpen", "Tillgänglighet", "Kommunikation",
]
LANGUAGES = ["svenska", "svenska, engelska", "svenska, engelska, arabiska",
             "svenska, finska", "svenska, engelska, tyska", "svenska, persiska"]
DESCRIPTIONS = [
    "Jag arbetar med **{skill}** och stöttar kollegor i förvaltningen.",
    "Ansvarar för uppföljning och utveckling inom {skill}. Hör gärna av dig med frågor!",
    "Samordnar arbetet med {skill} och håller i utbildningar för nya medarbetare.",
]
STATUS_TEXTS = [
    "Jobbar med budgetunderlaget för nästa år. Någon som har en bra mall?",
    "Har just avslutat en utbildning i klarspråk – rekommenderas!",
    "Vi testar nya rutiner för ärendehantering den här veckan.",
    "Någon som vet vem som ansvarar för kartunderlagen i GIS?",
    "Tack alla som kom på frukostseminariet om tillgänglighet i morse!",
    "Sitter i workshop om verksamhetsplanen hela eftermiddagen.",
]
COMMENTS = ["Bra fråga, jag återkommer!", "Låter spännande.", "Hör av dig till mig så hjälper "
            "jag till.", "Tack för tipset!", "Snyggt jobbat!"]
REPLIES = ["Tack!", "Toppen, jag hör av mig.", "Ja, gärna!"]
COLOURS = ["#1d3557", "#2a6f4e", "#7a3b69", "#8a4b08", "#264653", "#5a189a"]
ERIK_SKILLS = ["Projektledning", "GIS", "Upphandling"]


def make_photo(rng: random.Random, initials: str) -> SimpleUploadedFile:
    """A portrait-sized placeholder: a coloured square with the person's initials."""
    image = Image.new("RGB", (400, 400), rng.choice(COLOURS))
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 60, 280, 220), fill="#f1e3d3")
    draw.rectangle((90, 240, 310, 400), fill="#f1e3d3")
    draw.text((20, 20), initials, fill="white", font=ImageFont.load_default(size=48))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def seed(*, rng: random.Random) -> None:
    User = get_user_model()
    people = list(User.objects.filter(is_active=True, profile__isnull=False)
                  .select_related("profile").order_by("username"))
    for user in people:
        _fill_profile(rng, user)
    by_name = {user.username: user for user in people}
    anna, erik = by_name.get("anna"), by_name.get("erik")
    if anna and erik:
        actions.follow(actor=anna, user=erik)
        actions.follow(actor=erik, user=anna)
    _status_stream(rng, people)


def _fill_profile(rng: random.Random, user) -> None:
    profile = user.profile
    skills = ERIK_SKILLS if user.username == "erik" else rng.sample(SKILLS, rng.randint(2, 4))
    has_texts = user.username in {"anna", "erik", "chef"} or rng.random() < 0.8
    if has_texts:
        actions.update_own_profile(
            actor=user, profile=profile,
            work_description=rng.choice(DESCRIPTIONS).format(skill=skills[0].lower()),
            experience=f"{rng.randint(2, 25)} år i kommunen, tidigare inom {skills[-1].lower()}.",
            languages=rng.choice(LANGUAGES), skills=skills,
        )
    if user.username != "anna" and (has_texts or rng.random() < 0.5):
        initials = (user.first_name[:1] + user.last_name[:1]).upper()
        actions.set_photo(actor=user, profile=profile, upload=make_photo(rng, initials))


def _status_stream(rng: random.Random, people: list) -> None:
    now = timezone.now()
    writers = [u for u in people if u.username != "webbred"]
    for n in range(24):
        author = writers[0] if n == 0 else rng.choice(writers)
        at = now - timedelta(hours=6 * (24 - n) + rng.randint(0, 5))
        update = actions.post_status_update(actor=author, body=rng.choice(STATUS_TEXTS), at=at)
        for _ in range(rng.randint(0, 3)):
            commenter = rng.choice([u for u in writers if u.pk != author.pk])
            comment = post_comment(actor=commenter, target=update, text=rng.choice(COMMENTS))
            if rng.random() < 0.5:
                post_comment(actor=author, target=update, text=rng.choice(REPLIES),
                             parent=comment)
