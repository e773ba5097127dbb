import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from search.criteria import criteria_from_options
from search.selectors import company_for, cvtheque_search


class Command(BaseCommand):
    help = (
        "Search the CVthèque as a recruiter, with the same results as the admin page: "
        "--json --as EMAIL [--q TEXT] [--mode all|any] [--place INSEE[:KM]]... [--department CODE]... "
        "[--filter FACET=VALUE]... [--sort relevance|last_login|created|updated] [--page N] [--per-page N]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON (the only output format)")
        parser.add_argument("--as", dest="email", required=True, help="e-mail of a validated recruiter")
        parser.add_argument("--q", default="", help="words, \"phrases\", -exclusions")
        parser.add_argument("--mode", default="all", help="all (every word) or any (pertinence)")
        parser.add_argument("--place", action="append", default=[], help="INSEE code, optionally :KM (0-100)")
        parser.add_argument("--department", action="append", default=[], help="department code")
        parser.add_argument("--filter", action="append", default=[], help="FACET=VALUE, e.g. contract_type=CDI")
        parser.add_argument("--sort", default="relevance")
        parser.add_argument("--page", default="1")
        parser.add_argument("--per-page", dest="per_page", default="30")
        parser.add_argument("--metiers-proches", dest="close_titles", action="store_true",
                            help="also find the job title's synonyms, then neighbouring trades (after the words' own matches)")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None or company_for(user) is None:
            raise CommandError(f"« {email} » n'est pas un recruteur validé d'une entreprise validée.")
        criteria = criteria_from_options(
            q=options["q"],
            mode=options["mode"],
            places=options["place"],
            departments=options["department"],
            filters=options["filter"],
            sort=options["sort"],
            page=options["page"],
            per_page=options["per_page"],
            close_titles=options["close_titles"],
        )
        if criteria.errors:
            raise CommandError("\n".join(criteria.errors))
        page = cvtheque_search(user=user, criteria=criteria)
        output = {
            "count": page.total,
            "results": [
                {"external_ref": card.profile.external_ref, "id": card.profile.pk, "score": card.score}
                for card in page.cards
            ],
            "facets": {
                key: dict(sorted(counts.counts.items(), key=lambda item: (-item[1], item[0])))
                for key, counts in (page.result.facets.items() if page.result else [])
            },
            "warnings": page.warnings,
            "query": page.parsed.describe(),
            "added_titles": page.parsed.added_titles,
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2 if not options["json"] else None))
