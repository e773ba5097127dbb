"""The haystack index of published job offers, on its own "offers" connection.

Text fields hold the French-normalised tokens of ``search.text`` (accent-free, singular, job titles
in one gender), so a query normalised the same way finds "infirmière" with "infirmiers".
"""

from haystack import indexes

from recruiters.models import JobOffer
from recruiters.selectors import published_offers

from ..text import normalize_text, normalize_title
from .documents import offer_plain_text

CONNECTION = "offers"


class JobOfferIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    title_terms = indexes.CharField()
    contract_type = indexes.CharField(model_attr="contract_type")
    working_time = indexes.CharField(model_attr="working_time")
    sector = indexes.MultiValueField()
    commune = indexes.CharField(null=True)
    company = indexes.IntegerField(model_attr="company_id")
    published_at = indexes.DateTimeField(model_attr="published_at", null=True)

    def get_model(self):
        return JobOffer

    def index_queryset(self, using=None):
        return (
            published_offers().select_related("company", "commune").prefetch_related("sectors").order_by("pk")
        )

    def prepare(self, obj):
        data = super().prepare(obj)
        titles = " ".join([obj.title, *obj.job_titles])
        data["title_terms"] = " ".join(normalize_title(titles))
        data["text"] = " ".join(
            normalize_title(titles) + normalize_text(offer_plain_text(obj)) + normalize_text(obj.company.name)
        )
        data["sector"] = [s.pk for s in obj.sectors.all()]
        data["commune"] = obj.commune_id
        return data
