"""The gentle prompt for the profile owner's duties in the guideline: a photo, a description of
the work, and skills ("beskriva sina arbetsuppgifter, erfarenheter och kunskaper", "ladda upp
ett välliknande foto")."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list


def completeness(profile) -> Completeness:
    checks = [
        (bool(profile.photo_id), _("Ett foto på dig")),
        (bool(profile.work_description.strip()), _("En beskrivning av dina arbetsuppgifter")),
        (profile.skills.exists(), _("Dina kunskaper")),
    ]
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(percent=round(100 * done / len(checks)),
                        missing=[label for ok, label in checks if not ok])
