"""A form submitted twice is carried out once.

A double click, a reload of the POST or a flaky connection's retry sends the same form again.
Each rendered form carries a fresh token (`SubmissionTokenMixin`); `submit_once` records the
token for the user in the same transaction as the content it saves. The (user, token) unique
constraint makes that race-proof: a second request with the same token blocks on the first's
uncommitted row, and once the first commits its insert fails, so it finds the row instead and
sends the person where the first submission went. If the first rolls back (the action refused
the text), the second simply goes ahead. No error page either way.

A submission without a token (a form rendered before this version, still open in a tab) is
carried out as before: refusing it would lose what the person wrote to guard against a
duplicate, which is the lesser harm. An invalid token is treated the same way, so nobody sees
an error about a field they cannot see.

Tokens are needed only for as long as a duplicate can arrive; `purge_old_tokens` (run by
`manage.py purge_submission_tokens`, daily) deletes those older than a day.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SubmissionToken

TOKEN_FIELD = "submission_token"
KEEP_TOKENS_FOR = timedelta(days=1)

T = TypeVar("T")


class SubmissionTokenField(forms.UUIDField):
    """A hidden token, new for each rendered form; a bound form keeps the one it was sent."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None  # tampered with: carried out like a form without a token


class SubmissionTokenMixin(forms.Form):
    """Add to a form's bases; render `{{ form.submission_token }}` inside the <form>."""

    submission_token = SubmissionTokenField()


@dataclass(frozen=True)
class Submission(Generic[T]):
    """What a submission led to: `result` is what the action returned, None on a repeat;
    `url` is where it is shown."""

    result: T | None
    url: str

    @property
    def repeated(self) -> bool:
        return self.result is None


def submit_once(*, user, token: uuid.UUID | None, perform: Callable[[], T],
                url_of: Callable[[T], str]) -> Submission[T]:
    """Run `perform` (an action) unless this user's `token` was used before. Exceptions from
    `perform` propagate, and the token is then not used up."""
    if token is None or not user.is_authenticated:
        result = perform()
        return Submission(result, url_of(result))
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the duplicate insert is expected
                claim = SubmissionToken.objects.create(user=user, token=token)
        except IntegrityError:
            earlier = SubmissionToken.objects.get(user=user, token=token)
            return Submission(None, earlier.result_url)
        result = perform()
        claim.result_url = url_of(result)[:500]
        claim.save(update_fields=["result_url"])
    return Submission(result, claim.result_url)


def purge_old_tokens(*, now=None) -> int:
    """Delete the tokens older than a day; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_TOKENS_FOR
    deleted, _ = SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    return deleted
