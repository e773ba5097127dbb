"""The real NAF sectors (732 sub-classes, from the package the reference loader reads) for sector tests."""

from portal.reference.models import NafSector
from portal.reference.sources import read_naf_sectors

NAF_RECORDS = read_naf_sectors()


def naf_sectors_create() -> list[NafSector]:
    """Write the NAF sectors as `reference_data_load` does, without the communes it also loads.

    Idempotent: the package's `reference_data` fixture may already hold them in its open transaction.
    """
    NafSector.objects.bulk_create(
        (
            NafSector(code=r.code, label=r.label, section=r.section, section_label=r.section_label, division=r.division)
            for r in NAF_RECORDS
        ),
        ignore_conflicts=True,
    )
    return list(NafSector.objects.filter(code__in=[r.code for r in NAF_RECORDS]))
