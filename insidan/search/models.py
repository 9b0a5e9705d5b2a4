from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class PendingIndexUpdate(models.Model):
    """An index update that failed (the search backend was down): the object is brought in
    line with the database again by `manage.py retry_index_updates`. One row per object,
    however often it failed; written in the same transaction as the content it is about."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_pk = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_pk"],
                                    name="search_pending_once_per_object")
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}:{self.object_pk}"
