import pytest

from collab.tests.factories import make_room, room_terms


@pytest.fixture
def terms(db):
    return room_terms()


@pytest.fixture
def closed_room(other_employee, terms):
    """Erik's closed room."""
    return make_room(other_employee, closed=True, name="Projekt Nya Insidan")


@pytest.fixture
def open_room(other_employee, terms):
    return make_room(other_employee, closed=False, name="Konstklubben")
