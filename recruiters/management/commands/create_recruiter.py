from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.reference.models import Commune, NafSector
from recruiters.choices import CompanyType
from recruiters.services import recruiter_create


class Command(BaseCommand):
    help = (
        "Creates a recruiter account and its company through the sign-up services (same checks), "
        "optionally approved, and e-mails the recruiter a link to choose a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--company", required=True, help="company name")
        parser.add_argument("--siren", required=True, help="9 digits, spaces allowed")
        parser.add_argument("--commune", help="INSEE code of the head office commune, e.g. 63113")
        parser.add_argument("--address", default="", help="head office address")
        parser.add_argument("--phone", default="", help="French phone number")
        parser.add_argument("--naf", help="NAF code, e.g. 22.11Z")
        parser.add_argument("--type", dest="company_type", default="", choices=[c.value for c in CompanyType])
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--approve", action="store_true", help="validate the account at once")

    def handle(self, *args, **options):
        commune = None
        if options["commune"]:
            commune = Commune.objects.filter(insee=options["commune"].strip().upper()).first()
            if commune is None:
                raise CommandError(f"Commune inconnue : aucun code INSEE {options['commune']!r}.")
        naf_sector = None
        if options["naf"]:
            naf_sector = NafSector.objects.filter(code=options["naf"].strip().upper()).first()
            if naf_sector is None:
                raise CommandError(f"Secteur NAF inconnu : {options['naf']!r} (format attendu : 22.11Z).")
        try:
            recruiter = recruiter_create(
                email=options["email"],
                company_name=options["company"],
                siren=options["siren"],
                commune=commune,
                head_office_address=options["address"],
                phone=options["phone"],
                naf_sector=naf_sector,
                company_type=options["company_type"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                approve=options["approve"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        status = "validé" if options["approve"] else "en attente de validation"
        self.stdout.write(
            self.style.SUCCESS(
                f"Compte recruteur {recruiter.user.email} créé pour {recruiter.company.name} "
                f"(SIREN {recruiter.company.siren_display}), {status}. "
                "Un courriel lui permet de choisir son mot de passe."
            )
        )
