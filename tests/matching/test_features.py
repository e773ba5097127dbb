"""The feature matrix: record parsing, validation, fairness, incremental updates."""

import dataclasses
import random
from datetime import UTC, datetime

import numpy as np
import pytest

from matching.engine import OfferCriteria, explain, score
from matching.features import (
    PROTECTED_FIELDS,
    CandidateFeatures,
    FeatureArrays,
    FeatureMatrix,
    JobEntry,
    PlaceEntry,
    Segments,
)
from tests.matching.support import LYON, RIOM, VICHY, clermont_offer, home, place, scores_by_id

FULL_OFFER = clermont_offer(
    job_titles=["Comptable"],
    min_years=2,
    diploma_level=6,
    sectors=["69.20Z"],
    radius_km=30,
    contract_types=["CDI"],
    working_time="FULL_TIME",
    skills=["Excel", "SAP"],
    languages=[("en", "B2")],
)


def random_record(rng: random.Random, pid: int) -> dict:
    return {
        "id": pid,
        "experiences": [
            (
                rng.choice(["Comptable", "Comptable fournisseurs", "Boulanger", "Aide comptable"]),
                rng.randint(0, 8),
            )
            for _ in range(rng.randint(0, 2))
        ],
        "desired_jobs": rng.sample(["Comptable", "Vendeur"], rng.randint(0, 1)),
        "diploma_level": rng.choice([None, 4, 5, 6, 7]),
        "sectors": rng.sample(["69.20Z", "69.10Z", "47.11F"], rng.randint(0, 2)),
        "desired_places": [place(rng.choice([RIOM, VICHY, LYON]), rng.choice([0, 10, 30]))]
        if rng.random() < 0.6
        else [],
        "desired_departments": rng.sample(["63", "03"], rng.randint(0, 1)),
        **(home(rng.choice([RIOM, VICHY, LYON]), "63") if rng.random() < 0.7 else {}),
        "contract_types": rng.sample(["CDI", "CDD", "STAGE"], rng.randint(0, 2)),
        "working_times": rng.sample(["FULL_TIME", "PART_TIME"], rng.randint(0, 2)),
        "skills": rng.sample(["excel", "SAP", "word", "python"], rng.randint(0, 3)),
        "languages": dict(rng.sample([("en", "B1"), ("en", "C1"), ("es", "A2")], rng.randint(0, 1))),
        "last_login": rng.choice([None, 100.0, 200.0]),
        "updated": float(rng.randint(0, 9)),
    }


def test_records_as_dicts_and_dataclasses_give_the_same_matrix():
    as_dict = {
        "id": 7,
        "experiences": [{"title": "Comptable", "years": 3, "family": "Finance"}],
        "desired_jobs": ["Contrôleur de gestion"],
        "desired_places": [place(RIOM, 10, "Riom (63)")],
        "languages": [{"code": "en", "level": "B2"}],
        "skills": ["Excel"],
        "last_login": datetime(2026, 1, 1, tzinfo=UTC),
    }
    as_dataclass = CandidateFeatures(
        id=7,
        experiences=(JobEntry("Comptable", 3, "Finance"),),
        desired_jobs=(JobEntry("Contrôleur de gestion"),),
        desired_places=(PlaceEntry(RIOM[0], RIOM[1], 10, "Riom (63)"),),
        languages=(("en", "B2"),),
        skills=("Excel",),
        last_login=datetime(2026, 1, 1, tzinfo=UTC).timestamp(),
    )
    left, right = FeatureMatrix.build([as_dict]).snapshot(), FeatureMatrix.build([as_dataclass]).snapshot()
    assert_same_arrays(left, right)
    assert left.total_years[0] == 3.0
    assert left.last_login[0] == datetime(2026, 1, 1, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "7"}, "profile id must be an integer"),
        ({"id": 1, "diploma_level": 9}, "diploma_level"),
        ({"id": 1, "sectors": ["7022Z"]}, "sector"),
        ({"id": 1, "sectors": "70.22Z"}, "list of strings"),
        ({"id": 1, "home_latitude": 45.0}, "go together"),
        ({"id": 1, "home_latitude": 95.0, "home_longitude": 3.0}, "latitude"),
        ({"id": 1, "home_department": "6"}, "invalid code"),
        ({"id": 1, "languages": {"en": "B3"}}, "CEFR"),
        ({"id": 1, "languages": {"english": "B2"}}, "language code"),
        ({"id": 1, "experiences": [("Comptable", -1)]}, "years"),
        ({"id": 1, "experiences": [("Comptable", float("nan"))]}, "years"),
        ({"id": 1, "desired_places": [{"latitude": 45.0, "longitude": 3.0, "radius_km": "10"}]}, "radius_km"),
        ({"id": 1, "salary": 30000}, "unknown feature field"),
        ({"id": 1, "experiences": [{"title": "Comptable", "employer": "ACME"}]}, "unknown job entry field"),
    ],
)
def test_invalid_records_are_refused_and_leave_the_matrix_untouched(record, message):
    matrix = FeatureMatrix.build([{"id": 1, "diploma_level": 5}])
    before = matrix.snapshot()
    with pytest.raises(ValueError, match=message):
        matrix.upsert_many([{"id": 2, "diploma_level": 7}, record])
    assert len(matrix) == 1 and 2 not in matrix
    assert_same_arrays(before, matrix.snapshot())


def test_feature_records_have_no_protected_field():
    names = {item.name for item in dataclasses.fields(CandidateFeatures)}
    assert not names & PROTECTED_FIELDS
    assert {"name", "email", "age", "gender", "photo", "nationality", "address"} <= PROTECTED_FIELDS


def test_protected_fields_are_ignored_and_change_nothing():
    rng = random.Random(11)
    plain = [random_record(rng, pid) for pid in range(1, 101)]
    people = random.Random(5)
    dressed = [
        {
            **record,
            "name": people.choice(["Fatima Benali", "Jean Dupont", "Nguyen Van An"]),
            "first_name": people.choice(["Fatima", "Jean", "An"]),
            "email": f"{people.random()}@example.org",
            "age": people.randint(18, 67),
            "birth_date": "1970-01-01",
            "gender": people.choice(["F", "M", "X"]),
            "photo": b"\x89PNG",
            "nationality": people.choice(["FR", "MA", "VN"]),
            "address": "12 rue des Gras",
        }
        for record in plain
    ]
    redressed = [{**record, "gender": "F", "age": 60, "nationality": "DE", "name": "X"} for record in dressed]
    results = [score(FeatureMatrix.build(records), FULL_OFFER) for records in (plain, dressed, redressed)]
    for result in results[1:]:
        assert_same_arrays(results[0].arrays, result.arrays)
        assert scores_by_id(result) == scores_by_id(results[0])
        assert [m.profile_id for m in result.top(100)] == [m.profile_id for m in results[0].top(100)]


@pytest.mark.parametrize("compact_ratio", [0.25, 2.0])
def test_incremental_updates_equal_a_full_rebuild(compact_ratio):
    rng = random.Random(21)
    current = {pid: random_record(rng, pid) for pid in range(1, 151)}
    matrix = FeatureMatrix.build(current.values(), compact_ratio=compact_ratio)
    for step in range(300):
        action = rng.random()
        pid = rng.randint(1, 200)
        if action < 0.5:
            current[pid] = random_record(rng, pid)
            matrix.upsert(current[pid])
        elif action < 0.8:
            assert matrix.remove(pid) == (current.pop(pid, None) is not None)
        else:
            batch = [random_record(rng, rng.randint(1, 200)) for _ in range(3)]
            matrix.upsert_many(batch)
            current.update({record["id"]: record for record in batch})
        if step % 50 == 0:
            assert len(matrix) == len(current)
    rebuilt = FeatureMatrix.build(current.values())
    incremental, fresh = score(matrix, FULL_OFFER), score(rebuilt, FULL_OFFER)
    assert len(matrix) == len(current) == incremental.total
    assert scores_by_id(incremental) == scores_by_id(fresh)
    for sort in ("score", "last_login", "updated", "experience"):
        assert [m.profile_id for m in incremental.top(500, sort=sort)] == [
            m.profile_id for m in fresh.top(500, sort=sort)
        ]
    if compact_ratio > 1:
        assert matrix.dead_rows > 0 and matrix.n_rows > len(matrix)
    matrix.compact()
    assert matrix.dead_rows == 0 and matrix.n_rows == len(matrix)
    assert scores_by_id(score(matrix, FULL_OFFER)) == scores_by_id(fresh)


def test_compaction_happens_when_tombstones_pile_up():
    matrix = FeatureMatrix.build([{"id": pid} for pid in range(10)], compact_ratio=0.25)
    matrix.remove(0)
    matrix.remove(1)
    assert matrix.dead_rows == 2 and matrix.n_rows == 10
    matrix.remove(2)  # 3 dead >= 25 % of 10 rows
    assert matrix.dead_rows == 0 and matrix.n_rows == 7
    assert sorted(matrix.snapshot().ids.tolist()) == list(range(3, 10))
    assert matrix.remove(0) is False


def test_a_snapshot_does_not_change_when_the_matrix_does():
    matrix = FeatureMatrix.build(
        [{"id": 1, "diploma_level": 7}, {"id": 2, "diploma_level": 3}], compact_ratio=0.4
    )
    criteria = OfferCriteria(diploma_level=6)
    result = score(matrix, criteria)
    matrix.upsert({"id": 1, "diploma_level": 3})  # tombstones row 0
    matrix.upsert({"id": 3, "diploma_level": 8})
    matrix.remove(2)  # triggers compaction: row numbers change
    assert [m.profile_id for m in result.top(10)] == [1, 2]
    assert result.explain(0)[0].detail == "Niveau du candidat : BAC+5"
    assert [m.profile_id for m in score(matrix, criteria).top(10)] == [3, 1]


def test_repeated_id_in_one_batch_keeps_the_last_record():
    matrix = FeatureMatrix.build([{"id": 1, "diploma_level": 3}, {"id": 1, "diploma_level": 8}])
    assert len(matrix) == 1
    result = score(matrix, OfferCriteria(diploma_level=8))
    assert [(m.profile_id, m.percent) for m in result.top(10)] == [(1, 100)]


def test_segments_take_and_reductions():
    matrix = FeatureMatrix.build(
        [{"id": 1, "skills": ["a", "b"]}, {"id": 2}, {"id": 3, "skills": ["b", "c", "a"]}],
        normalise_skill=str.lower,
    )
    skills: Segments = matrix.snapshot().skills
    flags = skills["skill"] == matrix.vocabularies.skills.get("a")
    assert skills.any(flags).tolist() == [True, False, True]
    assert skills.count(skills["skill"] >= 0).tolist() == [2, 0, 3]
    taken = skills.take(np.array([2, 1]))
    assert taken.counts.tolist() == [3, 0]
    assert taken.rows.tolist() == [0, 0, 0]
    assert [matrix.vocabularies.skills.labels[i] for i in taken["skill"]] == ["b", "c", "a"]


def test_duplicate_skills_and_languages_are_merged():
    matrix = FeatureMatrix.build(
        [{"id": 1, "skills": ["Excel", "excel", "EXCEL "], "languages": [("en", "A2"), ("EN", "C1")]}]
    )
    a = matrix.snapshot()
    assert a.skills.counts.tolist() == [1]
    assert a.languages.counts.tolist() == [1] and a.languages["level"].tolist() == [5]


def test_array_memory_is_reported():
    matrix = FeatureMatrix.build([random_record(random.Random(1), pid) for pid in range(1, 51)])
    assert matrix.nbytes == matrix.snapshot().nbytes > 50 * 8


def assert_same_arrays(left: FeatureArrays, right: FeatureArrays) -> None:
    for item in dataclasses.fields(FeatureArrays):
        a, b = getattr(left, item.name), getattr(right, item.name)
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b, err_msg=item.name)
        elif isinstance(a, Segments):
            np.testing.assert_array_equal(a.indptr, b.indptr, err_msg=item.name)
            for column in a.columns:
                np.testing.assert_array_equal(a[column], b[column], err_msg=f"{item.name}.{column}")


def test_state_gives_the_same_matrix_back_and_it_stays_updatable():
    records = [
        {"id": 1, "experiences": [{"title": "Contrôleuse de gestion", "years": 4, "family": "Finance"}],
         "skills": ["Excel"], "sectors": ["70.22Z"], "languages": [("en", "B2")], "contract_types": ["CDI"],
         "desired_places": [{"latitude": 45.77, "longitude": 3.08, "radius_km": 20, "label": "Clermont (63)",
                             "department": "63"}], "desired_departments": ["03"], "home_department": "63"},
        {"id": 2, "desired_jobs": [{"title": "Comptable"}], "skills": ["SAP", "Excel"], "diploma_level": 6},
        {"id": 3, "skills": ["Power BI"]},
    ]
    matrix = FeatureMatrix.build(records, title_families={"comptable": "Finance"})
    matrix.remove(3)
    copy = FeatureMatrix.from_state(matrix.state())
    criteria = OfferCriteria(job_titles=["Contrôleur de gestion"], skills=["Excel", "SAP"], sectors=["70.22Z"],
                             languages=[("en", "B2")], departments=["63"], contract_types=["CDI"])
    assert len(copy) == len(matrix) == 2 and 3 not in copy
    assert score(copy, criteria).scores.tolist() == score(matrix, criteria).scores.tolist()
    assert [e.detail for e in explain(copy, criteria, copy.row_of(1))] == [
        e.detail for e in explain(matrix, criteria, matrix.row_of(1))]
    for target in (matrix, copy):
        target.upsert({"id": 4, "experiences": [{"title": "Comptable", "years": 2}], "skills": ["SAP"]})
        target.upsert({"id": 1, "skills": ["SAP"]})
    assert score(copy, criteria).scores.tolist() == score(matrix, criteria).scores.tolist()
    assert copy.vocabularies.family_of("comptable") == "Finance"
