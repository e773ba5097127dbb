from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.candidates.importer import DEFAULT_BATCH_SIZE, import_profiles
from portal.reference.progress import progress


class Command(BaseCommand):
    help = (
        "Import candidate profiles from a JSON Lines file (docs/import-format.md). Idempotent on "
        "external_ref; good rows are imported, bad rows are reported with their line number and the "
        "command then exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines file; cv_path values are relative to it")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args, file: Path, batch_size: int, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        with progress(None, f"Importing {file.name}", stream=self.stderr) as bar:

            def on_progress(done: int, total: int) -> None:
                bar.total = total
                bar.advance(done - bar.count)

            report = import_profiles(file, batch_size=batch_size, on_progress=on_progress, dry_run=dry_run)

        for error in report.errors:
            for line in error.lines():
                self.stderr.write(line)
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(
            f"{verb}: {report.imported} of {report.rows} rows ({report.created} created, "
            f"{report.updated} updated, {report.cv_files} CV file(s) stored); {report.failed} rejected."
        )
        if report.errors:
            raise CommandError(f"{report.failed} row(s) rejected, see the lines above.", returncode=1)
