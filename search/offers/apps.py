from django.apps import AppConfig


class OffersSearchConfig(AppConfig):
    name = "search.offers"
    label = "search_offers"
    verbose_name = "Recherche d'offres"

    def ready(self):
        from recruiters.services_offers import on_offer_changed

        from .tasks import enqueue_offer_reindex

        on_offer_changed(enqueue_offer_reindex)
