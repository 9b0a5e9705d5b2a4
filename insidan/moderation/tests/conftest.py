import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit lives in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
