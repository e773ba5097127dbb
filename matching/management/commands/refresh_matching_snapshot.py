"""`python manage.py refresh_matching_snapshot`: the periodic job that keeps the matrix snapshot recent.

See `matching.loader.refresh_snapshot`; scheduled in `portal/ops/schedule.py`.
"""

from django.core.management.base import BaseCommand

from matching.loader import refresh_snapshot


class Command(BaseCommand):
    help = "Met à jour l'instantané de la matrice de matching (chargé par les nouveaux processus)."

    def handle(self, *args, **options):
        refresh = refresh_snapshot()
        if refresh is None:
            self.stdout.write("Matching snapshots are disabled.")
            return
        origin = "built" if refresh.built else "loaded"
        saved = refresh.path.name if refresh.path else "nothing saved (small matrix or empty change log)"
        self.stdout.write(f"Matching matrix {origin}, {refresh.profiles} profiles at version {refresh.version}: {saved}")
