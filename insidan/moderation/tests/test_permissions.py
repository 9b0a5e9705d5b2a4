import pytest

from insidan.core import visibility

from .. import actions
from ..items import find_item, reportable_models
from .factories import make_case, make_post

pytestmark = pytest.mark.django_db


def test_case_visibility(employee, other_employee, webbred):
    from profiles.tests.factories import UserFactory

    post = make_post(author=other_employee)
    owner = post.discussion.forum.owner
    stranger = UserFactory()
    case = make_case(reporter=employee, item=post)
    assert visibility.can_view(webbred, case)
    assert visibility.can_view(employee, case)       # own report
    assert visibility.can_view(owner, case)          # the dialogue
    assert not visibility.can_view(stranger, case)
    assert not visibility.can_view(other_employee, case)  # the author, before the decision
    actions.decide_remove(actor=webbred, case=case, reason="Bort")
    case.refresh_from_db()
    assert visibility.can_view(other_employee, case)      # told the decision
    assert not visibility.can_view(stranger, case)


def test_only_registered_content_is_reportable():
    models = reportable_models()
    assert "forums.post" in models and "collab.room" in models
    assert "moderation.reportcase" not in models and "auth.user" not in models
    assert "forums.forumrequest" not in models
    assert find_item("auth.user", "1") is None
    assert find_item("forums.post", "not-a-number") is None


def test_rule_and_queryset_agree(employee, other_employee, webbred):
    from profiles.tests.factories import UserFactory

    from ..models import ReportCase
    from ..permissions import can_view_case
    from ..selectors import cases_visible_to

    deputy, stranger = UserFactory(), UserFactory()
    post = make_post(author=other_employee)
    post.discussion.forum.deputies.add(deputy)
    open_case = make_case(reporter=employee, item=post)
    decided = make_case(reporter=stranger, item=make_post(author=other_employee))
    actions.decide_keep(actor=webbred, case=decided, reason="Ok")
    users = [employee, other_employee, webbred, deputy, stranger, post.discussion.forum.owner]
    for user in users:
        visible = set(cases_visible_to(user).values_list("pk", flat=True))
        for case in ReportCase.objects.all():
            assert can_view_case(user, case) == (case.pk in visible), (user, case)
    assert open_case.pk in set(cases_visible_to(deputy).values_list("pk", flat=True))
