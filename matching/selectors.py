"""Reads of the matching, limited to what the given recruiter may see (another company's objects are
absent, so views answer 404)."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.candidates.models import CandidateProfile
from recruiters.models import JobOffer
from recruiters.selectors import active_companies
from search.selectors import profiles_for

from .models import Dismissal, MatchRun, ProfileTransfer


def offers_for(*, user) -> QuerySet[JobOffer]:
    return (
        JobOffer.objects.filter(company__in=active_companies(user))
        .select_related("commune")
        .order_by("-created_at", "-pk")
    )


def offer_to_criteria(offer: JobOffer) -> dict:
    """An offer's structured criteria as a criteria mapping (the same keys as a criteria file)."""
    languages = [{"code": item.language_id, "level": item.level or None} for item in offer.languages.all()]
    return {
        "job_titles": list(offer.job_titles or []) or ([offer.title] if offer.title else []),
        "min_years": offer.min_years,
        "diploma_level": offer.diploma_level,
        "sectors": sorted(sector.code for sector in offer.sectors.all()),
        "commune": offer.commune_id,
        "radius_km": offer.radius_km,
        "contract_types": [offer.contract_type] if offer.contract_type else [],
        "working_time": offer.working_time or None,
        "skills": list(offer.skills or []),
        "languages": languages,
    }


def offer_criteria_by_id(offer_id: int) -> dict | None:
    """For the command line (operators): any offer by its id."""
    offer = JobOffer.objects.prefetch_related("sectors", "languages").filter(pk=offer_id).first()
    return None if offer is None else offer_to_criteria(offer)


def match_runs_for(*, user) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(company__in=active_companies(user))


def dismissed_ids(*, user, search_key: str) -> set[int]:
    return set(
        Dismissal.objects.filter(company__in=active_companies(user), search_key=search_key).values_list(
            "profile_id", flat=True
        )
    )


def transfers_for(*, user, profile: CandidateProfile) -> QuerySet[ProfileTransfer]:
    return ProfileTransfer.objects.filter(company__in=active_companies(user), profile=profile)


def matching_profile_for(*, user, pk: int) -> CandidateProfile | None:
    return profiles_for(user=user).select_related("user", "home_commune").filter(pk=pk).first()
