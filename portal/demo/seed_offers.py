"""Demo job offers (published through the real services, so they are indexed) and applications."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from portal.reference.models import Commune, NafSector
from recruiters.choices import ApplicationStatus, CompanyStatus
from recruiters.models import Application, Company, JobOffer
from recruiters.services_offers import application_status_set, job_offer_create, job_offer_publish

from .catalogue import CONTRACT_WEIGHTS, CONTRACTS, FAMILIES

MARKER = "[démo]"


def _offer_data(rng: random.Random, family, commune: Commune) -> dict:
    masculine, feminine = rng.choice(family.titles)
    level, diploma = rng.choice(family.diplomas)
    salary = rng.randrange(22_000, 48_000, 1_000)
    return {
        "title": f"{masculine} / {feminine}" if masculine != feminine else masculine,
        "description": f"<p>Nous recrutons un(e) {masculine.lower()} pour renforcer notre équipe. {MARKER}</p>",
        "missions": "<ul>" + "".join(f"<li>{skill}</li>" for skill in rng.sample(family.skills, 3)) + "</ul>",
        "profile_sought": f"<p>{diploma} ou expérience équivalente ; goût du travail en équipe.</p>",
        "job_titles": [masculine],
        "min_years": rng.choice([0, 1, 2, 3, 5]),
        "diploma_level": level,
        "diploma_field": diploma,
        "skills": rng.sample(family.skills, min(4, len(family.skills))),
        "contract_type": rng.choices(CONTRACTS, weights=CONTRACT_WEIGHTS)[0],
        "working_time": rng.choice(["FULL_TIME", "FULL_TIME", "FULL_TIME", "PART_TIME"]),
        "commune": commune,
        "remote_possible": rng.random() < 0.25,
        "salary_min": salary,
        "salary_max": salary + rng.randrange(2_000, 8_000, 1_000),
        "start_date": timezone.localdate() + timedelta(days=rng.randint(7, 60)),
        "positions": rng.choice([1, 1, 1, 2, 3]),
    }


def seed_offers(*, rng: random.Random, per_company: int = 5, applications_per_offer: int = 4) -> tuple[int, int]:
    """Give every active company a few offers (most published) and published offers a few applications.

    Idempotent: companies that already have demo offers are left alone. Returns (offers, applications).
    """
    places = list(Commune.objects.filter(latitude__isnull=False).order_by("-population")[:60])
    candidates = list(CandidateProfile.objects.exclude(cv_file="").order_by("pk")[:400])
    offers_made = applications_made = 0
    for company in Company.objects.filter(status=CompanyStatus.ACTIVE).order_by("pk"):
        if JobOffer.objects.filter(company=company, description__contains=MARKER).exists():
            continue
        creator = company.recruiters.select_related("user").first()
        for index in range(per_company):
            family = rng.choice(FAMILIES)
            commune = company.commune if company.commune_id and index == 0 else rng.choice(places)
            offer = job_offer_create(
                company=company, user=creator.user if creator else None, data=_offer_data(rng, family, commune),
                sectors=list(NafSector.objects.filter(code__in=family.sectors)[:2]),
            )
            offers_made += 1
            if index == per_company - 1:
                continue  # one draft per company
            offer = job_offer_publish(offer=offer)
            for candidate in rng.sample(candidates, min(len(candidates), rng.randint(0, applications_per_offer))):
                application = _apply(offer, candidate, rng)
                if application is not None:
                    applications_made += 1
    return offers_made, applications_made


def _apply(offer: JobOffer, candidate: CandidateProfile, rng: random.Random) -> Application | None:
    # Straight to the model: the demo should not send a hundred e-mails. The CV is copied, as when applying.
    if Application.objects.filter(offer=offer, candidate=candidate).exists():
        return None
    application = Application(
        company=offer.company, offer=offer, candidate=candidate,
        cv_original_name=candidate.cv_original_name, cv_text=candidate.cv_text,
        message=rng.choice(["", "Votre offre correspond à mon projet professionnel.", "Disponible rapidement."]),
        created_at=timezone.now() - timedelta(hours=rng.randint(1, 24 * 20)),
    )
    with candidate.cv_file.open("rb") as handle:
        application.cv_file.save("cv.pdf", ContentFile(handle.read()), save=False)
    try:
        application.full_clean(exclude=["cv_file"])
    except ValidationError:
        return None
    application.save()
    status = rng.choices(ApplicationStatus.values, weights=(50, 20, 15, 5, 10))[0]
    if status != ApplicationStatus.NEW:
        application.seen_at = application.created_at + timedelta(hours=2)
        application.save(update_fields=["seen_at"])
        application_status_set(applications=[application], status=status, user=None)
    return application
