"""What the index holds about a profile, engine-independent: texts, facet values, dates, places.

Every backend (Xapian, Elasticsearch, the haystack fields used by the Whoosh baseline) is fed from
`profile_document`, so the engines cannot disagree about what a profile says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from portal.candidates.experience import experience_months
from portal.candidates.models import CandidateProfile

from .facets import NOT_STATED, mobility_value
from .text import normalize_text


@dataclass
class ProfileDocument:
    pk: int
    external_ref: str
    # Free text, each piece indexed with positions, pieces kept apart (no phrase across two).
    texts: list[str]
    # Job titles (headline, desired jobs, experience titles): also indexed as a title field.
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
        return "\n".join(self.texts)

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


def profile_document(profile: CandidateProfile, *, today: date | None = None) -> ProfileDocument:
    """The index document of a profile fetched with `portal.candidates.selectors.with_details`."""
    today = today or timezone.localdate()
    experiences = list(profile.experiences.all())
    education = list(profile.education.all())
    languages = list(profile.languages.all())
    places = list(profile.desired_places.all())
    sectors = list(profile.sectors.all())
    home = profile.home_commune

    titles = _unique([profile.headline, *profile.desired_jobs, *(exp.title for exp in experiences)])
    texts = [
        *titles,
        *(f"{exp.employer}\n{exp.description}" for exp in experiences),
        *(f"{edu.title}\n{edu.school}" for edu in education),
        ", ".join(profile.skills),
        ", ".join(lang.language.name for lang in languages),
        home.name if home else "",
        profile.cv_text,
    ]
    texts = [text for text in texts if text and text.strip()]

    skills: dict[str, str] = {}
    for skill in profile.skills:
        key = skill_key(skill)
        if key and key not in skills:
            skills[key] = " ".join(skill.split())

    levels = [edu.level for edu in education if edu.level is not None]
    sector_sections = sorted({sector.section for sector in sectors})
    place_communes = [place.commune for place in places if place.commune_id]
    desired_departments = _unique(place.department_id for place in places if place.department_id)
    communes = [home, *place_communes] if home else place_communes
    unique_communes = list({c.insee: c for c in communes}.values())
    driving = NOT_STATED if profile.driving_licence is None else ("oui" if profile.driving_licence else "non")

    periods = [(exp.start_date, exp.end_date) for exp in experiences]
    months = experience_months(periods, today=today)
    ongoing = any(
        exp.end_date is None and (exp.start_date.year, exp.start_date.month) <= (today.year, today.month)
        for exp in experiences
    )

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
            "language": _unique(lang.language_id for lang in languages),
            "skill": list(skills),
            "driving_licence": [driving],
            "department": [home.department_id] if home else [],
            "mobility": [mobility_value([p.radius_km or 0 for p in places if p.commune_id], bool(desired_departments))],
        },
        labels={"skill": skills},
        communes=[c.insee for c in unique_communes],
        points=[(c.latitude, c.longitude) for c in unique_communes if c.latitude is not None],
        desired_departments=desired_departments,
        departments=_unique([*(c.department_id for c in unique_communes), *desired_departments]),
    )
