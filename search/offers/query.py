"""The public offer search: keywords (French-normalised), place with radius, contract, time, sector."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from haystack import connections
from haystack.inputs import Exact
from haystack.query import SQ, SearchQuerySet

from portal.reference.geo import communes_within, department_communes
from recruiters.models import JobOffer

from ..text import normalize_text, normalize_title
from .indexes import CONNECTION


@dataclass(frozen=True)
class OfferQuery:
    keywords: str = ""
    commune: str | None = None
    radius_km: int = 0
    # A department code: its communes, instead of `commune` and `radius_km`.
    department: str = ""
    contract_type: str = ""
    working_time: str = ""
    sector: str = ""
    # Any keyword rather than all of them (similar offers).
    match_any: bool = False


def _keyword_clauses(keywords: str) -> list[SQ]:
    clauses = []
    for word in keywords.split():
        tokens = set(normalize_text(word)) | set(normalize_title(word))
        if not tokens:
            continue
        clause = None
        for token in sorted(tokens):
            part = SQ(content=token)
            clause = part if clause is None else clause | part
        clauses.append(clause)
    return clauses


def ensure_offer_index() -> None:
    """Create the (empty) Xapian database when no offer was ever indexed: searching must not fail."""
    backend = connections[CONNECTION].get_backend()
    path = getattr(backend, "path", None)
    if path and not any(Path(path).glob("iam*")):
        backend._database(writable=True).close()


def offer_search(query: OfferQuery) -> SearchQuerySet:
    """A lazy result set of published offers; slice it (or paginate it) to get hits with ``pk``."""
    ensure_offer_index()
    sqs = SearchQuerySet(using=CONNECTION).models(JobOffer)
    clauses = _keyword_clauses(query.keywords)
    if query.match_any and clauses:
        combined = clauses[0]
        for clause in clauses[1:]:
            combined = combined | clause
        sqs = sqs.filter(combined)
    else:
        for clause in clauses:
            sqs = sqs.filter(clause)
    if query.department:
        sqs = sqs.filter(commune__in=department_communes(query.department) or ["-"])
    elif query.commune:
        communes = communes_within(query.commune, query.radius_km) if query.radius_km else [query.commune]
        sqs = sqs.filter(commune__in=communes)
    if query.contract_type:
        sqs = sqs.filter(contract_type=Exact(query.contract_type))
    if query.working_time:
        sqs = sqs.filter(working_time=Exact(query.working_time))
    if query.sector:
        sqs = sqs.filter(sector=Exact(query.sector))
    if not clauses:
        sqs = sqs.order_by("-published_at")
    return sqs


def offers_for_hits(hits, queryset) -> list[JobOffer]:
    """The offers of a page of hits, in the order of the hits (stale hits are skipped)."""
    pks = [int(hit.pk) for hit in hits]
    by_pk = queryset.filter(pk__in=pks).in_bulk()
    return [by_pk[pk] for pk in pks if pk in by_pk]


def similar_offers(offer: JobOffer, queryset, limit: int = 5) -> list[JobOffer]:
    """Open offers close to a closed one: same titles nearby, falling back to the same title anywhere."""
    for commune in (offer.commune_id, None):
        sqs = offer_search(
            OfferQuery(
                keywords=" ".join([offer.title, *offer.job_titles]),
                commune=commune,
                radius_km=50 if commune else 0,
                match_any=True,
            )
        )
        found = [o for o in offers_for_hits(sqs[: limit + 1], queryset) if o.pk != offer.pk][:limit]
        if found:
            return found
    return []
