"""What the index holds about a profile, engine-independent: texts, facet values, dates, places.

Every backend (Xapian, Elasticsearch, the haystack fields used by the Whoosh baseline) is fed from
`profile_document`, so the engines cannot disagree about what a profile says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from portal.candidates.experience import experience_months
from portal.candidates.models import CandidateLanguage, CandidateProfile, DesiredPlace, Education, Experience

from .facets import NOT_STATED, mobility_value
from .text import normalize_text


@dataclass
class ProfileDocument:
    pk: int
    external_ref: str
    # Free text, each piece indexed with positions, pieces kept apart (no phrase across two).
    texts: list[str]
    # Job titles (headline, desired jobs, experience titles): indexed with the title suffix rules
    # (`normalize_title`) in the text, and again in a title field that weighs in the ranking.
    titles: list[str]
    last_active_at: datetime
    created_at: datetime
    updated_at: datetime
    # When the profile entered the CVthèque (consent): alerts announce profiles listed since the last one.
    listed_at: datetime
    available_on: date | None
    # Months of experience on `indexed_on`; with an ongoing job they keep growing after it.
    experience_months: int
    experience_ongoing: bool
    indexed_on: date
    facets: dict[str, list[str]]
    # Display labels of values that have no reference table (skills).
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # Communes (INSEE) where the candidate lives or wants to work, for radius search.
    communes: list[str] = field(default_factory=list)
    # (latitude, longitude) of those communes, for engines with geo queries.
    points: list[tuple[float, float]] = field(default_factory=list)
    # Whole departments the candidate wants to work in.
    desired_departments: list[str] = field(default_factory=list)
    # Every department the profile is located in (home, desired communes, desired departments).
    departments: list[str] = field(default_factory=list)

    @property
    def all_text(self) -> str:
        return "\n".join([*self.titles, *self.texts])

    def experience_months_on(self, day: date) -> int:
        if not self.experience_ongoing:
            return self.experience_months
        elapsed = (day.year - self.indexed_on.year) * 12 + day.month - self.indexed_on.month
        return self.experience_months + max(0, elapsed)


def skill_key(skill: str) -> str:
    """The facet value of a skill: its normalised words ("Électrotechnique" and "electrotechnique")."""
    return " ".join(normalize_text(skill))


def _unique(values):
    return list(dict.fromkeys(value for value in values if value))


@dataclass
class CommuneRow:
    insee: str
    name: str
    department: str
    latitude: float | None
    longitude: float | None


@dataclass
class ProfileRows:
    """The plain data of a profile that its document needs (from a model or straight from rows)."""

    pk: int
    external_ref: str | None
    headline: str
    desired_jobs: list[str]
    skills: list[str]
    cv_text: str
    contract_types: list[str]
    working_time: list[str]
    driving_licence: bool | None
    available_from: date | None
    last_active_at: datetime
    created_at: datetime
    updated_at: datetime
    consent_at: datetime | None
    home: CommuneRow | None = None
    # (title, employer, description, start, end)
    experiences: list[tuple] = field(default_factory=list)
    # (level, title, school)
    education: list[tuple] = field(default_factory=list)
    language_names: list[tuple[str, str]] = field(default_factory=list)
    # (commune or None, radius_km, department code or None)
    places: list[tuple] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def _place(commune) -> CommuneRow | None:
    if commune is None:
        return None
    return CommuneRow(commune.insee, commune.name, commune.department_id, commune.latitude, commune.longitude)


def rows_from_profile(profile: CandidateProfile) -> ProfileRows:
    """From a profile fetched with `portal.candidates.selectors.with_details`."""
    return ProfileRows(
        pk=profile.pk, external_ref=profile.external_ref, headline=profile.headline,
        desired_jobs=profile.desired_jobs, skills=profile.skills, cv_text=profile.cv_text,
        contract_types=profile.contract_types, working_time=profile.working_time,
        driving_licence=profile.driving_licence, available_from=profile.available_from,
        last_active_at=profile.last_active_at, created_at=profile.created_at, updated_at=profile.updated_at,
        consent_at=profile.consent_at, home=_place(profile.home_commune),
        experiences=[(e.title, e.employer, e.description, e.start_date, e.end_date) for e in profile.experiences.all()],
        education=[(e.level, e.title, e.school) for e in profile.education.all()],
        language_names=[(lang.language_id, lang.language.name) for lang in profile.languages.all()],
        places=[(_place(p.commune), p.radius_km, p.department_id) for p in profile.desired_places.all()],
        sections=[sector.section for sector in profile.sectors.all()],
    )


_PROFILE_COLUMNS = (
    "pk", "external_ref", "headline", "desired_jobs", "skills", "cv_text", "contract_types", "working_time",
    "driving_licence", "available_from", "last_active_at", "created_at", "updated_at", "consent_at",
    "home_commune_id", "home_commune__name", "home_commune__department_id", "home_commune__latitude",
    "home_commune__longitude",
)


def load_rows(profiles: QuerySet[CandidateProfile]) -> list[ProfileRows]:
    """`ProfileRows` of a queryset of profiles in six queries, without model instances (indexing
    100,000 profiles through the ORM's prefetching spent most of its time building objects)."""
    rows: dict[int, ProfileRows] = {}
    for values in profiles.values_list(*_PROFILE_COLUMNS):
        (pk, ref, headline, jobs, skills, cv_text, contracts, working, licence, available, active, created,
         updated, consent, insee, name, department, latitude, longitude) = values
        rows[pk] = ProfileRows(
            pk=pk, external_ref=ref, headline=headline, desired_jobs=jobs or [], skills=skills or [],
            cv_text=cv_text, contract_types=contracts or [], working_time=working or [], driving_licence=licence,
            available_from=available, last_active_at=active, created_at=created, updated_at=updated,
            consent_at=consent, home=CommuneRow(insee, name, department, latitude, longitude) if insee else None,
        )
    ids = list(rows)
    for pk, *experience in Experience.objects.filter(profile_id__in=ids).order_by("-start_date", "id").values_list(
        "profile_id", "title", "employer", "description", "start_date", "end_date"
    ):
        rows[pk].experiences.append(tuple(experience))
    for pk, *education in Education.objects.filter(profile_id__in=ids).order_by("-year", "id").values_list(
        "profile_id", "level", "title", "school"
    ):
        rows[pk].education.append(tuple(education))
    for pk, code, name in CandidateLanguage.objects.filter(profile_id__in=ids).order_by("id").values_list(
        "profile_id", "language_id", "language__name"
    ):
        rows[pk].language_names.append((code, name))
    for pk, insee, name, department, latitude, longitude, radius, wanted in (
        DesiredPlace.objects.filter(profile_id__in=ids).order_by("id").values_list(
            "profile_id", "commune_id", "commune__name", "commune__department_id", "commune__latitude",
            "commune__longitude", "radius_km", "department_id",
        )
    ):
        commune = CommuneRow(insee, name, department, latitude, longitude) if insee else None
        rows[pk].places.append((commune, radius, wanted))
    for pk, section in CandidateProfile.sectors.through.objects.filter(candidateprofile_id__in=ids).values_list(
        "candidateprofile_id", "nafsector__section"
    ):
        rows[pk].sections.append(section)
    return list(rows.values())


def profile_document(profile: CandidateProfile, *, today: date | None = None) -> ProfileDocument:
    """The index document of a profile fetched with `portal.candidates.selectors.with_details`."""
    return document_from_rows(rows_from_profile(profile), today=today)


def document_from_rows(profile: ProfileRows, *, today: date | None = None) -> ProfileDocument:
    today = today or timezone.localdate()
    home = profile.home
    titles = _unique([profile.headline, *profile.desired_jobs, *(title for title, *_ in profile.experiences)])
    texts = [
        *(f"{employer}\n{description}" for _title, employer, description, _start, _end in profile.experiences),
        *(f"{title}\n{school}" for _level, title, school in profile.education),
        ", ".join(profile.skills),
        ", ".join(name for _code, name in profile.language_names),
        home.name if home else "",
        profile.cv_text,
    ]
    texts = [text for text in texts if text and text.strip()]

    skills: dict[str, str] = {}
    for skill in profile.skills:
        key = skill_key(skill)
        if key and key not in skills:
            skills[key] = " ".join(skill.split())

    levels = [level for level, _title, _school in profile.education if level is not None]
    sector_sections = sorted(set(profile.sections))
    place_communes = [commune for commune, _radius, _department in profile.places if commune]
    desired_departments = _unique(department for _commune, _radius, department in profile.places)
    communes = [home, *place_communes] if home else place_communes
    unique_communes = list({c.insee: c for c in communes}.values())
    driving = NOT_STATED if profile.driving_licence is None else ("oui" if profile.driving_licence else "non")

    periods = [(start, end) for *_text, start, end in profile.experiences]
    months = experience_months(periods, today=today)
    ongoing = any(end is None and (start.year, start.month) <= (today.year, today.month) for start, end in periods)
    radii = [radius or 0 for commune, radius, _department in profile.places if commune]

    return ProfileDocument(
        pk=profile.pk,
        external_ref=profile.external_ref or "",
        texts=texts,
        titles=titles,
        last_active_at=profile.last_active_at,
        created_at=profile.created_at,
        updated_at=profile.updated_at,
        listed_at=profile.consent_at or profile.created_at,
        available_on=profile.available_from,
        experience_months=months,
        experience_ongoing=ongoing,
        indexed_on=today,
        facets={
            "contract_type": _unique(profile.contract_types),
            "working_time": _unique(profile.working_time),
            "diploma": [str(max(levels))] if levels else [NOT_STATED],
            "sector": sector_sections,
            "language": _unique(code for code, _name in profile.language_names),
            "skill": list(skills),
            "driving_licence": [driving],
            "department": [home.department] if home else [],
            "mobility": [mobility_value(radii, bool(desired_departments))],
        },
        labels={"skill": skills},
        communes=[c.insee for c in unique_communes],
        points=[(c.latitude, c.longitude) for c in unique_communes if c.latitude is not None],
        desired_departments=desired_departments,
        departments=_unique([*(c.department for c in unique_communes), *desired_departments]),
    )
