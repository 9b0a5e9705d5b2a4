import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from profiles.tests.factories import UserFactory


@pytest.fixture
def employee(db):
    return UserFactory(username="anna", first_name="Anna", last_name="Lindqvist")


@pytest.fixture
def other_employee(db):
    return UserFactory(username="erik", first_name="Erik", last_name="Bergström")


@pytest.fixture
def webbred(db):
    user = UserFactory(username="webbred", first_name="Wilma", last_name="Eriksson")
    user.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    return user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and rendered fragments must
    not carry over from another test's rows."""
    from django.core.cache import cache

    cache.clear()
