"""Offer criteria: cleaning, validation with French messages, JSON form."""

import math

import pytest

from matching.engine import CRITERIA, OfferCriteria


def test_values_are_cleaned():
    criteria = OfferCriteria(
        job_titles=[" Comptable ", "", "Comptable"],
        sectors=["70.22z"],
        departments=["2a", "63"],
        contract_types=["cdi", "CDI"],
        working_time="full_time",
        skills=["Excel", " "],
        languages=[("EN", "b2")],
    )
    assert criteria.job_titles == ("Comptable",)
    assert criteria.sectors == ("70.22Z",)
    assert criteria.departments == ("2A", "63")
    assert criteria.contract_types == ("CDI",)
    assert criteria.working_time == "FULL_TIME"
    assert criteria.skills == ("Excel",)
    assert criteria.languages == (("en", "B2"),)


def test_present_lists_asked_criteria_in_canonical_order():
    assert OfferCriteria().present() == ()
    assert OfferCriteria(skills=["Excel"], diploma_level=5).present() == ("diploma", "skills")
    everything = OfferCriteria(
        job_titles=["Comptable"],
        diploma_level=5,
        sectors=["69.20Z"],
        latitude=45.0,
        longitude=3.0,
        working_time="PART_TIME",
        contract_types=["CDD"],
        skills=["Excel"],
        languages=[("en", None)],
    )
    assert everything.present() == CRITERIA
    assert OfferCriteria(min_years=2).present() == ("experience",)
    assert OfferCriteria(departments=["63"]).present() == ("desired_places", "home_place")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"diploma_level": 9}, "niveau de diplôme"),
        ({"diploma_level": True}, "niveau de diplôme"),
        ({"min_years": -1}, "années d'expérience"),
        ({"min_years": math.nan}, "années d'expérience"),
        ({"sectors": ["7022Z"]}, "Code NAF invalide"),
        ({"latitude": 45.0}, "latitude et la longitude"),
        ({"latitude": 95.0, "longitude": 3.0}, "latitude"),
        ({"radius_km": -5}, "rayon"),
        ({"radius_km": "30"}, "rayon"),
        ({"departments": ["630"], "nearby_departments": ["x"]}, "département"),
        ({"contract_types": ["CDX"]}, "Type de contrat inconnu"),
        ({"working_time": "NIGHT"}, "Temps de travail inconnu"),
        ({"languages": [("english", "B2")]}, "Code de langue"),
        ({"languages": [("en", "B3")]}, "Niveau de langue"),
        ({"languages": ["en"]}, "Langue invalide"),
        ({"job_titles": [3]}, "Intitulé de poste invalide"),
    ],
)
def test_invalid_values_are_refused_in_french(values, message):
    with pytest.raises(ValueError, match=message):
        OfferCriteria(**values)


def test_from_mapping_reads_the_criteria_file_format():
    criteria = OfferCriteria.from_mapping(
        {
            "job_titles": ["Contrôleur de gestion"],
            "min_years": 3,
            "diploma_level": 7,
            "sectors": ["70.22Z"],
            "latitude": 45.7772,
            "longitude": 3.087,
            "radius_km": 30,
            "contract_types": ["CDI"],
            "working_time": None,
            "skills": ["Excel"],
            "languages": [{"code": "en", "level": "B2"}],
        }
    )
    assert criteria.job_titles == ("Contrôleur de gestion",)
    assert criteria.languages == (("en", "B2"),)
    assert criteria.working_time is None
    assert criteria.present() == (
        "experience",
        "diploma",
        "sectors",
        "desired_places",
        "home_place",
        "contract_types",
        "skills",
        "languages",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [({"commune": "63113"}, "Critère inconnu : « commune »"), (["Comptable"], "objet JSON")],
)
def test_from_mapping_refuses_unknown_keys_and_non_objects(data, message):
    with pytest.raises(ValueError, match=message):
        OfferCriteria.from_mapping(data)
