"""Profiles -> feature records, the process-wide matrix and its incremental refresh."""

import json
import os
import time
from dataclasses import fields
from datetime import date

import numpy as np
import pytest
from django.utils import timezone

from matching import loader
from matching.engine import OfferCriteria, score
from matching.features import PROTECTED_FIELDS, CandidateFeatures
from matching.models import ProfileChange
from portal.candidates.models import CandidateProfile
from portal.candidates.signals import profile_changed
from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    DepartmentFactory,
    DesiredPlaceFactory,
    EducationFactory,
    ExperienceFactory,
    JobTitleFactory,
    LanguageFactory,
    NafSectorFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


@pytest.fixture
def full_profile():
    riom = CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1126)
    cantal = DepartmentFactory(code="15", name="Cantal")
    sector = NafSectorFactory(code="70.22Z")
    profile = CandidateProfileFactory(
        desired_jobs=["Contrôleuse de gestion"],
        contract_types=["CDI", "CDD"],
        working_time=["FULL_TIME"],
        skills=["Excel", "SAP"],
        home_commune=riom,
        sectors=[sector],
    )
    ExperienceFactory(profile=profile, title="Contrôleuse de gestion", start_date=date(2020, 1, 1),
                      end_date=date(2022, 12, 1), sector=None)
    ExperienceFactory(profile=profile, title="Comptable", start_date=date(2023, 1, 1), end_date=None)
    EducationFactory(profile=profile, level=7)
    EducationFactory(profile=profile, level=5)
    CandidateLanguageFactory(profile=profile, language=LanguageFactory(code="en", name="Anglais"), level="B2")
    DesiredPlaceFactory(profile=profile, radius_km=20)  # Clermont-Ferrand
    DesiredPlaceFactory(profile=profile, commune=None, radius_km=None, department=cantal)
    return profile


def features_of(profile):
    (record,) = loader.iter_features([profile.pk], today=TODAY)
    return record


def test_features_equal_the_profile_data(full_profile):
    record = features_of(full_profile)
    assert record.id == full_profile.pk
    assert [(job.title, job.years) for job in record.experiences] == [("Comptable", 3.9), ("Contrôleuse de gestion", 3.0)]
    assert [job.title for job in record.desired_jobs] == ["Contrôleuse de gestion"]
    assert record.total_years == 6.9
    assert record.diploma_level == 7
    assert record.sectors == ("70.22Z",)
    assert [(p.label, p.radius_km, p.department) for p in record.desired_places] == [("Clermont-Ferrand (63)", 20.0, "63")]
    assert record.desired_departments == ("15",)
    assert (record.home_latitude, record.home_longitude, record.home_department, record.home_label) == (
        45.8936, 3.1126, "63", "Riom (63)")
    assert record.contract_types == ("CDI", "CDD")
    assert record.working_times == ("FULL_TIME",)
    assert record.skills == ("Excel", "SAP")
    assert record.languages == (("en", "B2"),)
    assert record.last_login == full_profile.last_active_at.timestamp()
    assert record.updated == full_profile.updated_at.timestamp()


def test_protected_fields_are_absent(full_profile):
    names = {field.name for field in fields(CandidateFeatures)}
    assert not names & PROTECTED_FIELDS
    record = features_of(full_profile)
    values = repr(record)
    for secret in (full_profile.user.email, full_profile.user.first_name or "\x00", full_profile.phone or "\x00"):
        assert secret not in values


def test_empty_profile_gives_unknowns():
    profile = CandidateProfileFactory(desired_jobs=[], skills=[], contract_types=[], working_time=[], home_commune=None)
    record = features_of(profile)
    assert record.experiences == () and record.total_years is None and record.diploma_level is None
    assert record.home_latitude is None and record.home_label == ""


def test_hidden_profiles_are_not_loaded(full_profile):
    hidden = CandidateProfileFactory(hidden=True)
    inactive = CandidateProfileFactory(last_active_at=timezone.now() - timezone.timedelta(days=800))
    matrix = loader.current_matrix()
    assert full_profile.pk in matrix
    assert hidden.pk not in matrix and inactive.pk not in matrix


def test_loading_reads_few_queries(django_assert_max_num_queries):
    for _ in range(12):
        profile = CandidateProfileFactory()
        ExperienceFactory(profile=profile)
        CandidateLanguageFactory(profile=profile, language=LanguageFactory(code="de", name="Allemand"))
    JobTitleFactory()
    loader.title_families()  # the lexicon of search.text is loaded once per process, as in production
    with django_assert_max_num_queries(12):  # version, ids, 7 per chunk of 2,000 profiles, families, log
        matrix = loader.current_matrix()
    assert len(matrix) == 12
    with django_assert_max_num_queries(1):  # later searches only check the change log
        loader.current_matrix()


def test_titles_of_one_trade_are_close():
    JobTitleFactory(masculine="Contrôleur de gestion", feminine="Contrôleuse de gestion", family="Finance")
    JobTitleFactory(masculine="Analyste financier", feminine="Analyste financière", family="Finance")
    profile = CandidateProfileFactory(desired_jobs=[])
    ExperienceFactory(profile=profile, title="Analyste financière", start_date=date(2015, 1, 1))
    result = score(loader.current_matrix(), OfferCriteria(job_titles=["Contrôleuse de gestion"]))
    assert result.match(0).state_names["experience"] == "approximate"


def test_titles_in_both_genders_and_plural_are_found():
    profile = CandidateProfileFactory(desired_jobs=[])
    ExperienceFactory(profile=profile, title="Contrôleuse de gestion", start_date=date(2015, 1, 1))
    for asked in ("Contrôleur de gestion", "contrôleurs de gestion", "CONTRÔLEUSES DE GESTION"):
        result = score(loader.current_matrix(), OfferCriteria(job_titles=[asked], min_years=3))
        assert result.match(0).state_names["experience"] == "found", asked


def test_profile_change_is_seen_at_the_next_search(full_profile):
    matrix = loader.current_matrix()
    criteria = OfferCriteria(skills=["Power BI"])
    assert score(matrix, criteria).match(matrix.row_of(full_profile.pk)).state_names["skills"] == "not_found"

    CandidateProfile.objects.filter(pk=full_profile.pk).update(skills=["Power BI"])
    profile_changed.send(sender=CandidateProfile, profile_ids=[full_profile.pk])
    assert ProfileChange.objects.count() == 1

    matrix = loader.current_matrix()
    assert score(matrix, criteria).match(matrix.row_of(full_profile.pk)).state_names["skills"] == "found"


def test_another_process_catches_up_from_the_change_log(full_profile):
    """A change recorded by another process (a row in the log) is replayed here."""
    loader.current_matrix()
    newcomer = CandidateProfileFactory()
    loader.record_change([newcomer.pk])
    CandidateProfile.objects.filter(pk=full_profile.pk).update(visible_in_cvtheque=False, consent_at=None)
    loader.record_change([full_profile.pk])
    matrix = loader.current_matrix()
    assert newcomer.pk in matrix
    assert full_profile.pk not in matrix


def test_deleted_profile_leaves_the_matrix(full_profile):
    loader.current_matrix()
    pk = full_profile.pk
    full_profile.delete()
    loader.record_change([pk])
    assert pk not in loader.current_matrix()


# --- snapshots and the change log across processes ---------------------------------------------------


@pytest.fixture
def snapshots(settings, tmp_path, monkeypatch):
    """Snapshots in a directory of this test, saved whatever the matrix's size."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(loader, "SNAPSHOT_MIN_PROFILES", 1)
    return tmp_path / "matching"


def all_states(matrix, criteria):
    result = score(matrix, criteria)
    return {int(result.arrays.ids[row]): (round(float(result.scores[row]), 6), tuple(sorted(result.match(row).state_names.items())))
            for row in result.ranked_rows()}


CRITERIA = OfferCriteria(job_titles=["Contrôleur de gestion"], min_years=2, skills=["Excel", "Power BI"],
                         contract_types=["CDI"], latitude=45.7772, longitude=3.087, radius_km=30, departments=["63"])


def test_a_new_process_loads_the_snapshot_then_replays_the_log(full_profile, snapshots, caplog):
    others = [CandidateProfileFactory(skills=["Excel"]) for _ in range(3)]
    loader.record_change([others[0].pk])  # the log is not empty: its last row identifies the database
    loader.current_matrix()
    [path] = snapshots.glob("matrix-*.npz")
    assert not list(snapshots.glob("*.tmp"))

    # Meanwhile: a profile changes, another leaves the CVthèque, a new one arrives.
    CandidateProfile.objects.filter(pk=full_profile.pk).update(skills=["Power BI"])
    CandidateProfile.objects.filter(pk=others[1].pk).update(visible_in_cvtheque=False)
    newcomer = CandidateProfileFactory(skills=["Power BI"])
    ExperienceFactory(profile=newcomer, title="Contrôleur de gestion", start_date=date(2018, 1, 1))
    loader.record_change([full_profile.pk, others[1].pk, newcomer.pk])

    loader.reset()  # a new process
    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        loaded = loader.current_matrix()
    assert any("loaded from matrix-" in message for message in caplog.messages)
    assert not any("built" in message for message in caplog.messages)
    rebuilt = loader.build_matrix()
    assert all_states(loaded, CRITERIA) == all_states(rebuilt, CRITERIA)
    assert newcomer.pk in loaded and others[1].pk not in loaded and len(loaded) == len(rebuilt)


def test_a_snapshot_of_another_database_or_too_old_is_not_loaded(full_profile, snapshots, caplog):
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    loader.reset()
    ProfileChange.objects.all().delete()  # another database: the snapshot's change row is not there
    loader.record_change([full_profile.pk])
    with caplog.at_level("INFO", logger="matching.loader"):
        loader.current_matrix()
    assert any("built" in message for message in caplog.messages)

    # A snapshot older than the periodic full rebuild is ignored too (profiles may have aged out).
    version = ProfileChange.objects.latest("pk").pk
    for path in snapshots.glob("matrix-*.npz"):
        path.unlink()
    loader.save_snapshot(loader.build_matrix(), version=version,
                         built_wall=time.time() - loader.FULL_RELOAD_HOURS * 3600 - 60)
    loader.reset()
    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        loader.current_matrix()
    assert any("built" in message for message in caplog.messages)
    assert not any("loaded from" in message for message in caplog.messages)


def test_a_corrupt_snapshot_is_skipped(full_profile, snapshots, caplog):
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    [path] = snapshots.glob("matrix-*.npz")
    path.write_bytes(path.read_bytes()[:1000])
    loader.reset()
    with caplog.at_level("INFO", logger="matching.loader"):
        assert full_profile.pk in loader.current_matrix()
    assert any("unreadable" in message for message in caplog.messages)


def test_a_change_numbered_before_the_version_but_committed_after_is_applied(full_profile):
    """PostgreSQL with several processes: row 5 may commit after row 6 was read."""
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    latest = ProfileChange.objects.latest("pk").pk
    late = CandidateProfileFactory()
    ProfileChange.objects.create(pk=latest + 10, profile_ids=[full_profile.pk])
    loader.current_matrix()
    ProfileChange.objects.create(pk=latest + 5, profile_ids=[late.pk])  # committed late
    assert late.pk in loader.current_matrix()


# --- the periodic refresh of the snapshot (job `matching-snapshot`) ----------------------------------


def meta_of(path):
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["meta"]))


def snapshot_names(directory):
    return sorted(path.name for path in directory.glob("matrix-*.npz"))


def latest_version():
    return ProfileChange.objects.latest("pk").pk


def load_in_a_new_process(caplog):
    loader.reset()
    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        matrix = loader.current_matrix()
    return matrix, caplog.messages


def test_after_the_refresh_a_new_process_loads_the_current_snapshot_instead_of_building(full_profile, snapshots, caplog):
    others = [CandidateProfileFactory(skills=["Excel"]) for _ in range(3)]
    loader.record_change([others[0].pk])
    loader.current_matrix()
    [first] = snapshots.glob("matrix-*.npz")

    CandidateProfile.objects.filter(pk=full_profile.pk).update(skills=["Power BI"])
    CandidateProfile.objects.filter(pk=others[1].pk).update(visible_in_cvtheque=False)
    newcomer = CandidateProfileFactory(skills=["Power BI"])
    loader.record_change([full_profile.pk, others[1].pk, newcomer.pk])
    version = latest_version()

    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        refresh = loader.refresh_snapshot()
    assert any(f"loaded from {first.name}" in message for message in caplog.messages)
    assert not refresh.built and refresh.version == version and refresh.path.name == f"matrix-{version:012d}.npz"
    # The build time travels on: the periodic full rebuild still counts from the first build.
    assert meta_of(refresh.path)["built_wall"] == meta_of(first)["built_wall"]
    assert meta_of(refresh.path)["synced_wall"] > meta_of(first)["built_wall"]

    loaded, messages = load_in_a_new_process(caplog)
    assert any(f"loaded from {refresh.path.name}" in message for message in messages)
    assert not any("built" in message for message in messages)
    assert loader._state.version == version
    rebuilt = loader.build_matrix()
    assert all_states(loaded, CRITERIA) == all_states(rebuilt, CRITERIA)
    assert newcomer.pk in loaded and others[1].pk not in loaded and len(loaded) == len(rebuilt)


def test_the_refresh_builds_when_the_snapshot_is_too_old_to_serve_for_long(full_profile, snapshots, caplog):
    """Past the 6-hour rebuild no process may load it; past half of it, the refresh builds anew."""
    loader.record_change([full_profile.pk])
    version = latest_version()
    for age_hours in (loader.FULL_RELOAD_HOURS + 1, loader.SNAPSHOT_REBUILD_HOURS + 0.5):
        for path in snapshots.glob("matrix-*.npz"):
            path.unlink()
        loader.save_snapshot(loader.build_matrix(), version=version, built_wall=time.time() - age_hours * 3600)
        caplog.clear()
        with caplog.at_level("INFO", logger="matching.loader"):
            refresh = loader.refresh_snapshot()
        assert refresh.built and any("built" in message for message in caplog.messages), age_hours
        assert time.time() - meta_of(refresh.path)["built_wall"] < 600

        loaded, messages = load_in_a_new_process(caplog)
        assert any("loaded from" in message for message in messages)
        assert full_profile.pk in loaded


def test_the_refresh_prunes_older_snapshots_and_abandoned_temporary_files(full_profile, snapshots):
    for _ in range(3):
        loader.record_change([full_profile.pk])
    loader.current_matrix()
    [current] = snapshots.glob("matrix-*.npz")
    version = latest_version()
    for older in (version - 3, version - 2, version - 1):
        (snapshots / f"matrix-{older:012d}.npz").write_bytes(b"an older snapshot")
    abandoned = snapshots / ".matrix-abandoned.tmp"
    abandoned.write_bytes(b"half a file")
    two_hours_ago = time.time() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    being_written = snapshots / ".matrix-being-written.tmp"
    being_written.write_bytes(b"a file another process is writing")

    loader.record_change([full_profile.pk])
    refresh = loader.refresh_snapshot()
    assert snapshot_names(snapshots) == [current.name, refresh.path.name]
    assert not abandoned.exists()
    assert being_written.exists()


def test_the_refresh_keeps_its_snapshot_when_another_process_wrote_later_ones(full_profile, snapshots):
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    [current] = snapshots.glob("matrix-*.npz")
    version = latest_version()
    later = [snapshots / f"matrix-{version + step:012d}.npz" for step in (5, 6)]
    for path in later:
        path.write_bytes(current.read_bytes())  # as if written by a process that saw later changes

    refresh = loader.refresh_snapshot()
    assert refresh.path == current
    assert snapshot_names(snapshots) == sorted([current.name] + [path.name for path in later])
    assert meta_of(current)["version"] == version


def test_a_damaged_newest_snapshot_does_not_break_the_refresh(full_profile, snapshots, caplog):
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    loader.record_change([full_profile.pk])
    newest = loader.refresh_snapshot().path
    older = next(path for path in snapshots.glob("matrix-*.npz") if path != newest)
    newest.write_bytes(newest.read_bytes()[:1000])

    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        refresh = loader.refresh_snapshot()
    assert any("unreadable" in message for message in caplog.messages)
    assert not refresh.built and refresh.path == newest  # loaded from the older one, the damaged one rewritten
    assert any(f"loaded from {older.name}" in message for message in caplog.messages)
    loaded, messages = load_in_a_new_process(caplog)
    assert any(f"loaded from {newest.name}" in message for message in messages)
    assert all_states(loaded, CRITERIA) == all_states(loader.build_matrix(), CRITERIA)

    for path in snapshots.glob("matrix-*.npz"):
        path.write_bytes(b"damaged")
    refresh = loader.refresh_snapshot()
    assert refresh.built and meta_of(refresh.path)["version"] == latest_version()


def test_a_long_lived_process_past_its_periodic_rebuild_loads_a_later_build_snapshot(full_profile, snapshots, caplog):
    loader.record_change([full_profile.pk])
    loader.current_matrix()
    loader._state.built_at -= loader.FULL_RELOAD_HOURS * 3600 + 1
    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        loader.current_matrix()
    # Its own snapshot is as old as its matrix: built again.
    assert any("built" in message for message in caplog.messages)
    assert not any("loaded from" in message for message in caplog.messages)

    newcomer = CandidateProfileFactory()
    loader.record_change([newcomer.pk])
    loader.save_snapshot(loader.build_matrix(), version=latest_version(), built_wall=time.time())  # the job's build
    loader._state.built_at -= loader.FULL_RELOAD_HOURS * 3600 + 1
    caplog.clear()
    with caplog.at_level("INFO", logger="matching.loader"):
        matrix = loader.current_matrix()
    assert any("loaded from" in message for message in caplog.messages)
    assert not any("built" in message for message in caplog.messages)
    assert newcomer.pk in matrix
