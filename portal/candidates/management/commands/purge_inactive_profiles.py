from django.core.management.base import BaseCommand

from portal.candidates.retention import candidate_retention_apply


class Command(BaseCommand):
    help = "Warn candidates inactive for almost two years, and erase those warned whose deadline has passed."

    def handle(self, *args, **options):
        report = candidate_retention_apply()
        self.stdout.write(f"Retention: {report.notified} notice(s) sent, {report.erased} account(s) erased.")
