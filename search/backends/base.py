"""What every CVthèque backend receives and returns; the query itself is engine-independent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..choices import Sort
from ..facets import FacetCounts
from ..query import ParsedQuery


@dataclass(frozen=True)
class PlaceClause:
    """A commune with a radius: profiles living or wanting to work in one of `communes`, or wanting a
    whole department among `departments` (those the circle touches)."""

    insee: str
    radius_km: int
    latitude: float | None
    longitude: float | None
    communes: frozenset[str]
    departments: frozenset[str]


@dataclass
class EngineQuery:
    parsed: ParsedQuery
    now: datetime
    today: date
    # Profiles last active before this are not shown (2-year rule), even if still indexed.
    active_since: datetime
    places: list[PlaceClause] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    # facet key -> ticked values (terms and band facets).
    filters: dict[str, list[str]] = field(default_factory=dict)
    # company facets: facet key -> value -> profile ids of the recruiter's company (from the database).
    company_sets: dict[str, dict[str, frozenset[int]]] = field(default_factory=dict)
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 30
    with_facets: bool = True
    # Alerts: only profiles listed in the CVthèque after this moment, and never these ids again.
    listed_after: datetime | None = None
    exclude_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Hit:
    pk: int
    score: float | None
    # Facts the index knows, so result cards need no extra queries: months of experience today,
    # highest diploma level ("5", "nc").
    experience_months: int | None = None
    diploma: str | None = None


@dataclass
class EngineResult:
    total: int
    hits: list[Hit]
    facets: dict[str, FacetCounts] = field(default_factory=dict)
    # How the engine spent its time (ms), for the benchmark and the debug toolbar.
    timings: dict[str, float] = field(default_factory=dict)


UNAVAILABLE_MESSAGE = "La recherche dans la CVthèque est momentanément indisponible. Réessayez dans quelques minutes."


class SearchUnavailable(Exception):
    """The search engine cannot answer (index unreadable, server down); the message is French."""

    def __init__(self, message: str = UNAVAILABLE_MESSAGE):
        super().__init__(message)
