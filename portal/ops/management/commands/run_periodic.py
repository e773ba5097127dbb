import time

from django.core.management.base import BaseCommand

from portal.ops.schedule import JOBS, run_due_jobs


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (offer expiry, digests, CVthèque alerts, data retention, matching snapshot)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --interval seconds")
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--only", choices=[job.name for job in JOBS])

    def handle(self, *args, loop, interval, only, **options):
        while True:
            started = run_due_jobs(only=only, stdout=self.stdout)
            if started:
                self.stdout.write(f"Periodic jobs run: {', '.join(started)}")
            if not loop:
                return
            time.sleep(max(interval, 5))
