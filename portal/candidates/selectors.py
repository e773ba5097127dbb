from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import CandidateLanguage, CandidateProfile, DesiredPlace, Education, Experience


def activity_cutoff(*, now: datetime | None = None) -> datetime:
    """Profiles whose candidate was last active before this moment are hidden from recruiters."""
    return (now or timezone.now()) - settings.INACTIVE_PROFILE_HIDE_AFTER


def visible_profiles(*, now: datetime | None = None) -> QuerySet[CandidateProfile]:
    """Profiles recruiters may see: consented to the CVthèque, active account, active within the
    retention period (settings.INACTIVE_PROFILE_HIDE_AFTER, 2 years)."""
    return CandidateProfile.objects.filter(
        visible_in_cvtheque=True,
        consent_at__isnull=False,
        user__is_active=True,
        last_active_at__gte=activity_cutoff(now=now),
    )


def with_details(queryset: QuerySet[CandidateProfile]) -> QuerySet[CandidateProfile]:
    """Everything a profile page, an index document or a matching feature row reads, in 7 queries."""
    return queryset.select_related("user", "home_commune").prefetch_related(
        "sectors",
        Prefetch("experiences", queryset=Experience.objects.select_related("sector")),
        Prefetch("education", queryset=Education.objects.all()),
        Prefetch("languages", queryset=CandidateLanguage.objects.select_related("language")),
        Prefetch(
            "desired_places",
            queryset=DesiredPlace.objects.select_related("commune", "department"),
        ),
    )


def candidate_profile_for_user(*, user) -> CandidateProfile | None:
    """The signed-in candidate's own profile, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CandidateProfile.objects.filter(user=user).first()
