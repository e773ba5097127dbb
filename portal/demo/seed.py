"""Demo data: staff, companies with validated recruiters, candidates with PDF CVs, through the real services.

Deterministic for a given seed. Offers and applications are added by `seed_offers` once the job-offer
models exist (see recruiters); everything else goes through the same services as the web forms.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from stdnum import luhn

from portal.accounts.choices import Role
from portal.candidates.importer import import_profiles
from portal.candidates.models import CandidateProfile
from portal.reference.models import Commune, NafSector
from recruiters.choices import CompanyType
from recruiters.models import Company, Recruiter
from recruiters.services import moderator_grant, recruiter_create

from .catalogue import DEPARTMENT_WEIGHTS, FAMILIES
from .generators import Place, ProfileGenerator, cv_pdf

# Printed by `make run`: demo accounts only, never created outside seed_demo.
DEMO_PASSWORD = "Vivier-Demo-2026!"  # noqa: S105
STAFF_EMAIL = "moderation@vivier.localhost"
CANDIDATE_EMAIL = "candidate@vivier.localhost"

COMPANY_NAMES = (
    "Ateliers Mécaniques d'Auvergne", "Clinique du Val d'Allier", "Boulangeries Pradier", "Logistique Rhône-Alpes",
    "Volcans Informatique", "Bâtir en Dômes", "Hôtel-Restaurant Le Panoramique", "Cabinet Comptable Dumas & Associés",
    "Transports Chabrier", "Coopérative Agricole des Combrailles", "Maison de Santé de Riom", "Groupe Sécurité Alpes",
)


@dataclass
class SeedReport:
    staff: str = ""
    recruiters: list[tuple[str, str]] = field(default_factory=list)  # (email, company)
    candidate: str = ""
    candidates_imported: int = 0
    candidates_rejected: int = 0


def demo_places(limit_per_department: int = 40) -> list[Place]:
    """The biggest communes of the demo departments, with real INSEE codes from the reference data."""
    places: list[Place] = []
    for code, _weight in DEPARTMENT_WEIGHTS:
        communes = (
            Commune.objects.filter(department_id=code, latitude__isnull=False)
            .order_by("-population")
            .values_list("insee", "name", "population")[:limit_per_department]
        )
        places += [Place(insee, name, code, population) for insee, name, population in communes]
    return places


def _siren(rng: random.Random) -> str:
    body = f"{rng.randint(10_000_000, 99_999_999)}"
    return body + luhn.calc_check_digit(body)


def _set_password(user) -> None:
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])


@transaction.atomic
def seed_staff() -> str:
    User = get_user_model()
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            STAFF_EMAIL, DEMO_PASSWORD, first_name="Morgane", last_name="Éditrice", role=Role.EDITOR
        )
    moderator_grant(user=user)
    return user.email


def seed_companies(*, count: int, rng: random.Random, places: list[Place], staff) -> list[tuple[str, str]]:
    sectors = list(NafSector.objects.filter(code__in={s for f in FAMILIES for s in f.sectors}))
    logins = []
    for index in range(count):
        name = COMPANY_NAMES[index % len(COMPANY_NAMES)] + ("" if index < len(COMPANY_NAMES) else f" {index + 1}")
        email = f"recruteur{index + 1}@vivier.localhost"
        existing = Recruiter.objects.filter(user__email=email).select_related("company").first()
        if existing:
            logins.append((email, existing.company.name))
            continue
        siren = _siren(rng)
        while Company.objects.filter(siren=siren).exists():
            siren = _siren(rng)
        place = rng.choice(places)
        recruiter = recruiter_create(
            email=email,
            company_name=name,
            siren=siren,
            commune=Commune.objects.get(insee=place.insee),
            head_office_address=f"{rng.randint(1, 120)} avenue de la République",
            phone=f"04 73 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            naf_sector=rng.choice(sectors) if sectors else None,
            company_type=rng.choice(CompanyType.values),
            first_name=rng.choice(["Claire", "Julien", "Sophie", "Karim", "Élodie", "Thomas"]),
            last_name=rng.choice(["Bernard", "Roux", "Fabre", "Mercier", "Garnier", "Chevalier"]),
            approve=True,
            decided_by=staff,
        )
        _set_password(recruiter.user)
        logins.append((email, name))
    return logins


def seed_candidates(
    *, count: int, seed: int, places: list[Place], with_cv_files: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int, str]:
    generator = ProfileGenerator(seed=seed, places=places)
    with tempfile.TemporaryDirectory(prefix="vivier-seed-") as tmp:
        folder = Path(tmp)
        (folder / "cvs").mkdir()
        lines = []
        for index in range(count):
            profile = generator.profile(index + 1)
            if index == 0:
                # One well-known candidate to log in with.
                profile["email"] = CANDIDATE_EMAIL
                profile["visible_in_cvtheque"] = True
            if with_cv_files:
                cv_file = folder / "cvs" / f"{profile['external_ref']}.pdf"
                cv_file.write_bytes(cv_pdf(profile["cv_text"]))
                profile["cv_path"] = f"cvs/{cv_file.name}"
                del profile["cv_text"]
            lines.append(json.dumps(profile, ensure_ascii=False))
        jsonl = folder / "profiles.jsonl"
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = import_profiles(jsonl, on_progress=on_progress)
    candidate = CandidateProfile.objects.select_related("user").filter(user__email=CANDIDATE_EMAIL).first()
    if candidate is not None and not candidate.user.has_usable_password():
        _set_password(candidate.user)
    return report.imported, report.failed, CANDIDATE_EMAIL
