from django.core.management.base import BaseCommand

from search.choices import AlertFrequency
from search.services import saved_search_alerts_send


class Command(BaseCommand):
    help = "E-mail recruiters the profiles new since the last alert of their saved searches (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", action="append", choices=[AlertFrequency.DAILY, AlertFrequency.WEEKLY],
            help="which alerts (default: both; weekly ones go out once a week)",
        )

    def handle(self, *args, frequency, **options):
        for value in frequency or [AlertFrequency.DAILY, AlertFrequency.WEEKLY]:
            report = saved_search_alerts_send(frequency=value)
            self.stdout.write(
                f"{AlertFrequency(value).label} : {report.searches} recherche(s) traitée(s), "
                f"{report.emails} e-mail(s), {report.profiles} profil(s) annoncé(s)."
            )
