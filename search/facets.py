"""The CVthèque facets: what they count, in which order, with which labels. Engine-independent.

Five kinds:

- ``terms``: values stored in the index document (contract types, languages, skills...), single- or
  multi-valued; counted per value.
- ``since``: cumulative bands over a past moment ("moins d'1 mois" includes "moins d'1 semaine"),
  computed at query time from the stored timestamp, so they never go stale.
- ``until``: cumulative bands over a future day (availability), plus "non précisée".
- ``experience``: disjoint bands of months of experience, computed at query time (an ongoing job keeps
  counting after indexing).
- ``company``: what the recruiter's company did (seen, retained, commented), read from the database
  and combined with the engine's result set.

Ticking several values of one facet widens (OR); ticking values of two facets narrows (AND). Counts
are exact over the whole result set; the counts of a facet that has ticked values are computed
without its own selection, so they say what ticking another value would give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from portal.reference.choices import ContractType, DiplomaLevel, WorkingTime


class FacetKind(StrEnum):
    TERMS = "terms"
    SINCE = "since"
    UNTIL = "until"
    EXPERIENCE = "experience"
    COMPANY = "company"


@dataclass(frozen=True)
class Band:
    value: str
    label: str
    # since: within the last `days`; until: available within `days` (None: not stated);
    # experience: months in [low, high).
    days: int | None = None
    low: int = 0
    high: int | None = None


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    kind: FacetKind
    # Static values in display order (terms facets with a fixed vocabulary, bands, company values).
    options: tuple[tuple[str, str], ...] = ()
    bands: tuple[Band, ...] = ()
    # Timestamp or day field the bands read.
    field: str = ""
    multi_valued: bool = False
    # Terms facets with many values show only the most frequent (ticked values always show).
    top: int | None = None
    # Shown open in the page before "+ de filtres".
    primary: bool = False
    order_by_count: bool = True

    @cached_property
    def values(self) -> tuple[str, ...]:
        if self.bands:
            return tuple(band.value for band in self.bands)
        return tuple(value for value, _label in self.options)

    @cached_property
    def _static_labels(self) -> dict[str, str]:
        # A band wins over an option of the same value (none share one today), as when bands were looked up first.
        return {**dict(self.options), **{band.value: band.label for band in self.bands}}

    def static_label(self, value: str) -> str | None:
        return self._static_labels.get(value)


NOT_STATED = "nc"

SEEN = "vus"
NOT_SEEN = "non_vus"
COMMENTED = "commente"

FACETS: tuple[Facet, ...] = (
    Facet(
        "historique", "Historique", FacetKind.COMPANY,
        options=((SEEN, "Candidats déjà vus"), (NOT_SEEN, "Candidats non vus")),
        primary=True, order_by_count=False,
    ),
    Facet(
        "contract_type", "Type de contrat", FacetKind.TERMS,
        options=tuple((c.value, c.label) for c in ContractType), multi_valued=True, primary=True,
    ),
    Facet(
        "last_login", "Dernière connexion", FacetKind.SINCE, field="last_active_at",
        bands=(
            Band("y2", "Moins de 2 ans", days=730),
            Band("m6", "Moins de 6 mois", days=182),
            Band("m3", "Moins de 3 mois", days=91),
            Band("m1", "Moins d'1 mois", days=30),
        ),
        primary=True, order_by_count=False,
    ),
    Facet(
        "diploma", "Niveau de diplômes", FacetKind.TERMS,
        options=(*((str(level.value), level.label) for level in DiplomaLevel), (NOT_STATED, "Non précisé")),
        primary=True,
    ),
    Facet("sector", "Secteur", FacetKind.TERMS, multi_valued=True),
    Facet(
        "experience", "Expérience", FacetKind.EXPERIENCE,
        bands=(
            Band("lt1", "Moins d'1 an", low=0, high=12),
            Band("1-3", "1 à 3 ans", low=12, high=36),
            Band("3-5", "3 à 5 ans", low=36, high=60),
            Band("5-10", "5 à 10 ans", low=60, high=120),
            Band("10+", "Plus de 10 ans", low=120, high=None),
        ),
        order_by_count=False,
    ),
    Facet("language", "Langues", FacetKind.TERMS, multi_valued=True, top=15),
    Facet("skill", "Compétences", FacetKind.TERMS, multi_valued=True, top=15),
    Facet(
        "working_time", "Temps de travail", FacetKind.TERMS,
        options=tuple((w.value, w.label) for w in WorkingTime), multi_valued=True,
    ),
    Facet(
        "availability", "Disponibilité", FacetKind.UNTIL, field="available_on",
        bands=(
            Band("now", "Immédiate", days=0),
            Band("d30", "Sous 1 mois", days=30),
            Band("d91", "Sous 3 mois", days=91),
            Band("d182", "Sous 6 mois", days=182),
            Band(NOT_STATED, "Non précisée", days=None),
        ),
        order_by_count=False,
    ),
    Facet(
        "driving_licence", "Permis de conduire", FacetKind.TERMS,
        options=(("oui", "Oui"), ("non", "Non"), (NOT_STATED, "Non précisé")),
    ),
    Facet("department", "Département", FacetKind.TERMS, top=20),
    Facet(
        "mobility", "Mobilité", FacetKind.TERMS,
        options=(
            ("commune", "Sa commune uniquement"),
            ("r20", "Jusqu'à 20 km"),
            ("r50", "De 21 à 50 km"),
            ("r100", "De 51 à 100 km"),
            ("departement", "Tout un département"),
            (NOT_STATED, "Non précisée"),
        ),
    ),
    Facet(
        "created", "Date de création", FacetKind.SINCE, field="created_at",
        bands=(
            Band("d7", "Moins d'1 semaine", days=7),
            Band("m1", "Moins d'1 mois", days=30),
            Band("m3", "Moins de 3 mois", days=91),
            Band("m6", "Moins de 6 mois", days=182),
            Band("y1", "Moins d'1 an", days=365),
        ),
        order_by_count=False,
    ),
    Facet(
        "suivi", "Retenus / commentés", FacetKind.COMPANY,
        options=(
            ("retenu", "Retenus"),
            ("contacte", "Contactés"),
            ("ecarte", "Écartés"),
            (COMMENTED, "Commentés"),
        ),
        multi_valued=True, order_by_count=False,
    ),
)

FACETS_BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FACETS}
TERMS_FACETS: tuple[str, ...] = tuple(f.key for f in FACETS if f.kind == FacetKind.TERMS)
COMPANY_FACETS: tuple[str, ...] = tuple(f.key for f in FACETS if f.kind == FacetKind.COMPANY)


def mobility_value(radii: list[int], has_department: bool) -> str:
    """The widest mobility of a candidate's desired places."""
    if has_department:
        return "departement"
    if not radii:
        return NOT_STATED
    widest = max(radii)
    if widest == 0:
        return "commune"
    if widest <= 20:
        return "r20"
    if widest <= 50:
        return "r50"
    return "r100"


def experience_band(months: float) -> str:
    for band in FACETS_BY_KEY["experience"].bands:
        if months >= band.low and (band.high is None or months < band.high):
            return band.value
    return FACETS_BY_KEY["experience"].bands[-1].value


@dataclass
class FacetCounts:
    """Counts of one facet: value -> count, with the labels the engine knows (skills)."""

    counts: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
