"""Benchmark of the matching engine on synthetic profiles (no database; `python -m matching.bench`).

The figures go in docs/matching.md. Timings are wall-clock on the current machine, so they belong
in a benchmark, never in a unit test.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np

from matching.engine import DEFAULT_THRESHOLD, OfferCriteria, score
from matching.features import CEFR_LEVELS, CandidateFeatures, FeatureMatrix, JobEntry, PlaceEntry

_NOUNS = [
    "comptable",
    "contrôleur",
    "auditeur",
    "assistant",
    "technicien",
    "ingénieur",
    "chargé",
    "responsable",
    "conseiller",
    "commercial",
    "vendeur",
    "magasinier",
    "cariste",
    "préparateur",
    "soudeur",
    "électricien",
    "plombier",
    "mécanicien",
    "infirmier",
    "aide",
    "cuisinier",
    "serveur",
    "boulanger",
    "agent",
    "opérateur",
    "conducteur",
    "développeur",
    "analyste",
    "gestionnaire",
    "formateur",
    "animateur",
    "secrétaire",
    "acheteur",
    "logisticien",
    "juriste",
    "chef",
    "directeur",
    "consultant",
    "designer",
    "rédacteur",
]
_QUALIFIERS = [
    "de gestion",
    "financier",
    "qualité",
    "commercial",
    "administratif",
    "de production",
    "maintenance",
    "clientèle",
    "paie",
    "ressources humaines",
    "logistique",
    "achats",
    "export",
    "travaux",
    "d'études",
    "méthodes",
    "informatique",
    "réseau",
    "support",
    "comptable",
    "fournisseurs",
    "de rang",
    "polyvalent",
    "de magasin",
    "sécurité",
    "environnement",
    "projet",
    "marketing",
    "de secteur",
    "d'exploitation",
]
_LANGUAGES = ("en", "es", "de", "it", "pt", "ar", "zh", "ru")
_CONTRACTS = ("CDI", "CDD", "INTERIM", "ALTERNANCE", "STAGE", "INDEPENDANT")
_CLERMONT = (45.7772, 3.0870)


def synthetic_records(n_profiles: int, seed: int = 0) -> tuple[list[CandidateFeatures], dict]:
    """Reproducible fake profiles (no personal data of any kind) and the vocabularies they use."""
    rng = np.random.default_rng(seed)
    titles = [f"{noun} {qualifier}" for noun in _NOUNS for qualifier in _QUALIFIERS]
    families = {title: f"famille {index // 12}" for index, title in enumerate(titles)}
    skills = [f"compétence {index}" for index in range(1000)]
    sectors = [
        f"{division:02d}.{group:02d}{letter}"
        for division in range(10, 40)
        for group in (10, 20)
        for letter in "AZ"
    ]
    departments = [f"{code:02d}" for code in range(1, 96) if code != 20]
    # Zipf-like popularity: a few titles and skills are common, most are rare.
    title_p = 1 / np.arange(1, len(titles) + 1)
    title_p /= title_p.sum()
    skill_p = 1 / np.arange(1, len(skills) + 1) ** 0.8
    skill_p /= skill_p.sum()
    now = 1_780_000_000.0

    def split(flat, counts) -> list[list]:
        flat, ends = flat.tolist(), np.cumsum(counts).tolist()
        return [flat[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]

    def draws(counts, population, p):
        """One flat draw for all profiles, split by `counts` (much faster than a draw per profile)."""
        return split(rng.choice(len(population), size=int(counts.sum()), p=p), counts)

    n = n_profiles
    experience_counts = np.where(rng.random(n) < 0.1, 0, rng.poisson(2.0, n))
    experience_titles = draws(experience_counts, titles, title_p)
    experience_years = split(
        np.round(rng.uniform(0.2, 12.0, int(experience_counts.sum())), 1), experience_counts
    )
    desired_counts = rng.integers(0, 3, n)
    desired_titles = draws(desired_counts, titles, title_p)
    skill_counts = rng.integers(0, 13, n)
    skill_picks = draws(skill_counts, skills, skill_p)
    place_counts = rng.integers(0, 3, n)
    place_values = split(
        np.column_stack(
            [
                rng.uniform(43.0, 50.5, int(place_counts.sum())),
                rng.uniform(-1.5, 7.0, int(place_counts.sum())),
                rng.choice([0, 10, 20, 30, 50, 100], int(place_counts.sum())),
                rng.integers(1, 5000, int(place_counts.sum())),
            ]
        ),
        place_counts,
    )
    has_home = rng.random(n) < 0.9
    home_lat, home_lon = rng.uniform(43.0, 50.5, n), rng.uniform(-1.5, 7.0, n)
    home_department = rng.integers(0, len(departments), n)
    diploma = np.where(rng.random(n) < 0.85, rng.integers(3, 9, n), 0)
    working = rng.integers(0, 4, n)
    last_login = now - rng.uniform(0, 3e7, n)
    updated = now - rng.uniform(0, 6e7, n)
    sector_counts, contract_counts = rng.integers(0, 3, n), rng.integers(0, 3, n)
    language_counts, department_counts = rng.integers(0, 3, n), rng.integers(0, 2, n)
    levels = rng.integers(0, 6, (n, 2))
    sector_picks = draws(sector_counts, sectors, None)
    contract_picks = draws(contract_counts, _CONTRACTS, None)
    language_picks = draws(language_counts, _LANGUAGES, None)

    records = []
    for i in range(n):
        records.append(
            CandidateFeatures(
                id=i + 1,
                experiences=tuple(
                    JobEntry(titles[t], float(y), families[titles[t]])
                    for t, y in zip(experience_titles[i], experience_years[i], strict=True)
                ),
                desired_jobs=tuple(JobEntry(titles[t]) for t in desired_titles[i]),
                diploma_level=int(diploma[i]) or None,
                sectors=tuple(sectors[j] for j in dict.fromkeys(sector_picks[i])),
                desired_places=tuple(
                    PlaceEntry(float(lat), float(lon), float(radius), f"Commune {int(label)}")
                    for lat, lon, radius, label in place_values[i]
                ),
                desired_departments=tuple(
                    departments[j] for j in rng.integers(0, len(departments), department_counts[i])
                ),
                home_latitude=float(home_lat[i]) if has_home[i] else None,
                home_longitude=float(home_lon[i]) if has_home[i] else None,
                home_department=departments[home_department[i]] if has_home[i] else None,
                contract_types=tuple(_CONTRACTS[j] for j in dict.fromkeys(contract_picks[i])),
                working_times=(("FULL_TIME",), ("PART_TIME",), ("FULL_TIME", "PART_TIME"), ())[working[i]],
                skills=tuple(skills[j] for j in dict.fromkeys(skill_picks[i])),
                languages=tuple(
                    (_LANGUAGES[j], CEFR_LEVELS[levels[i, k]])
                    for k, j in enumerate(dict.fromkeys(language_picks[i]))
                ),
                last_login=float(last_login[i]),
                updated=float(updated[i]),
            )
        )
    vocabulary = {"titles": titles, "families": families, "skills": skills, "sectors": sectors}
    return records, vocabulary


def bench_offer(vocabulary: dict) -> OfferCriteria:
    """An offer asking for everything, with common enough values to select many profiles."""
    titles = vocabulary["titles"]
    return OfferCriteria(
        job_titles=(titles[1], titles[40]),
        min_years=3,
        diploma_level=6,
        sectors=tuple(vocabulary["sectors"][:2]),
        latitude=_CLERMONT[0],
        longitude=_CLERMONT[1],
        radius_km=30,
        location_label="Clermont-Ferrand (63)",
        contract_types=("CDI",),
        working_time="FULL_TIME",
        skills=tuple(vocabulary["skills"][:5]),
        languages=(("en", "B2"), ("es", "B1")),
    )


def _percentiles(samples: list[float]) -> dict:
    values = np.array(samples) * 1000
    # The minimum is the cost on an idle core; p50/p95 include whatever else the machine is doing.
    return {
        "min_ms": round(float(values.min()), 2),
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
    }


def bench_engine(n_profiles: int = 100_000, seed: int = 0, runs: int = 50) -> dict:
    """Timings of score() + top 30, of a threshold change, of the page's 30 explanations and of one
    update (min/p50/p95 over `runs`), and the memory of the arrays."""
    started = time.perf_counter()
    records, vocabulary = synthetic_records(n_profiles, seed)
    generated = time.perf_counter() - started

    started = time.perf_counter()
    matrix = FeatureMatrix.build(records, title_families=vocabulary["families"])
    built = time.perf_counter() - started

    criteria = bench_offer(vocabulary)
    score(matrix, criteria).top(30)  # warm-up: first-use allocations and caches

    score_runs, threshold_runs, explain_runs = [], [], []
    result = None
    for run in range(runs):
        started = time.perf_counter()
        result = score(matrix, criteria, threshold=DEFAULT_THRESHOLD)
        page = result.top(30)
        score_runs.append(time.perf_counter() - started)

        started = time.perf_counter()
        result.with_threshold(40 + run % 30).top(30)
        threshold_runs.append(time.perf_counter() - started)

        started = time.perf_counter()
        result.explain_rows([match.row for match in page])
        explain_runs.append(time.perf_counter() - started)

    update_runs = []
    for index in range(runs):
        record = records[index * 997 % len(records)]
        started = time.perf_counter()
        matrix.upsert(record)
        update_runs.append(time.perf_counter() - started)

    return {
        "profiles": n_profiles,
        "runs": runs,
        "generate_s": round(generated, 2),
        "build_s": round(built, 2),
        "array_bytes": matrix.nbytes,
        "array_mb": round(matrix.nbytes / 1e6, 1),
        "selected_at_50": result.count,
        "score_top30": _percentiles(score_runs),
        "threshold_top30": _percentiles(threshold_runs),
        "explain_30": _percentiles(explain_runs),
        "upsert_one": _percentiles(update_runs),
    }


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 100_000]
    print(json.dumps([bench_engine(size) for size in sizes], indent=2))
