from django.core.management.base import BaseCommand

from recruiters.services_offers import application_digests_send


class Command(BaseCommand):
    help = "E-mail the daily digest of new applications to recruiters who chose it (run once a day)."

    def handle(self, *args, **options):
        count = application_digests_send()
        self.stdout.write(f"{count} digest(s) sent.")
