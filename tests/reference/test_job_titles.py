import pytest

from portal.reference.job_titles import JOB_TITLES, feminine_word_map
from portal.reference.text import fold

# The pairs the CVthèque must conflate (issue 4), and those of the foundation brief.
REQUIRED_PAIRS = [
    ("Technicien", "Technicienne"),
    ("Contrôleur de gestion", "Contrôleuse de gestion"),
    ("Directeur", "Directrice"),
    ("Vendeur", "Vendeuse"),
    ("Infirmier", "Infirmière"),
    ("Boulanger", "Boulangère"),
    ("Serveur", "Serveuse"),
    ("Chef de chantier", "Cheffe de chantier"),
    ("Comptable", "Comptable"),
    ("Technicien de maintenance", "Technicienne de maintenance"),
]
ALL_TITLES = [(family, m, f) for family, titles in JOB_TITLES.items() for m, f in titles]


def test_vocabulary_size_and_families():
    assert len(ALL_TITLES) >= 300
    assert len(JOB_TITLES) >= 12
    assert all(len(titles) >= 10 for titles in JOB_TITLES.values())


def test_keys_are_unique():
    keys = [fold(m) for _, m, _ in ALL_TITLES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("masculine", "feminine"), REQUIRED_PAIRS)
def test_required_pairs(masculine, feminine):
    assert any((m, f) == (masculine, feminine) for _, m, f in ALL_TITLES)


def test_titles_are_tidy():
    for _, masculine, feminine in ALL_TITLES:
        for title in (masculine, feminine):
            assert title == title.strip() and "  " not in title and "/" not in title, title
            assert title[0].isupper(), title


@pytest.mark.parametrize(
    ("female", "male"),
    [
        ("technicienne", "technicien"),
        ("controleuse", "controleur"),
        ("directrice", "directeur"),
        ("vendeuse", "vendeur"),
        ("infirmiere", "infirmier"),
        ("boulangere", "boulanger"),
        ("serveuse", "serveur"),
        ("cheffe", "chef"),
        ("ingenieure", "ingenieur"),
        ("autrice", "auteur"),
    ],
)
def test_feminine_word_map(female, male):
    assert feminine_word_map()[female] == male


def test_word_map_has_no_identity_or_cross_words():
    mapping = feminine_word_map()
    assert all(female != male for female, male in mapping.items())
    # "Steward / Hôtesse de l'air" is not aligned word by word.
    assert "hotesse" not in mapping or mapping["hotesse"] == "hote"
