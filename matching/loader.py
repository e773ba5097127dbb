"""Profiles -> engine feature records, and the process-wide feature matrix kept in step with them.

Every process holds one `FeatureMatrix` of all visible profiles, built on first use. A profile change
(`profile_changed`) appends a `ProfileChange` row; before each search, `current_matrix()` reads the
rows past the version its matrix reflects (one indexed query) and re-reads only those profiles. So a
change shows in every process at its next search, with no cross-process messaging.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from portal.candidates.experience import years_of_experience
from portal.candidates.models import CandidateLanguage, CandidateProfile, DesiredPlace, Education, Experience
from portal.candidates.selectors import visible_profiles
from portal.reference.models import Commune, JobTitle
from portal.reference.skills import SkillCanon, skill_canon
from search.text import normalize_text, normalize_title

from .choices import CHANGE_LOG_RETENTION_HOURS, FULL_RELOAD_HOURS
from .features import CandidateFeatures, FeatureMatrix, JobEntry, PlaceEntry
from .models import ProfileChange

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000


def title_key(text: str) -> str:
    """Matching key of a job title: the search app's French normaliser (genders, plurals) joined."""
    return " ".join(normalize_title(text))


_skill_canon: SkillCanon | None = None


def skills_canon() -> SkillCanon:
    """The shared skill vocabulary under the search app's French normaliser (built once)."""
    global _skill_canon
    if _skill_canon is None:
        _skill_canon = skill_canon(normalize_text)
    return _skill_canon


def skill_key(text: str) -> str:
    """Matching key of a skill: its canonical tokens ("Maîtrise d'Excel" and "MS Excel" -> "excel")."""
    return skills_canon().key(text)


def text_skills(texts: Iterable[str], listed: Iterable[str] = ()) -> tuple[str, ...]:
    """Known skills named in free texts (CV, experience descriptions) and not already listed."""
    canon = skills_canon()
    held = {canon.key(skill) for skill in listed}
    return tuple(skill for skill in canon.find(texts) if canon.key(skill) not in held)


def title_families() -> dict[str, str]:
    """Title key -> vocabulary family, for both genders of every title of the vocabulary."""
    families = {}
    for masculine, feminine, family in JobTitle.objects.exclude(family="").values_list(
        "masculine", "feminine", "family"
    ):
        for wording in (masculine, feminine):
            key = title_key(wording)
            if key:
                families.setdefault(key, family)
    return families


def _timestamp(value) -> float | None:
    return value.timestamp() if value is not None else None


def _chunks(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _grouped(rows) -> dict[int, list[tuple]]:
    groups: dict[int, list[tuple]] = {}
    for profile_id, *rest in rows:
        groups.setdefault(profile_id, []).append(tuple(rest))
    return groups


def _records(ids: list[int], *, today: date, communes: dict) -> list[CandidateFeatures]:
    """Feature records of one chunk of profiles, from plain rows (no model instances: 7 queries).

    Only what matching may know is read: no name, e-mail, phone, birth date, photo or address.
    """
    profiles = CandidateProfile.objects.filter(pk__in=ids).order_by("pk").values_list(
        "pk", "desired_jobs", "contract_types", "working_time", "skills", "last_active_at", "updated_at",
        "home_commune_id", "cv_text",
    )
    experiences = _grouped(
        Experience.objects.filter(profile_id__in=ids).order_by("profile_id", "-start_date", "id")
        .values_list("profile_id", "title", "start_date", "end_date", "sector_id", "description")
    )
    levels = _grouped(Education.objects.filter(profile_id__in=ids, level__isnull=False).values_list("profile_id", "level"))
    languages = _grouped(
        CandidateLanguage.objects.filter(profile_id__in=ids).order_by("id").values_list("profile_id", "language_id", "level")
    )
    places = _grouped(
        DesiredPlace.objects.filter(profile_id__in=ids).order_by("id")
        .values_list("profile_id", "commune_id", "radius_km", "department_id")
    )
    Sectors = CandidateProfile.sectors.through
    sectors = _grouped(Sectors.objects.filter(candidateprofile_id__in=ids).values_list("candidateprofile_id", "nafsector_id"))
    rows = list(profiles)
    wanted = {row[7] for row in rows if row[7]} | {c for group in places.values() for c, _r, _d in group if c}
    missing = wanted - communes.keys()
    if missing:
        communes.update(
            (insee, (name, department, latitude, longitude))
            for insee, name, department, latitude, longitude in Commune.objects.filter(pk__in=missing).values_list(
                "insee", "name", "department_id", "latitude", "longitude"
            )
        )
    records = []
    for pk, desired_jobs, contract_types, working_time, skills, last_active, updated, home_id, cv_text in rows:
        jobs = experiences.get(pk, [])
        profile_places, departments = [], []
        for commune_id, radius_km, department_id in places.get(pk, []):
            commune = communes.get(commune_id)
            if commune is not None and commune[2] is not None:
                name, department, latitude, longitude = commune
                profile_places.append(PlaceEntry(latitude=latitude, longitude=longitude, radius_km=float(radius_km or 0),
                                                 label=f"{name} ({department})", department=department))
            elif department_id:
                departments.append(department_id)
        home = communes.get(home_id)
        has_home = home is not None and home[2] is not None
        periods = [(start, end) for _title, start, end, _sector, _description in jobs]
        profile_sectors = {code for (code,) in sectors.get(pk, [])}
        profile_sectors.update(sector for _title, _start, _end, sector, _description in jobs if sector)
        listed_skills = tuple(skill for skill in skills or () if str(skill).strip())
        records.append(CandidateFeatures(
            id=pk,
            experiences=tuple(
                JobEntry(title=title, years=years_of_experience([(start, end)], today=today))
                for title, start, end, _sector, _description in jobs if title.strip()
            ),
            desired_jobs=tuple(JobEntry(title=title) for title in desired_jobs or () if str(title).strip()),
            total_years=years_of_experience(periods, today=today) if periods else None,
            diploma_level=max((level for (level,) in levels.get(pk, [])), default=None),
            sectors=tuple(sorted(profile_sectors)),
            desired_places=tuple(profile_places),
            desired_departments=tuple(departments),
            home_latitude=home[2] if has_home else None,
            home_longitude=home[3] if has_home else None,
            home_department=home[1] if home is not None else None,
            home_label=f"{home[0]} ({home[1]})" if home is not None else "",
            contract_types=tuple(contract_types or ()),
            working_times=tuple(working_time or ()),
            skills=listed_skills,
            text_skills=text_skills([cv_text, *(description for *_rest, description in jobs)], listed_skills),
            languages=tuple((code, level or None) for code, level in languages.get(pk, [])),
            last_login=_timestamp(last_active),
            updated=_timestamp(updated),
        ))
    return records


def iter_features(profile_ids: Iterable[int] | None = None, *, today: date | None = None) -> Iterator[CandidateFeatures]:
    """Feature records of visible profiles (all, or those of `profile_ids`), read in chunks."""
    today = today or timezone.localdate()
    queryset = visible_profiles()
    if profile_ids is not None:
        queryset = queryset.filter(pk__in=list(profile_ids))
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    communes: dict = {}
    for chunk in _chunks(ids, CHUNK_SIZE):
        yield from _records(chunk, today=today, communes=communes)


def new_matrix() -> FeatureMatrix:
    return FeatureMatrix(normalise_title=title_key, normalise_skill=skill_key, title_families=title_families())


def build_matrix() -> FeatureMatrix:
    matrix = new_matrix()
    matrix.upsert_many(iter_features())
    return matrix


# --- the process-wide matrix -----------------------------------------------------------------------


@dataclass
class _State:
    matrix: FeatureMatrix
    version: int
    built_at: float  # monotonic
    synced_at: float  # monotonic
    serial: int
    # Wall-clock time the last sync (or the build) started, and the change rows seen since then minus
    # SYNC_OVERLAP: see _sync.
    synced_wall: float = 0.0
    seen: frozenset[int] = frozenset()
    # Wall-clock time the full build started (kept through snapshots): the periodic rebuild counts from it.
    built_wall: float = 0.0


_serial = 0


_state: _State | None = None
_lock = threading.Lock()

# Change rows are numbered when inserted but may commit out of order (PostgreSQL, several processes):
# each sync also re-reads the rows of the last seconds, and applies those it has not seen yet.
SYNC_OVERLAP_SECONDS = 30
# Matrices of at least this many profiles are saved for the next process (smaller ones build in < 1 s).
SNAPSHOT_MIN_PROFILES = 5000
# False: snapshots are neither saved nor loaded (the bench, on data it rolls back).
SNAPSHOTS = True
SNAPSHOTS_KEPT = 2
# The refresh job rebuilds rather than reloads a snapshot whose full build is older than this, so that a
# process loading one still has hours before its own periodic rebuild (when it loads a newer one).
SNAPSHOT_REBUILD_HOURS = FULL_RELOAD_HOURS / 2
# A temporary file this old was left by a process killed while writing.
SNAPSHOT_TEMP_MAX_AGE_SECONDS = 3600
# Bump when the encoding of the arrays or vocabularies changes: older snapshots are then ignored.
SNAPSHOT_FORMAT = 2


def _latest_version() -> int:
    return ProfileChange.objects.aggregate(latest=Max("pk"))["latest"] or 0


def _next_serial() -> int:
    global _serial
    _serial += 1
    return _serial


def _rebuild(*, save: bool = True) -> _State:
    wall = time.time()
    version = _latest_version()  # read first: changes committed during the build are replayed after
    started = time.monotonic()
    matrix = build_matrix()
    logger.info("matching matrix built: %d profiles in %.1f s", len(matrix), time.monotonic() - started)
    now = time.monotonic()
    state = _State(matrix=matrix, version=version, built_at=now, synced_at=now, serial=_next_serial(),
                   synced_wall=wall, built_wall=wall)
    if save and SNAPSHOTS and len(matrix) >= SNAPSHOT_MIN_PROFILES:
        try:
            save_snapshot(matrix, version=version, built_wall=wall)
        except OSError:
            logger.exception("matching matrix snapshot not saved")
    return state


def apply_changes(matrix: FeatureMatrix, profile_ids: Iterable[int]) -> None:
    """Re-read the given profiles: visible ones are upserted, the others removed from the matrix."""
    ids = {int(pk) for pk in profile_ids}
    if not ids:
        return
    records = list(iter_features(ids))
    matrix.upsert_many(records)
    for pk in ids - {record.id for record in records}:
        matrix.remove(pk)


def _sync(state: _State) -> None:
    """Apply the change rows past the matrix's version, and those of the last SYNC_OVERLAP_SECONDS
    before the previous sync not seen yet (a row numbered before the version may commit after it was
    read; re-reading a profile twice is harmless)."""
    wall = time.time()
    since = datetime.fromtimestamp(state.synced_wall - SYNC_OVERLAP_SECONDS, tz=UTC)
    rows = list(
        ProfileChange.objects.filter(Q(pk__gt=state.version) | Q(at__gte=since))
        .order_by("pk").values_list("pk", "profile_ids", "at")
    )
    state.synced_at = time.monotonic()
    fresh = [(pk, batch) for pk, batch, _at in rows if pk > state.version or pk not in state.seen]
    if fresh:
        apply_changes(state.matrix, {pk for _, batch in fresh for pk in batch})
        state.version = max(state.version, fresh[-1][0])
    state.seen = frozenset(pk for pk, _batch, at in rows if at >= since)
    state.synced_wall = wall


def current_matrix() -> FeatureMatrix:
    """The process's matrix, brought up to date with the change log (one query when nothing changed)."""
    return current()[0]


def current() -> tuple[FeatureMatrix, tuple[int, int]]:
    """The up-to-date matrix and its identity (build serial, change-log version), for caches."""
    global _state
    with _lock:
        now = time.monotonic()
        stale = _state is not None and (
            now - _state.synced_at > CHANGE_LOG_RETENTION_HOURS * 3600 / 2
            or now - _state.built_at > FULL_RELOAD_HOURS * 3600
        )
        if _state is None or stale:
            # Past the periodic rebuild, a snapshot of a later build (the refresh job's) serves as well.
            loaded = _load_snapshot(built_after=_state.built_wall if _state else None) if SNAPSHOTS else None
            _state = loaded or _rebuild()
            _freeze_long_lived(_state.matrix)
        _sync(_state)
        return _state.matrix, (_state.serial, _state.version)


def _freeze_long_lived(matrix: FeatureMatrix) -> None:
    """Move what the process holds now (modules, the matrix's vocabularies) out of the cyclic GC's
    reach: with ~230,000 such objects, an occasional full collection paused a request for 100-160 ms
    (the search page's p95). Garbage is collected first, so nothing unreachable is kept."""
    if len(matrix) >= SNAPSHOT_MIN_PROFILES:
        gc.collect()
        gc.freeze()


def reset(*, snapshots: bool = False) -> None:
    """Forget the process's matrix (tests); after a bulk load that muted `profile_changed`, with
    `snapshots=True`, so that no process loads a snapshot that misses it."""
    global _state
    with _lock:
        _state = None
        if snapshots:
            for path in snapshot_dir().glob("matrix-*.npz"):
                path.unlink(missing_ok=True)


# --- snapshots: a new process loads the arrays instead of reading every profile ---------------------


def snapshot_dir() -> Path:
    return Path(settings.VAR_DIR) / "matching"


def save_snapshot(matrix: FeatureMatrix, *, version: int, built_wall: float,
                  synced_wall: float | None = None) -> Path | None:
    """Write the matrix's arrays and vocabularies as `.npz`, named by the change-log version it
    reflects, atomically (a temporary file renamed), and keep the latest few. The change-log row of
    that version identifies the database: a snapshot never loads into another one. `built_wall` is when
    the full build started, `synced_wall` when the log was last replayed into it (default: the build)."""
    row = ProfileChange.objects.filter(pk=version).values_list("at", flat=True).first()
    if row is None:
        return None  # an empty change log: nothing to tell this database from another
    directory = snapshot_dir()
    directory.mkdir(parents=True, exist_ok=True)
    meta = {"format": SNAPSHOT_FORMAT, "version": version, "version_at": row.isoformat(), "built_wall": built_wall,
            "synced_wall": built_wall if synced_wall is None else synced_wall, "profiles": len(matrix)}
    state = matrix.state()
    state["meta"] = np.array(json.dumps(meta))
    path = directory / f"matrix-{version:012d}.npz"
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".matrix-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **state)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _prune_snapshots(directory, keep=path)
    return path


def _prune_snapshots(directory: Path, *, keep: Path) -> None:
    """Remove all but the latest SNAPSHOTS_KEPT snapshots and `keep` (just written: another process
    may have written later ones meanwhile), and temporary files of killed writers. Several processes
    may prune at once, so a file may already be gone; a reader that opened one still reads it."""
    paths = sorted(directory.glob("matrix-*.npz"))
    for old in paths[:-SNAPSHOTS_KEPT]:
        if old != keep:
            old.unlink(missing_ok=True)
    for temporary in directory.glob(".matrix-*.tmp"):
        try:
            if time.time() - temporary.stat().st_mtime > SNAPSHOT_TEMP_MAX_AGE_SECONDS:
                temporary.unlink(missing_ok=True)
        except FileNotFoundError:
            continue


def _load_snapshot(*, built_after: float | None = None) -> _State | None:
    """The newest usable snapshot (of a full build started after `built_after`, if given) as a state,
    or None (then the matrix is built)."""
    paths = sorted(snapshot_dir().glob("matrix-*.npz"), reverse=True)
    for path in paths[:SNAPSHOTS_KEPT]:
        started = time.monotonic()
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if not _snapshot_usable(meta) or (built_after is not None and meta["built_wall"] <= built_after):
                    continue
                matrix = FeatureMatrix.from_state(data, normalise_title=title_key, normalise_skill=skill_key)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            logger.warning("matching matrix snapshot %s unreadable: %s", path.name, exc)
            continue
        age = time.time() - meta["built_wall"]
        now = time.monotonic()
        logger.info("matching matrix loaded from %s: %d profiles in %.1f s", path.name, len(matrix),
                    now - started)
        # The snapshot's age counts towards the periodic full rebuild.
        return _State(matrix=matrix, version=meta["version"], built_at=now - age, synced_at=now,
                      serial=_next_serial(), synced_wall=meta.get("synced_wall", meta["built_wall"]),
                      built_wall=meta["built_wall"])
    return None


@dataclass(frozen=True)
class SnapshotRefresh:
    path: Path | None  # None: nothing saved (snapshots off, a small matrix, an empty change log)
    profiles: int
    version: int
    built: bool  # False: loaded from a snapshot


def refresh_snapshot() -> SnapshotRefresh | None:
    """Bring the snapshot up to date, so that a new process (deploy, restart, scale-out) loads it
    instead of building (the periodic job `matching-snapshot`). The newest usable snapshot is loaded,
    or the matrix built when none is, or when its build is older than SNAPSHOT_REBUILD_HOURS; the change
    log is replayed; the result is saved under the current version, keeping its build time (the
    periodic rebuild counts from it). Works on a matrix of its own: the job's process keeps none."""
    if not SNAPSHOTS:
        return None
    state = _load_snapshot(built_after=time.time() - SNAPSHOT_REBUILD_HOURS * 3600)
    built = state is None
    if state is None:
        state = _rebuild(save=False)
    _sync(state)
    path = None
    if len(state.matrix) >= SNAPSHOT_MIN_PROFILES:
        path = save_snapshot(state.matrix, version=state.version, built_wall=state.built_wall,
                             synced_wall=state.synced_wall)
    return SnapshotRefresh(path=path, profiles=len(state.matrix), version=state.version, built=built)


def _snapshot_usable(meta: dict) -> bool:
    if meta.get("format") != SNAPSHOT_FORMAT:
        return False
    if not 0 <= time.time() - meta["built_wall"] < FULL_RELOAD_HOURS * 3600:
        return False  # older than the change log can be trusted to cover, or from the future
    at = ProfileChange.objects.filter(pk=meta["version"]).values_list("at", flat=True).first()
    return at is not None and at.isoformat() == meta["version_at"]


def record_change(profile_ids: Iterable[int]) -> ProfileChange:
    """Append profiles to the change log (and prune the log now and then)."""
    change = ProfileChange.objects.create(profile_ids=sorted({int(pk) for pk in profile_ids}))
    if change.pk % 100 == 0:
        ProfileChange.objects.filter(at__lt=timezone.now() - timedelta(hours=CHANGE_LOG_RETENTION_HOURS)).delete()
    return change
