from django.db import transaction


def reindex_profile(profile) -> None:
    """The profile's search entry holds the user's name, active flag and skills, which change
    without the profile row being saved; update it once the transaction commits. Through the
    search app's sync_object: with the backend down the update is kept and retried
    (retry_index_updates), and the request does not fail."""
    from insidan.search.indexing import sync_object

    transaction.on_commit(lambda: sync_object(type(profile), profile.pk))
