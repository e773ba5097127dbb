"""The scale-out CVthèque engine: Elasticsearch 7 through haystack's backend, with our documents.

The same documents (`search.documents`), the same normalised tokens (`whitespace`-analysed fields, see
docs/search.md), the same query language (`search.query.to_elasticsearch`). What the Xapian engine
does in numpy arrays is done here by the server:

- places: native `geo_distance` on the geo points of the home and desired communes (0 km: the
  commune itself, by code), plus the desired departments the circle touches;
- filters go to `post_filter`, and each facet is an aggregation under a filter made of the *other*
  facets' selections, so counts match the Xapian engine's (one shard: exact counts);
- the 2-year rule is a range filter on `last_active_at` at query time.

`INDEX_NAME` is an alias: a rebuild fills a new index and swaps the alias in one request.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta

from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchQuery

from ..choices import Sort
from ..documents import ProfileDocument, profile_document
from ..facets import FACETS, FACETS_BY_KEY, NOT_SEEN, SEEN, Facet, FacetCounts, FacetKind
from ..query import elasticsearch_widened, to_elasticsearch
from ..text import normalize_text, normalize_title
from .arrays import month_number
from .base import EngineQuery, EngineResult, Hit, SearchUnavailable

try:
    from elasticsearch.exceptions import ElasticsearchException
    from elasticsearch.helpers import bulk
except ImportError:  # pragma: no cover - the "elasticsearch" extra is not installed
    bulk = None
    ElasticsearchException = OSError

logger = logging.getLogger(__name__)

KEYWORD = {"type": "keyword"}
TEXT = {"type": "text", "analyzer": "whitespace", "norms": True}
TERMS_FACETS = tuple(f.key for f in FACETS if f.kind == FacetKind.TERMS)
MAX_TERMS_BUCKETS = 500

MAPPING = {
    "dynamic": "strict",
    "properties": {
        "pk": {"type": "long"},
        "external_ref": KEYWORD,
        "text": TEXT,
        "title": TEXT,
        "last_active_at": {"type": "date"},
        "created_at": {"type": "date"},
        "updated_at": {"type": "date"},
        "listed_at": {"type": "date"},
        "available_on": {"type": "date"},
        "experience_months": {"type": "integer"},
        "experience_anchor": {"type": "integer"},
        "communes": KEYWORD,
        "places": {"type": "geo_point"},
        "desired_departments": KEYWORD,
        "departments": KEYWORD,
        "skill_labels": {"type": "keyword", "index": False},
        **dict.fromkeys(TERMS_FACETS, KEYWORD),
    },
}
SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def es_document(document: ProfileDocument) -> dict:
    """The Elasticsearch source of a profile: tokens already normalised, joined by spaces."""
    anchor = (
        month_number(document.indexed_on) - document.experience_months if document.experience_ongoing else None
    )
    return {
        "pk": document.pk,
        "external_ref": document.external_ref,
        # Values of a multi-valued field sit 100 positions apart (position_increment_gap), like the
        # Xapian field gap: a phrase never spans two of them.
        "text": [" ".join(normalize_title(title)) for title in document.titles]
        + [" ".join(normalize_text(text)) for text in document.texts],
        "title": [" ".join(normalize_title(title)) for title in document.titles],
        "last_active_at": document.last_active_at.isoformat(),
        "created_at": document.created_at.isoformat(),
        "updated_at": document.updated_at.isoformat(),
        "listed_at": document.listed_at.isoformat(),
        "available_on": document.available_on.isoformat() if document.available_on else None,
        "experience_months": document.experience_months if anchor is None else None,
        "experience_anchor": anchor,
        "communes": document.communes,
        "places": [{"lat": lat, "lon": lon} for lat, lon in document.points],
        "desired_departments": document.desired_departments,
        "departments": document.departments,
        "skill_labels": [f"{key}\t{label}" for key, label in document.labels.get("skill", {}).items()],
        **{key: document.facets.get(key, []) for key in TERMS_FACETS},
    }


# --- Query building (pure: unit-tested without a server) -----------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def places_filter(query: EngineQuery) -> dict | None:
    should = []
    touched: set[str] = set()
    for place in query.places:
        if place.radius_km == 0 or place.latitude is None:
            should.append({"terms": {"communes": [place.insee]}})
        else:
            should.append({"geo_distance": {"distance": f"{place.radius_km}km",
                                            "places": {"lat": place.latitude, "lon": place.longitude}}})
        touched |= place.departments
    if touched:
        should.append({"terms": {"desired_departments": sorted(touched)}})
    if query.departments:
        should.append({"terms": {"departments": list(query.departments)}})
    return {"bool": {"should": should, "minimum_should_match": 1}} if should else None


def _experience_band(band, now_month: int) -> dict:
    fixed = {"gte": band.low}
    ongoing = {"lte": now_month - band.low}
    if band.high is not None:
        fixed["lt"] = band.high
        ongoing["gt"] = now_month - band.high
    return {"bool": {"should": [{"range": {"experience_months": fixed}},
                                {"range": {"experience_anchor": ongoing}}], "minimum_should_match": 1}}


def facet_value_clause(facet: Facet, value: str, query: EngineQuery) -> dict:
    """The filter selecting profiles with `value` of `facet`."""
    if facet.kind == FacetKind.TERMS:
        return {"term": {facet.key: value}}
    if facet.kind == FacetKind.COMPANY:
        if facet.key == "historique" and value == NOT_SEEN:
            seen = sorted(query.company_sets.get(facet.key, {}).get(SEEN, ()))
            return {"bool": {"must_not": [{"terms": {"pk": seen}}]}}
        return {"terms": {"pk": sorted(query.company_sets.get(facet.key, {}).get(value, ()))}}
    band = next(band for band in facet.bands if band.value == value)
    if facet.kind == FacetKind.SINCE:
        return {"range": {facet.field: {"gte": _iso(query.now - timedelta(days=band.days))}}}
    if facet.kind == FacetKind.UNTIL:
        if band.days is None:
            return {"bool": {"must_not": [{"exists": {"field": facet.field}}]}}
        return {"range": {facet.field: {"lte": (query.today + timedelta(days=band.days)).isoformat()}}}
    return _experience_band(band, month_number(query.today))


def facet_filter(facet: Facet, values: list[str], query: EngineQuery) -> dict:
    return {"bool": {"should": [facet_value_clause(facet, v, query) for v in values], "minimum_should_match": 1}}


def base_query(query: EngineQuery) -> dict:
    filters = [{"range": {"last_active_at": {"gte": _iso(query.active_since)}}}]
    places = places_filter(query)
    if places:
        filters.append(places)
    if query.listed_after is not None:
        filters.append({"range": {"listed_at": {"gt": _iso(query.listed_after)}}})
    must_not = [{"terms": {"pk": sorted(query.exclude_ids)}}] if query.exclude_ids else []
    # Matching reads the text (titles included, with their title forms); the title field only adds
    # to the score, as the Xapian title prefix does.
    should = [to_elasticsearch(query.parsed, field="title", title_field="title")] if query.parsed.terms else []
    # "Métiers proches": the words, or an added title in the title field, the words' matches first.
    matching = elasticsearch_widened(query.parsed, title_field="title", text_field="text")
    if matching is None:
        matching = to_elasticsearch(query.parsed, field="text", title_field="text")
    return {"bool": {"must": [matching],
                     "should": should, "filter": filters, "must_not": must_not}}


def _aggregation(facet: Facet, query: EngineQuery) -> dict:
    if facet.kind == FacetKind.TERMS:
        terms = {"terms": {"field": facet.key, "size": MAX_TERMS_BUCKETS}}
        if facet.key == "skill":
            terms["aggs"] = {"label": {"top_hits": {"size": 1, "_source": ["skill_labels"]}}}
        return terms
    values = [v for v in facet.values if not (facet.key == "historique" and v == NOT_SEEN)]
    return {"filters": {"filters": {v: facet_value_clause(facet, v, query) for v in values}}}


def search_body(query: EngineQuery) -> dict:
    active = {
        key: facet_filter(FACETS_BY_KEY[key], values, query)
        for key, values in query.filters.items()
        if key in FACETS_BY_KEY and values
    }
    body: dict = {"query": base_query(query), "from": query.offset, "size": query.limit,
                  "track_total_hits": True, "_source": ["experience_months", "experience_anchor", "diploma"]}
    if active:
        body["post_filter"] = {"bool": {"filter": list(active.values())}}
    if query.with_facets:
        aggs = {}
        for facet in FACETS:
            others = [clause for key, clause in active.items() if key != facet.key]
            aggs[facet.key] = {"filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                               "aggs": {"values": _aggregation(facet, query)}}
        body["aggs"] = aggs
    if query.sort == Sort.RELEVANCE and query.parsed.terms:
        body["sort"] = ["_score", {"pk": "asc"}]
    else:
        field = {Sort.CREATED: "created_at", Sort.UPDATED: "updated_at"}.get(query.sort, "last_active_at")
        body["sort"] = [{field: "desc"}, {"pk": "desc"}]
    return body


def read_facets(aggregations: dict, query: EngineQuery) -> dict[str, FacetCounts]:
    counts: dict[str, FacetCounts] = {}
    for facet in FACETS:
        block = aggregations.get(facet.key)
        if block is None:
            continue
        values = block["values"]
        result = FacetCounts()
        if facet.kind == FacetKind.TERMS:
            for bucket in values["buckets"]:
                result.counts[bucket["key"]] = bucket["doc_count"]
                if facet.key == "skill":
                    for hit in bucket.get("label", {}).get("hits", {}).get("hits", []):
                        for pair in hit.get("_source", {}).get("skill_labels", []):
                            key, _tab, label = pair.partition("\t")
                            if key == bucket["key"]:
                                result.labels[key] = label
        else:
            result.counts = {key: bucket["doc_count"] for key, bucket in values["buckets"].items()}
            if facet.key == "historique":
                result.counts[NOT_SEEN] = block["doc_count"] - result.counts.get(SEEN, 0)
        counts[facet.key] = result
    return counts


# --- The backend ----------------------------------------------------------------------------------------------


class CvthequeElasticsearchBackend(Elasticsearch7SearchBackend):
    @property
    def alias(self) -> str:
        return self.index_name

    def write_lock(self):
        # The server serialises writes; a rebuild's backlog catches what happens meanwhile.
        return nullcontext()

    def _ensure_index(self) -> None:
        if not self.conn.indices.exists_alias(name=self.alias):
            self._create_index(f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}", alias=True)

    def _create_index(self, name: str, *, alias: bool) -> str:
        body = {"settings": SETTINGS, "mappings": MAPPING}
        if alias:
            body["aliases"] = {self.alias: {}}
        self.conn.indices.create(index=name, body=body)
        return name

    def _bulk(self, index: str, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        actions = [{"_op_type": "delete", "_index": index, "_id": pk} for pk in deleted]
        actions += [{"_op_type": "index", "_index": index, "_id": d.pk, "_source": es_document(d)} for d in documents]
        if actions:
            bulk(self.conn, actions, refresh="wait_for", raise_on_error=False)

    # haystack interface
    def update(self, index, iterable, commit=True):
        self.write([profile_document(obj) for obj in iterable])

    def remove(self, obj_or_string, commit=True):
        pk = obj_or_string.pk if hasattr(obj_or_string, "pk") else int(str(obj_or_string).rsplit(".", 1)[-1])
        self.write([], deleted=[pk])

    def clear(self, models=None, commit=True):
        if self.conn.indices.exists_alias(name=self.alias):
            for name in self.conn.indices.get_alias(name=self.alias):
                self.conn.indices.delete(index=name, ignore=404)

    def document_count(self):
        self._ensure_index()
        return self.conn.count(index=self.alias)["count"]

    def write(self, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        self._ensure_index()
        self._bulk(self.alias, documents, deleted)

    def start_build(self) -> ElasticsearchBuild:
        return ElasticsearchBuild(self)

    def index_size_bytes(self) -> int:
        stats = self.conn.indices.stats(index=self.alias, metric="store")
        return sum(index["total"]["store"]["size_in_bytes"] for index in stats["indices"].values())

    def cvtheque_search(self, query: EngineQuery) -> EngineResult:
        started = time.perf_counter()
        try:
            self._ensure_index()
            raw = self.conn.search(index=self.alias, body=search_body(query))
        except ElasticsearchException as error:
            logger.exception("Elasticsearch search failed")
            raise SearchUnavailable() from error
        now_month = month_number(query.today)
        hits = []
        for hit in raw["hits"]["hits"]:
            fields = hit.get("_source") or {}
            anchor = fields.get("experience_anchor")
            months = now_month - anchor if anchor is not None else fields.get("experience_months")
            diploma = fields.get("diploma") or [None]
            hits.append(Hit(pk=int(hit["_id"]), score=round(hit["_score"], 4) if hit.get("_score") is not None else None,
                            experience_months=months, diploma=diploma[0] if isinstance(diploma, list) else diploma))
        facets = read_facets(raw.get("aggregations", {}), query) if query.with_facets else {}
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        return EngineResult(total=raw["hits"]["total"]["value"], hits=hits, facets=facets,
                            timings={"total": elapsed, "server": raw.get("took", 0)})


class ElasticsearchBuild:
    """A new index filled aside, then the alias moved to it in one request."""

    def __init__(self, backend: CvthequeElasticsearchBackend):
        self.backend = backend
        self.name = backend._create_index(
            f"{backend.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}", alias=False
        )

    def write(self, documents: Iterable[ProfileDocument], deleted: Iterable[int] = ()) -> None:
        self.backend._bulk(self.name, documents, deleted)

    def swap(self) -> None:
        conn, alias = self.backend.conn, self.backend.alias
        old = list(conn.indices.get_alias(name=alias)) if conn.indices.exists_alias(name=alias) else []
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": self.name, "alias": alias}})
        conn.indices.update_aliases(body={"actions": actions})
        for name in old:
            conn.indices.delete(index=name, ignore=404)

    def discard(self) -> None:
        self.backend.conn.indices.delete(index=self.name, ignore=404)


class CvthequeElasticsearch7SearchEngine(BaseEngine):
    backend = CvthequeElasticsearchBackend
    query = Elasticsearch7SearchQuery

