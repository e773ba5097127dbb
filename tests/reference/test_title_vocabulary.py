"""The shared job-title vocabulary: word families, abbreviations, trades, neighbours, query widening.

These tests read titles through the default normaliser (case and accents folded); genders and plurals
come from the search normaliser, tested with matching (tests/matching/test_title_closeness.py).
"""

import pytest

from portal.reference.text import fold
from portal.reference.title_vocabulary import (
    ABBREVIATIONS,
    NEIGHBOUR_CLOSENESS,
    RelatedTitle,
    TitleThesaurus,
    iter_trade_phrases,
)


@pytest.fixture(scope="module")
def thesaurus():
    return TitleThesaurus()


def close(thesaurus, asked, held):
    return thesaurus.closeness(fold(asked), fold(held))


def test_every_phrase_belongs_to_its_own_trade(thesaurus):
    # A phrase shadowed by a longer one of another trade, or caught by its own exclusions, is dead data.
    strays = [(trade, phrase) for trade, phrase in iter_trade_phrases()
              if trade not in thesaurus.trades_of(fold(phrase))]
    assert strays == []


def test_every_abbreviation_is_spelled_out_in_known_words(thesaurus):
    for short, long in ABBREVIATIONS.items():
        assert thesaurus.concepts(fold(short)) == thesaurus.concepts(fold(long)), short


def test_words_of_one_family_share_a_root_across_the_title(thesaurus):
    assert thesaurus.concepts("controleur de gestion") == thesaurus.concepts("controle de gestion")
    assert thesaurus.concepts("soudeur") == thesaurus.concepts("soudure")
    assert thesaurus.concepts("gestionnaire de paie") == thesaurus.concepts("gestion de la paie")
    # Receiving goods is not the hotel front desk: no shared root.
    assert thesaurus.concepts("receptionniste") != thesaurus.concepts("reception")


def test_diplomas_and_numbers_after_a_title_are_left_out(thesaurus):
    assert thesaurus.concepts("comptable bts cg") == thesaurus.concepts("comptable")
    assert thesaurus.concepts("technicien support n2") == ("technicien", "support")


def test_abbreviations_name_the_same_trade(thesaurus):
    assert close(thesaurus, "DRH", "Directeur des ressources humaines") == 1.0
    assert close(thesaurus, "Aide-soignant", "AS") == 1.0
    assert close(thesaurus, "Agent de service hospitalier", "ASHQ") == 1.0
    assert close(thesaurus, "Cariste", "Agent logistique CACES 1 3 5") > 0


def test_a_longer_phrase_hides_the_shorter_one_it_contains(thesaurus):
    assert thesaurus.trades_of(fold("Animateur qualité")) == {"qualite"}
    assert thesaurus.trades_of(fold("Responsable des ressources humaines")) == {"rh_direction"}
    assert close(thesaurus, "Animateur", "Animateur qualité") == 0


def test_exclusion_words_keep_another_job_out(thesaurus):
    assert "securite" not in thesaurus.trades_of(fold("Agent de sécurité sociale"))
    assert close(thesaurus, "Agent de sécurité", "Agent de sécurité routière") == 0
    assert close(thesaurus, "Électricien", "Électricien auto") == 0
    assert close(thesaurus, "Serveur", "Serveur informatique") == 0


def test_titles_sharing_words_but_not_the_job_are_not_close(thesaurus):
    assert close(thesaurus, "Contrôleur de gestion", "Contrôleur qualité") == 0
    assert close(thesaurus, "Gestionnaire de paie", "Gestionnaire de stock") == 0
    assert close(thesaurus, "Agent de sécurité", "Agent d'entretien") == 0


def test_neighbouring_trades_are_close_both_ways_and_accepted_ones_one_way(thesaurus):
    assert close(thesaurus, "Comptable", "Contrôleur de gestion") == NEIGHBOUR_CLOSENESS
    assert close(thesaurus, "Contrôleur de gestion", "Comptable") == NEIGHBOUR_CLOSENESS
    assert close(thesaurus, "Chauffeur livreur VL", "Chauffeur SPL") == NEIGHBOUR_CLOSENESS
    assert close(thesaurus, "Chauffeur PL", "Chauffeur livreur VL") == 0


def test_a_title_of_no_known_trade_falls_back_on_shared_concept_words(thesaurus):
    assert thesaurus.trades_of("horloger") == frozenset()
    assert close(thesaurus, "Horloger", "Horloger bijoutier") == pytest.approx(0.5)
    assert close(thesaurus, "Horloger", "Bijoutier joaillier") == 0


def test_related_titles_widen_a_query_with_synonyms_then_neighbours(thesaurus):
    related = thesaurus.related_titles("DRH")
    assert related[:2] == [
        RelatedTitle("directeur des ressources humaines", "synonyme"),
        RelatedTitle("responsable des ressources humaines", "synonyme"),
    ]
    assert RelatedTitle("RRH", "synonyme", abbreviation=True) in related
    comptable = thesaurus.related_titles("Comptable")
    assert [item.title for item in comptable if item.relation == "synonyme"] == ["comptabilité", "aide-comptable"]
    assert RelatedTitle("contrôleur de gestion", "proche") in comptable
    # The query itself is never repeated; a query of no known trade is not widened.
    assert all(fold(item.title) != "comptable" for item in comptable)
    assert thesaurus.related_titles("Horloger") == []
