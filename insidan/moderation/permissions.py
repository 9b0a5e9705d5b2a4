"""Who sees a report case, and who takes part in its dialogue.

- Webbredaktionen sees everything and decides.
- The channel's owner and deputies (for a profile or status update: the author's manager) read
  the case and write in its dialogue; they never see who reported.
- A reporter sees the status of their own report (at /anmalningar/mina/), nothing else.
- The author of the item is told the decision once it is taken.

selectors.cases_visible_to is the same rule as a queryset; a test checks that they agree.

`can_view_case` is the rule registered in the visibility registry (notifications about a case
are shown only to those who pass it); `can_take_part` guards the dialogue page.
"""

from insidan.core.permissions import is_webbredaktionen

from .items import describe, is_owner_of
from .models import CaseState, ReportCase


def _is_employee(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_decide(user) -> bool:
    return is_webbredaktionen(user)


def can_take_part(user, case: ReportCase) -> bool:
    """Read the case page and write in its dialogue: Webbredaktionen and the item's owners."""
    if not _is_employee(user):
        return False
    if is_webbredaktionen(user):
        return True
    item = case.get_item()
    return item is not None and is_owner_of(user, describe(item))


def can_view_case(user, case: ReportCase) -> bool:
    if not _is_employee(user):
        return False
    if case.reports.filter(reporter=user).exists():
        return True
    if can_take_part(user, case):
        return True
    return case.state == CaseState.DECIDED and case.author_id == user.pk
