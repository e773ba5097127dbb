import time
from functools import partial

from django.core.management.base import BaseCommand, CommandError

from cms.models import CompanyPage
from portal.candidates.models import CandidateProfile
from portal.demo.companies import COMPANIES
from portal.demo.seed import (
    CANDIDATE_EMAIL,
    DEFAULT_CANDIDATES,
    DEMO_PASSWORD,
    PENDING_RECRUITER_EMAIL,
    RECRUITER_EMAIL,
    STAFF_EMAIL,
    missing_reference_data,
    seed_world,
)
from portal.reference.progress import progress
from recruiters.models import Application, Recruiter


class Command(BaseCommand):
    help = (
        "Create the demo world (idempotent): companies of Auvergne-Rhône-Alpes with published pages, their "
        "offers, candidates with PDF CVs, applications in every status and a Visiotalent campaign."
    )

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=len(COMPANIES),
                            help=f"how many of the {len(COMPANIES)} demo companies (default: all)")
        parser.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--logins-only", action="store_true", help="print the demo logins and stop")

    def handle(self, *args, companies, candidates, seed, logins_only, **options):
        if logins_only:
            self.print_logins()
            return
        if not 1 <= companies <= len(COMPANIES) or candidates < 1:
            raise CommandError(f"--companies must be between 1 and {len(COMPANIES)}, --candidates at least 1")
        missing = missing_reference_data(COMPANIES[:companies])
        if missing:
            raise CommandError(
                f"Reference data missing ({'; '.join(missing)}): run `manage.py load_reference_data` first."
            )
        started = time.monotonic()
        report = seed_world(companies=companies, candidates=candidates, seed=seed,
                            progress=partial(_bar, stream=self.stdout))
        for message in report.messages:
            self.stderr.write(message)
        self.stdout.write(self.style.SUCCESS(
            f"Demo world ready in {time.monotonic() - started:.0f} s: {_count(report.companies, 'company', 'companies')} "
            f"with live pages, {_count(report.candidates, 'new candidate')}, {_count(report.offers, 'new offer')}, "
            f"{_count(report.applications, 'new application')}, {_count(report.answers, 'video answer')}."
        ))
        self.print_logins()

    def print_logins(self) -> None:
        recruiter = Recruiter.objects.filter(user__email=RECRUITER_EMAIL).select_related("company").first()
        if recruiter is None:
            self.stdout.write("No demo data yet: run `manage.py seed_demo`.")
            return
        candidate = CandidateProfile.objects.filter(user__email=CANDIDATE_EMAIL).first()
        applications = Application.objects.filter(candidate=candidate).count() if candidate else 0
        lines = [
            "",
            f"Demo logins (password for all: {DEMO_PASSWORD})",
            f"  Moderator           : {STAFF_EMAIL}   -> /admin/",
            f"  Recruiter           : {RECRUITER_EMAIL} ({recruiter.company.name})   -> /admin/",
            f"  Pending recruiter   : {PENDING_RECRUITER_EMAIL}   -> /espace-recruteur/connexion/",
            f"  Candidate           : {CANDIDATE_EMAIL} ({applications} applications)   -> /compte/connexion/",
            f"  Other recruiters    : recruteur.<company>@vivier.localhost, one per company "
            f"({CompanyPage.objects.live().count()} company pages at /entreprises/)",
            "",
        ]
        for line in lines:
            self.stdout.write(line)


def _count(n: int, singular: str, plural: str = "") -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _bar(total, label, *, stream):
    return progress(total, label, stream=stream)
