import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from matching.relevance import (
    DEFAULT_SET,
    RelevanceRunError,
    RelevanceSetError,
    evaluate,
    load_holdout,
    load_set,
    render_text,
)


class Command(BaseCommand):
    help = (
        "Measure matching and CVthèque relevance on the judged set (tests/data/relevance/): nDCG@10, "
        "precision@10, unrelated profiles reaching the default threshold, title-pair and skill-variant recall. "
        "Works on data rolled back afterwards: the database and the search index are left as they were."
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", default=None, help=f"directory of the set (default: {DEFAULT_SET})")
        parser.add_argument("--offers", action="append", default=None, help="only these offer refs (repeatable)")
        parser.add_argument("--no-close-titles", action="store_true",
                            help="do not run the CVthèque again with the 'métiers proches' switch")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        directory = Path(options["set"] or Path(settings.BASE_DIR) / DEFAULT_SET)
        offers = [ref for value in options["offers"] or () for ref in value.split(",") if ref.strip()] or None
        try:
            rel_set = load_set(directory, offers=offers)
            report = evaluate(rel_set, close_titles=not options["no_close_titles"],
                              holdout=None if offers else load_holdout(directory))
        except (RelevanceSetError, RelevanceRunError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_text(report))
