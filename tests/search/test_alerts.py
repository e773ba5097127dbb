"""Saved-search alerts: only profiles new since the last alert that match, never the same one twice."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from recruiters.choices import RecruiterStatus
from search.choices import AlertFrequency
from search.services import saved_search_alerts_send, saved_search_update
from tests.factories import FolderFactory, SavedSearchFactory

from .conftest import reindex

pytestmark = pytest.mark.django_db

CRITERIA = {"q": "technicien", "mode": "all", "places": ["63113:30"], "departments": [],
            "filters": {"contract_type": ["CDI"]}, "sort": "relevance", "per_page": 30}


@pytest.fixture
def saved(index, recruiter, make_profile):
    make_profile(headline="Technicien déjà là", contract_types=["CDI"], consent_at=timezone.now() - timedelta(days=3))
    reindex()
    return SavedSearchFactory(
        folder=FolderFactory(recruiter=recruiter, name="Maintenance"), name="Techniciens Clermont",
        criteria=CRITERIA, alert_frequency=AlertFrequency.DAILY, last_alert_at=timezone.now() - timedelta(days=1),
    )


def run(frequency=AlertFrequency.DAILY, at=None, capture=None):
    with capture(execute=True):
        return saved_search_alerts_send(frequency=frequency, now=at)


def new_profile(make_profile, headline, days=0, **fields):
    """A profile that enters the CVthèque `days` from now (alerts run at simulated later dates)."""
    fields.setdefault("contract_types", ["CDI"])
    profile = make_profile(headline=headline, consent_at=timezone.now() + timedelta(days=days), **fields)
    reindex(profile)
    return profile


def test_alert_sends_only_new_matching_profiles_once(saved, make_profile, recruiter, django_capture_on_commit_callbacks):
    new_profile(make_profile, "Technicienne arrivée hier")
    new_profile(make_profile, "Technicien en CDD", contract_types=["CDD"])
    new_profile(make_profile, "Technicien à Lyon", home="lyon")
    new_profile(make_profile, "Boulanger nouveau")
    report = run(capture=django_capture_on_commit_callbacks)
    assert (report.searches, report.emails, report.profiles) == (1, 1, 1)
    [message] = mail.outbox
    assert message.to == [recruiter.user.email]
    assert "Technicienne arrivée hier" in message.body
    assert "déjà là" not in message.body and "CDD" not in message.body and "Lyon" not in message.body
    assert "Techniciens Clermont" in message.subject
    assert "/admin/cvtheque/?" in message.body and "contract_type=CDI" in message.body

    # The next day: nothing new, no e-mail; the same profile is never announced again.
    mail.outbox.clear()
    report = run(at=timezone.now() + timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert (report.searches, report.emails) == (1, 0) and not mail.outbox

    new_profile(make_profile, "Technicien du lendemain", days=1.5)
    report = run(at=timezone.now() + timedelta(days=2), capture=django_capture_on_commit_callbacks)
    assert report.profiles == 1
    [message] = mail.outbox
    assert "Technicien du lendemain" in message.body and "arrivée hier" not in message.body


def test_profiles_indexed_late_are_caught_without_duplicates(saved, make_profile, django_capture_on_commit_callbacks):
    """A profile that consented before the last run but reached the index after it is still announced."""
    late = make_profile(headline="Technicien en retard", contract_types=["CDI"], consent_at=timezone.now())
    run(capture=django_capture_on_commit_callbacks)
    assert not mail.outbox
    reindex(late)
    run(at=timezone.now() + timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and "en retard" in mail.outbox[0].body
    run(at=timezone.now() + timedelta(days=2), capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_weekly_alerts_wait_a_week(saved, make_profile, django_capture_on_commit_callbacks):
    saved.alert_frequency = AlertFrequency.WEEKLY
    saved.save()
    new_profile(make_profile, "Technicien de la semaine", days=3)
    assert run(AlertFrequency.WEEKLY, capture=django_capture_on_commit_callbacks).searches == 0
    assert run(AlertFrequency.DAILY, capture=django_capture_on_commit_callbacks).searches == 0
    later = timezone.now() + timedelta(days=6)
    report = run(AlertFrequency.WEEKLY, at=later, capture=django_capture_on_commit_callbacks)
    assert report.profiles == 1


def test_no_alert_for_searches_without_frequency_or_recruiters_who_left(saved, recruiter, make_profile,
                                                                        django_capture_on_commit_callbacks):
    new_profile(make_profile, "Technicien tout neuf")
    saved.alert_frequency = AlertFrequency.NONE
    saved.save()
    assert run(capture=django_capture_on_commit_callbacks).searches == 0
    saved.alert_frequency = AlertFrequency.DAILY
    saved.save()
    recruiter.status = RecruiterStatus.SUSPENDED
    recruiter.save()
    report = run(capture=django_capture_on_commit_callbacks)
    assert report.searches == 1 and report.emails == 0 and not mail.outbox


def test_switching_an_alert_on_announces_only_what_comes_next(saved, recruiter, make_profile,
                                                              django_capture_on_commit_callbacks):
    saved.alert_frequency = AlertFrequency.NONE
    saved.save()
    new_profile(make_profile, "Technicien d'avant l'alerte")
    saved_search_update(user=recruiter.user, saved_search=saved, name=saved.name, alert_frequency="daily")
    report = run(at=timezone.now() + timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert report.profiles == 0


def test_command(saved, make_profile, django_capture_on_commit_callbacks):
    new_profile(make_profile, "Technicien de la commande")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_cvtheque_alerts", "--frequency", "daily", stdout=out)
    assert "1 recherche(s) traitée(s), 1 e-mail(s), 1 profil(s) annoncé(s)" in out.getvalue()
    assert len(mail.outbox) == 1
