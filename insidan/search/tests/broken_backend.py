"""A search backend that is down (for the tests): the database backend whose every call to the
index raises, as an unreachable Elasticsearch would. Set `state["down"] = False` to bring it
back."""

from modelsearch.backends.database import SearchBackend as database_backend

state = {"down": True}
FAILING = ("search", "autocomplete", "add", "add_bulk", "delete")


class Unreachable(ConnectionError):
    pass


def _fail(*args, **kwargs):
    raise Unreachable("Connection refused: the search server does not answer")


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks for
    backend = database_backend(params)
    if state["down"]:
        for name in FAILING:
            setattr(backend, name, _fail)
    return backend
