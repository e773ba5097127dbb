"""Explanations in French words, from the same data and rules as the score."""

import pytest

from matching.engine import (
    APPROXIMATE,
    CRITERION_LABELS,
    FOUND,
    NOT_FOUND,
    NOT_SPECIFIED,
    STATE_MESSAGES,
    OfferCriteria,
    explain,
    format_years,
    score,
)
from matching.features import FeatureMatrix
from tests.matching.support import LYON, RIOM, VICHY, clermont_offer, home, place, stub_normaliser

OFFER = clermont_offer(
    job_titles=["Contrôleur de gestion"],
    min_years=3,
    diploma_level=7,
    sectors=["70.22Z"],
    radius_km=30,
    contract_types=["CDI"],
    working_time="FULL_TIME",
    skills=["Excel", "SAP", "Power BI"],
    languages=[("en", "B2")],
)
PROFILE = {
    "id": 1,
    "experiences": [("Contrôleuse de gestion", 2), ("Comptable", 4)],
    "diploma_level": 7,
    "desired_places": [place(LYON, 10, "Lyon (69)"), place(VICHY, 30, "Vichy (03)")],
    **home(RIOM, "63", "Riom (63)"),
    "contract_types": ["CDI", "CDD"],
    "working_times": ["PART_TIME"],
    "skills": ["excel", "Word"],
    "languages": {"en": "B1"},
}


def by_criterion(explanations):
    return {item.criterion: item for item in explanations}


def test_messages_are_the_four_french_sentences():
    assert STATE_MESSAGES == {
        FOUND: "Élément trouvé dans le profil candidat",
        APPROXIMATE: "Élément approximatif trouvé lors du matching",
        NOT_SPECIFIED: "Élément non précisé dans le profil candidat",
        NOT_FOUND: "Élément non trouvé lors du matching",
    }


def test_explanation_of_a_profile_criterion_by_criterion():
    matrix = FeatureMatrix.build([PROFILE], normalise_title=stub_normaliser)
    items = explain(matrix, OFFER, matrix.row_of(1))
    assert [item.criterion for item in items] == list(OFFER.present())
    got = {item.criterion: (item.state, item.asked, item.detail) for item in items}
    assert got == {
        "experience": (
            APPROXIMATE,
            "Contrôleur de gestion (3 ans min.)",
            "Contrôleuse de gestion : 2 ans (3 ans demandés)",
        ),
        "diploma": (FOUND, "BAC+5 minimum", "Niveau du candidat : BAC+5"),
        "sectors": (NOT_SPECIFIED, "70.22Z", "Aucun secteur renseigné"),
        "desired_places": (
            APPROXIMATE,
            "Clermont-Ferrand (63)",
            "Vichy (03) (rayon 30 km) : à 47 km ; Lyon (69) (rayon 10 km) : à 136 km",
        ),
        "home_place": (FOUND, "Clermont-Ferrand (63) (rayon 30 km)", "Riom (63) : à 13 km"),
        "working_time": (NOT_FOUND, "Temps plein", "Temps partiel"),
        "contract_types": (FOUND, "CDI", "CDI, CDD"),
        "skills": (APPROXIMATE, "Excel, SAP, Power BI", "1 sur 3 : Excel ; manquantes : SAP, Power BI"),
        "languages": (APPROXIMATE, "en B2", "en : B1"),
    }
    # The worked example of docs/matching.md.
    assert score(matrix, OFFER).top(1)[0].percent == 57
    first = items[0]
    assert first.label == CRITERION_LABELS["experience"] == "Expériences"
    assert first.message == "Élément approximatif trouvé lors du matching"
    assert first.state_name == "approximate"
    assert first.weight == 3.0 and first.credit == 0.5


def test_result_explanations_agree_with_the_scored_states():
    records = [PROFILE, {"id": 2}, {**PROFILE, "id": 3, "experiences": [("Contrôleur de gestion", 5)]}]
    matrix = FeatureMatrix.build(records, normalise_title=stub_normaliser)
    result = score(matrix, OFFER)
    page = result.top(10)
    assert result.explain_rows([m.row for m in page]) == [result.explain(m.row) for m in page]
    for match in page:
        from_result = result.explain(match.row)
        assert {item.criterion: item.state for item in from_result} == match.states
        assert from_result == explain(matrix, OFFER, match.row)
        assert sum(item.weight * item.credit for item in from_result) / sum(
            item.weight for item in from_result
        ) * 100 == pytest.approx(match.score)


def test_experience_wordings():
    records = [
        {"id": 1, "experiences": [("Contrôleur de gestion", 1), ("Contrôleur de gestion industriel", 6)]},
        {"id": 2, "experiences": [("Contrôleur de gestion industriel", 6)]},
        {"id": 3, "desired_jobs": ["Contrôleur de gestion"]},
        {"id": 4, "experiences": [("Boulanger", 12)], "desired_jobs": ["Pâtissier"]},
        {"id": 5},
        {"id": 6, "experiences": [("Contrôleur de gestion", 0.5)]},
    ]
    matrix = FeatureMatrix.build(records)
    details = {
        pid: by_criterion(explain(matrix, OFFER, matrix.row_of(pid)))["experience"].detail
        for pid in range(1, 7)
    }
    assert details == {
        1: "Contrôleur de gestion : 1 an (3 ans demandés)",
        2: "Contrôleur de gestion industriel : 6 ans (intitulé proche)",
        3: "Contrôleur de gestion : poste recherché, sans expérience renseignée",
        4: "Aucun intitulé correspondant ; expériences : Boulanger (12 ans) ; postes recherchés : Pâtissier",
        5: "Aucune expérience ni poste recherché renseigné",
        6: "Contrôleur de gestion : 6 mois (3 ans demandés)",
    }


def test_years_only_wording():
    matrix = FeatureMatrix.build([{"id": 1, "total_years": 1.5}, {"id": 2}])
    criteria = OfferCriteria(min_years=1)
    first, second = (explain(matrix, criteria, row)[0] for row in (0, 1))
    assert (first.asked, first.detail) == (
        "1 an d'expérience min.",
        "1,5 an d'expérience au total (1 an demandé)",
    )
    assert (second.state, second.detail) == (NOT_SPECIFIED, "Durée d'expérience non renseignée")


def test_place_wordings_by_department():
    matrix = FeatureMatrix.build([{"id": 1, "desired_departments": ["03"], "home_department": "63"}])
    items = by_criterion(explain(matrix, OfferCriteria(departments=["63"], nearby_departments=["03"]), 0))
    assert (items["desired_places"].state, items["desired_places"].detail) == (APPROXIMATE, "tout le département 03")
    assert (items["home_place"].state, items["home_place"].detail) == (FOUND, "Département 63")
    assert items["home_place"].asked == "département 63"


def test_the_offers_department_is_not_repeated_after_its_commune():
    matrix = FeatureMatrix.build([{"id": 1, "desired_departments": ["63", "03"]}])
    criteria = clermont_offer(radius_km=30, departments=["63"])
    items = by_criterion(explain(matrix, criteria, 0))
    assert items["desired_places"].asked == "Clermont-Ferrand (63)"
    assert items["home_place"].asked == "Clermont-Ferrand (63) (rayon 30 km)"
    assert items["desired_places"].detail == "départements entiers 63, 03"
    wider = by_criterion(explain(matrix, clermont_offer(departments=["63", "03", "15"]), 0))
    assert wider["desired_places"].asked == "Clermont-Ferrand (63) ; départements 03, 15"


def test_empty_profile_wordings():
    matrix = FeatureMatrix.build([{"id": 1}])
    details = {item.criterion: item.detail for item in explain(matrix, OFFER, 0)}
    assert details == {
        "experience": "Aucune expérience ni poste recherché renseigné",
        "diploma": "Niveau de diplôme non renseigné",
        "sectors": "Aucun secteur renseigné",
        "desired_places": "Aucun lieu souhaité renseigné",
        "home_place": "Lieu de résidence non renseigné",
        "working_time": "Temps de travail non renseigné",
        "contract_types": "Types de contrat non renseignés",
        "skills": "Aucune compétence renseignée",
        "languages": "Aucune langue renseignée",
    }


def test_language_wordings():
    matrix = FeatureMatrix.build([{"id": 1, "languages": [("en", None)]}])
    criteria = OfferCriteria(languages=[("en", "B2"), ("de", None)])
    (item,) = explain(matrix, criteria, 0)
    assert (item.asked, item.detail) == ("en B2, de", "en : niveau non précisé, de : non indiquée")


def test_explaining_a_missing_row_fails_clearly():
    matrix = FeatureMatrix.build([{"id": 1}])
    with pytest.raises(IndexError):
        explain(matrix, OFFER, 5)
    with pytest.raises(KeyError):
        matrix.row_of(99)


@pytest.mark.parametrize(
    ("years", "words"),
    [
        (0, "0 mois"),
        (0.5, "6 mois"),
        (1, "1 an"),
        (1.5, "1,5 an"),
        (2, "2 ans"),
        (2.5, "2,5 ans"),
        (12, "12 ans"),
    ],
)
def test_format_years(years, words):
    assert format_years(years) == words
