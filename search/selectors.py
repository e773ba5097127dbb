"""Reads of the CVthèque, already limited to what the given recruiter may see.

Profiles come from `portal.candidates.selectors.visible_profiles` (consent, active account, 2-year
rule); annotations (accesses, comments, statuses, folders, saved searches, messages) belong to the
recruiter's company, and folders are private to their owner unless shared. An object outside this
scope is simply absent, so views answer 404.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from itertools import chain

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import SafeString

from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import activity_cutoff, visible_profiles, with_details
from portal.reference.choices import ContractType, DiplomaLevel
from portal.reference.geo import communes_within
from portal.reference.models import Commune, DatasetVersion, Department, Language, NafSector
from recruiters.models import Company
from recruiters.selectors import active_companies, active_company_for

from .backends import cvtheque_backend
from .backends.base import EngineQuery, EngineResult, PlaceClause
from .choices import ProfileStatusValue, SavedSearchKind, Sort
from .criteria import SearchCriteria, criteria_from_json
from .facets import COMMENTED, FACETS, SEEN, Facet, FacetCounts
from .models import Comment, ContactMessage, Folder, FolderProfile, ProfileAccess, ProfileStatus, SavedSearch
from .query import ParsedQuery, highlight, parse_query, widen_query

# What a result card shows, read as plain values (model instances of the profile, its user and its
# commune cost as much as the query itself).
CARD_FIELDS = (
    "pk", "external_ref", "headline", "cv_start", "contract_types", "available_from", "last_active_at",
    "desired_jobs", "skills", "user__first_name", "user__last_name", "home_commune__name",
    "home_commune__department_id",
)
# Highlighting reads at most this much of a CV: the first pages say what a CV has to say.
HIGHLIGHT_TEXT_LIMIT = 8_000


# --- Scoping ----------------------------------------------------------------------------------------------------


def company_for(user) -> Company | None:
    return active_company_for(user)


def profiles_for(*, user) -> QuerySet[CandidateProfile]:
    """Profiles a recruiter may open: those of the CVthèque, for validated recruiters only."""
    if not active_companies(user).exists():
        return CandidateProfile.objects.none()
    return visible_profiles()


def folders_for(*, user) -> QuerySet[Folder]:
    """The user's own folders and those their colleagues shared, in their company only."""
    return (
        Folder.objects.filter(company__in=active_companies(user))
        .filter(Q(owner=user) | Q(shared=True))
        .select_related("owner")
    )


def editable_folders_for(*, user) -> QuerySet[Folder]:
    """Folders the user may rename, share or delete: their own."""
    return folders_for(user=user).filter(owner=user)


def folder_list(*, user) -> QuerySet[Folder]:
    return folders_for(user=user).annotate(
        profile_count=Count("entries", distinct=True), search_count=Count("searches", distinct=True)
    )


def saved_searches_for(*, user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(folder__in=folders_for(user=user)).select_related("folder", "created_by")


def editable_saved_searches(*, user) -> QuerySet[SavedSearch]:
    """Saved searches the user may change: theirs, and those in their own folders."""
    return saved_searches_for(user=user).filter(Q(created_by=user) | Q(folder__owner=user)).order_by("name", "pk")


def comments_for(*, user) -> QuerySet[Comment]:
    return Comment.objects.filter(company__in=active_companies(user)).select_related("author")


def folder_entries(*, folder: Folder) -> QuerySet[FolderProfile]:
    return (
        FolderProfile.objects.filter(folder=folder, profile__in=visible_profiles())
        .select_related("profile", "profile__user", "profile__home_commune", "added_by")
    )


def profile_status(*, company: Company, profile: CandidateProfile) -> ProfileStatus | None:
    return ProfileStatus.objects.filter(company=company, profile=profile).first()


def profile_folders(*, user, profile: CandidateProfile) -> list[Folder]:
    return list(folders_for(user=user).filter(entries__profile=profile))


@dataclass
class HistoryEntry:
    at: datetime
    kind: str
    who: str
    text: str


def profile_history(*, company: Company, profile: CandidateProfile, limit: int = 50) -> list[HistoryEntry]:
    """What the company did with this profile, newest first (views, comments, folders, messages)."""
    accesses = ProfileAccess.objects.filter(company=company, profile=profile)[:limit]
    messages = ContactMessage.objects.filter(company=company, profile=profile).select_related("sender")[:limit]
    entries = FolderProfile.objects.filter(folder__company=company, profile=profile).select_related(
        "folder", "added_by"
    )[:limit]
    status = profile_status(company=company, profile=profile)
    history = chain(
        (HistoryEntry(a.at, "access", a.user_email, a.get_kind_display()) for a in accesses),
        (
            HistoryEntry(m.sent_at, "contact", m.sender.email if m.sender else "", f"Message envoyé : « {m.subject} »")
            for m in messages
        ),
        (
            HistoryEntry(e.added_at, "folder", e.added_by.email if e.added_by else "", f"Retenu dans « {e.folder.name} »")
            for e in entries
        ),
        (
            [HistoryEntry(status.updated_at, "status", status.updated_by.email if status.updated_by else "",
                          f"Statut : {status.get_status_display()}")]
            if status
            else []
        ),
    )
    return sorted(history, key=lambda entry: entry.at, reverse=True)[:limit]


# --- Company annotations as sets of profile ids -----------------------------------------------------------------


@dataclass
class CompanyMarks:
    seen: frozenset[int]
    statuses: dict[int, str]
    commented: dict[int, int]

    def sets(self) -> dict[str, dict[str, frozenset[int]]]:
        return self._sets

    @cached_property
    def _sets(self) -> dict[str, dict[str, frozenset[int]]]:
        # Marks are cached per company and searched many times: group them once.
        by_status: dict[str, set[int]] = {value: set() for value in ProfileStatusValue.values}
        for pk, status in self.statuses.items():
            by_status[status].add(pk)
        suivi = {value: frozenset(ids) for value, ids in by_status.items() if value != ProfileStatusValue.SEEN}
        suivi[COMMENTED] = frozenset(self.commented)
        return {"historique": {SEEN: self.seen}, "suivi": suivi}


NO_MARKS = CompanyMarks(frozenset(), {}, {})
# Per process: a company that opened 10,000 profiles holds about 1 MB of marks.
MARKS_CACHE_SIZE = 64
_marks_lock = threading.Lock()
_marks_cache: OrderedDict[int, tuple[tuple, CompanyMarks]] = OrderedDict()


def _marks_fingerprint_sql() -> str:
    """One query whose answer changes whenever the company's accesses, statuses or comments do.

    Counts and maximum ids catch additions and deletions; sums over (id, profile) catch a row
    replaced by another under a reused id (SQLite reuses them after a rollback); the status sum and
    the last update catch a status changed in place.
    """
    quote = connection.ops.quote_name
    parts = []
    for tag, model in ((1, ProfileAccess), (2, ProfileStatus), (3, Comment)):
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        company, profile = (quote(model._meta.get_field(name).column) for name in ("company", "profile"))
        if model is ProfileStatus:
            codes = " ".join(f"WHEN '{value}' THEN {code}" for code, value in enumerate(ProfileStatusValue.values, 1))
            extra = f"SUM(CAST({profile} AS BIGINT) * CASE {quote('status')} {codes} ELSE 0 END), MAX({quote('updated_at')})"
        else:
            extra = "NULL, NULL"
        # Names and codes come from the models; the company is a parameter.
        select = f"SELECT {tag}, COUNT(*), MAX({pk}), SUM({profile}), SUM(CAST({profile} AS BIGINT) * {pk}), {extra} "
        parts.append(select + f"FROM {table} WHERE {company} = %s")  # noqa: S608
    return " UNION ALL ".join(parts)


def _load_company_marks(company_id: int) -> CompanyMarks:
    statuses = dict(ProfileStatus.objects.filter(company_id=company_id).values_list("profile_id", "status"))
    seen = set(ProfileAccess.objects.filter(company_id=company_id).values_list("profile_id", flat=True).distinct())
    commented = dict(
        Comment.objects.filter(company_id=company_id).values("profile_id").annotate(n=Count("pk"))
        .values_list("profile_id", "n")
    )
    return CompanyMarks(frozenset(seen | set(statuses)), statuses, commented)


def company_marks(company: Company | None) -> CompanyMarks:
    """Profiles the company has seen, their statuses and comment counts.

    Loaded once per process and company, then checked with one small query (`_marks_fingerprint_sql`)
    and reloaded when anything changed: a company that has seen thousands of profiles does not
    pay for loading them on every search. The marks are shared: never modify them.
    """
    if company is None:
        return NO_MARKS
    with connection.cursor() as cursor:
        cursor.execute(_marks_fingerprint_sql(), [company.pk] * 3)
        fingerprint = tuple(sorted(tuple(str(value) for value in row) for row in cursor.fetchall()))
    with _marks_lock:
        cached = _marks_cache.get(company.pk)
        if cached is not None and cached[0] == fingerprint:
            _marks_cache.move_to_end(company.pk)
            return cached[1]
    marks = _load_company_marks(company.pk)
    with _marks_lock:
        _marks_cache[company.pk] = (fingerprint, marks)
        _marks_cache.move_to_end(company.pk)
        while len(_marks_cache) > MARKS_CACHE_SIZE:
            _marks_cache.popitem(last=False)
    return marks


# --- Places -----------------------------------------------------------------------------------------------------

# A 100 km circle holds a few thousand communes (~0.3 MB of set).
PLACES_CACHE_SIZE = 64
_places_lock = threading.Lock()
# (communes dataset token, INSEE code, radius) -> the clause; communes change only with the dataset.
_places_cache: OrderedDict[tuple[str, str, int], PlaceClause] = OrderedDict()


def _communes_token() -> str | None:
    return DatasetVersion.objects.filter(name=DatasetVersion.COMMUNES).values_list("token", flat=True).first()


_departments: tuple[str, dict[str, str]] | None = None


def _commune_departments(token: str) -> dict[str, str]:
    """INSEE code -> department code, once per communes dataset."""
    global _departments
    cached = _departments
    if cached is None or cached[0] != token:
        cached = (token, dict(Commune.objects.values_list("insee", "department_id")))
        _departments = cached
    return cached[1]


def _place_clause(token: str | None, insee: str, radius_km: int) -> PlaceClause:
    communes = frozenset(communes_within(insee, radius_km))
    departments = _commune_departments(token) if token is not None else dict(
        Commune.objects.filter(insee__in=communes).values_list("insee", "department_id")
    )
    centre = Commune.objects.filter(insee=insee).values_list("latitude", "longitude").first()
    return PlaceClause(
        insee=insee,
        radius_km=radius_km,
        latitude=centre[0] if centre else None,
        longitude=centre[1] if centre else None,
        communes=communes,
        departments=frozenset(departments[c] for c in communes if c in departments),
    )


def place_clauses(criteria: SearchCriteria) -> list[PlaceClause]:
    """The communes (and departments they touch) of each place: computed once per process for a
    given commune and radius, again when the communes dataset changes (one query to check)."""
    if not criteria.places:
        return []
    token = _communes_token()
    clauses = []
    for place in criteria.places:
        key = (token, place.insee, place.radius_km)
        with _places_lock:
            clause = _places_cache.get(key) if token is not None else None
        if clause is None:
            clause = _place_clause(token, place.insee, place.radius_km)
            if token is not None:
                with _places_lock:
                    _places_cache[key] = clause
                    while len(_places_cache) > PLACES_CACHE_SIZE:
                        _places_cache.popitem(last=False)
        clauses.append(clause)
    return clauses


# --- The search ------------------------------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    querystring: str


@dataclass
class FacetGroup:
    facet: Facet
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


@dataclass(frozen=True)
class CardPerson:
    first_name: str
    last_name: str

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class CardCommune:
    name: str
    department_id: str


@dataclass
class CardProfile:
    """What a result card, the command line and an alert show of a profile (the attributes of
    `CandidateProfile` they read); the profile page loads the whole profile."""

    pk: int
    external_ref: str | None
    headline: str
    contract_types: list[str]
    available_from: date | None
    last_active_at: datetime
    user: CardPerson
    home_commune: CardCommune | None

    @property
    def id(self) -> int:
        return self.pk


@dataclass
class ResultCard:
    profile: CardProfile
    score: float | None
    headline: SafeString
    extract: SafeString
    years_of_experience: float
    diploma: str | None
    seen: bool
    status: str
    status_label: str
    comment_count: int

    @property
    def diploma_label(self) -> str:
        level = int(self.diploma) if self.diploma and self.diploma.isdigit() else None
        return DiplomaLevel(level).label if level in DiplomaLevel.values else ""

    @property
    def contract_labels(self) -> list[str]:
        return [ContractType(c).label for c in self.profile.contract_types if c in ContractType.values]

    @property
    def display_name(self) -> str:
        user = self.profile.user
        initial = f" {user.last_name[:1]}." if user.last_name else ""
        return f"{user.first_name}{initial}".strip() or "Candidat"


@dataclass
class SearchPage:
    criteria: SearchCriteria
    parsed: ParsedQuery
    total: int
    cards: list[ResultCard] = field(default_factory=list)
    facets: list[FacetGroup] = field(default_factory=list)
    result: EngineResult | None = None

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.criteria.per_page))

    @property
    def more_filters_open(self) -> bool:
        return any(group.selected_count for group in self.facets if not group.facet.primary)

    @property
    def first_rank(self) -> int:
        return (self.criteria.page - 1) * self.criteria.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.criteria.page > 1

    @property
    def has_next(self) -> bool:
        return self.criteria.page < self.num_pages

    @property
    def warnings(self) -> list[str]:
        return self.parsed.warnings

    def page_querystring(self, page: int) -> str:
        return self.criteria.querystring(page=page)

    @property
    def page_numbers(self) -> list[int | None]:
        """1 … 4 5 [6] 7 8 … 20 (None is a gap)."""
        current, last = self.criteria.page, self.num_pages
        shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers


def engine_query(criteria: SearchCriteria, parsed: ParsedQuery, *, marks: CompanyMarks,
                 now: datetime | None = None, with_facets: bool = True, listed_after: datetime | None = None,
                 exclude_ids: frozenset[int] = frozenset(), limit: int | None = None) -> EngineQuery:
    now = now or timezone.now()
    limit = limit or criteria.per_page
    return EngineQuery(
        parsed=parsed,
        now=now,
        today=timezone.localdate(now),
        active_since=activity_cutoff(now=now),
        places=place_clauses(criteria),
        departments=list(criteria.departments),
        filters={key: list(values) for key, values in criteria.filters.items() if values},
        company_sets=marks.sets(),
        sort=Sort(criteria.sort),
        offset=(criteria.page - 1) * criteria.per_page,
        limit=limit,
        with_facets=with_facets,
        listed_after=listed_after,
        exclude_ids=exclude_ids,
    )


def cvtheque_search(*, user, criteria: SearchCriteria, now: datetime | None = None, with_cards: bool = True,
                    with_facets: bool = True, listed_after: datetime | None = None,
                    exclude_ids: frozenset[int] = frozenset(), limit: int | None = None,
                    card_limit: int | None = None) -> SearchPage:
    """The CVthèque search of the admin page, the command line, the alerts and the benchmark."""
    company = company_for(user)
    parsed = parse_query(criteria.q, mode=criteria.mode)
    if criteria.close_titles:
        parsed = widen_query(parsed)
    if company is None:
        return SearchPage(criteria=criteria, parsed=parsed, total=0)
    marks = company_marks(company)
    query = engine_query(
        criteria, parsed, marks=marks, now=now, listed_after=listed_after, exclude_ids=exclude_ids, limit=limit,
        with_facets=with_facets,
    )
    result = cvtheque_backend().cvtheque_search(query)
    page = SearchPage(criteria=criteria, parsed=parsed, total=result.total, result=result)
    page.facets = facet_groups(criteria, result.facets)
    if with_cards:
        page.cards = result_cards(result, parsed, marks, limit=card_limit)
    return page


def result_cards(result: EngineResult, parsed: ParsedQuery, marks: CompanyMarks,
                 limit: int | None = None) -> list[ResultCard]:
    """The page's profiles, re-checked against the CVthèque rules (consent withdrawn since indexing,
    account closed): a profile that no longer qualifies is left out. One query: the facts on the
    cards (experience, diploma) come from the index."""
    hits = result.hits[:limit] if limit else result.hits
    rows = (
        visible_profiles()
        .filter(pk__in=[hit.pk for hit in hits])
        .annotate(cv_start=Substr("cv_text", 1, HIGHLIGHT_TEXT_LIMIT))
        .values_list(*CARD_FIELDS)
    )
    profiles = {row[0]: row for row in rows}
    cards = []
    for hit in hits:
        row = profiles.get(hit.pk)
        if row is None:
            continue
        (pk, external_ref, headline, cv_start, contract_types, available_from, last_active_at, desired_jobs,
         skills, first_name, last_name, commune_name, department) = row
        status = marks.statuses.get(pk, "")
        cards.append(
            ResultCard(
                profile=CardProfile(
                    pk=pk, external_ref=external_ref, headline=headline, contract_types=contract_types or [],
                    available_from=available_from, last_active_at=last_active_at,
                    user=CardPerson(first_name, last_name),
                    home_commune=CardCommune(commune_name, department) if commune_name is not None else None,
                ),
                score=hit.score,
                headline=highlight(headline, parsed, max_len=200),
                extract=highlight(cv_start or ", ".join([*(desired_jobs or []), *(skills or [])]), parsed, max_len=260),
                years_of_experience=round((hit.experience_months or 0) / 12, 1),
                diploma=hit.diploma,
                seen=pk in marks.seen,
                status=status,
                status_label=ProfileStatusValue(status).label if status else "",
                comment_count=marks.commented.get(pk, 0),
            )
        )
    return cards


# --- Facet labels and display ----------------------------------------------------------------------------------

_labels_lock = threading.Lock()
_reference_labels: dict[str, dict[str, str]] = {}


def _dynamic_labels(facet_key: str, values: list[str]) -> dict[str, str]:
    if facet_key == "sector":
        rows = NafSector.objects.filter(section__in=values).values_list("section", "section_label").distinct()
        return {section: f"{label[:1].upper()}{label[1:]}" for section, label in rows}
    if facet_key == "language":
        return {code: f"{name[:1].upper()}{name[1:]}" for code, name in Language.objects.filter(code__in=values).values_list("code", "name")}
    if facet_key == "department":
        return {code: f"{name} ({code})" for code, name in Department.objects.filter(code__in=values).values_list("code", "name")}
    return {}


def facet_value_labels(facet_key: str, values: list[str]) -> dict[str, str]:
    """Labels of reference values (NAF sections, languages, departments), cached per process."""
    with _labels_lock:
        cache = _reference_labels.setdefault(facet_key, {})
        missing = [value for value in values if value not in cache]
    if missing:
        found = _dynamic_labels(facet_key, missing)
        with _labels_lock:
            cache.update(found)
    return {value: cache.get(value, value) for value in values}


def facet_groups(criteria: SearchCriteria, counts: dict[str, FacetCounts]) -> list[FacetGroup]:
    groups = []
    for facet in FACETS:
        facet_counts = counts.get(facet.key)
        if facet_counts is None:
            continue
        selected = set(criteria.filters.get(facet.key, []))
        values = [v for v in facet.values if facet_counts.counts.get(v, 0) or v in selected] if facet.values else None
        if values is None:
            ranked = sorted(facet_counts.counts.items(), key=lambda item: (-item[1], item[0]))
            values = [v for v, c in ranked if c]
            if facet.top:
                values = values[: facet.top]
            values += [v for v in selected if v not in values]
        elif facet.order_by_count:
            values.sort(key=lambda v: -facet_counts.counts.get(v, 0))
        labels = dict(facet_counts.labels)
        unknown = [v for v in values if v not in labels and facet.static_label(v) is None]
        if unknown:
            labels.update(facet_value_labels(facet.key, unknown))
        options = [
            FacetOption(
                value=value,
                label=facet.static_label(value) or labels.get(value, value),
                count=facet_counts.counts.get(value, 0),
                selected=value in selected,
                querystring=criteria.toggled(facet.key, value),
            )
            for value in values
        ]
        groups.append(FacetGroup(facet=facet, options=options))
    return groups


@dataclass
class DashboardSearch:
    search: SavedSearch
    new_profiles: int
    querystring: str


def dashboard_saved_searches(*, user, limit: int = 5) -> list[DashboardSearch]:
    """The user's latest saved searches, each with the number of profiles listed since its last alert."""
    rows = []
    for saved in saved_searches_for(user=user).order_by("-created_at", "-pk")[:limit]:
        if saved.kind != SavedSearchKind.CVTHEQUE:
            # Another kind's criteria are not CVthèque criteria: its new profiles come with its alert.
            rows.append(DashboardSearch(saved, 0, ""))
            continue
        criteria = criteria_from_json(saved.criteria)
        page = cvtheque_search(user=user, criteria=criteria, with_cards=False, with_facets=False,
                               listed_after=saved.last_alert_at, limit=1)
        rows.append(DashboardSearch(saved, page.total, criteria.querystring(page=1)))
    return rows


def profile_for_page(*, user, pk: int) -> CandidateProfile | None:
    return with_details(profiles_for(user=user)).filter(pk=pk).first()

