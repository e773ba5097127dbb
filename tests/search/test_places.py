"""Where: communes with a radius (0 to 100 km) around home and desired places, departments, several at once."""

import pytest

from portal.reference.geo import distance_km

from .conftest import refs, reindex, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def located(index, make_profile, places):
    make_profile(headline="Clermont", home="clermont")
    make_profile(headline="Riom", home="riom")
    make_profile(headline="Issoire", home="issoire")
    make_profile(headline="Vichy", home="vichy")
    make_profile(headline="Lyon", home="lyon")
    make_profile(headline="Saint-Étienne", home="saint_etienne")
    make_profile(headline="Aurillac qui vise Villeurbanne", home="aurillac", desired=[("villeurbanne", 10)])
    make_profile(headline="Le Puy qui vise le Rhône", home="le_puy", desired=["69"])
    make_profile(headline="Sans commune", home=None)
    reindex()


def found(recruiter, **options):
    return refs(search(recruiter.user, per_page=50, **options))


def test_zero_km_is_the_commune_itself(located, recruiter):
    assert found(recruiter, places=["63113:0"]) == {"Clermont"}
    assert found(recruiter, places=["63113"]) == {"Clermont"}


def test_radius_follows_the_distance_between_communes(located, recruiter, places):
    riom = distance_km("63113", "63300")
    issoire = distance_km("63113", "63178")
    assert riom < 15 < issoire < 35
    assert found(recruiter, places=["63113:15"]) == {"Clermont", "Riom"}
    assert found(recruiter, places=["63113:35"]) == {"Clermont", "Riom", "Issoire"}
    # The edge: exactly the distance (rounded up to the next km) includes it, 1 km less does not.
    assert "Issoire" in found(recruiter, places=[f"63113:{int(issoire) + 1}"])
    assert "Issoire" not in found(recruiter, places=[f"63113:{int(issoire) - 1}"])


def test_hundred_km(located, recruiter, places):
    homes = {"Clermont": "63113", "Riom": "63300", "Issoire": "63178", "Vichy": "03310", "Lyon": "69123",
             "Saint-Étienne": "42218", "Aurillac qui vise Villeurbanne": "15014", "Le Puy qui vise le Rhône": "43157"}
    expected = {name for name, insee in homes.items() if distance_km("63113", insee) <= 100}
    assert {"Vichy", "Issoire"} <= expected and "Lyon" not in expected
    assert found(recruiter, places=["63113:100"]) == expected


def test_desired_places_count_like_home(located, recruiter):
    # The candidate from Aurillac wants to work in Villeurbanne: a search around Lyon finds them.
    assert "Aurillac qui vise Villeurbanne" in found(recruiter, places=["69123:10"])
    assert "Aurillac qui vise Villeurbanne" not in found(recruiter, places=["69123:0"])
    assert found(recruiter, places=["15014:0"]) == {"Aurillac qui vise Villeurbanne"}


def test_a_wanted_department_matches_circles_that_touch_it(located, recruiter):
    assert "Le Puy qui vise le Rhône" in found(recruiter, places=["69123:0"])
    assert "Le Puy qui vise le Rhône" in found(recruiter, places=["69266:5"])
    assert "Le Puy qui vise le Rhône" not in found(recruiter, places=["63113:30"])


def test_departments_without_radius(located, recruiter):
    assert found(recruiter, departments=["63"]) == {"Clermont", "Riom", "Issoire"}
    assert found(recruiter, departments=["69"]) == {"Lyon", "Aurillac qui vise Villeurbanne", "Le Puy qui vise le Rhône"}
    assert found(recruiter, departments=["43"]) == {"Le Puy qui vise le Rhône"}


def test_several_places_at_once(located, recruiter):
    assert found(recruiter, places=["63113:0", "42218:0"]) == {"Clermont", "Saint-Étienne"}
    assert found(recruiter, places=["63113:15"], departments=["03"]) == {"Clermont", "Riom", "Vichy"}


def test_places_combine_with_words(located, recruiter):
    assert found(recruiter, q="riom", places=["63113:15"]) == {"Riom"}
    assert found(recruiter, q="riom", places=["69123:50"]) == set()


def test_no_place_means_everywhere(located, recruiter):
    assert "Sans commune" in found(recruiter)
