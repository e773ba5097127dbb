import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.services import site_ensure
from portal.demo.seed import (
    CANDIDATE_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    demo_places,
    seed_candidates,
    seed_companies,
    seed_staff,
)
from portal.demo.seed_offers import seed_offers
from portal.reference.models import Commune
from portal.reference.progress import progress


class Command(BaseCommand):
    help = "Create realistic, deterministic demo data (staff, companies, recruiters, candidates with PDF CVs)."

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, default=300)
        parser.add_argument("--companies", type=int, default=8)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--no-cv-files", action="store_true", help="use cv_text instead of PDF files")
        parser.add_argument("--logins-only", action="store_true", help="print the demo logins and stop")

    def handle(self, *args, candidates, companies, seed, no_cv_files, logins_only, **options):
        if logins_only:
            self.print_logins(companies)
            return
        if candidates < 0 or companies < 1:
            raise CommandError("--candidates must be >= 0 and --companies >= 1")
        if not Commune.objects.filter(latitude__isnull=False).exists():
            raise CommandError("No reference communes: run `manage.py load_reference_data` first.")
        rng = random.Random(seed)
        site_ensure()
        places = demo_places()
        staff_email = seed_staff()

        staff = get_user_model().objects.get(email=staff_email)
        with progress(companies, "Companies", stream=self.stdout) as bar:
            seed_companies(count=companies, rng=rng, places=places, staff=staff)
            bar.advance(companies)
        with progress(candidates, "Candidates", stream=self.stdout) as bar:

            def on_progress(done, total):
                bar.total = total
                bar.advance(done - bar.count)

            imported, failed, _ = seed_candidates(
                count=candidates, seed=seed, places=places, with_cv_files=not no_cv_files, on_progress=on_progress
            )
        if failed:
            raise CommandError(f"{failed} demo profile(s) were rejected by the importer")
        offers, applications = seed_offers(rng=rng)
        self.stdout.write(f"Offers: {offers} created, {applications} applications.")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {companies} companies, {imported} candidates."))
        self.print_logins(companies)

    def print_logins(self, companies: int) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"  Editorial staff : {STAFF_EMAIL}   -> /admin/")
        self.stdout.write("  Recruiters      : recruteur1@vivier.localhost ... "
                          f"recruteur{companies}@vivier.localhost   -> /admin/")
        self.stdout.write(f"  Candidate       : {CANDIDATE_EMAIL}   -> /")
        self.stdout.write("")
