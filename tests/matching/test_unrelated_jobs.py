"""A profile whose experience is "not found" (an unrelated job) does not reach the default threshold on
the strength of contract type, place, working time and languages alone."""

import pytest

from matching import loader
from matching.engine import (
    APPROXIMATE,
    DEFAULT_THRESHOLD,
    FOUND,
    NEIGHBOUR_TITLE_CREDIT,
    NOT_FOUND,
    STATE_CREDITS,
    UNRELATED_JOB_CAP,
    UNRELATED_JOB_FACTOR,
    OfferCriteria,
    score,
    weights_from_importance,
)
from matching.features import FeatureMatrix
from tests.matching.support import CLERMONT, LYON, RIOM, clermont_offer, home, place, stub_normaliser

ACCOUNTANT = {
    "job_titles": ["Comptable"],
    "radius_km": 30,
    "departments": ["63"],
    "contract_types": ["CDI"],
    "working_time": "FULL_TIME",
    "skills": ["Sage", "Excel", "TVA", "Bilan"],
    "languages": [("en", "B1")],
}
# Everything but the job: CDI, full time, lives and wants to work around Clermont, fluent English.
CONTEXT = dict(
    contract_types=["CDI"],
    working_times=["FULL_TIME"],
    desired_places=[place(CLERMONT, 30, "Clermont-Ferrand (63)")],
    languages=[("en", "C1")],
    **home(RIOM, "63", "Riom (63)"),
)


def matrix(records):
    return FeatureMatrix.build(records, normalise_title=stub_normaliser)


def result_of(records, criteria, **options):
    result = score(matrix(records), criteria, **options)
    return {int(result.arrays.ids[row]): result.match(row) for row in range(result.arrays.n_rows)}


def test_an_unrelated_job_stays_below_the_default_threshold():
    records = [
        {"id": 1, "experiences": [{"title": "Réceptionniste", "years": 6}], "skills": ["Accueil"], **CONTEXT},
        {"id": 2, "experiences": [{"title": "Comptable", "years": 6}], "skills": ["Sage 100"], **CONTEXT},
    ]
    matches = result_of(records, clermont_offer(**ACCOUNTANT))
    assert matches[1].states["experience"] == NOT_FOUND
    assert matches[1].percent < DEFAULT_THRESHOLD
    assert matches[2].percent >= DEFAULT_THRESHOLD
    # The plain weighted mean (experience weighs 3 of the 10 asked) would let the receptionist pass
    # on contract, place, working time and English alone.
    ignoring_the_job = result_of(records, clermont_offer(**ACCOUNTANT),
                                 weights=weights_from_importance({"experience": 0}))
    weighted_mean = ignoring_the_job[1].score * 7.0 / 10.0
    assert round(weighted_mean) >= DEFAULT_THRESHOLD
    assert matches[1].score == round(weighted_mean * UNRELATED_JOB_FACTOR, 6)


def test_unrelated_profiles_keep_their_order_below_the_threshold():
    records = [
        {"id": 1, "experiences": [{"title": "Serveur", "years": 3}], **CONTEXT},
        {"id": 2, "experiences": [{"title": "Serveur", "years": 3}], "contract_types": ["CDI"]},
    ]
    result = score(matrix(records), clermont_offer(**ACCOUNTANT), threshold=0)
    assert [match.profile_id for match in result.top(2)] == [1, 2]
    assert result.top(2)[0].score > result.top(2)[1].score > 0


def test_the_cap_holds_whatever_the_importance_of_the_other_criteria():
    records = [{"id": 1, "experiences": [{"title": "Serveur", "years": 3}], "skills": ["Sage", "Excel", "TVA", "Bilan"],
                **CONTEXT}]
    importance = dict.fromkeys(("skills", "desired_places", "home_place", "contract_types", "working_time", "languages"), 3)
    matches = result_of(records, clermont_offer(**ACCOUNTANT), weights=weights_from_importance(importance))
    assert matches[1].score == UNRELATED_JOB_CAP
    assert matches[1].percent == DEFAULT_THRESHOLD - 1


def test_a_close_job_is_not_touched():
    records = [{"id": 1, "experiences": [{"title": "Comptables", "years": 1}], **CONTEXT}]
    criteria = clermont_offer(**{**ACCOUNTANT, "min_years": 3})
    match = result_of(records, criteria)[1]
    assert match.states["experience"] == APPROXIMATE
    assert match.percent >= DEFAULT_THRESHOLD


def test_years_alone_are_not_a_job():
    """Without a job title asked, too few years is not an unrelated job: the score is the plain mean."""
    records = [{"id": 1, "total_years": 0.5, "contract_types": ["CDI"]}]
    match = result_of(records, OfferCriteria(min_years=5, contract_types=["CDI"]))[1]
    assert match.states["experience"] == NOT_FOUND
    assert match.score == round(100 * 1.0 / 4.0, 6)


def test_the_right_job_far_away_stays_below_the_default_threshold():
    """Neither living near the offer nor wanting to work there: the judged set grades such profiles 0."""
    far = {"experiences": [{"title": "Comptable", "years": 6}], "skills": ["Sage", "Excel", "TVA", "Bilan"],
           "contract_types": ["CDI"], "working_times": ["FULL_TIME"], "languages": [("en", "C1")],
           **home(LYON, "69", "Lyon (69)")}
    records = [
        {"id": 1, **far, "desired_places": [place(LYON, 20, "Lyon (69)")]},
        {"id": 2, **far, "desired_departments": ["63"]},  # would move to the Puy-de-Dôme
        {"id": 3, **far},  # says nothing of where they would work: silence is not a refusal
    ]
    matches = result_of(records, clermont_offer(**ACCOUNTANT))
    assert (matches[1].states["desired_places"], matches[1].states["home_place"]) == (NOT_FOUND, NOT_FOUND)
    assert matches[1].percent < DEFAULT_THRESHOLD
    assert matches[2].percent >= DEFAULT_THRESHOLD
    assert matches[3].percent >= DEFAULT_THRESHOLD
    # Profile 2 minus its found desired place (weight 1.5 of the 10 asked), then the factor.
    assert matches[1].score == round((matches[2].score - 1.5 * 100 / 10) * UNRELATED_JOB_FACTOR, 6)


@pytest.mark.django_db
def test_a_neighbouring_trade_earns_less_than_the_asked_trade():
    titles = ["Préparatrice de commandes", "Préparateur de commandes en entrepôt", "Cariste", "Comptable"]
    matrix = FeatureMatrix.build([{"id": i, "experiences": [{"title": title, "years": 5}]} for i, title in enumerate(titles)],
                                 normalise_title=loader.title_key)
    result = score(matrix, OfferCriteria(job_titles=["Préparateur de commandes"], min_years=1))
    states = [int(state) for state in result.states["experience"]]
    credits = [round(float(credit), 2) for credit in result.credits["experience"]]
    assert states == [FOUND, APPROXIMATE, APPROXIMATE, NOT_FOUND]
    assert credits == [1.0, STATE_CREDITS[APPROXIMATE], NEIGHBOUR_TITLE_CREDIT, 0.0]
