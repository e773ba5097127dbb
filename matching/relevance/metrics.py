"""Ranking and classification measures of the relevance report: pure functions, no Django.

Grades: 0 unrelated, 1 related job, 2 good, 3 ideal. A profile of the pool that an offer's judgments
do not list is graded 0 (the set's convention).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

K = 10
RELEVANT_GRADE = 2  # precision and recall count "good" and "ideal" profiles


def gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(grades: Sequence[int], k: int = K) -> float:
    """Discounted cumulative gain of the first k grades of a ranking: Σ (2^g − 1) / log2(rank + 1)."""
    return sum(gain(grade) / math.log2(rank + 2) for rank, grade in enumerate(grades[:k]))


def ndcg(ranking: Sequence[str], judgments: Mapping[str, int], k: int = K) -> float | None:
    """nDCG@k of a ranking of profile refs; the ideal ranking is built from all the offer's judgments.

    None when no judged profile has a positive grade (nothing to find: the offer is left out of means).
    """
    ideal = dcg(sorted(judgments.values(), reverse=True), k)
    if ideal <= 0:
        return None
    return dcg([judgments.get(ref, 0) for ref in ranking], k) / ideal


def precision_at(ranking: Sequence[str], judgments: Mapping[str, int], k: int = K) -> float:
    """Share of the k first places held by a relevant profile (an empty place counts as a miss)."""
    return sum(1 for ref in ranking[:k] if judgments.get(ref, 0) >= RELEVANT_GRADE) / k


def best_precision_at(judgments: Mapping[str, int], k: int = K) -> float:
    """The highest precision@k the judgments allow (an offer with 3 good profiles: 0.3)."""
    return min(k, sum(1 for grade in judgments.values() if grade >= RELEVANT_GRADE)) / k


def recall_at(ranking: Sequence[str], judgments: Mapping[str, int], k: int = K) -> float | None:
    """Relevant profiles in the k first places, over the number that could be there (min(k, relevant))."""
    relevant = sum(1 for grade in judgments.values() if grade >= RELEVANT_GRADE)
    if not relevant:
        return None
    found = sum(1 for ref in ranking[:k] if judgments.get(ref, 0) >= RELEVANT_GRADE)
    return found / min(k, relevant)


def unrelated_reached(reached: Iterable[str], judgments: Mapping[str, int], pool: Iterable[str]) -> tuple[int, int]:
    """(profiles graded 0 among `reached`, profiles graded 0 in the pool)."""
    reached = set(reached)
    zeros = [ref for ref in pool if judgments.get(ref, 0) == 0]
    return sum(1 for ref in zeros if ref in reached), len(zeros)


def classification(predicted: Sequence[bool], expected: Sequence[bool]) -> dict:
    """Recall and precision of `predicted` against `expected` (True = positive)."""
    pairs = list(zip(predicted, expected, strict=True))
    true_positive = sum(1 for p, e in pairs if p and e)
    positives = sum(1 for _p, e in pairs if e)
    predicted_positive = sum(1 for p, _e in pairs if p)
    return {
        "pairs": len(pairs),
        "positives": positives,
        "true_positives": true_positive,
        "false_positives": predicted_positive - true_positive,
        "recall": true_positive / positives if positives else None,
        "precision": true_positive / predicted_positive if predicted_positive else None,
    }


def mean(values: Iterable[float | None]) -> float | None:
    kept = [value for value in values if value is not None]
    return sum(kept) / len(kept) if kept else None
