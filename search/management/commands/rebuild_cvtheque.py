from django.core.management.base import BaseCommand

from portal.reference.progress import progress
from search.backends import cvtheque_backend
from search.indexing import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the CVthèque index aside, then swap it in (search stays online meanwhile)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=1000, help="profiles read from the database at a time")

    def handle(self, *args, chunk, **options):
        with progress(None, "CVthèque", stream=self.stdout) as bar:

            def on_progress(done, total):
                bar.total = total
                bar.advance(done - bar.count)

            rebuild = index_rebuild(on_progress=on_progress, chunk=max(1, chunk))
        size = cvtheque_backend().index_size_bytes()
        self.stdout.write(
            self.style.SUCCESS(
                f"CVthèque index rebuilt: {rebuild.documents:,} profiles in {rebuild.seconds:.1f} s"
                + (f", {size / 1e6:,.0f} MB." if size else ".")
            )
        )
