"""Django's ModelBackend, with the user's Webbredaktionen role and chosen language read in the
same query as the user row on every request.

Almost every page asks `is_webbredaktionen(request.user)` (the visibility rules, the
navigation): with the plain backend that is a second query per request. Here the session's
user is loaded with the answer as an EXISTS column, and is_webbredaktionen finds it on the
object (insidan.core.permissions keeps it there). The answer is as fresh as the user row:
read again on every request.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef


class RoleAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        from django.contrib.auth import get_user_model

        from .language import with_languages

        model = get_user_model()
        in_group = Group.objects.filter(name=settings.WEBBREDAKTIONEN_GROUP,
                                        user=OuterRef("pk"))
        # The language the person chose (insidan.accounts.language), in the same query.
        user = (with_languages(model._default_manager.annotate(
                    _is_webbredaktionen=Exists(in_group)))
                .filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
