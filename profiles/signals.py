"""The one signal in this app, and why: an account can be deactivated in the Wagtail or Django
admin, whose user forms call no action of ours. A departure must still take the profile out of
search and flag the person's channels "utan ägare", so a deactivation saved anywhere runs the
same action as `import_staff`. `record_departure` is idempotent, so a save that changes nothing
flags nothing twice."""

from django.db import transaction


def user_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw or created:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    if getattr(instance, "_departure_handled", False):
        return  # deactivate_employee handles it itself
    from .actions import record_departure
    from .actions._index import reindex_profile
    from .models import Profile

    if instance.is_active:
        profile = Profile.objects.filter(user=instance).first()
        if profile is not None:
            reindex_profile(profile)
        return
    with transaction.atomic():
        record_departure(actor=None, user=instance)
