"""Close job titles in matching: the shared title vocabulary read through the search normaliser,
measured on the judged title pairs (tests/data/relevance/title_pairs.jsonl)."""

from pathlib import Path

import numpy as np
import pytest

from matching import loader
from matching.engine import APPROXIMATE, FOUND, NOT_FOUND, OfferCriteria, score
from matching.features import CandidateFeatures, FeatureMatrix, JobEntry
from matching.relevance import load_set
from matching.relevance.evaluate import evaluate_title_pairs
from search.text import build_lexicon, normalize_title, related_titles, vocabulary_pairs

FULL_SET = Path(__file__).parents[1] / "data" / "relevance"
LEXICON = build_lexicon(vocabulary_pairs())


def title_key(text: str) -> str:
    return " ".join(normalize_title(text, LEXICON))


def experience_states(asked: str, held: list[str], **criteria) -> dict[str, int]:
    matrix = FeatureMatrix.build(
        [CandidateFeatures(id=number, experiences=(JobEntry(title, 5.0),)) for number, title in enumerate(held, 1)],
        normalise_title=title_key,
    )
    result = score(matrix, OfferCriteria(job_titles=(asked,), **criteria))
    return {held[int(pid) - 1]: int(state) for pid, state in zip(result.arrays.ids, result.states["experience"],
                                                                  strict=True)}


def test_genders_plurals_roots_and_abbreviations_are_approximate_and_look_alikes_not():
    states = experience_states("Comptable", [
        "Comptable", "Aide-comptable", "Assistante comptable", "Comptable BTS CG", "Contrôleuse de gestion",
        "Gestionnaire de paie", "Préparatrice en pharmacie", "Hôtesse d'accueil", "Comptable matières en entrepôt",
    ])
    assert states == {
        "Comptable": FOUND, "Aide-comptable": APPROXIMATE, "Assistante comptable": APPROXIMATE,
        "Comptable BTS CG": APPROXIMATE, "Contrôleuse de gestion": APPROXIMATE,
        "Gestionnaire de paie": NOT_FOUND, "Préparatrice en pharmacie": NOT_FOUND,
        "Hôtesse d'accueil": NOT_FOUND, "Comptable matières en entrepôt": NOT_FOUND,
    }
    drh = experience_states("DRH", ["Directrice des ressources humaines", "RRH", "Chargée de recrutement"])
    assert drh == {"Directrice des ressources humaines": APPROXIMATE, "RRH": APPROXIMATE,
                   "Chargée de recrutement": NOT_FOUND}


def test_a_title_s_vocabulary_family_no_longer_widens_it_unless_the_family_is_asked():
    families = {"cuisinier": "Hôtellerie et restauration", "serveur": "Hôtellerie et restauration"}
    records = [CandidateFeatures(id=1, experiences=(JobEntry("Serveur", 5.0),))]
    matrix = FeatureMatrix.build(records, normalise_title=title_key, title_families=families)
    alone = score(matrix, OfferCriteria(job_titles=("Cuisinier",)))
    asked = score(matrix, OfferCriteria(job_titles=("Cuisinier",), job_families=("Hôtellerie et restauration",)))
    assert int(alone.states["experience"][0]) == NOT_FOUND
    assert int(asked.states["experience"][0]) == APPROXIMATE


def test_closeness_survives_a_saved_and_reloaded_matrix():
    matrix = FeatureMatrix.build([CandidateFeatures(id=1, experiences=(JobEntry("Soudeuse TIG", 3.0),))],
                                 normalise_title=title_key)
    reloaded = FeatureMatrix.from_state(matrix.state(), normalise_title=title_key)
    states = score(reloaded, OfferCriteria(job_titles=("Agent de soudure",))).states["experience"]
    assert np.array_equal(states, [APPROXIMATE])


def test_the_cvtheque_widens_a_query_with_the_same_vocabulary():
    related = related_titles("Aides-soignantes", LEXICON)
    assert related[0].title == "AS" and related[0].relation == "synonyme"
    assert "agent de service hospitalier" in [item.title for item in related if item.relation == "proche"]
    assert "Infirmier" not in [item.title for item in related]


@pytest.mark.django_db
def test_judged_title_pairs_reach_the_recall_and_precision_floors():
    rel_set = load_set(FULL_SET)
    loader.reset()
    report = evaluate_title_pairs(rel_set)
    assert report["pairs"] >= 150
    wrong = [f"{e['asked']} / {e['held']}: {e['state']}" for e in report["errors"]]
    assert report["recall"] >= 0.90, wrong
    assert report["precision"] >= 0.90, wrong
