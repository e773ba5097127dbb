"""Each criterion in each of its states: found, approximate, not specified, not found."""

import pytest

from matching.engine import (
    APPROXIMATE,
    FOUND,
    NOT_FOUND,
    NOT_SPECIFIED,
    OfferCriteria,
    score,
)
from matching.features import FeatureMatrix
from tests.matching.support import (
    CLERMONT,
    LYON,
    RIOM,
    VICHY,
    clermont_offer,
    home,
    place,
    states_of,
    stub_normaliser,
)

CONTROLLER = OfferCriteria(job_titles=["Contrôleur de gestion"], min_years=3)


def test_experience_four_states():
    records = [
        {"id": 1, "experiences": [{"title": "Contrôleur de gestion", "years": 4}]},
        {"id": 2, "experiences": [{"title": "Contrôleur de gestion", "years": 2}]},
        {"id": 3},
        {"id": 4, "experiences": [{"title": "Boulanger", "years": 10}]},
    ]
    assert states_of(records, CONTROLLER, "experience") == {
        1: FOUND,
        2: APPROXIMATE,
        3: NOT_SPECIFIED,
        4: NOT_FOUND,
    }


def test_experience_years_add_up_over_two_stints_and_compare_exactly():
    records = [
        {"id": 1, "experiences": [("Contrôleur de gestion", 1.5), ("Contrôleur de gestion", 1.5)]},
        {"id": 2, "experiences": [("Contrôleur de gestion", 2.3)]},
        {"id": 3, "experiences": [("Contrôleur de gestion", 2.2)]},
    ]
    criteria = OfferCriteria(job_titles=["Contrôleur de gestion"], min_years=2.3)
    assert states_of(records, criteria, "experience") == {1: FOUND, 2: FOUND, 3: APPROXIMATE}


def test_experience_close_titles_are_approximate():
    records = [
        # Same trade in the title vocabulary (portal.reference.title_vocabulary).
        {"id": 1, "experiences": [{"title": "Contrôleur financier", "years": 8, "family": "Gestion"}]},
        # Token overlap: {controleur, gestion, industriel} vs {controleur, gestion} = 2/3.
        {"id": 2, "experiences": [("Contrôleur de gestion industriel", 8)]},
        # Only sought, never held.
        {"id": 3, "desired_jobs": ["Contrôleur de gestion"]},
        # One token in three: not close enough.
        {"id": 4, "experiences": [("Contrôleur qualité", 8)]},
    ]
    states = states_of(records, CONTROLLER, "experience", title_families={"controleur de gestion": "Gestion"})
    assert states == {1: APPROXIMATE, 2: APPROXIMATE, 3: APPROXIMATE, 4: NOT_FOUND}


def test_experience_family_given_with_the_offer():
    records = [{"id": 1, "experiences": [{"title": "Analyste financier", "years": 8, "family": "Gestion"}]}]
    criteria = OfferCriteria(job_titles=["Contrôleur de gestion"], job_families=["Gestion"])
    assert states_of(records, criteria, "experience") == {1: APPROXIMATE}


@pytest.mark.parametrize(
    "title",
    ["Contrôleuse de gestion", "Contrôleurs de gestion", "CONTRÔLEUSES DE GESTION", "controleur de gestion"],
)
def test_experience_gender_and_plural_variants_match_through_the_normaliser(title):
    records = [{"id": 1, "experiences": [(title, 5)]}]
    assert states_of(records, CONTROLLER, "experience", normalise_title=stub_normaliser) == {1: FOUND}


def test_experience_offer_title_in_the_feminine_finds_the_masculine():
    records = [
        {"id": 1, "experiences": [("Comptable", 5)]},
        {"id": 2, "experiences": [("Assistant de direction", 5)]},
    ]
    criteria = OfferCriteria(job_titles=["Comptables", "Assistante de direction"])
    assert states_of(records, criteria, "experience", normalise_title=stub_normaliser) == {1: FOUND, 2: FOUND}


def test_without_the_normaliser_the_feminine_is_only_a_distant_title():
    records = [{"id": 1, "experiences": [("Contrôleuse de gestion", 5)]}]
    assert states_of(records, CONTROLLER, "experience") == {1: NOT_FOUND}


def test_experience_years_without_a_job_title_use_total_years():
    records = [
        {"id": 1, "total_years": 5},
        {"id": 2, "experiences": [("Boulanger", 2.5)]},  # total defaults to the sum of experiences
        {"id": 3},
        {"id": 4, "total_years": 1},
    ]
    criteria = OfferCriteria(min_years=4)
    assert states_of(records, criteria, "experience") == {
        1: FOUND,
        2: APPROXIMATE,
        3: NOT_SPECIFIED,
        4: NOT_FOUND,
    }


def test_diploma_four_states():
    records = [
        {"id": 1, "diploma_level": 7},
        {"id": 2, "diploma_level": 6},
        {"id": 3, "diploma_level": 5},
        {"id": 4},
        {"id": 5, "diploma_level": 4},
    ]
    states = states_of(records, OfferCriteria(diploma_level=6), "diploma")
    assert states == {1: FOUND, 2: FOUND, 3: APPROXIMATE, 4: NOT_SPECIFIED, 5: NOT_FOUND}


def test_sectors_four_states():
    records = [
        {"id": 1, "sectors": ["47.11F", "70.22Z"]},
        {"id": 2, "sectors": ["70.10Z"]},  # same NAF division 70
        {"id": 3},
        {"id": 4, "sectors": ["47.11F"]},
    ]
    states = states_of(records, OfferCriteria(sectors=["70.22Z"]), "sectors")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_desired_places_four_states():
    records = [
        {"id": 1, "desired_places": [place(LYON, 10), place(RIOM, 20)]},
        {"id": 2, "desired_places": [place(VICHY, 30)]},  # 47 km: beyond 30, within 30 + 25
        {"id": 3},
        {"id": 4, "desired_places": [place(LYON, 10)]},
        {"id": 5, "desired_places": [place(CLERMONT, 0)]},  # the commune itself, no radius
    ]
    states = states_of(records, clermont_offer(radius_km=30), "desired_places")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND, 5: FOUND}


def test_desired_places_by_department():
    records = [
        {"id": 1, "desired_departments": ["63"]},
        {"id": 2, "desired_departments": ["03"]},
        {"id": 3},
        {"id": 4, "desired_departments": ["69"]},
    ]
    criteria = OfferCriteria(departments=["63"], nearby_departments=["03", "15"])
    states = states_of(records, criteria, "desired_places")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_desired_department_covers_an_offer_point_in_it():
    records = [{"id": 1, "desired_departments": ["63"]}, {"id": 2, "desired_departments": ["03"]}]
    criteria = clermont_offer(radius_km=30, departments=["63"], nearby_departments=["03"])
    assert states_of(records, criteria, "desired_places") == {1: FOUND, 2: APPROXIMATE}


def test_desired_places_count_by_their_department_when_the_offer_has_no_point():
    records = [
        {"id": 1, "desired_places": [{**place(RIOM, 10), "department": "63"}]},
        {"id": 2, "desired_places": [{**place(VICHY, 10), "department": "03"}]},
        {"id": 3, "desired_places": [{**place(LYON, 10), "department": "69"}]},
        {"id": 4, "desired_places": [place(RIOM, 10)]},
    ]
    criteria = OfferCriteria(departments=["63"], nearby_departments=["03"])
    states = states_of(records, criteria, "desired_places")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_FOUND, 4: NOT_FOUND}


def test_home_distance_prevails_over_department_when_both_sides_have_a_point():
    records = [
        {"id": 1, **home(LYON, "63")},  # far away, whatever the department says
        {"id": 2, "home_department": "63"},  # no point: the department decides
        {"id": 3, "home_department": "03"},
        {"id": 4, "home_department": "69"},
    ]
    criteria = clermont_offer(radius_km=30, departments=["63"], nearby_departments=["03"])
    states = states_of(records, criteria, "home_place")
    assert states == {1: NOT_FOUND, 2: FOUND, 3: APPROXIMATE, 4: NOT_FOUND}


def test_home_place_four_states():
    records = [
        {"id": 1, **home(RIOM)},
        {"id": 2, **home(VICHY)},  # 47 km: beyond 30, within 2 × 30
        {"id": 3},
        {"id": 4, **home(LYON)},
    ]
    states = states_of(records, clermont_offer(radius_km=30), "home_place")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_home_place_radius_defaults_to_30_km():
    records = [{"id": 1, **home(VICHY)}]
    assert states_of(records, clermont_offer(), "home_place") == {1: APPROXIMATE}
    assert states_of(records, clermont_offer(radius_km=50), "home_place") == {1: FOUND}


def test_home_place_by_department():
    records = [
        {"id": 1, "home_department": "63"},
        {"id": 2, "home_department": "03"},
        {"id": 3},
        {"id": 4, "home_department": "69"},
    ]
    criteria = OfferCriteria(departments=["63"], nearby_departments=["03"])
    states = states_of(records, criteria, "home_place")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_working_time_states_and_no_approximate():
    records = [
        {"id": 1, "working_times": ["FULL_TIME"]},
        {"id": 2, "working_times": ["PART_TIME", "FULL_TIME"]},
        {"id": 3},
        {"id": 4, "working_times": ["PART_TIME"]},
    ]
    states = states_of(records, OfferCriteria(working_time="FULL_TIME"), "working_time")
    assert states == {1: FOUND, 2: FOUND, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_contract_types_four_states():
    records = [
        {"id": 1, "contract_types": ["CDD", "CDI"]},
        {"id": 2, "contract_types": ["CDD"]},  # a neighbour of CDI
        {"id": 3},
        {"id": 4, "contract_types": ["STAGE"]},
    ]
    states = states_of(records, OfferCriteria(contract_types=["CDI"]), "contract_types")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: NOT_SPECIFIED, 4: NOT_FOUND}


def test_skills_four_states_and_fraction_credit():
    records = [
        {"id": 1, "skills": ["excel", "sap", "POWER BI", "Word"]},
        {"id": 2, "skills": ["Excel"]},
        {"id": 3},
        {"id": 4, "skills": ["Word"]},
    ]
    criteria = OfferCriteria(skills=["Excel", "SAP", "Power BI"])
    result = score(FeatureMatrix.build(records), criteria)
    assert result.states["skills"].tolist() == [FOUND, APPROXIMATE, NOT_SPECIFIED, NOT_FOUND]
    assert result.credits["skills"].tolist() == pytest.approx([1.0, 1 / 3, 0.25, 0.0])


def test_languages_four_states():
    records = [
        {"id": 1, "languages": {"en": "C1"}},
        {"id": 2, "languages": {"en": "B1"}},  # one level below
        {"id": 3, "languages": [("en", None)]},  # level not given
        {"id": 4},
        {"id": 5, "languages": {"en": "A2"}},
        {"id": 6, "languages": {"es": "C2"}},
    ]
    states = states_of(records, OfferCriteria(languages=[("en", "B2")]), "languages")
    assert states == {1: FOUND, 2: APPROXIMATE, 3: APPROXIMATE, 4: NOT_SPECIFIED, 5: NOT_FOUND, 6: NOT_FOUND}


def test_languages_several_asked_average_their_credits():
    records = [
        {"id": 1, "languages": {"en": "C1", "es": "B1"}},
        {"id": 2, "languages": {"en": "C1", "es": "A1"}},
        {"id": 3, "languages": {"en": "B1", "es": "A2"}},
    ]
    criteria = OfferCriteria(languages=[{"code": "en", "level": "B2"}, {"code": "es", "level": "B1"}])
    result = score(FeatureMatrix.build(records), criteria)
    assert result.states["languages"].tolist() == [FOUND, APPROXIMATE, APPROXIMATE]
    assert result.credits["languages"].tolist() == pytest.approx([1.0, 0.5, 0.5])


def test_language_without_asked_level_only_needs_to_be_listed():
    records = [{"id": 1, "languages": {"en": "A1"}}, {"id": 2, "languages": {"de": "C2"}}]
    assert states_of(records, OfferCriteria(languages=[("en", None)]), "languages") == {
        1: FOUND,
        2: NOT_FOUND,
    }
