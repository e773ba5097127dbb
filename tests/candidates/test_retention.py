from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from portal.candidates.retention import candidate_retention_apply
from portal.candidates.services import candidate_cv_replace, candidate_mark_active
from tests.factories import CandidateProfileFactory
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db
YEAR = timedelta(days=365)


def inactive_for(delta, **kwargs):
    return CandidateProfileFactory(last_active_at=timezone.now() - delta, **kwargs)


def test_recently_active_profiles_are_left_alone():
    inactive_for(timedelta(days=600))
    report = candidate_retention_apply()
    assert (report.notified, report.erased) == (0, 0)
    assert mail.outbox == []


def test_notice_thirty_days_before_the_two_years_then_erasure(django_capture_on_commit_callbacks):
    profile = inactive_for(timedelta(days=705))
    with django_capture_on_commit_callbacks(execute=True):
        candidate_cv_replace(profile=profile, uploaded_file=ContentFile(pdf_bytes("Technicien"), name="cv.pdf"))
    profile.refresh_from_db()
    cv_name = profile.cv_file.name
    storage = profile.cv_file.storage
    assert storage.exists(cv_name)

    report = candidate_retention_apply()
    assert report.notified == 1 and report.erased == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [profile.user.email]
    assert "supprimé" in mail.outbox[0].subject

    # A second run the same day sends nothing more.
    assert candidate_retention_apply().notified == 0

    # 31 days later, still no login: the account, the profile and the CV file are gone.
    with django_capture_on_commit_callbacks(execute=True):
        report = candidate_retention_apply(now=timezone.now() + timedelta(days=31))
    assert report.erased == 1
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()
    assert not get_user_model().objects.filter(pk=profile.user_id).exists()
    assert not storage.exists(cv_name)


def test_logging_in_after_the_notice_keeps_the_account():
    profile = inactive_for(timedelta(days=720))
    candidate_retention_apply()
    candidate_mark_active(user=profile.user)
    report = candidate_retention_apply(now=timezone.now() + timedelta(days=40))
    assert report.erased == 0
    profile.refresh_from_db()
    assert profile.retention_notice_sent_at is None


def test_no_erasure_without_a_notice_old_enough():
    # Inactive for three years but never warned (e.g. the job was not running): warn first.
    profile = inactive_for(3 * YEAR)
    report = candidate_retention_apply()
    assert (report.notified, report.erased) == (1, 0)
    assert CandidateProfile.objects.filter(pk=profile.pk).exists()


def test_command_reports_counts(capsys):
    inactive_for(timedelta(days=710))
    call_command("purge_inactive_profiles")
    assert "1 notice(s) sent, 0 account(s) erased" in capsys.readouterr().out
