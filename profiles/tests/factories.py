import factory
from django.contrib.auth import get_user_model

from profiles.models import Department, Profile


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kommun.example")
    password = factory.django.Password("demo")
    profile = factory.RelatedFactory(
        "profiles.tests.factories.ProfileFactory", factory_related_name="user"
    )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, profile=None)
    title = "Handläggare"
    department = factory.SubFactory(DepartmentFactory, name="Kommunledningskontoret")
    phone = "018-727 00 00"
