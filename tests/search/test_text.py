import unicodedata

import pytest

from portal.reference.text import fold
from search.job_nouns import JOB_NOUN_PAIRS
from search.text import (
    MAX_TOKEN_LENGTH,
    build_lexicon,
    default_lexicon,
    fold_word,
    iter_tokens,
    load_default_lexicon,
    normalize_text,
    normalize_title,
    set_default_lexicon,
    singular,
    title_suffix_rule,
    vocabulary_pairs,
)
from tests.factories import JobTitleFactory

from .french_words import WORD_GROUPS

# The pairs named in the CVthèque issue, each with the plural forms of both genders.
ISSUE_PAIRS = [
    ("technicien", "technicienne", "techniciens", "techniciennes"),
    ("contrôleur", "contrôleuse", "contrôleurs", "contrôleuses"),
    ("directeur", "directrice", "directeurs", "directrices"),
    ("vendeur", "vendeuse", "vendeurs", "vendeuses"),
    ("infirmier", "infirmière", "infirmiers", "infirmières"),
    ("boulanger", "boulangère", "boulangers", "boulangères"),
    ("serveur", "serveuse", "serveurs", "serveuses"),
    ("chef", "cheffe", "chefs", "cheffes"),
]


def _spellings(word):
    """The word as typed: capitalised, upper case, without accents."""
    plain = fold(word)
    return {word, word.capitalize(), word.upper(), plain, plain.upper()}


@pytest.mark.parametrize("forms", ISSUE_PAIRS, ids=lambda forms: forms[0])
def test_issue_pairs_and_plurals_normalise_to_the_masculine_singular(forms):
    expected = [fold(forms[0])]
    for form in forms:
        for spelling in _spellings(form):
            assert normalize_text(spelling) == expected, spelling


def test_every_built_in_pair_conflates_with_plurals():
    failures = []
    for masculine, feminine in JOB_NOUN_PAIRS:
        if normalize_text(masculine) != normalize_text(feminine):
            failures.append((masculine, feminine))
        for m_word, f_word in zip(masculine.split(), feminine.split(), strict=True):
            if m_word != f_word:
                expected = normalize_text(m_word)
                plurals = [m_word + "s", f_word + "s", m_word.upper() + "S", fold(f_word) + "s"]
                failures += [plural for plural in plurals if normalize_text(plural) != expected]
    assert len(JOB_NOUN_PAIRS) >= 150
    assert failures == []


def test_every_vocabulary_pair_conflates(vocabulary_lexicon):
    pairs = vocabulary_pairs()
    differing = [(m, f) for m, f in pairs if normalize_text(m) != normalize_text(f)]
    # "Steward / Hôtesse de l'air" are two titles, not two forms of one word.
    assert differing == [(m, f) for m, f in pairs if (m, f) == ("Steward", "Hôtesse de l'air")]


def test_feminine_is_a_whole_word_not_a_prefix():
    # A stemmer turns contrôleuse into "contrôl", which also matches contrôle and contrôler.
    assert normalize_text("contrôleuse") == ["controleur"]
    assert normalize_text("contrôle contrôler contrôlé") == ["controle", "controler", "controle"]


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("L'infirmière", ["infirmier"]),
        ("d’expérience", ["experience"]),
        ("qu'elle jusqu'à lorsqu'il", ["elle", "a", "il"]),
        ("C'est l'équipe", ["est", "equipe"]),
        ("aujourd'hui", ["aujourd", "hui"]),
        ("C++, C#, F# et C", ["c++", "c#", "f#", "et", "c"]),
        ("abc++ notepad#", ["abc", "notepad"]),
        ("Bac+5 / BAC +2", ["bac", "5", "bac", "2"]),
        ("aide-soignante", ["aide", "soignant"]),
        ("Saint-Étienne", ["saint", "etienne"]),
        ("cœur œuvre Æsop", ["coeur", "oeuvre", "aesop"]),
        ("ﬁnance straße", ["finance", "strasse"]),
        ("mot_clé 2024 h24", ["mot", "cle", "2024", "h24"]),
        ("", []),
        ("  ,;!? ", []),
    ],
)
def test_tokenisation(text, tokens):
    assert normalize_text(text) == tokens


def test_decomposed_accents_from_pdf_extraction():
    decomposed = unicodedata.normalize("NFD", "Infirmière diplômée")
    assert normalize_text(decomposed) == normalize_text("Infirmière diplômée") == ["infirmier", "diplomee"]


def test_none_and_overlong_tokens():
    assert normalize_text(None) == []
    assert normalize_title(None) == []
    junk = "x" * (MAX_TOKEN_LENGTH + 1)
    assert normalize_text(f"soudeur {junk} soudeuse") == ["soudeur", "soudeur"]


def test_fold_word_agrees_with_the_reference_fold():
    for word in ["Éléonore", "ÇA", "Noël", "cœur", "Ærø", "straße", "ﬁl", "İstanbul", "Ωmega"]:
        assert fold_word(word) == fold(word)


@pytest.mark.parametrize(
    "word",
    [
        "matrice",
        "année",
        "adresse",
        "tête",
        "caisse",
        "vitesse",
        "semaine",
        "personne",
        "cuisine",
        "médecine",
        "vente",
        "carrière",
        "matière",
        "antenne",
        "commande",
    ],
)
def test_ordinary_words_are_never_touched_by_suffix_rules(word):
    assert normalize_text(word) == [fold(word)]


def test_word_groups_normalise_together_and_apart():
    tokens_by_group = []
    for group in WORD_GROUPS:
        tokens = {tuple(normalize_text(word)) for word in group}
        assert len(tokens) == 1, group
        tokens_by_group.append(tokens.pop())
    assert len(set(tokens_by_group)) == len(WORD_GROUPS), [
        t for t in tokens_by_group if tokens_by_group.count(t) > 1
    ]


@pytest.mark.parametrize(
    "token, expected",
    [
        ("entreprises", "entreprise"),
        ("bureaux", "bureau"),
        ("journaux", "journal"),
        ("travaux", "travail"),
        ("jeux", "jeu"),
        ("jobs", "job"),
        ("bleus", "bleu"),
        ("videos", "video"),
        ("schemas", "schema"),
        ("amis", "ami"),
        ("emplois", "emploi"),
        ("ans", "ans"),
        ("gens", "gens"),
        ("fois", "fois"),
        ("campus", "campus"),
        ("permis", "permis"),
        ("anglais", "anglais"),
        ("cours", "cours"),
        ("parcours", "parcours"),
        ("stress", "stress"),
        ("taux", "taux"),
        ("prix", "prix"),
        ("serieux", "serieux"),
        ("chaux", "chaux"),
        ("1990s", "1990s"),
    ],
)
def test_singular(token, expected):
    assert singular(token) == expected


def test_build_lexicon_aligns_words_and_rejects_unrelated_pairs():
    lexicon = build_lexicon(
        [
            ("contrôleur de gestion", "contrôleuse de gestion"),
            ("homme de ménage", "femme de ménage"),
            ("steward", "hôtesse"),
            ("garçon de café", "serveuse"),
        ]
    )
    assert lexicon.forms["controleuse"] == "controleur"
    assert lexicon.forms["controleuses"] == "controleur"
    assert lexicon.forms["controleurs"] == "controleur"
    assert lexicon.forms["controleur"] == "controleur"
    assert "femme" not in lexicon.forms
    assert "hotesse" not in lexicon.forms
    assert ("garçon de café", "serveuse") in lexicon.skipped
    assert normalize_text("femme", lexicon) == ["femme"]


def test_build_lexicon_plurals_of_al_and_conflicts():
    lexicon = build_lexicon(
        [
            ("directeur général", "directrice générale"),
            ("auteur", "autrice"),
            ("auteur", "auteure"),
            ("chef", "cheffe"),
            ("cheffe", "chef"),
        ]
    )
    assert normalize_text("directrices générales", lexicon) == ["directeur", "general"]
    assert normalize_text("directeurs généraux", lexicon) == ["directeur", "general"]
    assert normalize_text("autrices auteures", lexicon) == ["auteur", "auteur"]
    # A word that is another title's masculine form is never remapped to something else.
    assert normalize_text("chef", lexicon) == ["chef"]


def test_build_lexicon_records_conflicting_feminines():
    lexicon = build_lexicon([("maître", "maîtresse"), ("maîtrer", "maîtresse")])
    assert lexicon.forms["maitresse"] == "maitre"
    assert lexicon.conflicts == (("maitresse", "maitre", "maitrer"),)


def test_fingerprint_follows_the_mapping():
    first = build_lexicon([("vendeur", "vendeuse")])
    assert first.fingerprint == build_lexicon([("vendeur", "vendeuse")]).fingerprint
    assert first.fingerprint != build_lexicon([("vendeur", "vendeuse"), ("serveur", "serveuse")]).fingerprint


def test_an_empty_lexicon_still_folds_and_handles_plurals():
    empty = build_lexicon([])
    assert normalize_text("Techniciennes Entreprises", empty) == ["technicienne", "entreprise"]


@pytest.mark.parametrize(
    "feminine, masculine",
    [
        ("mécanicienne", "mecanicien"),
        ("souffleuse", "souffleur"),
        ("animatrice", "animateur"),
        ("boulangère", "boulanger"),
        ("gardienne", "gardien"),
        ("cheffe", "chef"),
        ("consultante", "consultant"),
        ("adjointe", "adjoint"),
        ("employée", "employe"),
        ("ingénieure", "ingenieur"),
        ("commerciale", "commercial"),
        ("écrivaine", "ecrivain"),
        ("mécaniciennes", "mecanicien"),
    ],
)
def test_title_suffix_rules_without_a_lexicon(feminine, masculine):
    empty = build_lexicon([])
    assert normalize_title(feminine, empty) == [masculine]
    assert normalize_text(feminine, empty) != [masculine]


def test_title_suffix_rules_leave_short_stems_and_other_endings():
    assert title_suffix_rule("matrice") == "matrice"
    assert title_suffix_rule("adresse") == "adresse"
    assert title_suffix_rule("maintenance") == "maintenance"
    assert normalize_title("Technicienne de maintenance") == ["technicien", "de", "maintenance"]


def test_vocabulary_pairs_conflate_on_the_title_field_too():
    pairs = [(m, f) for m, f in vocabulary_pairs() if (m, f) != ("Steward", "Hôtesse de l'air")]
    assert [(m, f) for m, f in pairs if normalize_title(m) != normalize_title(f)] == []


@pytest.mark.django_db
def test_default_lexicon_merges_the_job_title_table():
    JobTitleFactory(masculine="Cordiste", feminine="Cordiste")
    JobTitleFactory(masculine="Scaphandrier", feminine="Scaphandrière")
    set_default_lexicon(None)
    lexicon = default_lexicon()
    assert lexicon is default_lexicon()
    assert normalize_text("scaphandrières") == ["scaphandrier"]
    assert normalize_text("technicienne") == ["technicien"]
    assert load_default_lexicon().fingerprint == lexicon.fingerprint


def test_spans_give_the_same_tokens_as_normalize_text():
    text = "L’infirmière aujourd'hui : C++/C#, Bac+5 — contrôleuses (Clermont-Ferrand) qu'elle 12,5 %"
    assert [token for token, _start, _end in iter_tokens(text)] == normalize_text(text)
    assert [text[start:end] for _token, start, end in iter_tokens(text)][:4] == [
        "infirmière",
        "aujourd",
        "hui",
        "C++",
    ]
