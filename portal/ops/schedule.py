"""The periodic jobs of the portal and the runner that starts the ones that are due.

Each job is a management command of the app that owns the work; a command that does not exist (an app
not installed) is skipped. Run the schedule with `manage.py run_periodic` from cron, or with `--loop` as
a long-lived process next to the task workers (`make run` does this).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import transaction
from django.utils import timezone

from .models import PeriodicJobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: timedelta
    args: tuple[str, ...] = ()


JOBS: tuple[Job, ...] = (
    Job("close-expired-offers", "close_expired_offers", timedelta(minutes=10)),
    Job("expire-interview-invitations", "expire_interview_invitations", timedelta(hours=1)),
    Job("application-digests", "send_application_digests", timedelta(hours=1)),
    Job("cvtheque-alerts", "send_cvtheque_alerts", timedelta(hours=1)),
    Job("inactive-profiles", "purge_inactive_profiles", timedelta(hours=24)),
    Job("login-journal", "axes_reset_logs", timedelta(hours=24), ("--age", str(settings.LOGIN_LOG_RETENTION.days))),
    # New processes load the matching matrix from this snapshot instead of building it (16-40 s at 91k).
    Job("matching-snapshot", "refresh_matching_snapshot", timedelta(hours=1)),
)


def _claim(job: Job, now) -> bool:
    """Mark the job started if it is due; False when another process already took it."""
    with transaction.atomic():
        run, _ = PeriodicJobRun.objects.select_for_update().get_or_create(name=job.name)
        if run.last_started_at and now - run.last_started_at < job.every:
            return False
        run.last_started_at = now
        run.save(update_fields=["last_started_at"])
    return True


def run_due_jobs(*, now=None, only: str | None = None, stdout=None) -> list[str]:
    now = now or timezone.now()
    available = get_commands()
    started = []
    for job in JOBS:
        if only and job.name != only:
            continue
        if job.command not in available:
            logger.debug("periodic job %s skipped: no command %s", job.name, job.command)
            continue
        if not _claim(job, now):
            continue
        started.append(job.name)
        error = ""
        try:
            call_command(job.command, *job.args, stdout=stdout)
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("periodic job %s failed", job.name)
            error = f"{type(exc).__name__}: {exc}"
        PeriodicJobRun.objects.filter(name=job.name).update(last_finished_at=timezone.now(), last_error=error)
    return started
