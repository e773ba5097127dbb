"""Matching searches saved in CVthèque folders: the runner matching registers with search.alerts, so
the CVthèque's alerts (profiles new since the last alert, never announced twice) work for them too,
and the folder pages reopen them on the matching page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse

from search.alerts import SavedSearchRunner, register
from search.choices import SavedSearchKind
from search.models import SavedSearch

from .choices import ALERT_MATCHES_KEPT, RunSource
from .engine import CRITERIA, DEFAULT_THRESHOLD, weights_from_importance
from .forms import CriteriaForm
from .services import match_run


def matches_since(saved_search: SavedSearch, since: datetime) -> list[int]:
    """Profiles the search selects now (its mandatory criteria, threshold and the company's dismissals)
    that were added or changed after `since`, best first. Recorded in the audit log like any run."""
    data = saved_search.criteria
    outcome = match_run(
        criteria=data["criteria"],
        user=saved_search.created_by,
        source=RunSource.ALERT,
        weights=weights_from_importance(data.get("importance") or {}),
        required=data.get("required") or (),
        threshold=data.get("threshold", DEFAULT_THRESHOLD),
        limit=0,
        offer_id=data.get("offer"),
    )
    result = outcome.result
    recent = replace(result, eligible=result.eligible & (result.arrays.updated > since.timestamp()))
    return [int(pk) for pk in result.arrays.ids[recent.ranked_rows(ALERT_MATCHES_KEPT)]]


def search_params(data: dict) -> list[tuple[str, object]]:
    """GET parameters of the matching page for a saved search's data."""
    initial = CriteriaForm.initial_from_criteria(data["criteria"])
    params = [(key, v) for key, value in initial.items() for v in (value if isinstance(value, list) else [value])
              if v not in (None, "")]
    params += [(f"importance_{name}", level) for name, level in sorted((data.get("importance") or {}).items())
               if name in CRITERIA]
    params += [("required", name) for name in data.get("required") or ()]
    params.append(("threshold", data.get("threshold", DEFAULT_THRESHOLD)))
    if data.get("offer"):
        params.append(("offer", data["offer"]))
    return params


def search_path(saved_search: SavedSearch) -> str:
    return reverse("matching_admin:search") + "?" + urlencode(search_params(saved_search.criteria))


def profile_path(saved_search: SavedSearch, profile_id: int) -> str:
    return reverse("matching_admin:profile", args=[profile_id]) + "?" + urlencode(search_params(saved_search.criteria))


def register_runner() -> None:
    register(SavedSearchKind.MATCHING, SavedSearchRunner(
        matches_since=matches_since, search_path=search_path, profile_path=profile_path,
        email_template="matching/emails/alert",
    ))
