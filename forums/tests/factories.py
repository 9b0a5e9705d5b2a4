import factory

from forums.models import Forum
from profiles.tests.factories import UserFactory


class ForumFactory(factory.django.DjangoModelFactory):
    """An open forum as Webbredaktionen sets it up (rows are created here because the forum
    request flow is an admin decision; discussions and posts go through forums.actions)."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    owner = factory.SubFactory(UserFactory)
    approved_by = factory.SubFactory(UserFactory)
    purpose = "Frågor och svar om arbetet."
    target_group = "Alla medarbetare"
    watched_hours = "Vardagar 8–17"
