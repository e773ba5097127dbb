"""Running the evaluation set through the real matching and CVthèque paths, on data rolled back after.

Inside one transaction that is always rolled back: the reference rows the set needs (when the
database lacks them), the pool's profiles imported with the project's importer (last login, creation
and update set to now, so the 2-year rule hides none), a recruiter to search as. Matching scores a
FeatureMatrix of the pool alone, built by the loader's record builder and normalisers; the CVthèque
searches a temporary Xapian index holding the pool alone. Nothing reaches the process-wide matrix,
the real index or the change log (the importer's change signal fires on commit only).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from haystack import connections
from stdnum import luhn

from portal.accounts.choices import Role
from portal.candidates.importer import import_profiles
from portal.candidates.models import CandidateProfile
from portal.reference import geo, sources
from portal.reference.models import (
    Commune,
    DatasetVersion,
    Department,
    JobTitle,
    Language,
    NafSector,
    Region,
)
from portal.reference.services import dataset_mark_changed
from portal.reference.text import fold
from recruiters.choices import CompanyStatus, RecruiterStatus
from recruiters.models import Company, Recruiter
from search.backends import CONNECTION, cvtheque_backend
from search.backends.xapian import forget_readers
from search.criteria import SearchCriteria, criteria_from_options
from search.indexing import index_profiles
from search.selectors import cvtheque_search
from search.text import set_default_lexicon

from .. import loader
from ..engine import APPROXIMATE, DEFAULT_THRESHOLD, FOUND, STATE_NAMES, OfferCriteria, score
from ..features import CandidateFeatures, JobEntry
from ..services import offer_criteria
from . import metrics
from .dataset import Offer, RelevanceSet

# The "métiers proches" switch of the CVthèque, once the search criteria carry it.
CLOSE_TITLES_FIELD = "close_titles"
EXPERIENCE_YEARS = 5.0  # years of the experience a title pair's profile holds
NAF_DOTTED = 5  # "6920Z" -> "69.20Z"


class RelevanceRunError(RuntimeError):
    """The set could not be loaded into the database (a row the importer refused...)."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction (a savepoint inside an open one) that never commits."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


# --- reference rows --------------------------------------------------------------------------------


def _dotted(code: str) -> str:
    code = str(code).strip().upper()
    return code if "." in code or len(code) != NAF_DOTTED else f"{code[:2]}.{code[2:]}"


def _wanted_codes(rel_set: RelevanceSet) -> tuple[set[str], set[str], set[str]]:
    communes, sectors, languages = set(), set(), set()
    for profile in rel_set.profiles:
        communes.add(profile.get("home_commune"))
        communes.update(place.get("commune") for place in profile.get("desired_places") or ())
        sectors.update(profile.get("sectors") or ())
        sectors.update(item.get("sector") for item in profile.get("experiences") or ())
        languages.update(item.get("code") for item in profile.get("languages") or ())
    for offer in rel_set.offers:
        communes.add(offer.commune)
        sectors.update(offer.sectors)
        languages.update(item.get("code") for item in offer.languages)
    return (
        {str(c) for c in communes if c},
        {_dotted(s) for s in sectors if s},
        {str(code) for code in languages if code},
    )


def ensure_reference_rows(rel_set: RelevanceSet) -> list[str]:
    """Write the reference rows the set uses and the database lacks, from the packages
    `load_reference_data` reads (a test database; a developer's database usually has them all)."""
    communes, sectors, languages = _wanted_codes(rel_set)
    written = []
    missing_communes = communes - set(Commune.objects.filter(insee__in=communes).values_list("insee", flat=True))
    if missing_communes:
        for region in sources.read_regions():
            Region.objects.get_or_create(code=region.code, defaults={"name": region.name})
        for department in sources.read_departments():
            Department.objects.get_or_create(
                code=department.code, defaults={"name": department.name, "region_id": department.region_code}
            )
        records = [record for record in sources.read_communes() if record.insee in missing_communes]
        Commune.objects.bulk_create(
            Commune(insee=r.insee, name=r.name, search_name=fold(r.name), department_id=r.department_code,
                    population=r.population, latitude=r.latitude, longitude=r.longitude)
            for r in records
        )
        dataset_mark_changed(name=DatasetVersion.COMMUNES)
        written.append(f"{len(records)} communes")
    if sectors - set(NafSector.objects.filter(code__in=sectors).values_list("code", flat=True)):
        NafSector.objects.bulk_create(
            (NafSector(code=r.code, label=r.label, section=r.section, section_label=r.section_label,
                       division=r.division) for r in sources.read_naf_sectors()),
            ignore_conflicts=True,
        )
        written.append("NAF sectors")
    if languages - set(Language.objects.filter(code__in=languages).values_list("code", flat=True)):
        Language.objects.bulk_create(
            (Language(code=r.code, name=r.name) for r in sources.read_languages()), ignore_conflicts=True
        )
        written.append("languages")
    if not JobTitle.objects.exists():
        JobTitle.objects.bulk_create(
            JobTitle(key=t.key, masculine=t.masculine, feminine=t.feminine, family=t.family)
            for t in sources.read_job_titles()
        )
        written.append("job titles")
    geo.reset()
    return written


# --- the pool --------------------------------------------------------------------------------------


def import_pool(rel_set: RelevanceSet, *, now: datetime) -> dict[str, int]:
    """Import the pool with the project's importer; external_ref -> profile id."""
    stamp = now.isoformat()
    with tempfile.TemporaryDirectory(prefix="vivier-relevance-") as directory:
        path = Path(directory) / "profiles.jsonl"
        with path.open("w", encoding="utf-8") as file:
            for profile in rel_set.profiles:
                row = {**profile, "last_login": stamp, "created": stamp, "updated": stamp}
                file.write(json.dumps(row, ensure_ascii=False) + "\n")
        report = import_profiles(path)
    if report.errors:
        lines = [line for error in report.errors for line in error.lines()]
        raise RelevanceRunError("profiles.jsonl rows refused by the importer:\n" + "\n".join(lines[:20]))
    refs = rel_set.pool
    return dict(CandidateProfile.objects.filter(external_ref__in=refs).values_list("external_ref", "pk"))


# --- matching --------------------------------------------------------------------------------------


def offer_mapping(offer: Offer) -> dict:
    """The criteria mapping matching-from-an-offer builds (`matching.selectors.offer_to_criteria`'s
    keys and values for a JobOffer holding these fields), with the offer's matching radius."""
    return {
        "job_titles": list(offer.job_titles) or ([offer.title] if offer.title else []),
        "min_years": offer.min_years,
        "diploma_level": offer.diploma_level,
        "sectors": sorted(_dotted(code) for code in offer.sectors),
        "commune": offer.commune,
        "radius_km": offer.radius_km,
        "contract_types": [offer.contract_type] if offer.contract_type else [],
        "working_time": offer.working_time or None,
        "skills": list(offer.skills),
        "languages": [{"code": item["code"], "level": item.get("level") or None} for item in offer.languages],
    }


def _ranking_row(ref: str, offer: Offer, percent: int, states: dict) -> dict:
    return {"ref": ref, "grade": offer.grades.get(ref, 0), "percent": percent,
            "experience": states.get("experience")}


def evaluate_matching(rel_set: RelevanceSet, ids: dict[str, int], *, k: int = metrics.K) -> dict:
    matrix = loader.new_matrix()
    matrix.upsert_many(loader.iter_features(ids.values()))
    refs = {pk: ref for ref, pk in ids.items()}
    pool = rel_set.pool
    offers = []
    for offer in rel_set.offers:
        result = score(matrix, offer_criteria(offer_mapping(offer)), threshold=DEFAULT_THRESHOLD)
        ranked = result.ranked_rows(k)
        ranking = [refs[int(result.arrays.ids[row])] for row in ranked]
        reached = [refs[int(result.arrays.ids[row])] for row in result.ranked_rows(None)]
        zero_reached, zeros = metrics.unrelated_reached(reached, offer.grades, pool)
        offers.append({
            "offer": offer.ref, "title": offer.title, "family": offer.family,
            "ndcg": metrics.ndcg(ranking, offer.grades, k),
            "precision": metrics.precision_at(ranking, offer.grades, k),
            "best_precision": metrics.best_precision_at(offer.grades, k),
            "recall": metrics.recall_at(ranking, offer.grades, k),
            "selected": len(reached),
            "zero_reached": zero_reached, "zeros": zeros,
            "zero_refs": [ref for ref in reached if offer.grades.get(ref, 0) == 0],
            "top": [
                _ranking_row(refs[int(result.arrays.ids[row])], offer, int(result.percents[row]),
                             result.match(int(row)).state_names)
                for row in ranked
            ],
        })
    return _summary(offers)


def _summary(offers: list[dict]) -> dict:
    zero_reached = sum(item.get("zero_reached", 0) for item in offers)
    zeros = sum(item.get("zeros", 0) for item in offers)
    return {
        "offers": offers,
        "ndcg": metrics.mean(item["ndcg"] for item in offers),
        "precision": metrics.mean(item["precision"] for item in offers),
        "best_precision": metrics.mean(item["best_precision"] for item in offers),
        "recall": metrics.mean(item["recall"] for item in offers),
        "zero_reached": zero_reached,
        "zeros": zeros,
        "zero_share": zero_reached / zeros if zeros else None,
    }


# --- the CVthèque ----------------------------------------------------------------------------------


def close_titles_available() -> bool:
    return CLOSE_TITLES_FIELD in {item.name for item in dataclasses.fields(SearchCriteria)}


@contextmanager
def temporary_index() -> Iterator[None]:
    """The CVthèque connection pointed at an empty Xapian index in a temporary directory."""
    info = connections.connections_info
    saved = info[CONNECTION]
    directory = tempfile.mkdtemp(prefix="vivier-relevance-index-")
    info[CONNECTION] = {**saved, "ENGINE": "search.backends.xapian.CvthequeXapianEngine", "PATH": directory}
    info[CONNECTION].pop("URL", None)
    info[CONNECTION].pop("INDEX_NAME", None)
    connections.reload(CONNECTION)
    forget_readers()
    # The lexicon is read from the job titles, which may have been written in this transaction.
    set_default_lexicon(None)
    try:
        cvtheque_backend().clear()
        yield
    finally:
        info[CONNECTION] = saved
        connections.reload(CONNECTION)
        forget_readers()
        set_default_lexicon(None)
        shutil.rmtree(directory, ignore_errors=True)


def _free_siren() -> str:
    for number in range(10**7, 10**7 + 1000):
        candidate = f"{number:08d}" + luhn.calc_check_digit(f"{number:08d}")
        if not Company.objects.filter(siren=candidate).exists():
            return candidate
    raise RelevanceRunError("no free SIREN for the evaluation's company")


def searcher(now: datetime):
    """A validated recruiter of an active company: the CVthèque answers only them."""
    user = get_user_model().objects.create_user(
        email="evaluation-pertinence@vivier.invalid", role=Role.RECRUITER, email_confirmed_at=now,
    )
    company = Company.objects.create(name="Évaluation de la pertinence", siren=_free_siren(),
                                     status=CompanyStatus.ACTIVE, validated_at=now)
    Recruiter.objects.create(user=user, company=company, status=RecruiterStatus.APPROVED, cgu_accepted_at=now)
    return user


def cvtheque_criteria(offer: Offer, *, close_titles: bool) -> SearchCriteria:
    places = [f"{offer.commune}:{round(offer.radius_km or 0)}"] if offer.commune else []
    criteria = criteria_from_options(q=offer.cvtheque_query, places=places)
    if criteria.errors:
        raise RelevanceRunError(f"offer {offer.ref}: CVthèque criteria refused: {criteria.errors}")
    if close_titles:
        setattr(criteria, CLOSE_TITLES_FIELD, True)
    return criteria


def evaluate_cvtheque(rel_set: RelevanceSet, ids: dict[str, int], *, user, now: datetime, close_titles: bool,
                      k: int = metrics.K) -> dict:
    """Each offer's query, commune and radius through the CVthèque search (index: the pool alone), as
    `user` (a validated recruiter: `searcher`)."""
    refs = {pk: ref for ref, pk in ids.items()}
    pool = rel_set.pool
    offers = []
    for offer in rel_set.offers:
        page = cvtheque_search(user=user, criteria=cvtheque_criteria(offer, close_titles=close_titles), now=now,
                               with_cards=False, with_facets=False, limit=max(len(pool), k))
        returned = [refs[hit.pk] for hit in page.result.hits if hit.pk in refs]
        ranking = returned[:k]
        zero_reached, zeros = metrics.unrelated_reached(returned, offer.grades, pool)
        offers.append({
            "offer": offer.ref, "title": offer.title, "family": offer.family, "query": offer.cvtheque_query,
            "ndcg": metrics.ndcg(ranking, offer.grades, k),
            "precision": metrics.precision_at(ranking, offer.grades, k),
            "best_precision": metrics.best_precision_at(offer.grades, k),
            "recall": metrics.recall_at(ranking, offer.grades, k),
            "selected": page.total,
            "zero_reached": zero_reached, "zeros": zeros,
            "zero_refs": [ref for ref in returned if offer.grades.get(ref, 0) == 0],
            "top": [{"ref": ref, "grade": offer.grades.get(ref, 0)} for ref in ranking],
        })
    return _summary(offers)


# --- title pairs and skill variants (the engine alone) ---------------------------------------------


def _credited(states) -> list[bool]:
    return [int(state) in (FOUND, APPROXIMATE) for state in states]


def evaluate_title_pairs(rel_set: RelevanceSet) -> dict:
    """Per pair, the experience state of a profile that held `held` (5 years) for an offer asking
    `asked`: found or approximate says "close"."""
    pairs = rel_set.title_pairs
    held = list(dict.fromkeys(pair.held for pair in pairs))
    matrix = loader.new_matrix()
    matrix.upsert_many(
        CandidateFeatures(id=number, experiences=(JobEntry(title=title, years=EXPERIENCE_YEARS),))
        for number, title in enumerate(held, 1)
    )
    rows = {title: matrix.row_of(number) for number, title in enumerate(held, 1)}
    states = {}
    for asked in dict.fromkeys(pair.asked for pair in pairs):
        result = score(matrix, OfferCriteria(job_titles=(asked,)))
        states[asked] = result.states["experience"]
    predicted, details = [], []
    for pair in pairs:
        state = int(states[pair.asked][rows[pair.held]])
        close = state in (FOUND, APPROXIMATE)
        predicted.append(close)
        if close != pair.close:
            details.append({"asked": pair.asked, "held": pair.held, "close": pair.close,
                            "state": STATE_NAMES[state]})
    summary = metrics.classification(predicted, [pair.close for pair in pairs])
    summary["errors"] = details
    return summary


def evaluate_skill_variants(rel_set: RelevanceSet) -> dict:
    """Per asked skill, which written variants a profile listing them is credited for (found or
    approximate), and which of the look-alikes ("not") it wrongly is."""
    entries = rel_set.skills
    written = list(dict.fromkeys(text for entry in entries for text in (*entry.variants, *entry.not_matching)))
    matrix = loader.new_matrix()
    matrix.upsert_many(CandidateFeatures(id=number, skills=(text,)) for number, text in enumerate(written, 1))
    rows = {text: matrix.row_of(number) for number, text in enumerate(written, 1)}
    variants = credited = traps = false_credits = 0
    misses, false_matches = [], []
    for entry in entries:
        credits = _credited(score(matrix, OfferCriteria(skills=(entry.asked,))).states["skills"])
        for text in entry.variants:
            variants += 1
            if credits[rows[text]]:
                credited += 1
            else:
                misses.append({"asked": entry.asked, "written": text})
        for text in entry.not_matching:
            traps += 1
            if credits[rows[text]]:
                false_credits += 1
                false_matches.append({"asked": entry.asked, "written": text})
    return {
        "skills": len(entries), "variants": variants, "credited": credited,
        "recall": credited / variants if variants else None,
        "traps": traps, "false_credits": false_credits,
        "misses": misses, "false_matches": false_matches,
    }


# --- the whole run ---------------------------------------------------------------------------------


def evaluate(rel_set: RelevanceSet, *, close_titles: bool = True, now: datetime | None = None,
             holdout: RelevanceSet | None = None) -> dict:
    """Every measure of the report, as a JSON-ready dict; the database is left as it was."""
    now = now or timezone.now()
    timings: dict[str, float] = {}

    def timed(name, work):
        started = time.perf_counter()
        value = work()
        timings[name] = round(time.perf_counter() - started, 2)
        return value

    report: dict = {"set": str(rel_set.directory), "offers": len(rel_set.offers), "pool": len(rel_set.pool),
                    "title_pairs": len(rel_set.title_pairs), "skills": len(rel_set.skills),
                    "threshold": DEFAULT_THRESHOLD, "k": metrics.K}
    try:
        with rolled_back():
            report["reference_rows_loaded"] = timed("reference", lambda: ensure_reference_rows(rel_set))
            if rel_set.title_pairs:
                report["titles"] = timed("titles", lambda: evaluate_title_pairs(rel_set))
            if rel_set.skills:
                report["skills_variants"] = timed("skills", lambda: evaluate_skill_variants(rel_set))
            if holdout is not None:
                report["holdout"] = timed("holdout", lambda: {
                    "titles": evaluate_title_pairs(holdout), "skills_variants": evaluate_skill_variants(holdout),
                })
            if rel_set.offers and rel_set.profiles:
                ids = timed("import", lambda: import_pool(rel_set, now=now))
                report["matching"] = timed("matching", lambda: evaluate_matching(rel_set, ids))
                user = searcher(now)
                with temporary_index():
                    timed("index", lambda: index_profiles(profile_ids=ids.values()))
                    report["cvtheque"] = timed(
                        "cvtheque",
                        lambda: evaluate_cvtheque(rel_set, ids, user=user, now=now, close_titles=False),
                    )
                    if close_titles and close_titles_available():
                        report["cvtheque_close_titles"] = timed(
                            "cvtheque_close_titles",
                            lambda: evaluate_cvtheque(rel_set, ids, user=user, now=now, close_titles=True),
                        )
                    else:
                        report["cvtheque_close_titles"] = None
    finally:
        geo.reset()
    report["seconds"] = timings
    return report
