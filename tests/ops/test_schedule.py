from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import BaseCommand
from django.utils import timezone

from matching import loader
from portal.ops import schedule
from portal.ops.models import PeriodicJobRun
from tests.factories import CandidateProfileFactory

pytestmark = pytest.mark.django_db


class Recorder(BaseCommand):
    calls: list[str] = []

    def handle(self, *args, **options):
        Recorder.calls.append("ran")


class Broken(BaseCommand):
    def handle(self, *args, **options):
        raise RuntimeError("boom")


@pytest.fixture
def jobs(monkeypatch):
    Recorder.calls = []
    monkeypatch.setattr(
        schedule,
        "JOBS",
        (
            schedule.Job("every-hour", "fake_recorder", timedelta(hours=1)),
            schedule.Job("broken", "fake_broken", timedelta(hours=1)),
            schedule.Job("missing", "no_such_command", timedelta(hours=1)),
        ),
    )
    monkeypatch.setattr(schedule, "get_commands", lambda: {"fake_recorder": "x", "fake_broken": "x"})

    def fake_call(name, *args, **kwargs):
        {"fake_recorder": Recorder, "fake_broken": Broken}[name]().handle()

    monkeypatch.setattr(schedule, "call_command", fake_call)


def test_a_due_job_runs_once_per_interval(jobs):
    now = timezone.now()
    assert "every-hour" in schedule.run_due_jobs(now=now, stdout=StringIO())
    assert schedule.run_due_jobs(now=now + timedelta(minutes=30), stdout=StringIO()) == []
    assert "every-hour" in schedule.run_due_jobs(now=now + timedelta(minutes=61), stdout=StringIO())
    assert Recorder.calls == ["ran", "ran"]


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(jobs):
    started = schedule.run_due_jobs(stdout=StringIO())
    assert started == ["every-hour", "broken"]
    assert "RuntimeError: boom" in PeriodicJobRun.objects.get(name="broken").last_error
    assert PeriodicJobRun.objects.get(name="every-hour").last_error == ""
    assert not PeriodicJobRun.objects.filter(name="missing").exists()


def test_the_matching_snapshot_is_refreshed_every_hour(settings, tmp_path, monkeypatch, caplog):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(loader, "SNAPSHOT_MIN_PROFILES", 1)
    [job] = [job for job in schedule.JOBS if job.name == "matching-snapshot"]
    assert job.every == timedelta(hours=1)
    profile = CandidateProfileFactory()
    change = loader.record_change([profile.pk])

    assert schedule.run_due_jobs(only="matching-snapshot", stdout=StringIO()) == ["matching-snapshot"]
    assert PeriodicJobRun.objects.get(name="matching-snapshot").last_error == ""
    assert [path.name for path in (tmp_path / "matching").glob("matrix-*.npz")] == [f"matrix-{change.pk:012d}.npz"]
    loader.reset()  # a new process loads what the job saved
    try:
        with caplog.at_level("INFO", logger="matching.loader"):
            assert profile.pk in loader.current_matrix()
        assert any("loaded from matrix-" in message for message in caplog.messages)
        assert loader._state.version == change.pk
    finally:
        loader.reset()
