"""The haystack index of candidate profiles.

Our backends (`search.backends`) write their own documents from `search.documents.profile_document`;
the fields below are what haystack's stock backends (Whoosh, the benchmark baseline) index, filled
from the same document so every engine sees the same profile.
"""

from haystack import indexes

from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import visible_profiles, with_details

from .documents import profile_document
from .offers.indexes import JobOfferIndex  # noqa: F401  (public offers, "offers" connection)


class CandidateProfileIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    external_ref = indexes.CharField(null=True)
    contract_type = indexes.MultiValueField(faceted=True)
    working_time = indexes.MultiValueField(faceted=True)
    diploma = indexes.CharField(faceted=True)
    sector = indexes.MultiValueField(faceted=True)
    language = indexes.MultiValueField(faceted=True)
    skill = indexes.MultiValueField(faceted=True)
    driving_licence = indexes.CharField(faceted=True)
    department = indexes.CharField(faceted=True, null=True)
    mobility = indexes.CharField(faceted=True)
    communes = indexes.MultiValueField()
    last_active_at = indexes.DateTimeField(faceted=True)
    created_at = indexes.DateTimeField(faceted=True)
    updated_at = indexes.DateTimeField()

    def get_model(self):
        return CandidateProfile

    def index_queryset(self, using=None):
        return with_details(visible_profiles()).order_by("pk")

    def prepare(self, obj):
        data = super().prepare(obj)
        document = profile_document(obj)
        data.update(
            text=document.all_text,
            external_ref=document.external_ref,
            communes=document.communes,
            last_active_at=document.last_active_at,
            created_at=document.created_at,
            updated_at=document.updated_at,
        )
        for key in ("contract_type", "working_time", "sector", "language", "skill"):
            data[key] = document.facets[key]
        for key in ("diploma", "driving_licence", "department", "mobility"):
            values = document.facets[key]
            data[key] = values[0] if values else None
        return data
