from django.db import transaction
from wagtail.search import index


def reindex_profile(profile) -> None:
    """The profile's search entry holds the user's name, active flag and skills, which change
    without the profile row being saved; update it once the transaction commits."""
    transaction.on_commit(lambda: index.insert_or_update_object(profile))
