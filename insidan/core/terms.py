"""Which terms version is current, and whether a user has accepted it.

Every owner action calls `require_current_terms` before it changes anything: when
Webbredaktionen publishes a new version, owners must accept it before their next owner action
(and are shown what changed).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import ChannelKind, TermsAcceptance, TermsVersion


class TermsNotAccepted(PermissionDenied):
    """The user must accept the current terms for this kind of channel first."""

    def __init__(self, terms: TermsVersion):
        self.terms = terms
        super().__init__(
            _("Du behöver godkänna de nya villkoren för %(kind)s (version %(version)s) först.")
            % {"kind": terms.get_kind_display().lower(), "version": terms.version}
        )


def current_terms(kind: ChannelKind | str) -> TermsVersion | None:
    return TermsVersion.objects.filter(kind=kind).order_by("-version").first()


def has_accepted_current(user, kind: ChannelKind | str) -> bool:
    terms = current_terms(kind)
    if terms is None:
        return True
    return TermsAcceptance.objects.filter(user=user, terms=terms).exists()


def require_current_terms(user, kind: ChannelKind | str) -> None:
    terms = current_terms(kind)
    if terms is not None and not TermsAcceptance.objects.filter(user=user, terms=terms).exists():
        raise TermsNotAccepted(terms)
