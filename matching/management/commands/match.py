"""`python manage.py match --json (--offer ID | --criteria FILE.json | --offer-file FILE) ...`

The same code path as the admin views (`matching.services.match_run`); prints the ranked results.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matching.choices import RunSource
from matching.engine import CRITERIA, DEFAULT_THRESHOLD, STATE_NAMES
from matching.extraction import criteria_from_file
from matching.selectors import offer_criteria_by_id
from matching.services import MatchError, match_run
from portal.candidates.models import CandidateProfile


def _read_json(path: str, what: str):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"Impossible de lire le fichier {what} « {path} » : {exc.strerror}.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"Le fichier {what} « {path} » n'est pas du JSON valide : {exc}.") from exc


class Command(BaseCommand):
    help = "Classe les profils visibles pour une offre, un fichier d'offre ou des critères."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--offer", type=int, help="identifiant d'une offre publiée")
        source.add_argument("--criteria", help="fichier JSON de critères")
        source.add_argument("--offer-file", help="offre en PDF, DOCX, ODT ou TXT (2 Mo au plus)")
        parser.add_argument("--json", action="store_true", help="sortie JSON")
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        parser.add_argument("--require", action="append", default=[], choices=CRITERIA, metavar="CRITERION")
        parser.add_argument("--weights", help="fichier JSON de poids par critère")
        parser.add_argument("--limit", type=int, default=30)

    def handle(self, *args, **options):
        offer_id, file_name = options["offer"], ""
        if offer_id is not None:
            criteria = offer_criteria_by_id(offer_id)
            if criteria is None:
                raise CommandError(f"Offre inconnue : {offer_id}.")
            source = RunSource.OFFER
        elif options["criteria"]:
            criteria, source = _read_json(options["criteria"], "de critères"), RunSource.COMMAND
        else:
            path = Path(options["offer_file"])
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"Impossible de lire « {path} » : {exc.strerror}.") from exc
            try:
                criteria = criteria_from_file(data, path.name)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            source, file_name = RunSource.FILE, path.name
        weights = _read_json(options["weights"], "de poids") if options["weights"] else None
        try:
            outcome = match_run(
                criteria=criteria,
                source=source,
                weights=weights,
                required=options["require"],
                threshold=options["threshold"],
                limit=options["limit"],
                offer_id=offer_id,
                file_name=file_name,
            )
        except MatchError as exc:
            raise CommandError(str(exc)) from exc
        page = outcome.page()
        refs = dict(
            CandidateProfile.objects.filter(pk__in=[m.profile_id for m in page]).values_list("pk", "external_ref")
        )
        results = [
            {
                "external_ref": refs.get(match.profile_id) or str(match.profile_id),
                "score": match.percent,
                "criteria": {name: STATE_NAMES[state] for name, state in match.states.items()},
            }
            for match in page
        ]
        if options["json"]:
            payload = {"count": outcome.count, "elapsed_ms": round(outcome.elapsed_ms, 2), "results": results}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(f"{outcome.count} profil(s) à {outcome.result.threshold:g} % ou plus ({outcome.elapsed_ms:.1f} ms)")
        for item in results:
            states = ", ".join(f"{name}={state}" for name, state in item["criteria"].items())
            self.stdout.write(f"{item['score']:>3} %  {item['external_ref']}  {states}")

