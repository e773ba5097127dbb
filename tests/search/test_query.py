import pytest

from search.query import MAX_PHRASE_WORDS, MAX_QUERY_LENGTH, MAX_TERMS, Mode, parse_query, to_elasticsearch


def _tokens(terms):
    return [term.tokens for term in terms]


def test_words_are_all_required_by_default():
    parsed = parse_query("technicien maintenance")
    assert parsed.mode == Mode.ALL
    assert _tokens(parsed.terms) == [("technicien",), ("maintenance",)]
    assert parsed.excluded == []
    assert parsed.warnings == []
    assert parsed.describe() == "CV contenant « technicien » et « maintenance »"


def test_phrase_keeps_every_word_in_order():
    parsed = parse_query('"Technicienne de maintenance"')
    [term] = parsed.terms
    assert term.tokens == ("technicien", "de", "maintenance")
    assert term.is_phrase and term.quoted
    assert parsed.describe() == "CV contenant l'expression « Technicienne de maintenance »"


def test_exclusions_of_words_and_phrases():
    parsed = parse_query('technicien -intérim -"mot composé" -Intérimaire')
    assert _tokens(parsed.terms) == [("technicien",)]
    assert _tokens(parsed.excluded) == [("interim",), ("mot", "compose"), ("interimaire",)]
    assert parsed.describe() == (
        "CV contenant « technicien », sans « intérim », l'expression « mot composé » ni « Intérimaire »"
    )
    assert parsed.text == 'technicien -intérim -"mot composé" -Intérimaire'


def test_any_mode():
    parsed = parse_query("technicien maintenance -intérim", mode="any")
    assert parsed.mode == Mode.ANY
    assert parsed.describe() == (
        "CV contenant « technicien » ou « maintenance » (ceux qui contiennent tous les termes en premier), "
        "sans « intérim »"
    )
    assert parse_query("technicien", mode=Mode.ANY).describe() == "CV contenant « technicien »"


def test_feminine_and_plural_terms_are_normalised_like_the_index():
    parsed = parse_query('Infirmières "contrôleuses de gestion" -Cheffes')
    assert _tokens(parsed.terms) == [("infirmier",), ("controleur", "de", "gestion")]
    assert _tokens(parsed.excluded) == [("chef",)]


def test_glued_punctuation_becomes_a_phrase_of_its_parts():
    parsed = parse_query("aide-soignante bac+5 l'infirmière C++")
    assert _tokens(parsed.terms) == [("aide", "soignant"), ("bac", "5"), ("infirmier",), ("c++",)]


def test_title_tokens_use_the_title_rules():
    [term] = parse_query("souffleuse").terms
    assert term.tokens == ("souffleur",)  # in the vocabulary
    [term] = parse_query("cordonnière").terms
    assert term.tokens == term.title_tokens == ("cordonnier",)


@pytest.mark.parametrize(
    "raw, terms, excluded, warning",
    [
        (
            'technicien "de maintenance',
            [("technicien",), ("de", "maintenance")],
            [],
            "Guillemet fermant ajouté.",
        ),
        ('"technicien" "', [("technicien",)], [], "Guillemet fermant ajouté."),
        ('technicien ""', [("technicien",)], [], "Guillemets vides ignorés."),
        ('technicien "   "', [("technicien",)], [], "Guillemets vides ignorés."),
        (
            "technicien - maintenance",
            [("technicien",), ("maintenance",)],
            [],
            "Signe « - » ou « + » isolé ignoré",
        ),
        ("technicien -", [("technicien",)], [], "Signe « - » ou « + » isolé ignoré"),
        ("-- + -", [], [], "Signe « - » ou « + » isolé ignoré"),
        ("technicien !!! ...", [("technicien",)], [], "« !!! » ne contient aucun mot : ignoré."),
        (
            "technicien de maintenance",
            [("technicien",), ("maintenance",)],
            [],
            "Mot trop courant ignoré : « de »",
        ),
        ("-intérim", [], [("interim",)], "Aucun mot à rechercher"),
        ("-intérim -stage", [], [("interim",), ("stage",)], "Aucun mot à rechercher"),
        (
            "technicien -techniciennes",
            [("technicien",)],
            [],
            "« techniciennes » est à la fois demandé et exclu",
        ),
        ("Mode inconnu", [("mode",), ("inconnu",)], [], None),
    ],
)
def test_malformed_input_is_repaired_and_explained(raw, terms, excluded, warning):
    parsed = parse_query(raw)
    assert _tokens(parsed.terms) == terms
    assert _tokens(parsed.excluded) == excluded
    if warning is None:
        assert parsed.warnings == []
    else:
        assert any(w.startswith(warning) for w in parsed.warnings), parsed.warnings


def test_repaired_query_text_parses_to_the_same_query_without_warnings():
    parsed = parse_query('"technicien de maintenance  -  intérim -"cdd')
    again = parse_query(parsed.text)
    assert again.warnings == []
    assert _tokens(again.terms) == _tokens(parsed.terms)
    assert _tokens(again.excluded) == _tokens(parsed.excluded)


@pytest.mark.parametrize("raw", ["", "   ", None, 42, '"', '""', "-", "+", "«»", "\x00\x07"])
def test_empty_queries_browse_everything(raw):
    parsed = parse_query(raw)
    assert parsed.is_empty
    assert parsed.describe() == "Tous les CV"
    assert to_elasticsearch(parsed) == {"match_all": {}}


def test_unknown_mode_falls_back_to_all_words():
    parsed = parse_query("technicien", mode="fuzzy")
    assert parsed.mode == Mode.ALL
    assert parsed.warnings == ["Mode de recherche inconnu : recherche de tous les mots."]
    assert parse_query("technicien", mode=None).warnings == []


def test_french_quotes_and_typographic_dashes():
    parsed = parse_query("« technicien de maintenance » –intérim")
    assert _tokens(parsed.terms) == [("technicien", "de", "maintenance")]
    assert _tokens(parsed.excluded) == [("interim",)]
    assert parsed.warnings == []


def test_very_long_input_is_capped():
    words = " ".join(f"mot{i}" for i in range(400))
    parsed = parse_query(words)
    assert len(parsed.terms) == MAX_TERMS
    assert any("500 premiers caractères" in w for w in parsed.warnings)
    assert any(f"seuls les {MAX_TERMS} premiers" in w for w in parsed.warnings)

    parsed = parse_query("a" * 10_000)
    assert parsed.terms == []  # one word cut at 500 letters is still longer than any token
    assert (
        parsed.warnings[0]
        == f"Recherche trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères sont pris en compte."
    )

    long_phrase = '"' + " ".join(f"mot{i}" for i in range(30)) + '"'
    [term] = parse_query(long_phrase).terms
    assert len(term.tokens) == MAX_PHRASE_WORDS


def test_duplicate_terms_are_merged():
    parsed = parse_query("technicien Technicienne techniciens -intérim -interim")
    assert _tokens(parsed.terms) == [("technicien",)]
    assert _tokens(parsed.excluded) == [("interim",)]


def test_quoted_stopword_is_kept():
    parsed = parse_query('"de" "permis a"')
    assert _tokens(parsed.terms) == [("de",), ("permis", "a")]


def test_elasticsearch_all_mode():
    parsed = parse_query('technicien "chef de projet" -intérim')
    assert to_elasticsearch(parsed, field="cv") == {
        "bool": {
            "must": [
                {"match": {"cv": {"query": "technicien"}}},
                {"match_phrase": {"cv": {"query": "chef de projet"}}},
            ],
            "must_not": [{"match": {"cv": {"query": "interim"}}}],
        }
    }


def test_elasticsearch_any_mode_boosts_profiles_with_every_term():
    parsed = parse_query("technicien maintenance", mode="any")
    query = to_elasticsearch(parsed)["bool"]
    assert query["minimum_should_match"] == 1
    all_terms, *single = query["should"]
    assert all_terms["constant_score"]["filter"]["bool"]["must"] == single
    assert single == [
        {"match": {"text": {"query": "technicien"}}},
        {"match": {"text": {"query": "maintenance"}}},
    ]


def test_elasticsearch_exclusions_only_and_title_field():
    parsed = parse_query("-intérim")
    assert to_elasticsearch(parsed) == {
        "bool": {"must": [{"match_all": {}}], "must_not": [{"match": {"text": {"query": "interim"}}}]}
    }
    parsed = parse_query("cordonnière")
    assert to_elasticsearch(parsed, title_field="titles") == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {"match": {"text": {"query": "cordonnier"}}},
                            {"match": {"titles": {"query": "cordonnier"}}},
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ]
        }
    }


def test_garbage_is_quoted_short_in_the_warning():
    parsed = parse_query("technicien " + "%" * 200, mode=["not", "a", "mode"])
    assert _tokens(parsed.terms) == [("technicien",)]
    assert parsed.warnings == [
        "Mode de recherche inconnu : recherche de tous les mots.",
        f"« {'%' * 29}… » ne contient aucun mot : ignoré.",
    ]
