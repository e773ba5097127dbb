import time

from django.core.management.base import BaseCommand

from portal.reference import geo
from portal.reference.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Loads or refreshes communes, departments, regions, postcodes, NAF sectors, languages and "
        "job titles from the installed packages. Safe to run again: it updates, never duplicates."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        report = reference_data_load(stream=self.stdout)
        geo.reset()
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded in {time.monotonic() - started:.1f} s."))
