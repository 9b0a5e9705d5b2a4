"""State changes of the channel core: publishing and accepting terms."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .admin_forms import published_texts
from .models import TermsAcceptance, TermsVersion
from .permissions import can_publish_terms
from .usertext import check_characters, clean_model_texts, refuse_personal_data


def publish_terms(
    *, actor, kind: str, title: str, body: str, change_summary: str = ""
) -> TermsVersion:
    """Publish a new terms version for one kind of channel; earlier versions stay as they were
    (owners accepted those words), and every owner must accept the new one."""
    if not can_publish_terms(actor):
        raise PermissionDenied(_("Endast webbredaktionen kan publicera villkor."))
    texts = clean_model_texts(TermsVersion, {"title": title, "change_summary": change_summary})
    check_characters(body or "")
    refuse_personal_data(published_texts("body", body))
    with transaction.atomic():
        # Lock the kind's versions so two publishers cannot take the same number.
        latest = (
            TermsVersion.objects.select_for_update()
            .filter(kind=kind)
            .aggregate(latest=Max("version"))["latest"]
        )
        terms = TermsVersion.objects.create(
            kind=kind,
            version=(latest or 0) + 1,
            body=body,
            **texts,
            published_by=actor,
        )
        log(terms, "insidan.terms.publish", user=actor)
    return terms


def accept_terms(*, actor, terms: TermsVersion) -> TermsAcceptance:
    """Record that `actor` has read and accepted `terms` (idempotent)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        acceptance, created = TermsAcceptance.objects.get_or_create(user=actor, terms=terms)
        if created:
            log(terms, "insidan.terms.accept", user=actor)
    return acceptance
