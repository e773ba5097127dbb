import pytest

from search.text import build_lexicon, set_default_lexicon, vocabulary_pairs


@pytest.fixture(scope="session")
def vocabulary_lexicon():
    return build_lexicon(vocabulary_pairs())


@pytest.fixture(autouse=True)
def default_lexicon_without_database(vocabulary_lexicon):
    # The process-wide lexicon would read JobTitle; these tests pin it to the vocabulary pairs.
    set_default_lexicon(vocabulary_lexicon)
    yield
    set_default_lexicon(None)
