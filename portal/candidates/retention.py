"""Retention of inactive candidate profiles (GDPR).

A profile is hidden from recruiters after INACTIVE_PROFILE_HIDE_AFTER without activity (see
selectors.visible_profiles). INACTIVE_PROFILE_NOTICE_BEFORE ahead of INACTIVE_PROFILE_ERASE_AFTER the
candidate is e-mailed that the account will be erased unless they log in; once the deadline has passed
and the notice is at least that old, the account is erased (profile, CV file, user).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.choices import Role
from portal.accounts.emails import send_templated_email

from .models import CandidateProfile


@dataclass
class RetentionReport:
    notified: int = 0
    erased: int = 0


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def candidate_retention_apply(*, now: datetime | None = None) -> RetentionReport:
    now = now or timezone.now()
    erase_before = now - settings.INACTIVE_PROFILE_ERASE_AFTER
    notice_before = erase_before + settings.INACTIVE_PROFILE_NOTICE_BEFORE
    report = RetentionReport()

    to_notify = CandidateProfile.objects.filter(
        last_active_at__lt=notice_before, retention_notice_sent_at__isnull=True, user__role=Role.CANDIDATE
    ).select_related("user")
    for profile in to_notify.iterator(chunk_size=500):
        with transaction.atomic():
            deadline = max(profile.last_active_at + settings.INACTIVE_PROFILE_ERASE_AFTER,
                           now + settings.INACTIVE_PROFILE_NOTICE_BEFORE)
            send_templated_email(
                to=profile.user.email,
                template="candidates/emails/retention_notice",
                context={
                    "profile": profile,
                    "deadline": deadline,
                    "login_url": _absolute(reverse("accounts:login")),
                    "export_url": _absolute(reverse("candidates:export")),
                },
            )
            CandidateProfile.objects.filter(pk=profile.pk).update(retention_notice_sent_at=now)
            report.notified += 1

    to_erase = CandidateProfile.objects.filter(
        last_active_at__lt=erase_before,
        retention_notice_sent_at__lte=now - settings.INACTIVE_PROFILE_NOTICE_BEFORE,
        user__role=Role.CANDIDATE,
    ).select_related("user")
    for profile in to_erase.iterator(chunk_size=500):
        with transaction.atomic():
            user = profile.user
            # Deleting the user cascades to the profile; its post_delete receiver removes the CV file.
            user.delete()
            report.erased += 1
    return report
