"""The query renderer on a real Xapian database, indexed with the same normaliser."""

import pytest
import xapian

from search.query import FIELD_POSITION_GAP, parse_query, to_xapian, xapian_index_text

TITLE = "XT"

PROFILES = {
    "tech-interim": (
        "Technicienne de maintenance",
        "Technicienne de maintenance industrielle, missions en intérim.",
    ),
    "tech-cdi": ("Technicien", "Technicien maintenance en CDI, 5 ans d'expérience."),
    "controleuse": ("Contrôleuse de gestion", "Contrôleuse de gestion, Bac+5, tableaux de bord."),
    "controle": ("Agent qualité", "Contrôle qualité : contrôler les pièces, contrôlé par l'équipe."),
    "infirmieres": ("Infirmière", "Infirmières diplômées d'État ; cheffe d'équipe de nuit."),
    "boulangerie": ("Vendeuse", "Vendeuse en boulangerie, boulangère de formation."),
    "directrice": ("Directrice commerciale", "Directrices commerciales Auvergne."),
    "serveuse": ("Serveuse", "Serveuse. Maintenance maintenance maintenance maintenance des machines."),
    "developpeur": ("Développeur", "Développeur C++ et C#, contrôleurs embarqués."),
    "scaphandriere": ("Scaphandrière", "Travaux sous-marins, plongée."),
}


@pytest.fixture
def database(tmp_path):
    db = xapian.WritableDatabase(str(tmp_path / "cvtheque"), xapian.DB_CREATE_OR_OPEN)
    for ref, (title, text) in PROFILES.items():
        document = xapian.Document()
        document.set_data(ref)
        position = xapian_index_text(document, title)
        position = xapian_index_text(document, text, start=position)
        xapian_index_text(document, title, prefix=TITLE, title=True)
        db.add_document(document)
    db.commit()
    return db


def _search(db, raw, mode="all", **kwargs):
    enquire = xapian.Enquire(db)
    enquire.set_query(to_xapian(parse_query(raw, mode=mode), **kwargs))
    return [match.document.get_data().decode() for match in enquire.get_mset(0, 100)]


def _found(db, raw, mode="all", **kwargs):
    return set(_search(db, raw, mode, **kwargs))


def test_all_words_required(database):
    assert _found(database, "technicien maintenance") == {"tech-interim", "tech-cdi"}


def test_phrase(database):
    assert _found(database, '"technicien de maintenance"') == {"tech-interim"}
    assert _found(database, '"maintenance technicien"') == set()


def test_phrase_does_not_span_two_fields(database):
    # Title "Technicien" ends, text starts with "Technicien maintenance": no phrase across the gap.
    assert FIELD_POSITION_GAP > 0
    assert _found(database, '"technicien technicien"') == set()


def test_exclusion_of_a_word_and_a_phrase(database):
    assert _found(database, "technicien -intérim") == {"tech-cdi"}
    assert _found(database, 'technicien -"maintenance industrielle"') == {"tech-cdi"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("technicien", {"tech-interim", "tech-cdi"}),
        ("techniciennes", {"tech-interim", "tech-cdi"}),
        ("contrôleur", {"controleuse", "developpeur"}),
        ("controleuses", {"controleuse", "developpeur"}),
        ("directeur", {"directrice"}),
        ("vendeurs", {"boulangerie"}),
        ("infirmier", {"infirmieres"}),
        ("INFIRMIERE", {"infirmieres"}),
        ("boulanger", {"boulangerie"}),
        ("serveur", {"serveuse"}),
        ("chef", {"infirmieres"}),
        ("chefs", {"infirmieres"}),
    ],
)
def test_feminine_plural_capitals_and_accents(database, query, expected):
    assert _found(database, query) == expected


def test_contrôleuse_matches_the_job_not_every_control_word(database):
    assert "controle" not in _found(database, "contrôleuse")
    assert _found(database, "contrôle") == {"controle"}


def test_any_mode_ranks_profiles_with_every_word_first(database):
    ranked = _search(database, "technicien maintenance", mode="any")
    assert set(ranked) == {"tech-interim", "tech-cdi", "serveuse"}
    assert set(ranked[:2]) == {"tech-interim", "tech-cdi"}


def test_any_mode_bonus_beats_bm25(tmp_path):
    db = xapian.WritableDatabase(str(tmp_path / "bm25"), xapian.DB_CREATE_OR_OPEN)
    texts = {f"filler-{i}": "maintenance des machines" for i in range(20)}
    texts["one-word"] = "soudure soudure soudure"
    texts["both-words"] = "soudure et maintenance " + "expérience " * 60
    for ref, text in texts.items():
        document = xapian.Document()
        document.set_data(ref)
        xapian_index_text(document, text)
        db.add_document(document)
    db.commit()
    # Plain BM25 ranks the short profile repeating one rare word above the one with both words...
    enquire = xapian.Enquire(db)
    enquire.set_query(
        xapian.Query(xapian.Query.OP_OR, [xapian.Query("soudure"), xapian.Query("maintenance")])
    )
    assert enquire.get_mset(0, 1)[0].document.get_data().decode() == "one-word"
    # ...mode "any" puts every profile with all the words first, then the others.
    ranked = _search(db, "soudure maintenance", mode="any")
    assert ranked[:2] == ["both-words", "one-word"]
    assert len(ranked) == 22


def test_any_mode_with_exclusion(database):
    assert _found(database, "technicien maintenance -intérim", mode="any") == {"tech-cdi", "serveuse"}


def test_exclusions_only_and_empty_query(database):
    assert _found(database, "-intérim") == set(PROFILES) - {"tech-interim"}
    assert _found(database, "") == set(PROFILES)
    assert _found(database, '"" -') == set(PROFILES)


def test_programming_languages_and_glued_words(database):
    assert _found(database, "c++") == {"developpeur"}
    assert _found(database, "C#") == {"developpeur"}
    assert _found(database, "bac+5") == {"controleuse"}
    assert _found(database, "sous-marin") == {"scaphandriere"}


def test_title_field_suffix_fallback(database):
    # "scaphandrière" is in no lexicon: the text field keeps it, the title field has the masculine.
    assert _found(database, "scaphandrier") == set()
    assert _found(database, "scaphandrier", title_prefix=TITLE) == {"scaphandriere"}
    assert _found(database, "scaphandrières", title_prefix=TITLE) == {"scaphandriere"}
    assert _found(database, '"scaphandrier" -plongée', title_prefix=TITLE) == set()
