"""Keeping the CVthèque index in step with the profiles: updates (tasks) and full rebuilds.

`index_profiles` re-reads the given profiles and writes or drops their documents: a profile that is
missing, withdrew its consent or is no longer visible leaves the index. `index_rebuild` builds a new
index aside from every visible profile and swaps it in, so search never goes offline; updates that
happen meanwhile go to the current index and are queued (`IndexBacklog`) to be replayed into the new
one before the swap, under the index write lock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from portal.candidates.selectors import visible_profiles

from .backends import cvtheque_backend
from .documents import ProfileDocument, document_from_rows, load_rows
from .models import IndexBacklog, IndexRebuild

logger = logging.getLogger(__name__)

CHUNK = 500
# A rebuild that has not finished after this long crashed: updates stop queueing for it.
REBUILD_TIMEOUT = timedelta(hours=6)


@dataclass
class IndexChange:
    indexed: int
    removed: int


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def documents_for(profile_ids: list[int]) -> tuple[list[ProfileDocument], set[int]]:
    """Documents of the visible profiles among `profile_ids`, and the ids to drop from the index."""
    today = timezone.localdate()
    documents = [document_from_rows(rows, today=today) for rows in load_rows(visible_profiles().filter(pk__in=profile_ids))]
    return documents, set(profile_ids) - {document.pk for document in documents}


def running_rebuild() -> IndexRebuild | None:
    return IndexRebuild.objects.filter(
        finished_at__isnull=True, started_at__gte=timezone.now() - REBUILD_TIMEOUT
    ).first()


def index_profiles(*, profile_ids: Iterable[int]) -> IndexChange:
    """Write the documents of these profiles, or drop them when they are no longer visible."""
    ids = sorted({int(pk) for pk in profile_ids})
    change = IndexChange(0, 0)
    if not ids:
        return change
    backend = cvtheque_backend()
    for chunk in _chunks(ids, CHUNK):
        documents, gone = documents_for(chunk)
        with backend.write_lock():
            backend.write(documents, deleted=gone)
            rebuild = running_rebuild()
            if rebuild is not None:
                IndexBacklog.objects.bulk_create(IndexBacklog(rebuild=rebuild, profile_id=pk) for pk in chunk)
        change.indexed += len(documents)
        change.removed += len(gone)
    return change


def _drain(rebuild: IndexRebuild, build) -> int:
    replayed = 0
    while True:
        with transaction.atomic():
            rows = list(IndexBacklog.objects.filter(rebuild=rebuild).values_list("pk", "profile_id")[:CHUNK])
            IndexBacklog.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
        if not rows:
            return replayed
        documents, gone = documents_for(sorted({pid for _, pid in rows}))
        build.write(documents, deleted=gone)
        replayed += len(rows)


def index_rebuild(*, on_progress: Callable[[int, int], None] | None = None, chunk: int = 1000) -> IndexRebuild:
    """Build a new index from every visible profile, then swap it in."""
    backend = cvtheque_backend()
    started = time.monotonic()
    rebuild = IndexRebuild.objects.create()
    build = backend.start_build()
    try:
        ids = list(visible_profiles().order_by("pk").values_list("pk", flat=True))
        done = 0
        for part in _chunks(ids, chunk):
            documents, _gone = documents_for(part)
            build.write(documents)
            done += len(part)
            rebuild.documents += len(documents)
            if on_progress:
                on_progress(done, len(ids))
        _drain(rebuild, build)
        with backend.write_lock():
            _drain(rebuild, build)
            build.swap()
            rebuild.finished_at = timezone.now()
            rebuild.seconds = round(time.monotonic() - started, 1)
            rebuild.save(update_fields=["finished_at", "seconds", "documents"])
    except BaseException:
        build.discard()
        IndexRebuild.objects.filter(pk=rebuild.pk).delete()
        raise
    IndexRebuild.objects.filter(finished_at__isnull=False).exclude(pk=rebuild.pk).delete()
    logger.info("CVthèque index rebuilt: %s documents in %.1f s", rebuild.documents, rebuild.seconds)
    return rebuild


def index_clear() -> None:
    cvtheque_backend().clear()
