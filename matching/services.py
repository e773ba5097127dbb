"""Matching workflows: criteria from a JSON-like mapping, the match run (one code path for the admin
views, the JSON endpoint and the `match` command), dismissals and transfers."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from portal.accounts.emails import send_templated_email
from portal.candidates.models import CandidateProfile
from portal.reference.models import Commune
from portal.reference.selectors import commune_label
from recruiters.models import Company
from recruiters.selectors import active_company_for
from search.choices import AlertFrequency, SavedSearchKind
from search.models import Folder, SavedSearch
from search.services import saved_search_create

from . import loader
from .choices import AUDIT_TOP, MAX_LIMIT, MAX_RUN_ADJUSTMENTS, MAX_TRANSFER_MESSAGE, RunSource
from .engine import (
    DEFAULT_THRESHOLD,
    NO_NAMES,
    OfferCriteria,
    ReferenceNames,
    Result,
    explain,
    resolve_weights,
    score,
    weights_from_importance,
)
from .features import FeatureMatrix
from .models import Dismissal, MatchRun, ProfileTransfer

# Keys of a criteria file / form, as in the issue: the commune is an INSEE code resolved here.
CRITERIA_KEYS = (
    "job_titles", "min_years", "diploma_level", "sectors", "commune", "radius_km", "departments",
    "contract_types", "working_time", "skills", "languages",
)


class MatchError(ValueError):
    """Bad criteria, weights or options, with a French message for the recruiter."""


def _company(user) -> Company:
    company = active_company_for(user)
    if company is None:
        raise PermissionDenied("Cet espace est réservé aux recruteurs dont le compte et l'entreprise sont validés.")
    return company


def clean_criteria(data) -> dict:
    """The canonical criteria mapping: known keys only, empty values dropped, lists sorted-unique-free."""
    if not isinstance(data, Mapping):
        raise MatchError("Les critères doivent être un objet JSON (clé : valeur).")
    unknown = sorted(set(data) - set(CRITERIA_KEYS))
    if unknown:
        raise MatchError(f"Critère inconnu : « {unknown[0]} » (critères possibles : {', '.join(CRITERIA_KEYS)}).")
    cleaned = {}
    for key in CRITERIA_KEYS:
        value = data.get(key)
        if value in (None, "", [], ()):
            continue
        cleaned[key] = list(value) if isinstance(value, tuple) else value
    return cleaned


def offer_criteria(data: Mapping) -> OfferCriteria:
    """Engine criteria from a criteria mapping (commune INSEE code -> coordinates and department)."""
    values = clean_criteria(data)
    commune_code = values.pop("commune", None)
    languages = values.pop("languages", None)
    if commune_code is not None:
        commune = Commune.objects.filter(pk=str(commune_code).strip()).first()
        if commune is None:
            raise MatchError(f"Commune inconnue : « {commune_code} » (indiquez son code INSEE, par exemple 63113).")
        if commune.latitude is not None:
            values["latitude"], values["longitude"] = commune.latitude, commune.longitude
        values["location_label"] = commune_label(commune)
        values["departments"] = [commune.department_id, *[d for d in values.get("departments", []) if d != commune.department_id]]
    if languages is not None:
        if not isinstance(languages, list):
            raise MatchError("Les langues doivent être une liste de {\"code\": ..., \"level\": ...}.")
        pairs = []
        for item in languages:
            if isinstance(item, Mapping):
                pairs.append((item.get("code"), item.get("level") or None))
            elif isinstance(item, str):
                pairs.append((item, None))
            else:
                raise MatchError("Chaque langue doit être un objet {\"code\": \"en\", \"level\": \"B2\"}.")
        values["languages"] = pairs
    try:
        return OfferCriteria.from_mapping(values)
    except (TypeError, ValueError) as exc:
        raise MatchError(str(exc)) from exc


def clean_weights(data) -> dict[str, float]:
    if data in (None, ""):
        return {}
    if not isinstance(data, Mapping):
        raise MatchError("Les poids doivent être un objet JSON (critère : poids).")
    try:
        resolve_weights(data)
    except (TypeError, ValueError) as exc:
        raise MatchError(str(exc)) from exc
    return {key: float(value) for key, value in data.items()}


def search_key_for(*, offer_id: int | None, criteria: Mapping) -> str:
    """What identifies a search for its dismissals: the offer, or the criteria themselves."""
    if offer_id is not None:
        return f"offer:{offer_id}"
    canonical = json.dumps(clean_criteria(criteria), sort_keys=True, ensure_ascii=False)
    return "criteria:" + hashlib.sha256(canonical.encode()).hexdigest()[:32]


# --- the match run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchOutcome:
    run: MatchRun | None
    result: Result
    criteria: dict
    search_key: str
    rows: np.ndarray  # the page's rows of the result's snapshot, in order
    elapsed_ms: float

    @property
    def count(self) -> int:
        return self.result.count

    def page(self):
        return [self.result.match(int(row)) for row in self.rows]

    def explanations(self):
        return self.result.explain_rows(self.rows) if len(self.rows) else []


# Scored results of recent searches, so a slider move or a sort change does not score again.
_RESULTS_KEPT = 32
_results: OrderedDict[tuple, Result] = OrderedDict()
_results_lock = threading.Lock()


def _scored(matrix, identity, criteria: OfferCriteria, canonical: str, weights: dict, required: tuple) -> Result:
    key = (identity, canonical, tuple(sorted(weights.items())), required)
    with _results_lock:
        cached = _results.get(key)
        if cached is not None:
            _results.move_to_end(key)
            return cached
    result = score(matrix, criteria, weights=weights or resolve_weights({}), required=required)
    with _results_lock:
        _results[key] = result
        while len(_results) > _RESULTS_KEPT:
            _results.popitem(last=False)
    return result


def reset_cache() -> None:
    with _results_lock:
        _results.clear()


def _without(result: Result, profile_ids: Iterable[int]) -> Result:
    ids = np.fromiter(profile_ids, dtype=np.int64)
    if not len(ids):
        return result
    return replace(result, eligible=result.eligible & ~np.isin(result.arrays.ids, ids))


def _option_int(value, *, low: int, high: int, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise MatchError(f"{label} doit être un entier entre {low} et {high}.")
    return value


def match_run(
    *,
    criteria: Mapping,
    user=None,
    company: Company | None = None,
    source: str = RunSource.CRITERIA,
    weights: Mapping | None = None,
    required: Iterable[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 30,
    offset: int = 0,
    sort: str = "score",
    offer_id: int | None = None,
    file_name: str = "",
    record: bool = True,
    run_id: int | None = None,
) -> MatchOutcome:
    """Score every visible profile and return one ranked page; record the run for audit.

    A recruiter (`user`) gets their company's dismissed profiles left out; the command line runs
    without a user. `company`, when the caller already checked it (the views' access mixin), saves a
    look-up. `run_id` names the run of the page this request refines (slider, sort, next page): if it
    is this user's run of the very same search, that row is updated and the move appended to its
    adjustments, instead of a new row. Bad input raises MatchError (French), before anything is written.
    """
    started = time.perf_counter()
    if user is not None and company is None:
        company = _company(user)
    cleaned = clean_criteria(criteria)
    engine_criteria = offer_criteria(cleaned)
    weights = clean_weights(weights)
    required = tuple(sorted(set(required)))
    limit = _option_int(limit, low=0, high=MAX_LIMIT, label="Le nombre de résultats")
    offset = _option_int(offset, low=0, high=1_000_000, label="Le décalage")
    if source not in RunSource.values:
        raise MatchError("Origine de recherche inconnue.")
    canonical = json.dumps(cleaned, sort_keys=True, ensure_ascii=False)
    matrix, identity = loader.current()
    try:
        result = _scored(matrix, identity, engine_criteria, canonical, weights, required)
        result = result.with_threshold(threshold)
        key = search_key_for(offer_id=offer_id, criteria=cleaned)
        if company is not None:
            dismissed = Dismissal.objects.filter(company=company, search_key=key).values_list("profile_id", flat=True)
            result = _without(result, dismissed)
        rows = result.ranked_rows(limit, offset, sort)
    except ValueError as exc:
        raise MatchError(str(exc)) from exc
    elapsed_ms = (time.perf_counter() - started) * 1000
    run = None
    if record:
        top = result.ranked_rows(AUDIT_TOP, 0, "score")
        top_results = [[int(result.arrays.ids[row]), round(float(result.scores[row]), 2)] for row in top]
        step = [timezone.now().isoformat(timespec="seconds"), result.threshold, sort, result.count]
        if run_id is not None and user is not None:
            run = _continued_run(run_id, user=user, key=key, criteria=cleaned, result=result)
        if run is not None:
            run.threshold, run.result_count, run.top_results = result.threshold, result.count, top_results
            run.elapsed_ms = round(elapsed_ms, 2)
            run.adjustments = [*run.adjustments, step][-MAX_RUN_ADJUSTMENTS:]
            run.save(update_fields=["threshold", "result_count", "top_results", "elapsed_ms", "adjustments"])
        else:
            run = _new_run(company=company, user=user, source=source, key=key, offer_id=offer_id,
                           file_name=file_name, criteria=cleaned, result=result, top_results=top_results,
                           elapsed_ms=elapsed_ms, step=step)
    return MatchOutcome(
        run=run, result=result, criteria=cleaned, search_key=key, rows=rows, elapsed_ms=elapsed_ms
    )


def _continued_run(run_id, *, user, key: str, criteria: dict, result: Result) -> MatchRun | None:
    """The user's run `run_id` if it recorded this very search (same criteria, weights, mandatory
    criteria); a forged or stale id gets None, and so a row of its own."""
    if isinstance(run_id, bool) or not isinstance(run_id, int):
        return None
    run = (MatchRun.objects.filter(pk=run_id, user=user, search_key=key)
           .only("criteria", "weights", "required", "adjustments").first())
    same = run is not None and (run.criteria, run.weights, run.required) == (
        criteria, dict(result.weights), list(result.required))
    return run if same else None


def _new_run(*, company, user, source, key, offer_id, file_name, criteria, result, top_results, elapsed_ms, step):
    return MatchRun.objects.create(
        company=company,
        user=user,
        user_email=getattr(user, "email", "") or "",
        source=source,
        search_key=key,
        offer_id=offer_id,
        file_name=file_name[:255],
        criteria=criteria,
        weights=dict(result.weights),
        threshold=result.threshold,
        required=list(result.required),
        total=result.total,
        result_count=result.count,
        top_results=top_results,
        elapsed_ms=round(elapsed_ms, 2),
        adjustments=[step],
    )


# --- saved searches --------------------------------------------------------------------------------


def saved_matching_data(*, criteria: Mapping, importance: Mapping | None = None, required: Iterable[str] = (),
                        threshold: float = DEFAULT_THRESHOLD, offer_id: int | None = None) -> dict:
    """What a saved matching search holds (search.SavedSearch.criteria), validated like a search."""
    cleaned = clean_criteria(criteria)
    if not cleaned:
        raise MatchError("Indiquez au moins un critère de recherche.")
    engine_criteria = offer_criteria(cleaned)
    required = [required] if isinstance(required, str) else list(required)
    importance = {name: level for name, level in (importance or {}).items() if level != 1}
    try:
        # Scoring no profile runs every check of a real search (weights, mandatory criteria asked).
        score(FeatureMatrix.build([]), engine_criteria, weights=weights_from_importance(importance),
              required=required)
    except (TypeError, ValueError) as exc:
        raise MatchError(str(exc)) from exc
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise MatchError("La compatibilité minimale doit être comprise entre 0 et 100 %.")
    return {"criteria": cleaned, "importance": importance, "required": sorted(set(required)), "threshold": threshold,
            "offer": offer_id}


@transaction.atomic
def matching_search_save(*, user, folder: Folder, name: str, data: Mapping,
                         alert_frequency: str = AlertFrequency.NONE) -> SavedSearch:
    """Save a matching search into a CVthèque folder, with an optional alert of new matching profiles
    (the CVthèque's alert mechanism, through the runner matching registers with search.alerts)."""
    try:
        data = saved_matching_data(criteria=data.get("criteria") or {}, importance=data.get("importance"),
                                   required=data.get("required") or (),
                                   threshold=data.get("threshold", DEFAULT_THRESHOLD), offer_id=data.get("offer"))
    except MatchError as exc:
        raise ValidationError(str(exc), code="criteria") from exc
    return saved_search_create(user=user, folder=folder, name=name, criteria=data,
                               alert_frequency=alert_frequency, kind=SavedSearchKind.MATCHING)


# --- actions ---------------------------------------------------------------------------------------


def _search_key(value: str) -> str:
    value = (value or "").strip()
    if not (value.startswith("offer:") or value.startswith("criteria:")) or len(value) > 80:
        raise ValidationError("Recherche inconnue.", code="search_key")
    return value


@transaction.atomic
def dismissal_set(*, user, profile: CandidateProfile, search_key: str, dismissed: bool) -> Dismissal | None:
    """Set a profile aside for one search ("Écarter"), or bring it back."""
    company = _company(user)
    key = _search_key(search_key)
    if not dismissed:
        Dismissal.objects.filter(company=company, search_key=key, profile=profile).delete()
        return None
    dismissal, _created = Dismissal.objects.get_or_create(
        company=company, search_key=key, profile=profile, defaults={"user": user}
    )
    return dismissal


@transaction.atomic
def profile_transfer(*, user, profile: CandidateProfile, recipient: str, message: str = "", profile_url: str = "") -> ProfileTransfer:
    """Send a profile to a colleague or an address, and log it. The e-mail carries a link to the
    profile page (which only recruiters of the company can open), not the candidate's data."""
    company = _company(user)
    recipient = (recipient or "").strip()
    try:
        validate_email(recipient)
    except ValidationError as exc:
        raise ValidationError("Adresse e-mail du destinataire invalide.", code="recipient") from exc
    message = (message or "").strip()
    if len(message) > MAX_TRANSFER_MESSAGE:
        raise ValidationError(
            f"Le message est trop long : {MAX_TRANSFER_MESSAGE} caractères au plus ({len(message)} saisis).",
            code="too_long",
        )
    transfer = ProfileTransfer(
        company=company, user=user, user_email=user.email, profile=profile, recipient=recipient, message=message
    )
    transfer.full_clean()
    transfer.save()
    context = {"transfer": transfer, "company": company, "sender": user, "profile_url": profile_url,
               "headline": profile.headline}
    transaction.on_commit(
        lambda: send_templated_email(
            to=recipient, template="matching/emails/transfer", context=context, reply_to=[user.email]
        )
    )
    return transfer


def explain_profile(*, criteria: Mapping, weights: Mapping | None, profile_id: int,
                    names: ReferenceNames = NO_NAMES):
    """The per-criterion explanation of one profile (the Matching tab); None if it is not loaded."""
    engine_criteria = offer_criteria(criteria)
    weights = clean_weights(weights)
    matrix = loader.current_matrix()
    if profile_id not in matrix:
        return None
    try:
        return explain(matrix, engine_criteria, matrix.row_of(profile_id), weights=resolve_weights(weights), names=names)
    except ValueError as exc:
        raise MatchError(str(exc)) from exc
