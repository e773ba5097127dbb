"""Skills matched by variant ("Excel avancé" is Excel, "sage-femme" is not Sage), and skills named
only in a CV's text, which count as approximate."""

import json
from datetime import date
from pathlib import Path

import pytest

from matching import loader
from matching.engine import APPROXIMATE, FOUND, NOT_FOUND, NOT_SPECIFIED, OfferCriteria, score
from matching.features import FeatureMatrix
from tests.factories import CandidateProfileFactory, ExperienceFactory

# Skill keys go through the search normaliser, whose lexicon includes the job titles of the database.
pytestmark = pytest.mark.django_db

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "relevance" / "skill_variants.jsonl"


def skill_matrix(records) -> FeatureMatrix:
    return FeatureMatrix.build(records, normalise_skill=loader.skill_key)


def skill_states(records, asked) -> dict[int, tuple[int, float]]:
    result = score(skill_matrix(records), OfferCriteria(skills=list(asked)))
    return {
        int(pid): (int(state), round(float(credit), 4))
        for pid, state, credit in zip(result.arrays.ids, result.states["skills"], result.credits["skills"],
                                      strict=True)
    }


@pytest.mark.django_db
def test_written_variants_of_the_evaluation_set_are_found_and_traps_are_not():
    """Every asked skill of the set, scored through the engine against one profile per wording."""
    lines = [json.loads(line) for line in VARIANTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 40
    found = total = false_matches = traps = 0
    missed = []
    for line in lines:
        wordings = [*line["variants"], *line["not"]]
        states = skill_states([{"id": i, "skills": [text]} for i, text in enumerate(wordings)], [line["asked"]])
        for i, text in enumerate(line["variants"]):
            total += 1
            if states[i][0] == FOUND:
                found += 1
            else:
                missed.append((line["asked"], text))
        for i, text in enumerate(line["not"], start=len(line["variants"])):
            traps += 1
            if states[i][0] != NOT_FOUND:
                false_matches += 1
                missed.append((line["asked"], f"not: {text}"))
    assert found / total >= 0.95, missed
    assert traps >= 20
    assert false_matches == 0, missed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("asked", "held", "state"),
    [
        # Wordings that are not in the evaluation set: the rules, not a list of its lines.
        ("Excel", "EXCEL 2016", FOUND),
        ("excel", "Maîtrise d'Excel (tableaux croisés)", FOUND),
        ("Microsoft Excel", "Excel", FOUND),
        ("Sage", "Sage Comptabilité i7", FOUND),
        ("Sage", "Sages-femmes", NOT_FOUND),
        ("Sage-femme", "sage femme", FOUND),
        ("Permis B", "Permis de conduire VL", FOUND),
        ("Permis B", "permis de construire", NOT_FOUND),
        ("Permis B", "Permis C", NOT_FOUND),
        ("CACES R489", "CACES R389 cat. 5", FOUND),
        ("CACES 3", "CACES R489 catégories 1, 3 et 5", FOUND),
        ("CACES 3", "CACES R489 catégorie 5", NOT_FOUND),
        ("Soudure", "Soudures TIG et MIG", FOUND),
        ("Java", "JavaScript", NOT_FOUND),
        ("Comptabilité analytique", "Comptabilité générale et analytique", FOUND),
        ("Comptabilité analytique", "Comptabilité générale", NOT_FOUND),
    ],
)
def test_variant_rules(asked, held, state):
    assert skill_states([{"id": 1, "skills": [held]}], [asked])[1][0] == state


def test_a_skill_named_only_in_the_text_is_approximate():
    records = [
        {"id": 1, "skills": ["Sage 100", "Excel avancé"]},
        {"id": 2, "skills": ["Word"], "text_skills": ["Sage", "Excel"]},
        {"id": 3, "text_skills": ["Excel"]},
        {"id": 4},
        {"id": 5, "skills": ["Sage"], "text_skills": ["Excel"]},
    ]
    states = skill_states(records, ["Sage", "Excel"])
    assert states[1] == (FOUND, 1.0)
    assert states[2] == (APPROXIMATE, 0.5)  # both named in the CV: half a listed skill each
    assert states[3] == (APPROXIMATE, 0.25)  # no list: no worse off than silence (0.25)
    assert states[4] == (NOT_SPECIFIED, 0.25)
    assert states[5] == (APPROXIMATE, 0.75)


def test_explanations_say_where_a_skill_was_found():
    matrix = skill_matrix([
        {"id": 1, "skills": ["Sage 100", "excel"], "text_skills": ["TVA"]},
        {"id": 2, "text_skills": ["Excel", "TVA"]},
        {"id": 3, "skills": ["Word"]},
    ])
    result = score(matrix, OfferCriteria(skills=["Sage", "Excel", "TVA", "Bilan"]))
    details = {int(result.arrays.ids[row]): result.explain(row)[0].detail for row in range(3)}
    assert details[1] == "2 sur 4 : Sage (Sage 100), Excel ; TVA : trouvé dans le CV ; manquante : Bilan"
    assert details[2] == "Aucune compétence renseignée ; Excel, TVA : trouvés dans le CV"
    assert details[3] == "0 sur 4 ; manquantes : Sage, Excel, TVA, Bilan"


def test_containment_follows_skills_added_after_a_search():
    matrix = skill_matrix([{"id": 1, "skills": ["Excel"]}])
    criteria = OfferCriteria(skills=["Excel"])
    score(matrix, criteria)  # caches the skills containing "excel"
    matrix.upsert({"id": 2, "skills": ["Excel VBA"]})
    result = score(matrix, criteria)
    assert result.match(matrix.row_of(2)).states["skills"] == FOUND


def test_snapshot_keeps_text_skills():
    matrix = skill_matrix([{"id": 1, "skills": ["Word"], "text_skills": ["Excel"]}])
    copy = FeatureMatrix.from_state(matrix.state(), normalise_skill=loader.skill_key)
    criteria = OfferCriteria(skills=["Excel"])
    assert score(copy, criteria).states["skills"].tolist() == [APPROXIMATE]


@pytest.mark.django_db
def test_the_loader_reads_skills_from_the_cv_text_and_experience_descriptions():
    profile = CandidateProfileFactory(
        skills=["Excel avancé"],
        cv_text="Comptable unique : saisie sur Sage 100, déclarations de TVA. Excel au quotidien.",
    )
    ExperienceFactory(profile=profile, title="Comptable", start_date=date(2020, 1, 1), end_date=None,
                      description="Préparation des bilans, rapprochements bancaires.")
    ExperienceFactory(profile=profile, title="Aide", start_date=date(2018, 1, 1), end_date=date(2019, 1, 1),
                      description="Accompagnement d'une sage-femme libérale.")
    (record,) = loader.iter_features([profile.pk], today=date(2026, 11, 27))
    assert record.skills == ("Excel avancé",)
    # Excel is listed already; the sage-femme is not the Sage software.
    assert set(record.text_skills) == {"Sage", "TVA", "Bilan", "Rapprochement bancaire"}
