"""Profiles -> engine feature records, and the process-wide feature matrix kept in step with them.

Every process holds one `FeatureMatrix` of all visible profiles, built on first use. A profile change
(`profile_changed`) appends a `ProfileChange` row; before each search, `current_matrix()` reads the
rows past the version its matrix reflects (one indexed query) and re-reads only those profiles. So a
change shows in every process at its next search, with no cross-process messaging.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone

from portal.candidates.experience import years_of_experience
from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import visible_profiles, with_details
from portal.reference.models import JobTitle
from search.text import normalize_text, normalize_title

from .choices import CHANGE_LOG_RETENTION_HOURS, FULL_RELOAD_HOURS
from .features import CandidateFeatures, FeatureMatrix, JobEntry, PlaceEntry
from .models import ProfileChange

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000


def title_key(text: str) -> str:
    """Matching key of a job title: the search app's French normaliser (genders, plurals) joined."""
    return " ".join(normalize_title(text))


def skill_key(text: str) -> str:
    return " ".join(normalize_text(text))


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


def _commune_label(commune) -> str:
    return f"{commune.name} ({commune.department_id})"


def profile_features(profile: CandidateProfile, *, today: date) -> CandidateFeatures:
    """The feature record of one profile loaded through `with_details` (no further query).

    Only what matching may know: no name, e-mail, phone, birth date, photo or street address is read.
    """
    experiences = list(profile.experiences.all())
    jobs = tuple(
        JobEntry(title=exp.title, years=years_of_experience([(exp.start_date, exp.end_date)], today=today))
        for exp in experiences
        if exp.title.strip()
    )
    sectors = {sector.code for sector in profile.sectors.all()}
    sectors.update(exp.sector_id for exp in experiences if exp.sector_id)
    places, departments = [], []
    for place in profile.desired_places.all():
        commune = place.commune
        if commune is not None and commune.latitude is not None:
            places.append(
                PlaceEntry(
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                    radius_km=float(place.radius_km or 0),
                    label=_commune_label(commune),
                    department=commune.department_id,
                )
            )
        elif place.department_id:
            departments.append(place.department_id)
    home = profile.home_commune
    has_home = home is not None and home.latitude is not None
    levels = [edu.level for edu in profile.education.all() if edu.level is not None]
    periods = [(exp.start_date, exp.end_date) for exp in experiences]
    return CandidateFeatures(
        id=profile.pk,
        experiences=jobs,
        desired_jobs=tuple(JobEntry(title=title) for title in profile.desired_jobs or () if str(title).strip()),
        total_years=years_of_experience(periods, today=today) if periods else None,
        diploma_level=max(levels, default=None),
        sectors=tuple(sorted(sectors)),
        desired_places=tuple(places),
        desired_departments=tuple(departments),
        home_latitude=home.latitude if has_home else None,
        home_longitude=home.longitude if has_home else None,
        home_department=home.department_id if home is not None else None,
        home_label=_commune_label(home) if home is not None else "",
        contract_types=tuple(profile.contract_types or ()),
        working_times=tuple(profile.working_time or ()),
        skills=tuple(skill for skill in profile.skills or () if str(skill).strip()),
        languages=tuple((item.language_id, item.level or None) for item in profile.languages.all()),
        last_login=_timestamp(profile.last_active_at),
        updated=_timestamp(profile.updated_at),
    )


def _details_queryset(queryset):
    # The user row is not needed: matching reads nothing of the account.
    return with_details(queryset).select_related(None).select_related("home_commune")


def iter_features(profile_ids: Iterable[int] | None = None, *, today: date | None = None) -> Iterator[CandidateFeatures]:
    """Feature records of visible profiles (all, or those of `profile_ids`), read in chunks."""
    today = today or timezone.localdate()
    queryset = visible_profiles()
    if profile_ids is not None:
        queryset = queryset.filter(pk__in=list(profile_ids))
    for profile in _details_queryset(queryset.order_by("pk")).iterator(chunk_size=CHUNK_SIZE):
        yield profile_features(profile, today=today)


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
    built_at: float
    synced_at: float
    serial: int


_serial = 0


_state: _State | None = None
_lock = threading.Lock()


def _latest_version() -> int:
    return ProfileChange.objects.aggregate(latest=Max("pk"))["latest"] or 0


def _rebuild() -> _State:
    version = _latest_version()  # read first: changes committed during the build are replayed after
    started = time.monotonic()
    matrix = build_matrix()
    logger.info("matching matrix built: %d profiles in %.1f s", len(matrix), time.monotonic() - started)
    global _serial
    _serial += 1
    now = time.monotonic()
    return _State(matrix=matrix, version=version, built_at=now, synced_at=now, serial=_serial)


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
    changes = list(ProfileChange.objects.filter(pk__gt=state.version).order_by("pk").values_list("pk", "profile_ids"))
    state.synced_at = time.monotonic()
    if not changes:
        return
    ids = {pk for _, batch in changes for pk in batch}
    apply_changes(state.matrix, ids)
    state.version = changes[-1][0]


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
            _state = _rebuild()
        _sync(_state)
        return _state.matrix, (_state.serial, _state.version)


def reset() -> None:
    """Forget the process's matrix (tests; after bulk loads that muted the signal)."""
    global _state
    with _lock:
        _state = None


def record_change(profile_ids: Iterable[int]) -> ProfileChange:
    """Append profiles to the change log (and prune the log now and then)."""
    change = ProfileChange.objects.create(profile_ids=sorted({int(pk) for pk in profile_ids}))
    if change.pk % 100 == 0:
        ProfileChange.objects.filter(at__lt=timezone.now() - timedelta(hours=CHANGE_LOG_RETENTION_HOURS)).delete()
    return change
