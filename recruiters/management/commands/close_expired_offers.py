from django.core.management.base import BaseCommand

from recruiters.services_offers import job_offers_expire


class Command(BaseCommand):
    help = "Mark published offers past their expiry date as expired (run daily, or from the task)."

    def handle(self, *args, **options):
        count = job_offers_expire()
        self.stdout.write(f"{count} offer(s) expired.")
