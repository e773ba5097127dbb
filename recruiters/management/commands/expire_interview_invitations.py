from django.core.management.base import BaseCommand

from recruiters.visiotalent.services import interview_invitations_expire


class Command(BaseCommand):
    help = "Mark Visiotalent invitations past their deadline (not completed) as expired."

    def handle(self, *args, **options):
        count = interview_invitations_expire()
        self.stdout.write(f"{count} interview invitation(s) expired.")
