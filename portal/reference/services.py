"""Write workflows of the reference data."""

import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from django.db import transaction

from . import sources
from .models import Commune, DatasetVersion, Department, JobTitle, Language, NafSector, PostalCode, Region
from .progress import progress
from .text import fold

_BATCH = 1000


@dataclass
class SyncResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0


@dataclass
class LoadReport:
    results: dict[str, SyncResult] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"{name}: {r.total:,} ({r.created:,} created, {r.updated:,} updated, {r.deleted:,} deleted)"
            for name, r in self.results.items()
        ]


ProgressFactory = Callable[[int | None, str], AbstractContextManager]


def dataset_mark_changed(*, name: str) -> str:
    """Gives the dataset a new version token, so that caches built from it reload."""
    token = uuid.uuid4().hex
    DatasetVersion.objects.update_or_create(name=name, defaults={"token": token})
    return token


def reference_data_load(*, stream=None) -> LoadReport:
    """Loads or refreshes every reference table from the installed packages. Idempotent.

    Rows are matched on their natural key and only changed ones are written, so a second run
    writes nothing. Rows that left the sources are kept (profiles may point at them), except
    postcode links, which are replaced.
    """

    def bar(total, label):
        return progress(total, label, stream=stream)

    with bar(None, "Reading communes") as reading:
        communes = sources.read_communes(on_progress=reading.advance)
    regions = sources.read_regions()
    departments = sources.read_departments()
    naf_sectors = sources.read_naf_sectors()
    languages = sources.read_languages()
    job_titles = sources.read_job_titles()

    report = LoadReport()
    with transaction.atomic():
        report.results["regions"] = _sync(
            Region, {r.code: {"name": r.name} for r in regions}, bar=bar, label="Regions"
        )
        report.results["departments"] = _sync(
            Department,
            {d.code: {"name": d.name, "region_id": d.region_code} for d in departments},
            bar=bar,
            label="Departments",
        )
        report.results["communes"] = _sync(
            Commune,
            {
                c.insee: {
                    "name": c.name,
                    "search_name": fold(c.name),
                    "department_id": c.department_code,
                    "population": c.population,
                    "latitude": c.latitude,
                    "longitude": c.longitude,
                }
                for c in communes
            },
            bar=bar,
            label="Communes",
        )
        report.results["postal_codes"] = _sync_postal_codes(communes, bar=bar)
        report.results["naf_sectors"] = _sync(
            NafSector,
            {
                n.code: {
                    "label": n.label,
                    "section": n.section,
                    "section_label": n.section_label,
                    "division": n.division,
                }
                for n in naf_sectors
            },
            bar=bar,
            label="NAF sectors",
        )
        report.results["languages"] = _sync(
            Language, {lang.code: {"name": lang.name} for lang in languages}, bar=bar, label="Languages"
        )
        report.results["job_titles"] = _sync(
            JobTitle,
            {
                t.key: {"masculine": t.masculine, "feminine": t.feminine, "family": t.family}
                for t in job_titles
            },
            bar=bar,
            label="Job titles",
            key_field="key",
        )
        communes_result = report.results["communes"]
        if communes_result.created or communes_result.updated:
            dataset_mark_changed(name=DatasetVersion.COMMUNES)
    return report


def _sync(
    model,
    records: dict[str, dict],
    *,
    bar: ProgressFactory,
    label: str,
    key_field: str | None = None,
) -> SyncResult:
    """Creates missing rows and updates changed ones; `records` maps natural key -> field values."""
    key_field = key_field or model._meta.pk.name
    fields = sorted(next(iter(records.values())).keys()) if records else []
    pk_name = model._meta.pk.attname
    existing = {
        row[0]: row[1:]
        for row in model.objects.values_list(key_field, pk_name, *fields).iterator(chunk_size=5000)
    }
    to_create, to_update = [], []
    for key, values in records.items():
        current = existing.get(key)
        if current is None:
            to_create.append(model(**{key_field: key, **values}))
        elif tuple(values[name] for name in fields) != tuple(current[1:]):
            to_update.append(model(**{pk_name: current[0], key_field: key, **values}))
    result = SyncResult(total=len(records), created=len(to_create), updated=len(to_update))
    with bar(len(records), label) as progress_bar:
        progress_bar.advance(len(records) - len(to_create) - len(to_update))
        for batch in _batches(to_create):
            model.objects.bulk_create(batch)
            progress_bar.advance(len(batch))
        for batch in _batches(to_update):
            model.objects.bulk_update(batch, fields)
            progress_bar.advance(len(batch))
    return result


def _sync_postal_codes(communes: Iterable[sources.CommuneRecord], *, bar: ProgressFactory) -> SyncResult:
    wanted = {(code, commune.insee) for commune in communes for code in commune.postal_codes}
    existing = {
        (code, insee): pk for pk, code, insee in PostalCode.objects.values_list("pk", "code", "commune_id")
    }
    missing = sorted(wanted - existing.keys())
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    with bar(len(wanted), "Postal codes") as progress_bar:
        progress_bar.advance(len(wanted) - len(missing))
        for batch in _batches(stale):
            PostalCode.objects.filter(pk__in=batch).delete()
        for batch in _batches(missing):
            PostalCode.objects.bulk_create([PostalCode(code=code, commune_id=insee) for code, insee in batch])
            progress_bar.advance(len(batch))
    return SyncResult(total=len(wanted), created=len(missing), deleted=len(stale))


def _batches(items: Sequence, size: int = _BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]
