from django.conf import settings
from django.db import models
from django.utils import timezone


class SubmissionToken(models.Model):
    """One form submission that was carried out (see idempotency.py). The unique constraint is
    the whole mechanism: the row is inserted in the transaction that saves the content, so a
    second submission of the same form waits for the first to commit and then finds the row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    token = models.UUIDField()
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"],
                                               name="submission_token_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.token}"
