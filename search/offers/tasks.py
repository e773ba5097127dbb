"""Index updates run in tasks, never in the request that published, edited or closed an offer."""

from django_tasks import task
from haystack import connections

from recruiters.models import JobOffer

from .indexes import CONNECTION, JobOfferIndex


def reindex_offers(offer_ids: list[int]) -> None:
    index = connections[CONNECTION].get_unified_index().get_index(JobOffer)
    backend = connections[CONNECTION].get_backend()
    visible = {offer.pk: offer for offer in index.index_queryset().filter(pk__in=offer_ids)}
    if visible:
        backend.update(index, list(visible.values()))
    for pk in set(offer_ids) - set(visible):
        backend.remove(f"recruiters.joboffer.{pk}")


@task()
def reindex_offers_task(offer_ids: list[int]) -> None:
    reindex_offers(offer_ids)


def enqueue_offer_reindex(offer_ids: list[int]) -> None:
    reindex_offers_task.enqueue(list(offer_ids))


__all__ = ["JobOfferIndex", "enqueue_offer_reindex", "reindex_offers", "reindex_offers_task"]
