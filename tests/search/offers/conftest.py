import pytest
from haystack import connections

from search.offers.indexes import CONNECTION


@pytest.fixture(autouse=True)
def empty_offer_index(db):
    """Each test starts from an empty offer index (a real Xapian database in the test temp dir)."""
    connections[CONNECTION].get_backend().clear()
    yield
    connections[CONNECTION].get_backend().clear()
