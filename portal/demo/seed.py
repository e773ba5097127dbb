"""The demo world of ``seed_demo``: a coherent slice of Auvergne-Rhône-Alpes, built through the real services.

Sixteen companies of the regional economy (``companies.py``), each with a validated recruiter, a
company page published through the moderation workflow, offers of its trade in its own towns
(``trades.py``, ``seed_offers.py``); candidates with complete profiles and PDF CVs living nearby
(``people.py``), imported like real files; applications in every status with the recruiters' work on
them; a Visiotalent campaign with recorded answers; a moderator and a recruiter awaiting validation.

Deterministic for a seed and idempotent: what exists already (accounts, live pages, companies that
have offers, imported candidates) is left as it is, so a second run changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import random
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from cms.services import site_ensure
from portal.accounts.choices import Role
from portal.accounts.services import user_confirm_email
from portal.candidates.importer import import_profiles
from portal.candidates.models import CandidateProfile
from portal.reference.models import Commune, Language, NafSector
from recruiters.models import Recruiter
from recruiters.services import moderator_grant, recruiter_create

from .companies import COMPANIES, PENDING_COMPANY, CompanySpec
from .cv import profile_cv_pdf
from .people import DEMO_CANDIDATE_EMAIL, PeopleGenerator, Person
from .seed_offers import (
    Applicant,
    CompanyOffers,
    answers_seed,
    applications_seed,
    augmented_seed,
    backdate_spontaneous,
    campaign_seed,
    deferred_seed,
    lifecycle_seed,
    offers_seed,
    spontaneous_seed,
)
from .seed_pages import company_page_publish

# Printed by `make run`: demo accounts only, never created outside seed_demo.
DEMO_PASSWORD = "Vivier-Demo-2026!"  # noqa: S105
STAFF_EMAIL = "moderation@vivier.localhost"
RECRUITER_EMAIL = "recruteur@vivier.localhost"
PENDING_RECRUITER_EMAIL = "recruteur.en-attente@vivier.localhost"
CANDIDATE_EMAIL = DEMO_CANDIDATE_EMAIL
DEFAULT_CANDIDATES = 96

# The demo candidate's applications: job title at the first two companies -> status reached.
DEMO_PLANS = {
    0: {"Technicien de maintenance industrielle": "interview", "Technicien méthodes": "rejected"},
    1: {"Technicien de maintenance industrielle": "to_contact"},
}


@dataclass
class SeedReport:
    companies: int = 0
    pages: int = 0
    candidates: int = 0
    candidates_rejected: int = 0
    offers: int = 0
    applications: int = 0
    answers: int = 0
    messages: list[str] = field(default_factory=list)


def recruiter_email(index: int, spec: CompanySpec) -> str:
    return RECRUITER_EMAIL if index == 0 else f"recruteur.{spec.key}@vivier.localhost"


def siren_for(key: str) -> str:
    """A fictitious SIREN with a valid check digit, the same for a company on every run."""
    body = str(10_000_000 + int(hashlib.sha256(key.encode()).hexdigest(), 16) % 90_000_000)
    return body + luhn.calc_check_digit(body)


def world_communes(specs: tuple[CompanySpec, ...] = COMPANIES) -> set[str]:
    """INSEE codes of every place of the demo world."""
    return {insee for spec in specs for insee, _ in spec.towns} | {PENDING_COMPANY["insee"]}


def missing_reference_data(specs: tuple[CompanySpec, ...]) -> list[str]:
    """What the world needs from ``load_reference_data`` and does not find (empty: ready)."""
    missing = []
    communes = world_communes(specs)
    found = set(Commune.objects.filter(insee__in=communes, latitude__isnull=False).values_list("insee", flat=True))
    if found != communes:
        missing.append(f"communes {', '.join(sorted(communes - found))}")
    sectors = {spec.naf for spec in specs} | {PENDING_COMPANY["naf"]}
    found = set(NafSector.objects.filter(code__in=sectors).values_list("code", flat=True))
    if found != sectors:
        missing.append(f"NAF sectors {', '.join(sorted(sectors - found))}")
    if not Language.objects.filter(code="en").exists():
        missing.append("languages")
    return missing


@contextmanager
def mail_muted() -> Iterator[None]:
    """The demo's people are fictitious: the hundreds of mails the services send go nowhere."""
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = previous


@cache
def _demo_password_hash() -> str:
    # One hash for every demo account: hashing is slow on purpose, and they share the password anyway.
    return make_password(DEMO_PASSWORD)


def _set_password(user) -> None:
    user.password = _demo_password_hash()
    user.save(update_fields=["password"])


@transaction.atomic
def seed_staff():
    User = get_user_model()
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            STAFF_EMAIL, None, first_name="Morgane", last_name="Delorme", role=Role.EDITOR,
            email_confirmed_at=timezone.now(),
        )
        _set_password(user)
    moderator_grant(user=user)
    return user


@transaction.atomic
def seed_company(*, index: int, spec: CompanySpec, staff) -> Recruiter:
    """The company and its validated recruiter (created by staff, as operators do)."""
    email = recruiter_email(index, spec)
    existing = Recruiter.objects.filter(user__email=email).select_related("company", "user").first()
    if existing is not None:
        return existing
    first_name, last_name = spec.recruiter
    recruiter = recruiter_create(
        email=email, company_name=spec.name, siren=siren_for(spec.key),
        commune=Commune.objects.get(insee=spec.insee), head_office_address=spec.address, phone=spec.phone,
        naf_sector=NafSector.objects.get(code=spec.naf), company_type=spec.company_type,
        first_name=first_name, last_name=last_name, approve=True, decided_by=staff,
    )
    _set_password(recruiter.user)
    return recruiter


@transaction.atomic
def seed_pending_recruiter() -> Recruiter:
    existing = Recruiter.objects.filter(user__email=PENDING_RECRUITER_EMAIL).select_related("user").first()
    if existing is not None:
        return existing
    spec = PENDING_COMPANY
    first_name, last_name = spec["recruiter"]
    recruiter = recruiter_create(
        email=PENDING_RECRUITER_EMAIL, company_name=spec["name"], siren=siren_for(spec["name"]),
        commune=Commune.objects.get(insee=spec["insee"]), head_office_address=spec["address"],
        phone=spec["phone"], naf_sector=NafSector.objects.get(code=spec["naf"]),
        company_type=spec["company_type"], first_name=first_name, last_name=last_name,
    )
    _set_password(recruiter.user)
    return recruiter


def seed_candidates(*, people: list[tuple[dict, Person]],
                    on_progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Import the candidates that do not exist yet, each with their PDF CV; returns (imported, rejected)."""
    existing = set(CandidateProfile.objects.filter(external_ref__startswith="demo-")
                   .values_list("external_ref", flat=True))
    rows = [(row, person) for row, person in people if row["external_ref"] not in existing]
    if not rows:
        if on_progress:
            on_progress(len(people), len(people))
        return 0, 0
    with tempfile.TemporaryDirectory(prefix="vivier-demo-") as tmp:
        folder = Path(tmp)
        (folder / "cvs").mkdir()
        lines = []
        for row, person in rows:
            cv_file = folder / "cvs" / f"{row['external_ref']}.pdf"
            cv_file.write_bytes(profile_cv_pdf(row, town=person.town))
            lines.append(json.dumps({**row, "cv_path": f"cvs/{cv_file.name}"}, ensure_ascii=False))
        jsonl = folder / "profiles.jsonl"
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = import_profiles(jsonl, on_progress=on_progress)
    demo = CandidateProfile.objects.select_related("user").filter(user__email=CANDIDATE_EMAIL).first()
    if demo is not None and not demo.user.has_usable_password():
        _set_password(demo.user)
        user_confirm_email(user=demo.user)
    return report.imported, report.failed


def seed_company_activity(*, index: int, spec: CompanySpec, company, user, applicants: list[Applicant],
                          demo: Applicant | None, seed: int) -> CompanyOffers | None:
    """Offers, applications, spontaneous applications and the Visiotalent campaign of one company."""
    if company.offers.exists():
        return None
    rng = random.Random(f"{seed}-{spec.key}")
    languages = {language.pk: language for language in Language.objects.all()}
    with transaction.atomic():
        campaign = campaign_seed(company=company, user=user) if index == 0 else None
        world = offers_seed(spec=spec, company=company, user=user, sectors=[company.naf_sector],
                            languages_by_code=languages, rng=rng, campaign=campaign)
        augmented_seed(spec=spec, company=company, user=user)
        applications_seed(world=world, applicants=applicants, user=user, rng=rng, demo=demo,
                          demo_plan=dict(DEMO_PLANS.get(index, {})))
        if campaign is not None:
            answers_seed(world=world, campaign=campaign, demo=demo)
        deferred_seed(world=world, user=user, rng=rng)
        lifecycle_seed(world=world, rng=rng)
        if spec.spontaneous:
            spontaneous = _spontaneous_applicant(index, applicants, demo)
            if spontaneous is not None:
                applicant, status = spontaneous
                application = spontaneous_seed(
                    world=world, company=company, applicant=applicant, status=status, user=user, rng=rng,
                    message=f"Bonjour,\n\nJe souhaite rejoindre {spec.name} et vous adresse une candidature "
                            f"spontanée. Mon CV détaille mon parcours ; je suis disponible pour échanger.\n\n"
                            f"{applicant.profile.user.first_name} {applicant.profile.user.last_name}",
                )
                backdate_spontaneous(application, days_ago=rng.randint(2, 20))
    return world


def _spontaneous_applicant(index: int, applicants: list[Applicant], demo: Applicant | None):
    """Who writes spontaneously: the demo candidate to the second company, one candidate to a few others."""
    if index == 1 and demo is not None:
        return demo, "new"
    if index in (2, 4, 8) and applicants:
        return applicants[-1], "to_contact" if index == 2 else "new"
    return None


class _QuietBar:
    count = 0
    total = None

    def advance(self, n: int = 1) -> None:
        self.count += n


def _quiet(total: int | None, label: str) -> AbstractContextManager:
    return nullcontext(_QuietBar())


def seed_world(*, companies: int, candidates: int, seed: int,
               progress: Callable[[int | None, str], AbstractContextManager] = _quiet) -> SeedReport:
    """Build (or complete) the demo world; ``progress(total, label)`` is a progress-bar context manager
    (``portal.reference.progress.progress``) whose bar has ``advance(n)``, ``count`` and ``total``."""
    report = SeedReport()
    specs = COMPANIES[:companies]
    site_ensure()
    with mail_muted():
        staff = seed_staff()

        recruiters = []
        with progress(len(specs), "Companies") as bar:
            for index, spec in enumerate(specs):
                recruiters.append(seed_company(index=index, spec=spec, staff=staff))
                bar.advance()
        seed_pending_recruiter()
        report.companies = len(recruiters)

        with progress(len(specs), "Company pages") as bar:
            for spec, recruiter in zip(specs, recruiters, strict=True):
                with transaction.atomic():
                    company_page_publish(spec=spec, company=recruiter.company, recruiter_user=recruiter.user,
                                         moderator=staff)
                bar.advance()
        report.pages = len(specs)

        generator = PeopleGenerator(seed=seed, companies=specs, today=timezone.localdate())
        people = [generator.person(i) for i in range(candidates)]
        with progress(len(people), "Candidates") as bar:

            def on_progress(done: int, total: int) -> None:
                bar.total = total
                bar.advance(done - bar.count)

            imported, rejected = seed_candidates(people=people, on_progress=on_progress)
        report.candidates, report.candidates_rejected = imported, rejected
        if rejected:
            report.messages.append(f"{rejected} demo profile(s) were rejected by the importer")

        profiles = {p.external_ref: p for p in CandidateProfile.objects.filter(external_ref__startswith="demo-")
                    .select_related("user")}
        applicants_by_company: dict[str, list[Applicant]] = {}
        demo = None
        for _row, person in people:
            profile = profiles.get(person.external_ref)
            if profile is None:
                continue
            if person.email == CANDIDATE_EMAIL:
                demo = Applicant(person, profile)
            else:
                applicants_by_company.setdefault(person.company, []).append(Applicant(person, profile))

        with progress(len(specs), "Offers and applications") as bar:
            for index, (spec, recruiter) in enumerate(zip(specs, recruiters, strict=True)):
                world = seed_company_activity(
                    index=index, spec=spec, company=recruiter.company, user=recruiter.user,
                    applicants=applicants_by_company.get(spec.key, []), demo=demo, seed=seed,
                )
                if world is not None:
                    report.offers += len(world.offers)
                    report.applications += world.applications
                    report.answers += world.answers
                bar.advance()
    return report
