# ruff: noqa: F811 - the imported fixtures are used as fixture arguments below.
"""Fault tests: the content comes from the archive tests' fixtures (made through the content
apps' own actions); the faults are injected with unittest.mock, nothing else is replaced."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import get_resolver

from collab.actions import apply_for_membership, approve_application, make_deputy
from insidan.archive.tests.conftest import (  # noqa: F401 (fixtures)
    chef,
    discussion,
    document,
    forum,
    media,
    post,
    room,
)
from insidan.core.actions import accept_terms
from insidan.core.models import ChannelKind, TermsVersion
from insidan.moderation.actions import report_item
from profiles.tests.factories import UserFactory


def client_for(user) -> Client:
    """A test client logged in as `user`; 500s come back as responses, like in production."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def race(*calls: Callable[[], object]) -> list:
    """Run the calls at the same moment, each in its own thread and so on its own database
    connection, and return what each returned (or raised), in order."""
    _ = get_resolver().url_patterns  # import every view first: two threads importing at once
    # can see a half-imported module
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=20)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            results[index] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def webbred_second(db, webbred):
    from django.contrib.auth.models import Group

    user = UserFactory(username="webbred2", first_name="Wanja", last_name="Ek")
    user.groups.add(*Group.objects.filter(pk__in=webbred.groups.values("pk")))
    return user


@pytest.fixture
def case(post, other_employee):
    """A report case on Anna's post, reported by Erik."""
    report = report_item(actor=other_employee, item=post, category="defamation",
                         text="Kränkande om en kollega")
    return report.case


@pytest.fixture
def deputy(room, other_employee):
    """A deputy of Erik's closed room who has accepted the room terms."""
    user = UserFactory(username="dora", first_name="Dora", last_name="Ställföreträdare")
    approve_application(actor=other_employee, application=apply_for_membership(
        actor=user, room=room, message="Jag vill hjälpa till."))
    accept_terms(actor=user, terms=TermsVersion.objects.filter(kind=ChannelKind.ROOM)
                 .latest("pk"))
    make_deputy(actor=other_employee, room=room, member=user)
    return user


@pytest.fixture
def application(room, deputy):
    applicant = UserFactory(username="sara", first_name="Sara", last_name="Sökande")
    return apply_for_membership(actor=applicant, room=room,
                                message="Jag vill vara med i projektet.")
