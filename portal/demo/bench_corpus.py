"""The benchmark corpus: generated profiles (import format), cached as JSON Lines and imported once.

The corpus lives in its own var directory (``var/bench/``: database, index, files), so benchmarking
never touches the demo data. Generating and importing 100,000 profiles takes several minutes; both
steps are skipped when their result is already there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from portal.candidates.importer import import_profiles
from portal.candidates.models import CandidateProfile
from portal.candidates.signals import profile_changed
from portal.reference.models import Commune

from .catalogue import DEPARTMENT_WEIGHTS
from .generators import Place, ProfileGenerator

REF_PREFIX = "bench"
DEFAULT_SEED = 7


def corpus_places(limit_per_department: int = 40) -> list[Place]:
    """The biggest communes of the corpus' departments (mostly the region, some elsewhere), from the reference data."""
    places: list[Place] = []
    for code, _weight in DEPARTMENT_WEIGHTS:
        communes = (
            Commune.objects.filter(department_id=code, latitude__isnull=False)
            .order_by("-population")
            .values_list("insee", "name", "population")[:limit_per_department]
        )
        places += [Place(insee, name, code, population) for insee, name, population in communes]
    return places


def corpus_path(directory: Path, size: int, seed: int = DEFAULT_SEED) -> Path:
    return directory / f"profiles-{size}-seed{seed}.jsonl"


def generate_corpus(path: Path, size: int, *, seed: int = DEFAULT_SEED,
                    on_progress: Callable[[int, int], None] | None = None) -> Path:
    """Write `size` generated profiles (with CV text, no CV files) to `path`, unless it exists."""
    if path.exists():
        return path
    generator = ProfileGenerator(seed=seed, places=corpus_places())
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for index in range(size):
            handle.write(json.dumps(generator.profile(index + 1, ref_prefix=REF_PREFIX), ensure_ascii=False))
            handle.write("\n")
            if on_progress and (index + 1) % 1000 == 0:
                on_progress(index + 1, size)
    partial.rename(path)
    return path


@contextmanager
def signals_muted(signal):
    """Bulk loading the corpus must not queue one index task per batch: the bench rebuilds after."""
    receivers = signal.receivers
    signal.receivers = []
    signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        signal.receivers = receivers
        signal.sender_receivers_cache.clear()


def imported_count() -> int:
    return CandidateProfile.objects.filter(external_ref__startswith=f"{REF_PREFIX}-").count()


def ensure_corpus(directory: Path, size: int, *, seed: int = DEFAULT_SEED,
                  on_progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Generate (cached) and import (once) the corpus; returns what was done and how long it took."""
    directory.mkdir(parents=True, exist_ok=True)
    path = corpus_path(directory, size, seed)
    report = {"size": size, "seed": seed, "file": str(path)}
    started = time.monotonic()
    generate_corpus(path, size, seed=seed, on_progress=(lambda d, t: on_progress("generate", d, t)) if on_progress else None)
    report["generate_seconds"] = round(time.monotonic() - started, 1)
    if imported_count() >= size:
        report["import_seconds"] = 0.0
        report["imported"] = imported_count()
        return report
    started = time.monotonic()
    with signals_muted(profile_changed):
        result = import_profiles(path, on_progress=(lambda d, t: on_progress("import", d, t)) if on_progress else None)
    report["import_seconds"] = round(time.monotonic() - started, 1)
    report["imported"] = imported_count()
    report["rejected"] = result.failed
    return report
