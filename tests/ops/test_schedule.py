from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import BaseCommand
from django.utils import timezone

from portal.ops import schedule
from portal.ops.models import PeriodicJobRun

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
