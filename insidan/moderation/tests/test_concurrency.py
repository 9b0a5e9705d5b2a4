"""Two members of Webbredaktionen decide the same case at the same moment, on two database
connections: one decision is taken; the other is told who decided first; nothing is removed or
archived twice. Needs PostgreSQL's row locks and two connections."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connections

from insidan.archive.models import ArchiveRecord
from insidan.core.models import ModerationState
from profiles.tests.factories import UserFactory

from .. import actions
from ..models import CaseState, ReportCase
from .factories import make_case, make_post


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_decisions_yield_one(webbred):
    colleague = UserFactory(username="olle", first_name="Olle", last_name="Redaktör")
    colleague.groups.add(Group.objects.get(name="Webbredaktionen"))
    post = make_post(body="Ett kränkande inlägg.")
    case = make_case(item=post)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(actor, name):
        try:
            stale = ReportCase.objects.get(pk=case.pk)
            barrier.wait(timeout=10)
            actions.decide_remove(actor=actor, case=stale, reason=f"Beslut av {name}")
            outcomes[name] = "decided"
        except actions.CaseAlreadyDecided as error:
            outcomes[name] = error
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[name] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(webbred, "wilma")),
               threading.Thread(target=decide, args=(colleague, "olle"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(str(type(o).__name__) for o in outcomes.values()) == [
        "CaseAlreadyDecided", "str"], outcomes
    winner = "wilma" if outcomes["wilma"] == "decided" else "olle"
    loser_error = outcomes["olle" if winner == "wilma" else "wilma"]
    winner_name = "Wilma Eriksson" if winner == "wilma" else "Olle Redaktör"
    assert f"{winner_name} hann före" in str(loser_error)
    assert f"Beslut av {winner}" in str(loser_error)
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == CaseState.DECIDED and case.reason == f"Beslut av {winner}"
    assert post.moderation_state == ModerationState.REMOVED
    assert ArchiveRecord.objects.filter(object_id=str(post.pk)).count() == 1
