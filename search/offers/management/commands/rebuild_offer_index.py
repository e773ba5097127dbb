from django.core.management.base import BaseCommand
from haystack import connections

from portal.reference.progress import progress
from recruiters.models import JobOffer
from search.offers.indexes import CONNECTION

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the public offer index (haystack connection 'offers') from the published offers."

    def handle(self, *args, **options):
        backend = connections[CONNECTION].get_backend()
        index = connections[CONNECTION].get_unified_index().get_index(JobOffer)
        backend.clear()
        offers = index.index_queryset()
        total = offers.count()
        with progress(total, "Offers", stream=self.stdout) as bar:
            for start in range(0, total, BATCH):
                batch = list(offers[start : start + BATCH])
                backend.update(index, batch)
                bar.advance(len(batch))
        self.stdout.write(f"{total} published offer(s) indexed.")
