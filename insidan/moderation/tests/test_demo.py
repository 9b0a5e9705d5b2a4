import random

import pytest
from django.contrib.auth.models import Group

from insidan.core.models import ModerationState
from profiles.tests.factories import ProfileFactory, UserFactory

from .. import demo
from ..models import CaseState, ReportCase
from .factories import ModerationForumFactory, make_post

pytestmark = pytest.mark.django_db


def test_demo_seeds_open_urgent_and_decided_cases():
    webbred = UserFactory(username="webbred")
    webbred.groups.add(Group.objects.get(name="Webbredaktionen"))
    UserFactory(username="anna")
    for n in range(3):
        ProfileFactory(user=UserFactory(username=f"demo{n}"))
    make_post(forum=ModerationForumFactory())
    demo.seed(rng=random.Random(2012))
    assert ReportCase.objects.filter(state=CaseState.OPEN).count() == 3
    assert ReportCase.objects.filter(state=CaseState.OPEN, is_urgent=True).count() == 1
    decided = ReportCase.objects.get(state=CaseState.DECIDED)
    assert decided.get_item().moderation_state == ModerationState.REMOVED
