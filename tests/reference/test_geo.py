import math

import pytest

from portal.reference import geo
from portal.reference.models import Commune
from portal.reference.services import dataset_mark_changed

# Published coordinates (town halls or city centres as given by the communes' encyclopedia
# articles), not values computed by the loader.
PUBLISHED = {
    "63113": (45.7797, 3.0864),  # Clermont-Ferrand
    "69123": (45.7675, 4.8358),  # Lyon, hôtel de ville
    "75056": (48.8567, 2.3522),  # Paris
    "13055": (43.2964, 5.3700),  # Marseille
    "31555": (43.6044, 1.4439),  # Toulouse, Capitole
    "33063": (44.8378, -0.5792),  # Bordeaux
    "67482": (48.5734, 7.7522),  # Strasbourg
    "29019": (48.3906, -4.4856),  # Brest
    "2A004": (41.9267, 8.7367),  # Ajaccio
    "2B033": (42.7031, 9.4506),  # Bastia
    "97411": (-20.8789, 55.4481),  # Saint-Denis (La Réunion)
    "97416": (-21.3393, 55.4781),  # Saint-Pierre (La Réunion)
    "63300": (45.8939, 3.1125),  # Riom
    "03190": (46.5661, 3.3331),  # Moulins
    "03310": (46.1278, 3.4258),  # Vichy
    "42218": (45.4347, 4.3903),  # Saint-Étienne
    "15014": (44.9264, 2.4442),  # Aurillac
}
PAIRS = [
    ("63113", "69123"),
    ("75056", "13055"),
    ("31555", "33063"),
    ("67482", "29019"),
    ("2A004", "2B033"),
    ("97411", "97416"),
    ("63113", "63300"),
]


def reference_km(a, b):
    (lat1, lon1), (lat2, lon2) = PUBLISHED[a], PUBLISHED[b]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_distances_match_published_coordinates(loaded, a, b):
    assert geo.distance_km(a, b) == pytest.approx(reference_km(a, b), abs=1.0)
    assert geo.distance_km(b, a) == pytest.approx(geo.distance_km(a, b))


def test_clermont_lyon_is_about_136_km(loaded):
    assert 135 < geo.distance_km("63113", "69123") < 138
    assert geo.distance_km("63113", "63113") == 0


def test_radius_matches_a_brute_force_count(loaded):
    lat0, lon0 = Commune.objects.values_list("latitude", "longitude").get(insee="63113")
    expected, borderline = set(), set()
    for insee, lat, lon in Commune.objects.filter(latitude__isnull=False).values_list(
        "insee", "latitude", "longitude"
    ):
        phi0, phi = math.radians(lat0), math.radians(lat)
        h = (
            math.sin((phi - phi0) / 2) ** 2
            + math.cos(phi0) * math.cos(phi) * math.sin(math.radians(lon - lon0) / 2) ** 2
        )
        distance = 2 * 6371.0088 * math.asin(math.sqrt(h))
        if distance <= 50:
            expected.add(insee)
        if abs(distance - 50) < 0.01:
            borderline.add(insee)

    found = geo.communes_within("63113", 50)

    assert 300 < len(expected) < 1000
    assert set(found) ^ expected <= borderline
    assert len(found) == len(set(found))
    assert found[0] == "63113"
    distances = list(geo.distances_within("63113", 50).values())
    assert distances == sorted(distances)
    assert distances[-1] <= 50.001


def test_zero_km_is_the_commune_itself(loaded):
    assert geo.communes_within("63113", 0) == ["63113"]
    assert geo.communes_within("69123", 0.0) == ["69123"]


def test_hundred_km_is_accepted_and_reaches_that_far(loaded):
    around = geo.communes_within("63113", 100)
    for inside in ("03310", "03190"):  # Vichy ~50 km, Moulins ~90 km
        assert reference_km("63113", inside) < 99
        assert inside in around
    for outside in ("42218", "15014", "69123"):  # Saint-Étienne, Aurillac, Lyon: over 100 km
        assert reference_km("63113", outside) > 101
        assert outside not in around
    assert max(geo.distance_km("63113", insee) for insee in around) <= 100


def test_lowercase_and_spaces_are_tolerated(loaded):
    assert geo.communes_within(" 2a004 ", 0) == ["2A004"]


@pytest.mark.parametrize("radius", [101, 100.01, -1, -0.5, float("nan"), float("inf"), "10", None, True])
def test_bad_radius_is_refused(loaded, radius):
    with pytest.raises(geo.RadiusError, match="entre 0 et 100"):
        geo.communes_within("63113", radius)


@pytest.mark.parametrize("insee", ["00000", "99999", "", "63", "abcde", None, 63113, "75101"])
def test_unknown_commune_is_refused(loaded, insee):
    with pytest.raises(geo.UnknownCommuneError, match="Commune inconnue"):
        geo.communes_within(insee, 10)
    with pytest.raises(geo.UnknownCommuneError):
        geo.distance_km("63113", insee)


def test_geo_errors_are_value_errors(loaded):
    with pytest.raises(ValueError):
        geo.communes_within("63113", 500)


def test_commune_without_coordinates(loaded):
    missing = Commune.objects.filter(latitude__isnull=True).values_list("insee", flat=True).first()
    assert missing is not None
    assert geo.communes_within(missing, 0) == [missing]
    with pytest.raises(geo.GeoError, match="pas de coordonnées"):
        geo.communes_within(missing, 10)
    with pytest.raises(geo.GeoError, match="pas de coordonnées"):
        geo.distance_km(missing, "63113")
    assert missing not in geo.communes_within_point(45.78, 3.09, 100)


def test_department_communes(loaded):
    communes = geo.department_communes("63")
    assert communes == sorted(Commune.objects.filter(department_id="63").values_list("insee", flat=True))
    assert "63113" in communes
    assert len(communes) > 400
    assert geo.department_communes("2a") == geo.department_communes("2A")
    assert all(code.startswith("2A") for code in geo.department_communes("2A"))
    assert len(geo.department_communes("974")) == 24


@pytest.mark.parametrize("code", ["00", "20", "999", "", "  ", None, 63])
def test_unknown_department_is_refused(loaded, code):
    with pytest.raises(geo.UnknownDepartmentError):
        geo.department_communes(code)


def test_communes_around_a_point(loaded):
    lat, lon = PUBLISHED["63113"]
    assert geo.communes_within_point(lat, lon, 0) == ["63113"]
    around = geo.communes_within_point(lat, lon, 20)
    assert around[0] == "63113"
    assert "63300" in around  # Riom, ~13 km
    with pytest.raises(geo.GeoError, match="Coordonnées invalides"):
        geo.communes_within_point(91, 0, 10)
    with pytest.raises(geo.GeoError, match="Coordonnées invalides"):
        geo.communes_within_point("45", 3, 10)
    with pytest.raises(geo.RadiusError):
        geo.communes_within_point(lat, lon, 150)


def test_arrays_follow_saved_communes(loaded):
    assert "63113" not in geo.communes_within("69123", 50)
    clermont = Commune.objects.get(insee="63113")
    clermont.latitude, clermont.longitude = 45.76, 4.80  # moved next to Lyon by a signal-sending save()
    clermont.save()
    assert "63113" in geo.communes_within("69123", 50)


def test_arrays_follow_bulk_changes_once_marked(loaded):
    Commune.objects.filter(insee="63113").update(latitude=45.76, longitude=4.80)
    dataset_mark_changed(name="communes")
    assert "63113" in geo.communes_within("69123", 50)


def test_arrays_follow_rollbacks(loaded):
    # The previous tests moved Clermont-Ferrand inside rolled-back transactions.
    assert "63113" not in geo.communes_within("69123", 50)
