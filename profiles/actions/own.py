"""What the employee changes on their own profile: texts, skills, photo, the yearly review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from insidan.core import images
from insidan.core.text import render_markdown
from insidan.core.usertext import clean_user_text

from .. import photos
from ..models import (
    DESCRIPTION_MAX_LENGTH,
    EXPERIENCE_MAX_LENGTH,
    LANGUAGES_MAX_LENGTH,
    Profile,
)
from ..permissions import can_edit_profile
from ._index import reindex_profile

MAX_SKILLS = 30
SKILL_MAX_LENGTH = 50


def _clean_text(value: str, *, max_length: int, label: str) -> str:
    """The last line of defence behind the form: the same rules for every caller."""
    return clean_user_text(value, max_length=max_length, label=label, required=False)


def clean_skills(skills: list[str]) -> list[str]:
    cleaned, seen = [], set()
    for skill in skills:
        skill = " ".join((skill or "").split())
        if not skill or skill.lower() in seen:
            continue
        if len(skill) > SKILL_MAX_LENGTH:
            raise ValidationError(_("En kunskap får vara högst %(max)s tecken.") % {
                "max": SKILL_MAX_LENGTH})
        _clean_text(skill, max_length=SKILL_MAX_LENGTH, label=_("Kunskaper"))
        seen.add(skill.lower())
        cleaned.append(skill)
    if len(cleaned) > MAX_SKILLS:
        raise ValidationError(_("Ange högst %(max)s kunskaper.") % {"max": MAX_SKILLS})
    return cleaned


def update_own_profile(*, actor, profile: Profile, work_description: str, experience: str,
                       languages: str, skills: list[str]) -> Profile:
    """The employee's own fields only; saving counts as reviewing the profile."""
    if not can_edit_profile(actor, profile):
        raise PermissionDenied(_("Du kan bara ändra din egen profil."))
    work_description = _clean_text(work_description, max_length=DESCRIPTION_MAX_LENGTH,
                                   label=_("Mina arbetsuppgifter"))
    experience = _clean_text(experience, max_length=EXPERIENCE_MAX_LENGTH,
                             label=_("Erfarenhet"))
    languages = _clean_text(languages, max_length=LANGUAGES_MAX_LENGTH, label=_("Språk"))
    skills = clean_skills(skills)
    with transaction.atomic():
        profile.work_description = work_description
        profile.work_description_html = render_markdown(work_description)
        profile.experience, profile.experience_html = experience, render_markdown(experience)
        profile.languages, profile.reviewed_at = languages, timezone.now()
        profile.editorial_removal_reason = ""
        profile.save(update_fields=["work_description", "work_description_html", "experience",
                                    "experience_html", "languages", "reviewed_at",
                                    "editorial_removal_reason"])
        profile.skills.set(skills, clear=False)
        log(profile, "wagtail.edit", user=actor)
        reindex_profile(profile)
    return profile


def confirm_profile_reviewed(*, actor, profile: Profile) -> Profile:
    """"Min profil stämmer": the yearly reminder goes away without changing anything."""
    if not can_edit_profile(actor, profile):
        raise PermissionDenied(_("Du kan bara ändra din egen profil."))
    with transaction.atomic():
        profile.reviewed_at = timezone.now()
        profile.save(update_fields=["reviewed_at"])
        log(profile, "insidan.profile.reviewed", user=actor)
    return profile


def set_photo(*, actor, profile: Profile, upload) -> Profile:
    """Check the upload with Pillow, store its pixels without metadata (EXIF with the GPS
    position, XMP, IPTC) as a Wagtail image in the photo collection and make its renditions
    once. The previous photo's image is kept (the audit log names it)."""
    if not can_edit_profile(actor, profile):
        raise PermissionDenied(_("Du kan bara ändra din egen profil."))
    with transaction.atomic():
        image = images.store_image(
            actor=actor, upload=upload, title=f"Profilfoto {profile.user.get_username()}",
            collection_name=photos.PHOTO_COLLECTION, file_stem=f"profil-{profile.user.pk}",
            renditions=photos.RENDITIONS.values())
        profile.photo = image
        profile.save(update_fields=["photo"])
        log(profile, "insidan.profile.photo", user=actor)
    return profile


def remove_photo(*, actor, profile: Profile) -> Profile:
    if not can_edit_profile(actor, profile):
        raise PermissionDenied(_("Du kan bara ändra din egen profil."))
    with transaction.atomic():
        profile.photo = None
        profile.save(update_fields=["photo"])
        log(profile, "insidan.profile.photo_removed", user=actor)
    return profile
