"""The score formula, weights, mandatory criteria, threshold, ranking and determinism."""

import math
import random

import numpy as np
import pytest

from matching.engine import (
    DEFAULT_WEIGHTS,
    FOUND,
    OfferCriteria,
    resolve_weights,
    score,
    weights_from_importance,
)
from matching.features import FeatureMatrix
from tests.matching.support import RIOM, clermont_offer, home, place, scores_by_id

DIPLOMA_AND_CONTRACT = OfferCriteria(diploma_level=6, contract_types=["CDI"])
# A has the diploma but not the contract; B the contract but not the diploma.
A_AND_B = [
    {"id": 1, "diploma_level": 7, "contract_types": ["STAGE"]},
    {"id": 2, "diploma_level": 3, "contract_types": ["CDI"]},
]


def ranking(result, **options):
    return [match.profile_id for match in result.top(100, **options)]


def test_score_is_the_weighted_mean_of_credits_over_asked_criteria():
    records = [
        {"id": 1, "diploma_level": 7, "contract_types": ["CDD"]},  # found 1.5 × 1 + approximate 1 × 0.5
        {"id": 2},  # both not specified: 0.25
        {"id": 3, "diploma_level": 3, "contract_types": ["STAGE"]},
    ]
    result = score(FeatureMatrix.build(records), DIPLOMA_AND_CONTRACT)
    assert result.scores.tolist() == pytest.approx([100 * 2.0 / 2.5, 25.0, 0.0])
    assert result.percents.tolist() == [80, 25, 0]


def test_criteria_absent_from_the_offer_are_not_free_points():
    records = [
        {"id": 1, "diploma_level": 7},
        {"id": 2, "diploma_level": 7, "skills": ["Excel"], **home(RIOM)},
    ]
    result = score(FeatureMatrix.build(records), OfferCriteria(diploma_level=6))
    assert result.used == ("diploma",)
    assert result.scores.tolist() == [100.0, 100.0]
    assert set(result.states) == {"diploma"}


def test_an_offer_without_criteria_is_refused():
    with pytest.raises(ValueError, match="au moins un critère"):
        score(FeatureMatrix.build([{"id": 1}]), OfferCriteria())


def test_changing_a_weight_changes_the_ranking():
    matrix = FeatureMatrix.build(A_AND_B)
    assert ranking(score(matrix, DIPLOMA_AND_CONTRACT)) == [1, 2]  # diploma 1.5 > contract 1
    assert ranking(score(matrix, DIPLOMA_AND_CONTRACT, weights={"diploma": 0.5})) == [2, 1]
    importance = weights_from_importance({"contract_types": 3})
    assert importance["contract_types"] == 3 * DEFAULT_WEIGHTS["contract_types"]
    assert ranking(score(matrix, DIPLOMA_AND_CONTRACT, weights=importance)) == [2, 1]


def test_importance_zero_ignores_a_criterion():
    matrix = FeatureMatrix.build(A_AND_B)
    result = score(matrix, DIPLOMA_AND_CONTRACT, weights=weights_from_importance({"diploma": 0}))
    assert result.scores.tolist() == [0.0, 100.0]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"salary": 1}, "Critère inconnu"),
        ({"diploma": -1}, "compris entre 0 et"),
        ({"diploma": 1000}, "compris entre 0 et"),
        ({"diploma": math.nan}, "doit être un nombre"),
        ({"diploma": "2"}, "doit être un nombre"),
        ({"diploma": True}, "doit être un nombre"),
        ([("diploma", 1)], "par critère"),
    ],
)
def test_invalid_weights_are_refused(weights, message):
    with pytest.raises(ValueError, match=message):
        score(FeatureMatrix.build(A_AND_B), DIPLOMA_AND_CONTRACT, weights=weights)


@pytest.mark.parametrize("importance", [{"diploma": 4}, {"diploma": -1}, {"diploma": 1.5}, {"nope": 1}])
def test_invalid_importance_is_refused(importance):
    with pytest.raises(ValueError):
        weights_from_importance(importance)


def test_all_asked_criteria_weighing_zero_is_refused():
    with pytest.raises(ValueError, match="poids supérieur à zéro"):
        score(FeatureMatrix.build(A_AND_B), OfferCriteria(diploma_level=6), weights={"diploma": 0})


def test_default_weights_are_complete_and_valid():
    assert resolve_weights() == dict(DEFAULT_WEIGHTS)
    assert resolve_weights(DEFAULT_WEIGHTS) == dict(DEFAULT_WEIGHTS)
    with pytest.raises(TypeError):
        DEFAULT_WEIGHTS["diploma"] = 9  # read-only: one place, changed in code only


def test_mandatory_criteria_exclude_and_count_in_canonical_order():
    records = [
        {"id": 1, "diploma_level": 7, "contract_types": ["CDI"]},  # passes both
        {"id": 2, "diploma_level": 5, "contract_types": ["CDI"]},  # diploma approximate: excluded
        {"id": 3, "contract_types": ["CDI"]},  # diploma not specified: excluded
        {"id": 4, "diploma_level": 8, "contract_types": ["CDD"]},  # contract approximate: excluded
        {"id": 5, "diploma_level": 8},  # contract not specified: excluded
    ]
    matrix = FeatureMatrix.build(records)
    result = score(matrix, DIPLOMA_AND_CONTRACT, required=["contract_types", "diploma"])
    assert result.required == ("diploma", "contract_types")
    assert [(step.criterion, step.removed, step.remaining) for step in result.funnel] == [
        ("diploma", 2, 3),
        ("contract_types", 2, 1),
    ]
    assert result.funnel[0].label == "Diplômes"
    assert ranking(result) == [1]
    assert result.total == 5


def test_mandatory_criterion_excludes_even_above_the_threshold():
    records = [{"id": 1, "diploma_level": 8, "contract_types": ["CDD"]}]
    result = score(FeatureMatrix.build(records), DIPLOMA_AND_CONTRACT, threshold=50)
    assert result.count == 1
    assert score(FeatureMatrix.build(records), DIPLOMA_AND_CONTRACT, required={"contract_types"}).count == 0


@pytest.mark.parametrize(
    ("required", "message"),
    [
        (["languages"], "n'est pas renseigné"),
        (["salary"], "Critère inconnu"),
        ("diploma_level", "Critère inconnu"),
    ],
)
def test_bad_mandatory_criteria_are_refused(required, message):
    with pytest.raises(ValueError, match=message):
        score(FeatureMatrix.build(A_AND_B), DIPLOMA_AND_CONTRACT, required=required)


def test_threshold_filters_on_the_displayed_percentage():
    records = [
        {"id": 1, "diploma_level": 7, "contract_types": ["CDI"]},  # 100
        {"id": 2, "diploma_level": 7, "contract_types": ["CDD"]},  # 80
        {"id": 3, "diploma_level": 5, "contract_types": ["CDD"]},  # 50
        {"id": 4},  # 25
    ]
    result = score(FeatureMatrix.build(records), DIPLOMA_AND_CONTRACT, threshold=50)
    assert ranking(result) == [1, 2, 3]
    assert ranking(result.with_threshold(80)) == [1, 2]
    assert ranking(result.with_threshold(0)) == [1, 2, 3, 4]
    assert result.with_threshold(100).count == 1
    counts = result.counts_by_threshold()
    assert len(counts) == 101
    assert [counts[t] for t in (0, 25, 26, 50, 51, 80, 81, 100)] == [4, 4, 3, 3, 2, 2, 1, 1]
    for threshold in range(101):
        assert counts[threshold] == result.with_threshold(threshold).count


@pytest.mark.parametrize("threshold", [-1, 101, "50", math.inf])
def test_invalid_threshold_is_refused(threshold):
    with pytest.raises(ValueError, match="seuil"):
        score(FeatureMatrix.build(A_AND_B), DIPLOMA_AND_CONTRACT, threshold=threshold)


def test_ties_are_broken_by_profile_id_whatever_the_insertion_order():
    records = [{"id": pid, "diploma_level": 7 if pid % 3 else 4} for pid in range(1, 41)]
    random.Random(4).shuffle(records)
    result = score(FeatureMatrix.build(records), OfferCriteria(diploma_level=6))
    best = sorted(pid for pid in range(1, 41) if pid % 3)
    assert ranking(result)[: len(best)] == best
    assert [m.profile_id for m in result.top(5)] == best[:5]
    assert [m.profile_id for m in result.top(5, offset=5)] == best[5:10]


def test_top_k_equals_a_full_sort_and_pages_join_up():
    rng = random.Random(7)
    records = [
        {
            "id": pid,
            "diploma_level": rng.choice([None, 3, 5, 6, 7]),
            "contract_types": rng.sample(["CDI", "CDD", "STAGE"], rng.randint(0, 2)),
            "skills": rng.sample(["excel", "sap", "word", "python"], rng.randint(0, 3)),
            "last_login": rng.choice([None, 1000.0, 2000.0, 3000.0]),
            "updated": float(rng.randint(0, 5)),
            "total_years": rng.choice([None, 1, 2, 3]),
        }
        for pid in rng.sample(range(1, 10_000), 300)
    ]
    criteria = OfferCriteria(diploma_level=6, contract_types=["CDI"], skills=["Excel", "SAP"])
    result = score(FeatureMatrix.build(records), criteria, threshold=20)
    a = result.arrays
    rows = [r for r in range(a.n_rows) if result.selected[r]]

    def desc(value):
        return math.inf if math.isnan(value) else -value

    expected = {
        "score": sorted(rows, key=lambda r: (-result.scores[r], a.ids[r])),
        "last_login": sorted(rows, key=lambda r: (desc(a.last_login[r]), -result.scores[r], a.ids[r])),
        "updated": sorted(rows, key=lambda r: (desc(a.updated[r]), -result.scores[r], a.ids[r])),
        "experience": sorted(rows, key=lambda r: (desc(a.total_years[r]), -result.scores[r], a.ids[r])),
    }
    for sort, order in expected.items():
        assert result.ranked_rows(sort=sort).tolist() == order
        for k in (1, 7, 30):
            assert result.ranked_rows(k, sort=sort).tolist() == order[:k]
        pages = [
            result.ranked_rows(10, offset, sort=sort).tolist() for offset in range(0, len(order) + 10, 10)
        ]
        assert sum(pages, []) == order


def test_profiles_without_last_login_come_last():
    records = [{"id": 1, "diploma_level": 7}, {"id": 2, "diploma_level": 7, "last_login": 5.0}]
    result = score(FeatureMatrix.build(records), OfferCriteria(diploma_level=6))
    assert ranking(result, sort="last_login") == [2, 1]
    assert result.top(1, sort="last_login")[0].last_login == 5.0


@pytest.mark.parametrize(
    ("options", "message"), [({"sort": "name"}, "Tri inconnu"), ({"offset": -1}, "décalage")]
)
def test_bad_sort_or_offset_is_refused(options, message):
    result = score(FeatureMatrix.build(A_AND_B), DIPLOMA_AND_CONTRACT)
    with pytest.raises(ValueError, match=message):
        result.top(10, **options)


def test_match_carries_states_by_name():
    result = score(FeatureMatrix.build(A_AND_B), DIPLOMA_AND_CONTRACT)
    match = result.top(1)[0]
    assert match.profile_id == 1
    assert match.state_names == {"diploma": "found", "contract_types": "not_found"}


def test_same_input_same_output():
    rng = random.Random(3)
    records = [
        {
            "id": pid,
            "diploma_level": rng.choice([None, 4, 7]),
            "desired_places": [place(RIOM, rng.choice([0, 10, 30]))] if rng.random() < 0.5 else [],
            "experiences": [
                (rng.choice(["Comptable", "Contrôleur de gestion", "Boulanger"]), rng.randint(0, 9))
            ],
            "skills": rng.sample(["excel", "sap", "word"], rng.randint(0, 3)),
        }
        for pid in range(1, 201)
    ]
    criteria = clermont_offer(job_titles=["Comptable"], min_years=2, diploma_level=6, skills=["Excel"])
    first = score(FeatureMatrix.build(records), criteria)
    second = score(FeatureMatrix.build(records), criteria)
    shuffled = list(records)
    rng.shuffle(shuffled)
    third = score(FeatureMatrix.build(shuffled), criteria)
    assert np.array_equal(first.scores, second.scores)
    for name in first.used:
        assert np.array_equal(first.states[name], second.states[name])
    assert scores_by_id(first) == scores_by_id(third)
    assert ranking(first) == ranking(second) == ranking(third)


def test_states_found_means_full_credit():
    result = score(FeatureMatrix.build([{"id": 1, "diploma_level": 8}]), OfferCriteria(diploma_level=3))
    assert result.states["diploma"][0] == FOUND
    assert result.credits["diploma"][0] == 1.0
