"""The matching section of the benchmark: with the bench corpus loaded (see bench_corpus.py), time an
offer with all nine criteria through the same code path as the admin view (a recruiter's GET of the
search page, then the 30 explanations of the page), the threshold slider (the JSON endpoint), and the
time from a profile change to its visibility in matching."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client

from matching import loader, services
from matching.models import MatchRun, ProfileChange
from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import visible_profiles
from portal.candidates.signals import profile_changed
from portal.demo.bench import load_average
from portal.reference.models import Commune
from recruiters.models import Recruiter
from recruiters.services import recruiter_create

BENCH_EMAIL = "bench.matching@vivier.example"
BENCH_SIREN = "552100554"  # a Luhn-valid SIREN reserved for the bench company


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _stats(values: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(_percentile(values, 0.95), 1),
            "min_ms": round(min(values), 1), "runs": len(values)}


def _recruiter_user():
    recruiter = Recruiter.objects.filter(user__email=BENCH_EMAIL).select_related("user").first()
    if recruiter is None:
        recruiter = recruiter_create(email=BENCH_EMAIL, company_name="Banc d'essai matching", siren=BENCH_SIREN,
                                     approve=True)
    return recruiter.user


def bench_offer() -> dict:
    """All nine criteria, with values the corpus uses often (so many profiles get credit)."""
    profiles = CandidateProfile.objects.exclude(skills=[]).order_by("pk")
    sample = profiles.prefetch_related("experiences", "sectors", "languages").first()
    commune = sample.home_commune or Commune.objects.order_by("-population").first()
    experience = next(iter(sample.experiences.all()), None)
    sector = next(iter(sample.sectors.all()), None)
    language = next(iter(sample.languages.all()), None)
    return {
        "job_titles": [experience.title if experience else "Comptable"],
        "min_years": 3,
        "diploma_level": 5,
        "sectors": [sector.code] if sector else ["70.22Z"],
        "commune": commune.pk,
        "radius_km": 30,
        "contract_types": ["CDI"],
        "working_time": "FULL_TIME",
        "skills": list(sample.skills[:3]),
        "languages": [{"code": language.language_id if language else "en", "level": "B2"}],
    }


def _params(offer: dict, **extra) -> dict:
    params = {
        "job_titles": ", ".join(offer["job_titles"]), "min_years": offer["min_years"],
        "diploma_level": offer["diploma_level"], "sectors": ", ".join(offer["sectors"]), "commune": offer["commune"],
        "radius_km": offer["radius_km"], "contract_types": offer["contract_types"],
        "working_time": offer["working_time"], "skills": ", ".join(offer["skills"]),
        "languages": ", ".join(f"{item['code']} {item['level']}" for item in offer["languages"]),
    }
    params.update(extra)
    return params


def run_matching_bench(*, runs: int = 30, log: Callable[[str], None] = print) -> dict:
    """Time the matching on the visible profiles of the current database (call after loading the
    corpus), then on its first 10,000 visible profiles (the others hidden inside a transaction that is
    rolled back, so the corpus is left as it was)."""
    report = {"load_average_before": load_average(), "full": _measure(runs=runs, log=log)}
    first = list(visible_profiles().order_by("pk").values_list("pk", flat=True)[10_000:11_000])
    if first:
        # The test client's end of request closes connections, which a transaction would not survive.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            with transaction.atomic():
                visible_profiles().filter(pk__gte=first[0]).update(visible_in_cvtheque=False)
                report["10k"] = _measure(runs=runs, log=log, in_transaction=True)
                transaction.set_rollback(True)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            loader.reset()
            services.reset_cache()
    report["load_average_after"] = load_average()
    log(f"matching: {report}")
    return report


def _measure(*, runs: int, log: Callable[[str], None], in_transaction: bool = False) -> dict:
    user = _recruiter_user()
    client = Client()
    client.force_login(user)
    report: dict = {"profiles": CandidateProfile.objects.count(), "visible": visible_profiles().count()}

    # A cold start: no snapshot, every profile read (then the snapshot is saved, outside a transaction:
    # one of rolled-back data must never be saved, and the full corpus's must not be loaded here).
    if not ProfileChange.objects.exists():
        loader.record_change([visible_profiles().values_list("pk", flat=True).first()])
    loader.SNAPSHOTS = not in_transaction
    try:
        loader.reset(snapshots=not in_transaction)
        started = time.perf_counter()
        loader.current_matrix()
        report["matrix_build_s"] = round(time.perf_counter() - started, 1)
    finally:
        loader.SNAPSHOTS = True
    report["matrix_mb"] = round(loader.current_matrix().nbytes / 1e6, 1)
    log(f"matching: matrix of {report['visible']} visible profiles built in {report['matrix_build_s']} s")
    if not in_transaction:
        # A new process: the snapshot, then the change log replayed.
        loader.reset()
        started = time.perf_counter()
        loader.current_matrix()
        report["matrix_load_s"] = round(time.perf_counter() - started, 2)
        log(f"matching: matrix loaded from its snapshot in {report['matrix_load_s']} s")

    offer = bench_offer()
    report["offer"] = offer
    search, explanations, runs_ms = [], [], []
    for _ in range(runs):
        services.reset_cache()  # every run scores all profiles again, as a new search does
        started = time.perf_counter()
        response = client.get("/admin/matching/recherche/", _params(offer))
        search.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        runs_ms.append(MatchRun.objects.filter(user=user).latest("pk").elapsed_ms)
        started = time.perf_counter()
        outcome = services.match_run(criteria=offer, user=user, record=False)
        outcome.explanations()
        explanations.append((time.perf_counter() - started) * 1000)
    report["count_at_50"] = outcome.count
    report["search_page"] = _stats(search)
    report["run_in_page"] = _stats(runs_ms)
    report["search_plus_explanations"] = _stats([a + b for a, b in zip(search, explanations, strict=True)])

    slider, slider_runs = [], []
    run_id = MatchRun.objects.filter(user=user).latest("pk").pk
    for index in range(runs):
        started = time.perf_counter()
        response = client.get("/admin/matching/recherche/resultats.json",
                              _params(offer, threshold=(30 + 5 * index) % 100, run=run_id))
        slider.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        slider_runs.append(response.json()["elapsed_ms"])
    report["slider_json"] = _stats(slider)
    report["run_in_slider"] = _stats(slider_runs)
    report["slider_rows_written"] = MatchRun.objects.filter(pk__gte=run_id, user=user).count()

    latency = []
    profile = visible_profiles().order_by("-pk").first()
    original_skills = list(profile.skills)
    for index in range(min(runs, 10)):
        marker = f"Compétence de banc {index}"
        started = time.perf_counter()
        with transaction.atomic():
            CandidateProfile.objects.filter(pk=profile.pk).update(skills=[marker])
            if in_transaction:  # nested: on_commit would wait for the outer transaction
                profile_changed.send(sender=CandidateProfile, profile_ids=[profile.pk])
            else:
                transaction.on_commit(lambda: profile_changed.send(sender=CandidateProfile, profile_ids=[profile.pk]))
        response = client.get("/admin/matching/recherche/resultats.json", {"skills": marker, "threshold": 100})
        assert response.json()["count"] >= 1, "the change is not visible"
        latency.append((time.perf_counter() - started) * 1000)
    CandidateProfile.objects.filter(pk=profile.pk).update(skills=original_skills)  # the corpus stays as it was
    profile_changed.send(sender=CandidateProfile, profile_ids=[profile.pk])
    report["change_to_visible"] = _stats(latency)
    log(f"matching ({report['visible']} visible): {report}")
    return report
