import pytest

from matching import extraction, loader, services


@pytest.fixture(autouse=True)
def fresh_matching_state():
    """Each test builds its own process-wide matrix, result cache and extraction vocabularies."""
    loader.reset()
    services.reset_cache()
    extraction.reset_vocabularies()
    yield
    loader.reset()
    services.reset_cache()
    extraction.reset_vocabularies()
