"""The matching engine: offer criteria and candidate features in, scores and explanations out.

Pure and deterministic: no ORM, no I/O, no clock, no randomness. Every profile of a FeatureMatrix
is scored on every criterion at once with numpy. docs/matching.md explains the rules and the weights.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType

import numpy as np

from matching.features import (
    CEFR_LEVELS,
    CEFR_RANK,
    DEPARTMENT_CODE,
    DIPLOMA_LEVELS,
    EXPERIENCE,
    LANGUAGE_CODE,
    MAX_RADIUS_KM,
    MAX_YEARS,
    NAF_CODE,
    FeatureArrays,
    FeatureMatrix,
)
from portal.reference.geometry import EARTH_RADIUS_KM

# --- states and their credits ----------------------------------------------------------------------

FOUND, APPROXIMATE, NOT_SPECIFIED, NOT_FOUND = 3, 2, 1, 0
STATE_NAMES = MappingProxyType(
    {FOUND: "found", APPROXIMATE: "approximate", NOT_SPECIFIED: "not_specified", NOT_FOUND: "not_found"}
)
STATE_MESSAGES = MappingProxyType(
    {
        FOUND: "Élément trouvé dans le profil candidat",
        APPROXIMATE: "Élément approximatif trouvé lors du matching",
        NOT_SPECIFIED: "Élément non précisé dans le profil candidat",
        NOT_FOUND: "Élément non trouvé lors du matching",
    }
)
# Share of a criterion's weight a profile earns in each state. Silence is not evidence against the
# candidate (profiles are often incomplete) but is worth less than a near miss: see docs/matching.md.
STATE_CREDITS = MappingProxyType({FOUND: 1.0, APPROXIMATE: 0.5, NOT_SPECIFIED: 0.25, NOT_FOUND: 0.0})
_CREDIT_BY_STATE = np.array([STATE_CREDITS[state] for state in range(4)], dtype=np.float32)

# --- criteria and weights --------------------------------------------------------------------------

CRITERIA = (
    "experience",
    "diploma",
    "sectors",
    "desired_places",
    "home_place",
    "working_time",
    "contract_types",
    "skills",
    "languages",
)
CRITERION_LABELS = MappingProxyType(
    {
        "experience": "Expériences",
        "diploma": "Diplômes",
        "sectors": "Secteurs",
        "desired_places": "Lieux souhaités",
        "home_place": "Lieu de résidence",
        "working_time": "Temps de travail",
        "contract_types": "Types de contrat",
        "skills": "Compétences",
        "languages": "Langues",
    }
)
# The one place where criteria weigh against each other (reasons in docs/matching.md).
DEFAULT_WEIGHTS = MappingProxyType(
    {
        "experience": 3.0,
        "skills": 2.0,
        "diploma": 1.5,
        "desired_places": 1.5,
        "home_place": 1.0,
        "contract_types": 1.0,
        "sectors": 1.0,
        "languages": 1.0,
        "working_time": 0.5,
    }
)
MAX_WEIGHT = 100.0
IMPORTANCE_LEVELS = range(0, 4)  # recruiter's multiplier: 0 ignores a criterion, 3 triples it

DEFAULT_THRESHOLD = 50
DEFAULT_RADIUS_KM = 30.0
PLACE_MARGIN_KM = 25.0  # a desired place this far beyond its radius is "approximate"
HOME_APPROXIMATE_FACTOR = 2.0  # home within twice the offer's radius is "approximate"
TITLE_SIMILARITY = 0.5  # token Jaccard from which two job titles are close
TOTAL_YEARS_APPROXIMATE_RATIO = 0.5  # without a job title: half the years asked is "approximate"
# A profile whose experience is "not found" (it held and seeks only unrelated jobs), or who neither
# lives near the offer nor wants to work there (both place criteria "not found"), keeps this share of
# its score, and never more than UNRELATED_JOB_CAP: contract, place and languages alone do not make
# an accountant of a receptionist. Reasons and figures in docs/matching.md.
UNRELATED_JOB_FACTOR = 0.6
UNRELATED_JOB_CAP = DEFAULT_THRESHOLD - 1.0
# Experience credit of a title that is only close through a neighbouring trade (a cariste for a
# picker's offer): no more evidence of the job than silence. The asked title with fewer years, or a
# title of the asked trade, earns the approximate credit.
NEIGHBOUR_TITLE_CREDIT = 0.25

# Contract types a candidate seeking one would plausibly accept for another.
CONTRACT_NEIGHBOURS = MappingProxyType(
    {
        "CDI": frozenset({"CDD"}),
        "CDD": frozenset({"CDI", "INTERIM"}),
        "INTERIM": frozenset({"CDD"}),
        "ALTERNANCE": frozenset({"STAGE"}),
        "STAGE": frozenset({"ALTERNANCE"}),
        "INDEPENDANT": frozenset(),
    }
)

# Labels of portal.reference.choices, repeated so the engine stays free of Django
# (tests/matching/test_labels.py keeps them equal).
DIPLOMA_LABELS = MappingProxyType(
    {3: "CAP / BEP", 4: "BAC", 5: "BAC+2", 6: "BAC+3 / BAC+4", 7: "BAC+5", 8: "Doctorat"}
)
CONTRACT_LABELS = MappingProxyType(
    {
        "CDI": "CDI",
        "CDD": "CDD",
        "INTERIM": "Intérim",
        "ALTERNANCE": "Alternance / Apprentissage",
        "STAGE": "Stage",
        "INDEPENDANT": "Indépendant",
    }
)
WORKING_TIME_LABELS = MappingProxyType({"FULL_TIME": "Temps plein", "PART_TIME": "Temps partiel"})


@dataclass(frozen=True)
class ReferenceNames:
    """Names of reference codes, read by the view layer (the engine knows no database), so that
    explanations say "Anglais B2" and "Activités comptables" rather than "en B2" and "69.20Z".
    A code without a name is shown as it is."""

    languages: Mapping[str, str] = field(default_factory=dict)
    sectors: Mapping[str, str] = field(default_factory=dict)

    def language(self, code: str) -> str:
        return self.languages.get(code, code)

    def sector_list(self, codes: Iterable[str]) -> str:
        # Sector names hold commas: semicolons part them.
        return (" ; " if self.sectors else ", ").join(self.sectors.get(code, code) for code in codes)


NO_NAMES = ReferenceNames()

SORT_KEYS = ("score", "last_login", "updated", "experience")


# --- offer criteria --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferCriteria:
    """What an offer (or a recruiter's typed search) asks for. Empty fields are not criteria.

    The location is a point (a commune's coordinates, resolved by the caller) with a radius, and/or
    department codes. `nearby_departments` are those the caller considers neighbours of the location.
    Invalid values raise ValueError with a French message fit for the recruiter.
    """

    job_titles: tuple[str, ...] = ()
    job_families: tuple[str, ...] = ()
    min_years: float | None = None
    diploma_level: int | None = None
    sectors: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    location_label: str = ""
    departments: tuple[str, ...] = ()
    nearby_departments: tuple[str, ...] = ()
    contract_types: tuple[str, ...] = ()
    working_time: str | None = None
    skills: tuple[str, ...] = ()
    languages: tuple[tuple[str, str | None], ...] = ()

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        put("job_titles", _texts(self.job_titles, "Intitulé de poste"))
        put("job_families", _texts(self.job_families, "Famille de métiers"))
        put("skills", _texts(self.skills, "Compétence"))
        if self.min_years is not None:
            put("min_years", _number(self.min_years, 0.0, MAX_YEARS, "Le nombre d'années d'expérience"))
        if self.diploma_level is not None and (
            isinstance(self.diploma_level, bool) or self.diploma_level not in DIPLOMA_LEVELS
        ):
            raise ValueError("Le niveau de diplôme doit être compris entre 3 (CAP / BEP) et 8 (Doctorat).")
        put("sectors", _codes(self.sectors, NAF_CODE, "Code NAF invalide"))
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("Indiquez la latitude et la longitude du lieu, ou aucune des deux.")
        if self.latitude is not None:
            put("latitude", _number(self.latitude, -90.0, 90.0, "La latitude"))
            put("longitude", _number(self.longitude, -180.0, 180.0, "La longitude"))
        if self.radius_km is not None:
            put("radius_km", _number(self.radius_km, 0.0, MAX_RADIUS_KM, "Le rayon (km)"))
        put("location_label", str(self.location_label or "").strip())
        put("departments", _codes(self.departments, DEPARTMENT_CODE, "Code de département invalide"))
        put(
            "nearby_departments",
            _codes(self.nearby_departments, DEPARTMENT_CODE, "Code de département invalide"),
        )
        put("contract_types", _choices(self.contract_types, CONTRACT_LABELS, "Type de contrat inconnu"))
        if self.working_time is not None:
            (working_time,) = _choices([self.working_time], WORKING_TIME_LABELS, "Temps de travail inconnu")
            put("working_time", working_time)
        put("languages", _clean_languages(self.languages))

    @classmethod
    def from_mapping(cls, data: Mapping) -> OfferCriteria:
        """Criteria from a JSON-like dict (languages as [{"code": "en", "level": "B2"}, ...])."""
        if not isinstance(data, Mapping):
            raise ValueError("Les critères doivent être un objet JSON (clé : valeur).")
        unknown = set(data) - _OFFER_FIELDS
        if unknown:
            raise ValueError(f"Critère inconnu : « {sorted(unknown)[0]} ».")
        values = {key: value for key, value in data.items() if value is not None}
        if values.get("working_time") == "":
            values.pop("working_time")
        return cls(**values)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None

    @property
    def has_location(self) -> bool:
        return self.has_point or bool(self.departments)

    @property
    def effective_radius_km(self) -> float:
        return DEFAULT_RADIUS_KM if self.radius_km is None else self.radius_km

    def present(self) -> tuple[str, ...]:
        """The criteria this offer asks for, in canonical order."""
        asked = {
            "experience": bool(self.job_titles) or self.min_years is not None,
            "diploma": self.diploma_level is not None,
            "sectors": bool(self.sectors),
            "desired_places": self.has_location,
            "home_place": self.has_location,
            "working_time": self.working_time is not None,
            "contract_types": bool(self.contract_types),
            "skills": bool(self.skills),
            "languages": bool(self.languages),
        }
        return tuple(name for name in CRITERIA if asked[name])


_OFFER_FIELDS = frozenset(item.name for item in fields(OfferCriteria))


def _texts(values, what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    cleaned = []
    for value in values or ():
        if not isinstance(value, str):
            raise ValueError(f"{what} invalide : {value!r}.")
        if value.strip():
            cleaned.append(value.strip())
    return tuple(dict.fromkeys(cleaned))


def _codes(values, pattern: re.Pattern, message: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    codes = []
    for value in values or ():
        code = value.strip().upper() if isinstance(value, str) else None
        if not code or not pattern.match(code):
            raise ValueError(f"{message} : « {value} ».")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def _choices(values, labels: Mapping[str, str], message: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    chosen = []
    for value in values or ():
        code = value.strip().upper() if isinstance(value, str) else None
        if code not in labels:
            raise ValueError(f"{message} : « {value} » (valeurs possibles : {', '.join(labels)}).")
        chosen.append(code)
    return tuple(dict.fromkeys(chosen))


def _number(value, low: float, high: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} doit être un nombre.")
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{what} doit être compris entre {low:g} et {high:g}.")
    return float(value)


def _clean_languages(values) -> tuple[tuple[str, str | None], ...]:
    if isinstance(values, Mapping):
        values = list(values.items())
    pairs = {}
    for item in values or ():
        if isinstance(item, Mapping):
            code, level = item.get("code"), item.get("level")
        elif isinstance(item, tuple | list) and len(item) == 2:
            code, level = item
        else:
            raise ValueError(f"Langue invalide : {item!r} (attendu : code et niveau).")
        code = code.strip().lower() if isinstance(code, str) else ""
        if not LANGUAGE_CODE.match(code):
            raise ValueError(f"Code de langue invalide : « {item} ».")
        if level in (None, ""):
            level = None
        elif not isinstance(level, str) or level.strip().upper() not in CEFR_RANK:
            raise ValueError(f"Niveau de langue invalide : « {level} » (de A1 à C2).")
        else:
            level = level.strip().upper()
        pairs[code] = level
    return tuple(pairs.items())


# --- weights ---------------------------------------------------------------------------------------


def resolve_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """DEFAULT_WEIGHTS overridden by `weights` (a partial mapping is fine), validated."""
    resolved = dict(DEFAULT_WEIGHTS)
    if weights is None:
        return resolved
    if not isinstance(weights, Mapping):
        raise ValueError("Les poids doivent être donnés par critère (critère : poids).")
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise ValueError(f"Critère inconnu : « {name} ».")
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"Le poids du critère « {CRITERION_LABELS[name]} » doit être un nombre.")
        if not 0 <= value <= MAX_WEIGHT:
            raise ValueError(
                f"Le poids du critère « {CRITERION_LABELS[name]} » doit être compris entre 0 et {MAX_WEIGHT:g}."
            )
        resolved[name] = float(value)
    return resolved


def weights_from_importance(importance: Mapping[str, int]) -> dict[str, float]:
    """Weights for a recruiter's importance levels (0..3 per criterion, 1 when not given)."""
    if not isinstance(importance, Mapping):
        raise ValueError("L'importance doit être donnée par critère (critère : 0 à 3).")
    weights = dict(DEFAULT_WEIGHTS)
    for name, level in importance.items():
        if name not in DEFAULT_WEIGHTS:
            raise ValueError(f"Critère inconnu : « {name} ».")
        if isinstance(level, bool) or not isinstance(level, int) or level not in IMPORTANCE_LEVELS:
            raise ValueError(f"L'importance du critère « {CRITERION_LABELS[name]} » doit être 0, 1, 2 ou 3.")
        weights[name] = DEFAULT_WEIGHTS[name] * level
    return weights


# --- evaluation ------------------------------------------------------------------------------------


def _states(found: np.ndarray, approximate: np.ndarray, specified: np.ndarray) -> np.ndarray:
    """State codes from three bool arrays, in uint8 arithmetic (boolean-mask writes are slower)."""
    states = (approximate & specified).view(np.uint8) << 1
    np.maximum(states, (found & specified).view(np.uint8) * np.uint8(FOUND), out=states)
    states += (~specified).view(np.uint8)
    return states


def _isin(values: np.ndarray, ids) -> np.ndarray:
    """values ∈ ids, per element; a few equality passes beat a table look-up for a handful of ids."""
    ids = sorted(set(ids))
    if len(ids) > 6:
        return np.isin(values, ids)
    hit = np.zeros(len(values), dtype=bool)
    for value in ids:
        hit |= values == value
    return hit


def _haversine(lat, lon, cos_lat, lat0: float, lon0: float, cos0: float) -> np.ndarray:
    """The haversine term h (distance = 2R·asin(√h)); compared with _haversine_limit to avoid asin."""
    dlat = np.sin((lat - np.float32(lat0)) * np.float32(0.5))
    dlon = np.sin((lon - np.float32(lon0)) * np.float32(0.5))
    return dlat * dlat + cos_lat * np.float32(cos0) * dlon * dlon


def _haversine_limit(km) -> np.ndarray:
    half_angle = np.minimum(np.asarray(km, dtype=np.float32) / np.float32(2 * EARTH_RADIUS_KM), np.pi / 2)
    return np.sin(half_angle, dtype=np.float32) ** 2


def _distance_km(h: np.ndarray) -> np.ndarray:
    return np.arcsin(np.sqrt(np.minimum(h, np.float32(1.0)))) * np.float32(2 * EARTH_RADIUS_KM)


def _offer_point(c: OfferCriteria) -> tuple[float, float, float]:
    lat, lon = math.radians(c.latitude), math.radians(c.longitude)
    return lat, lon, math.cos(lat)


def _title_flags(a: FeatureArrays, c: OfferCriteria) -> tuple[np.ndarray, np.ndarray]:
    """Per title entry: same title as asked (after normalisation), and close title (not the same)."""
    v = a.vocabularies
    keys = list(dict.fromkeys(key for key in (a.normalise_title(title) for title in c.job_titles) if key))
    exact_ids = {title_id for title_id in (v.titles.get(key) for key in keys) if title_id is not None}
    close_ids = {title_id for key in keys for title_id in v.titles.similar(key, TITLE_SIMILARITY)} - exact_ids
    # Only families asked for widen the titles: an asked title's own vocabulary family is too broad
    # (cooks and waiters, masons and roofers); its trade and neighbours come from `similar`.
    families = set(c.job_families)
    family_ids = {v.families.get(name) for name in families if name} - {None}
    titles = a.titles["title"]
    exact = _isin(titles, exact_ids)
    close = _isin(titles, close_ids)
    if family_ids:
        close |= _isin(a.titles["family"], family_ids)
    return exact, close & ~exact


def _experience(a: FeatureArrays, c: OfferCriteria):
    if not c.job_titles:
        years = a.total_years
        found = years >= np.float32(c.min_years)
        approximate = years >= np.float32(c.min_years * TOTAL_YEARS_APPROXIMATE_RATIO)
        return _states(found, approximate, ~np.isnan(years)), None
    exact, close = _title_flags(a, c)
    held = exact & (a.titles["kind"] == EXPERIENCE)
    if c.min_years is not None:
        held &= a.titles["years"] >= np.float32(c.min_years)
    found = a.titles.any(held)
    approximate = a.titles.any(exact | close)
    states = _states(found, approximate, a.titles.counts > 0)
    # Close titles of the asked trade itself are as good a sign as the asked title with fewer years;
    # those only of a neighbouring trade much less (see NEIGHBOUR_TITLE_CREDIT).
    v = a.vocabularies
    keys = {key for key in (a.normalise_title(title) for title in c.job_titles) if key}
    same_trade = np.zeros(len(v.titles), dtype=bool)
    same_trade[[title_id for key in keys for title_id, value in v.titles.similar(key, TITLE_SIMILARITY).items()
                if value >= 1.0]] = True
    strong = a.titles.any(exact)
    close_entries = np.flatnonzero(close)  # few in real data: a look-up for them only
    strong[a.titles.rows[close_entries[same_trade[a.titles["title"][close_entries]]]]] = True
    credits = _CREDIT_BY_STATE[states]
    credits[(states == APPROXIMATE) & ~strong] = np.float32(NEIGHBOUR_TITLE_CREDIT)
    return states, credits


def _diploma(a: FeatureArrays, c: OfferCriteria):
    level = a.diploma
    return _states(level >= c.diploma_level, level == c.diploma_level - 1, level > 0), None


def _sectors(a: FeatureArrays, c: OfferCriteria):
    v = a.vocabularies
    exact_ids = {i for i in (v.sectors.get(code) for code in c.sectors) if i is not None}
    divisions = {i for i in (v.divisions.get(code[:2]) for code in c.sectors) if i is not None}
    # Same NAF division (first two digits): a neighbouring activity.
    close_ids = {sector for sector, division in enumerate(list(v.sector_division)) if division in divisions}
    sectors = a.sectors["sector"]
    found = a.sectors.any(_isin(sectors, exact_ids))
    approximate = a.sectors.any(_isin(sectors, close_ids - exact_ids))
    return _states(found, approximate, a.sectors.counts > 0), None


def _department_ids(a: FeatureArrays, codes: Iterable[str]) -> set[int]:
    return {i for i in (a.vocabularies.departments.get(code) for code in codes) if i is not None}


def _desired_place_distances(a: FeatureArrays, c: OfferCriteria) -> np.ndarray | None:
    """Km from the offer's point to each desired-place entry (None when the offer has no point)."""
    if not c.has_point:
        return None
    places = a.places
    return _distance_km(_haversine(places["lat"], places["lon"], places["cos"], *_offer_point(c)))


def _desired_places(a: FeatureArrays, c: OfferCriteria):
    places, departments = a.places, a.departments
    distance = _desired_place_distances(a, c)
    if distance is None:
        within = near = np.zeros(len(places["radius"]), dtype=bool)
    else:
        # Comparing km (one asin per entry) is cheaper than a haversine bound per entry's radius.
        within = distance <= places["radius"]
        near = distance <= places["radius"] + np.float32(PLACE_MARGIN_KM)
    wanted, nearby = _department_ids(a, c.departments), _department_ids(a, c.nearby_departments)
    if not c.has_point:
        # Without a point, a desired place counts by its department (the search area contains it).
        within = _isin(places["department"], wanted)
        near = _isin(places["department"], nearby)
    codes = departments["department"]
    found = places.any(within) | departments.any(_isin(codes, wanted))
    approximate = places.any(near) | departments.any(_isin(codes, nearby))
    specified = (places.counts > 0) | (departments.counts > 0)
    return _states(found, approximate, specified), None


def _home_place(a: FeatureArrays, c: OfferCriteria):
    no_point = np.isnan(a.home_lat)
    # Departments decide only where distance cannot: an offer without a point, a home without one.
    by_department = no_point if c.has_point else np.ones(a.n_rows, dtype=bool)
    found = by_department & _isin(a.home_department, _department_ids(a, c.departments))
    approximate = by_department & _isin(a.home_department, _department_ids(a, c.nearby_departments))
    if c.has_point:
        radius = c.effective_radius_km
        h = _haversine(a.home_lat, a.home_lon, a.home_cos, *_offer_point(c))  # NaN for no point: False
        found |= h <= _haversine_limit(radius)
        approximate |= h <= _haversine_limit(radius * HOME_APPROXIMATE_FACTOR)
    specified = ~no_point | (a.home_department >= 0)
    return _states(found, approximate, specified), None


def _working_time(a: FeatureArrays, c: OfferCriteria):
    # No middle between full and part time: this criterion has no approximate state.
    bits = np.uint16(a.vocabularies.working_times.bits([c.working_time]))
    found = (a.working_times & bits) != 0
    return _states(found, found, a.working_times != 0), None


def _contract_types(a: FeatureArrays, c: OfferCriteria):
    flags = a.vocabularies.contract_types
    asked = set(c.contract_types)
    neighbours = set().union(*(CONTRACT_NEIGHBOURS.get(code, ()) for code in asked)) - asked
    found = (a.contract_types & np.uint16(flags.bits(asked))) != 0
    approximate = (a.contract_types & np.uint16(flags.bits(neighbours))) != 0
    return _states(found, approximate, a.contract_types != 0), None


def _skill_keys(a: FeatureArrays, c: OfferCriteria) -> list[str]:
    return list(dict.fromkeys(key for key in (a.normalise_skill(skill) for skill in c.skills) if key))


def _skill_bits(segments, id_sets: list[frozenset[int]], n_rows: int, vocabulary_size: int) -> list[np.ndarray]:
    """Per row, a bitmask of the asked skills (bit k: skill k, by its set of matching skill ids) that
    one of the row's entries matches; one mask per 64 asked skills.

    One look-up per entry in a table of the vocabulary, then an OR per row over the hits only.
    """
    masks = []
    entries = segments["skill"]
    for start in range(0, len(id_sets), 64):
        chunk = id_sets[start : start + 64]
        dtype = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if np.iinfo(t).bits >= len(chunk))
        row_bits = np.zeros(n_rows, dtype=dtype)
        if len(entries) and any(chunk):
            table = np.zeros(vocabulary_size, dtype=dtype)
            for bit, ids in enumerate(chunk):
                if ids:
                    table[np.fromiter(ids, dtype=np.int64, count=len(ids))] |= dtype(1 << bit)
            bits = np.take(table, entries)
            hits = np.flatnonzero(bits != 0)  # a bool array: several times faster than on the integers
            np.bitwise_or.at(row_bits, segments.rows[hits], bits[hits])
        masks.append(row_bits)
    return masks


def _skill_id_sets(a: FeatureArrays, keys: list[str]) -> list[frozenset[int]]:
    return [a.vocabularies.skills.containing(key) for key in keys]


def _skills(a: FeatureArrays, c: OfferCriteria):
    keys = _skill_keys(a, c)
    id_sets = _skill_id_sets(a, keys)
    size = len(a.vocabularies.skills)  # every id of the snapshot's entries is below it
    held = np.zeros(a.n_rows, dtype=np.int32)
    text_only = np.zeros(a.n_rows, dtype=np.int32)
    for listed, in_text in zip(_skill_bits(a.skills, id_sets, a.n_rows, size),
                               _skill_bits(a.text_skills, id_sets, a.n_rows, size), strict=True):
        held += np.bitwise_count(listed)
        text_only += np.bitwise_count(in_text & ~listed)
    asked = max(len(keys), 1)
    has_list = a.skills.counts > 0
    # A skill only named in the CV's text counts as approximate; a profile without a skills list
    # but with such a mention is no worse off than one that is silent.
    credit = ((held + text_only * STATE_CREDITS[APPROXIMATE]) / asked).astype(np.float32)
    credits = np.where(has_list, credit, np.maximum(credit, _CREDIT_BY_STATE[NOT_SPECIFIED]))
    states = _states((held >= asked) & bool(keys), (held + text_only) > 0, has_list | (text_only > 0))
    return states, credits


def _language_levels(a: FeatureArrays, code: str) -> tuple[np.ndarray, np.ndarray]:
    """Per row: does the profile list this language, and at which rank (0 = level not given)."""
    language_id = a.vocabularies.languages.get(code)
    if language_id is None:
        return np.zeros(a.n_rows, dtype=bool), np.zeros(a.n_rows, dtype=np.uint8)
    match = a.languages["language"] == language_id
    return a.languages.any(match), a.languages.scatter(match, a.languages["level"])


def _languages(a: FeatureArrays, c: OfferCriteria):
    every_found = np.ones(a.n_rows, dtype=bool)
    some_match = np.zeros(a.n_rows, dtype=bool)
    credit = np.zeros(a.n_rows, dtype=np.float32)
    for code, level in c.languages:
        listed, rank = _language_levels(a, code)
        if level is None:
            found, approximate = listed, np.zeros(a.n_rows, dtype=bool)
        else:
            asked = CEFR_RANK[level]
            found = listed & (rank >= asked)
            # One level below, or the language without a level: close, to be checked in an interview.
            approximate = listed & ~found & ((rank == asked - 1) | (rank == 0))
        credit += found * np.float32(STATE_CREDITS[FOUND]) + approximate * np.float32(
            STATE_CREDITS[APPROXIMATE]
        )
        every_found &= found
        some_match |= found | approximate
    credit /= np.float32(len(c.languages))
    specified = a.languages.counts > 0
    states = _states(every_found, some_match, specified)
    return states, np.where(specified, credit, _CREDIT_BY_STATE[NOT_SPECIFIED])


_EVALUATORS = {
    "experience": _experience,
    "diploma": _diploma,
    "sectors": _sectors,
    "desired_places": _desired_places,
    "home_place": _home_place,
    "working_time": _working_time,
    "contract_types": _contract_types,
    "skills": _skills,
    "languages": _languages,
}


def _evaluate(a: FeatureArrays, c: OfferCriteria, names: Iterable[str]) -> tuple[dict, dict]:
    """States of every criterion, and credits of those not credited by state alone (skills, languages)."""
    states, partial = {}, {}
    for name in names:
        state, credit = _EVALUATORS[name](a, c)
        states[name] = state
        if credit is not None:
            partial[name] = credit
    return states, partial


def _credits(states: Mapping[str, np.ndarray], partial: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {
        name: partial[name] if name in partial else _CREDIT_BY_STATE[state] for name, state in states.items()
    }


# --- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    """How many profiles a mandatory criterion removed, and how many were left after it."""

    criterion: str
    removed: int
    remaining: int

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self.criterion]


@dataclass(frozen=True)
class Match:
    profile_id: int
    row: int
    score: float  # 0..100, unrounded
    percent: int  # what the recruiter sees
    states: Mapping[str, int]
    experience_years: float | None
    last_login: float | None
    updated: float | None

    @property
    def state_names(self) -> dict[str, str]:
        return {name: STATE_NAMES[state] for name, state in self.states.items()}


@dataclass(frozen=True)
class CriterionExplanation:
    criterion: str
    state: int
    asked: str  # what the offer asks, in words
    detail: str  # what the profile holds, in words
    credit: float
    weight: float

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self.criterion]

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    @property
    def message(self) -> str:
        return STATE_MESSAGES[self.state]


@dataclass(frozen=True, eq=False)
class Result:
    """Scores and states of every row of one snapshot, for one set of criteria.

    Arrays are indexed by snapshot row. `eligible` = live profiles passing the mandatory criteria;
    `selected` = eligible and at or above the threshold. Changing the threshold (`with_threshold`)
    or the sort order (`ranked_rows`, `top`) does not score again.
    """

    arrays: FeatureArrays
    criteria: OfferCriteria
    weights: Mapping[str, float]
    used: tuple[str, ...]
    required: tuple[str, ...]
    states: Mapping[str, np.ndarray]
    partial_credits: Mapping[str, np.ndarray]  # criteria whose credit is not a function of the state
    scores: np.ndarray
    percents: np.ndarray
    eligible: np.ndarray
    funnel: tuple[FunnelStep, ...]
    threshold: float

    @functools.cached_property
    def credits(self) -> Mapping[str, np.ndarray]:
        """Per criterion, the share of its weight each row earned (0..1)."""
        return MappingProxyType(_credits(self.states, self.partial_credits))

    @property
    def total(self) -> int:
        """Live profiles scored (before mandatory criteria and threshold)."""
        return int(np.count_nonzero(self.arrays.alive))

    @property
    def selected(self) -> np.ndarray:
        return self.eligible & (self.percents >= self.threshold)

    @property
    def count(self) -> int:
        return int(np.count_nonzero(self.selected))

    def with_threshold(self, threshold: float) -> Result:
        return replace(self, threshold=_threshold(threshold))

    def counts_by_threshold(self) -> np.ndarray:
        """counts[t] = eligible profiles at t % or more, for t in 0..100 (lets a slider show counts)."""
        histogram = np.bincount(self.percents[self.eligible], minlength=101)
        return np.cumsum(histogram[::-1])[::-1]

    def ranked_rows(self, k: int | None = None, offset: int = 0, sort: str = "score") -> np.ndarray:
        """Rows of selected profiles in order, from `offset`, at most `k` of them.

        Descending `sort` key, then descending score, then ascending profile id, so ties are always
        broken the same way. Profiles without a last login / update / experience come last.
        """
        if sort not in SORT_KEYS:
            raise ValueError(f"Tri inconnu : « {sort} » (valeurs possibles : {', '.join(SORT_KEYS)}).")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValueError("Le décalage doit être un entier positif ou nul.")
        if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 0):
            raise ValueError("Le nombre de résultats doit être un entier positif ou nul.")
        rows = np.flatnonzero(self.selected)
        end = len(rows) if k is None else min(offset + k, len(rows))
        if end <= offset:
            return rows[:0]
        primary = self._sort_values(sort)
        if end < len(rows):
            values = primary[rows]
            cut = np.partition(values, len(rows) - end)[len(rows) - end]
            rows = rows[values >= cut]  # the `end` best, plus any ties with the last of them
        keys = [self.arrays.ids[rows]]
        if sort != "score":
            keys.append(-self.scores[rows])
        keys.append(-primary[rows])
        return rows[np.lexsort(keys)][offset:end]

    def top(self, k: int = 30, offset: int = 0, sort: str = "score") -> list[Match]:
        return [self.match(int(row)) for row in self.ranked_rows(k, offset, sort)]

    def match(self, row: int) -> Match:
        a = self.arrays
        return Match(
            profile_id=int(a.ids[row]),
            row=row,
            score=float(self.scores[row]),
            percent=int(self.percents[row]),
            states={name: int(states[row]) for name, states in self.states.items()},
            experience_years=_optional(a.total_years[row]),
            last_login=_optional(a.last_login[row]),
            updated=_optional(a.updated[row]),
        )

    def explain(self, row: int, names: ReferenceNames = NO_NAMES) -> list[CriterionExplanation]:
        """The per-criterion explanation of one row, from the data that was scored."""
        return self.explain_rows([row], names)[0]

    def explain_rows(self, rows, names: ReferenceNames = NO_NAMES) -> list[list[CriterionExplanation]]:
        """Explanations of several rows (a page) at once: the offer-level work is shared."""
        rows = np.asarray(rows, dtype=np.int64)
        states = {name: self.states[name][rows] for name in self.used}
        partial = {name: credits[rows] for name, credits in self.partial_credits.items()}
        credits = _credits(states, partial)
        return _explain_rows(self.arrays.take(rows), self.criteria, self.used, states, credits, self.weights, names)

    def _sort_values(self, sort: str) -> np.ndarray:
        if sort == "score":
            return self.scores
        values = {"last_login": self.arrays.last_login, "updated": self.arrays.updated}.get(sort)
        if values is None:
            values = self.arrays.total_years
        return np.nan_to_num(values.astype(np.float64), nan=-np.inf)


def _optional(value) -> float | None:
    return None if np.isnan(value) else float(value)


def _threshold(value) -> float:
    return _number(value, 0.0, 100.0, "Le seuil de compatibilité (%)")


def _required(required: Iterable[str], used: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(required, str):
        required = [required]
    names = set()
    for name in required:
        if name not in CRITERIA:
            raise ValueError(f"Critère inconnu : « {name} ».")
        if name not in used:
            raise ValueError(
                f"Le critère « {CRITERION_LABELS[name]} » est indispensable mais n'est pas renseigné dans la recherche."
            )
        names.add(name)
    return tuple(name for name in CRITERIA if name in names)


def _arrays(source: FeatureMatrix | FeatureArrays) -> FeatureArrays:
    return source.snapshot() if isinstance(source, FeatureMatrix) else source


def score(
    matrix: FeatureMatrix | FeatureArrays,
    criteria: OfferCriteria,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    required: Iterable[str] = frozenset(),
    threshold: float = 0,
) -> Result:
    """Scores every profile against `criteria`.

    score = 100 × Σ weight × credit / Σ weight over the criteria the offer asks for, times
    UNRELATED_JOB_FACTOR (and at most UNRELATED_JOB_CAP) when job titles are asked and the profile's
    experience is not found, or when both place criteria are not found. A mandatory
    (`required`) criterion excludes every profile whose state is not FOUND; the funnel counts how many
    each removed, in canonical criterion order.
    """
    used = criteria.present()
    if not used:
        raise ValueError("Indiquez au moins un critère de recherche.")
    resolved = resolve_weights(weights)
    total_weight = sum(resolved[name] for name in used)
    if total_weight <= 0:
        raise ValueError("Au moins un des critères renseignés doit avoir un poids supérieur à zéro.")
    mandatory = _required(required, used)
    threshold = _threshold(threshold)

    a = _arrays(matrix)
    states, partial = _evaluate(a, criteria, used)
    weighted = np.zeros(a.n_rows, dtype=np.float64)
    for name in used:
        weight = resolved[name]
        if not weight:
            continue
        if name in partial:
            weighted += weight * partial[name]
        else:  # one look-up of weight × credit per state
            np.add(
                weighted, np.take(weight * _CREDIT_BY_STATE.astype(np.float64), states[name]), out=weighted
            )
    weighted *= 100.0 / total_weight
    unrelated = np.zeros(a.n_rows, dtype=bool)
    if criteria.job_titles and resolved["experience"] > 0:
        unrelated |= states["experience"] == NOT_FOUND
    if criteria.has_location and resolved["desired_places"] + resolved["home_place"] > 0:
        unrelated |= (states["desired_places"] == NOT_FOUND) & (states["home_place"] == NOT_FOUND)
    if unrelated.any():
        weighted = np.where(unrelated, np.minimum(weighted * UNRELATED_JOB_FACTOR, UNRELATED_JOB_CAP), weighted)
    # Rounded so that equal scores reached by different sums compare equal (ties go to profile id).
    scores = np.round(weighted, 6)
    percents = np.floor(scores + 0.5).astype(np.uint8)

    eligible = a.alive.copy()
    funnel = []
    for name in mandatory:
        passing = states[name] == FOUND
        removed = int(np.count_nonzero(eligible & ~passing))
        eligible &= passing
        funnel.append(FunnelStep(name, removed, int(np.count_nonzero(eligible))))

    return Result(
        arrays=a,
        criteria=criteria,
        weights=MappingProxyType(resolved),
        used=used,
        required=mandatory,
        states=MappingProxyType(states),
        partial_credits=MappingProxyType(partial),
        scores=scores,
        percents=percents,
        eligible=eligible,
        funnel=tuple(funnel),
        threshold=threshold,
    )


# --- explanations ----------------------------------------------------------------------------------


def explain(
    matrix: FeatureMatrix | FeatureArrays,
    criteria: OfferCriteria,
    row: int,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    names: ReferenceNames = NO_NAMES,
) -> list[CriterionExplanation]:
    """Why the profile in `row` gets its states: one explanation per criterion the offer asks for."""
    used = criteria.present()
    resolved = resolve_weights(weights)
    single = _arrays(matrix).take([row])
    states, partial = _evaluate(single, criteria, used)
    return _explain_rows(single, criteria, used, states, _credits(states, partial), resolved, names)[0]


def _explain_rows(
    a: FeatureArrays, c: OfferCriteria, used, states, credits, weights, names: ReferenceNames = NO_NAMES
) -> list[list]:
    """Explanations of every row of `a` (a page taken from a snapshot), states and credits given."""
    words = _Words(a, c, names)
    return [
        [
            CriterionExplanation(
                name,
                int(states[name][i]),
                words.asked(name),
                getattr(words, name)(i),
                float(credits[name][i]),
                weights[name],
            )
            for name in used
        ]
        for i in range(a.n_rows)
    ]


def format_years(years: float) -> str:
    """French wording of a duration in years: "6 mois", "1 an", "2,5 ans"."""
    months = round(float(years) * 12)
    if months < 12:
        return f"{months} mois"
    value = round(months / 12, 1)
    text = f"{value:g}".replace(".", ",")
    return f"{text} an" if value < 2 else f"{text} ans"


def _years_asked(years: float) -> str:
    return f"{format_years(years)} demandé" + ("s" if years >= 2 or round(years * 12) < 12 else "")


def _km(value: float) -> str:
    if value < 1:
        return "moins d'1 km"
    return f"{value:.0f} km" if value >= 10 else f"{value:.1f} km".replace(".", ",")


def _departments_words(codes, *, whole: bool = False) -> str:
    codes = list(codes)
    if whole:
        return ("tout le département " if len(codes) == 1 else "départements entiers ") + ", ".join(codes)
    return ("département " if len(codes) == 1 else "départements ") + ", ".join(codes)


def _location_words(c: OfferCriteria, with_radius: bool) -> str:
    parts = []
    departments = list(c.departments)
    if c.has_point:
        place = c.location_label or f"{c.latitude:.3f}, {c.longitude:.3f}"
        parts.append(f"{place} (rayon {c.effective_radius_km:g} km)" if with_radius else place)
        # The commune's own department is in `departments` (so departments can decide where distance
        # cannot), and its label already names it: "Clermont-Ferrand (63)".
        departments = [code for code in departments if f"({code})" not in place]
    if departments:
        parts.append(_departments_words(departments))
    return " ; ".join(parts)


def _flag_words(vocabulary, bits: int, labels: Mapping[str, str]) -> list[str]:
    return [labels.get(key, key) for flag, key in enumerate(vocabulary.labels) if bits >> flag & 1]


class _Words:
    """French words for the criteria of a few rows (a page of results).

    Offer-level work (normalising titles, similar titles, distances) is done once for all the rows,
    with the same functions as the scoring, and row data is read as Python lists: on a handful of
    rows, numpy calls would cost more than the work.
    """

    def __init__(self, a: FeatureArrays, c: OfferCriteria, names: ReferenceNames = NO_NAMES):
        self.a, self.c, self.v, self.names = a, c, a.vocabularies, names
        self._lists: dict[str, dict[str, list]] = {}

    def asked(self, name: str) -> str:
        c = self.c
        if name == "experience":
            if not c.job_titles:
                return f"{format_years(c.min_years)} d'expérience min."
            minimum = f" ({format_years(c.min_years)} min.)" if c.min_years is not None else ""
            return " ou ".join(c.job_titles) + minimum
        if name == "diploma":
            return f"{DIPLOMA_LABELS[c.diploma_level]} minimum"
        if name == "sectors":
            return self.names.sector_list(c.sectors)
        if name in ("desired_places", "home_place"):
            return _location_words(c, with_radius=name == "home_place")
        if name == "working_time":
            return WORKING_TIME_LABELS[c.working_time]
        if name == "contract_types":
            return ", ".join(CONTRACT_LABELS[code] for code in c.contract_types)
        if name == "skills":
            return ", ".join(c.skills)
        language = self.names.language
        return ", ".join(f"{language(code)} {level}" if level else language(code) for code, level in c.languages)

    def _entries(self, segments_name: str, i: int) -> dict[str, list]:
        segments, columns = getattr(self.a, segments_name), self._columns(segments_name)
        start, end = int(segments.indptr[i]), int(segments.indptr[i + 1])
        return {name: values[start:end] for name, values in columns.items()}

    def _columns(self, segments_name: str) -> dict[str, list]:
        if segments_name not in self._lists:
            segments = getattr(self.a, segments_name)
            self._lists[segments_name] = {name: column.tolist() for name, column in segments.columns.items()}
        return self._lists[segments_name]

    @functools.cached_property
    def _title_flags(self) -> tuple[list[bool], list[bool]]:
        exact, close = _title_flags(self.a, self.c)
        return exact.tolist(), close.tolist()

    @functools.cached_property
    def _place_distances(self) -> list[float] | None:
        distances = _desired_place_distances(self.a, self.c)
        return None if distances is None else distances.tolist()

    @functools.cached_property
    def _home_distances(self) -> list[float] | None:
        if not self.c.has_point:
            return None
        a = self.a
        return _distance_km(_haversine(a.home_lat, a.home_lon, a.home_cos, *_offer_point(self.c))).tolist()

    def experience(self, i: int) -> str:
        a, c = self.a, self.c
        if not c.job_titles:
            years = float(a.total_years[i])
            if math.isnan(years):
                return "Durée d'expérience non renseignée"
            return f"{format_years(years)} d'expérience au total ({_years_asked(c.min_years)})"
        start, end = int(a.titles.indptr[i]), int(a.titles.indptr[i + 1])
        if start == end:
            return "Aucune expérience ni poste recherché renseigné"
        row = self._entries("titles", i)
        exact, close = (flags[start:end] for flags in self._title_flags)
        labels = self.v.title_labels.labels
        held = [kind == EXPERIENCE for kind in row["kind"]]
        entries = range(end - start)
        for flags, note in (
            (exact, f" ({_years_asked(c.min_years)})" if c.min_years is not None else ""),
            (close, " (intitulé proche)"),
        ):
            # The matching experience with the most years, else the first matching desired job.
            matching = [e for e in entries if flags[e] and held[e]]
            if matching:
                best = max(matching, key=lambda e: row["years"][e])
                return f"{labels[row['label'][best]]} : {format_years(row['years'][best])}{note}"
            sought = [e for e in entries if flags[e]]
            if sought:
                suffix = " (intitulé proche)" if flags is close else ""
                return (
                    f"{labels[row['label'][sought[0]]]} : poste recherché, sans expérience renseignée{suffix}"
                )
        parts = []
        held_titles = [
            f"{labels[row['label'][e]]} ({format_years(row['years'][e])})" for e in entries if held[e]
        ]
        sought_titles = [labels[row["label"][e]] for e in entries if not held[e]]
        if held_titles:
            parts.append("expériences : " + ", ".join(held_titles[:3]))
        if sought_titles:
            parts.append("postes recherchés : " + ", ".join(sought_titles[:3]))
        return "Aucun intitulé correspondant ; " + " ; ".join(parts)

    def diploma(self, i: int) -> str:
        level = int(self.a.diploma[i])
        return f"Niveau du candidat : {DIPLOMA_LABELS[level]}" if level else "Niveau de diplôme non renseigné"

    def sectors(self, i: int) -> str:
        codes = [self.v.sectors.labels[sector] for sector in self._entries("sectors", i)["sector"]]
        return "Secteurs du candidat : " + self.names.sector_list(codes) if codes else "Aucun secteur renseigné"

    def desired_places(self, i: int) -> str:
        v = self.v
        places = self._entries("places", i)
        departments = [v.departments.labels[d] for d in self._entries("departments", i)["department"]]
        if not places["lat"] and not departments:
            return "Aucun lieu souhaité renseigné"
        parts = []
        start = int(self.a.places.indptr[i])
        indices = list(range(len(places["lat"])))
        if self._place_distances is not None:
            distances = self._place_distances[start : start + len(indices)]
            indices.sort(key=lambda e: distances[e])
        for e in indices[:3]:
            text = f"{v.place_labels.labels[places['label'][e]]} (rayon {places['radius'][e]:g} km)"
            if self._place_distances is not None:
                text += f" : à {_km(distances[e])}"
            parts.append(text)
        if departments:
            parts.append(_departments_words(departments, whole=True))
        return " ; ".join(parts)

    def home_place(self, i: int) -> str:
        a, v = self.a, self.v
        has_point = not math.isnan(float(a.home_lat[i]))
        department, label = int(a.home_department[i]), int(a.home_label[i])
        if not has_point and department < 0:
            return "Lieu de résidence non renseigné"
        if label >= 0:
            words = v.place_labels.labels[label]
        elif department >= 0:
            words = f"Département {v.departments.labels[department]}"
        else:
            words = "Commune de résidence"
        if has_point and self._home_distances is not None:
            words += f" : à {_km(self._home_distances[i])}"
        return words

    def working_time(self, i: int) -> str:
        words = _flag_words(self.v.working_times, int(self.a.working_times[i]), WORKING_TIME_LABELS)
        return ", ".join(words) or "Temps de travail non renseigné"

    def contract_types(self, i: int) -> str:
        words = _flag_words(self.v.contract_types, int(self.a.contract_types[i]), CONTRACT_LABELS)
        return ", ".join(words) or "Types de contrat non renseignés"

    def skills(self, i: int) -> str:
        held = self._entries("skills", i)["skill"]
        mentioned = set(self._entries("text_skills", i)["skill"])
        labels = self.v.skills.labels
        found, in_text, missing = [], [], []
        for skill in dict.fromkeys(self.c.skills):
            key = self.a.normalise_skill(skill)
            ids = self.v.skills.containing(key) if key else frozenset()
            match = next((skill_id for skill_id in held if skill_id in ids), None)
            if match is not None:
                # The candidate's own wording when it is not the asked one: "Sage (Sage 100)".
                wording = labels[match]
                found.append(skill if self.v.skills.index.get(key) == match else f"{skill} ({wording})")
            elif ids & mentioned:
                in_text.append(skill)
            else:
                missing.append(skill)
        if held:
            detail = f"{len(found)} sur {len(found) + len(in_text) + len(missing)}"
            if found:
                detail += " : " + ", ".join(found)
        elif in_text:
            detail = "Aucune compétence renseignée"
        else:
            return "Aucune compétence renseignée"
        if in_text:
            detail += f" ; {', '.join(in_text)} : " + ("trouvé" if len(in_text) == 1 else "trouvés") + " dans le CV"
        if missing and held:
            detail += " ; " + ("manquante" if len(missing) == 1 else "manquantes") + " : " + ", ".join(missing)
        return detail

    def languages(self, i: int) -> str:
        row = self._entries("languages", i)
        if not row["language"]:
            return "Aucune langue renseignée"
        levels = dict(zip(row["language"], row["level"], strict=True))
        parts = []
        for code, _level in self.c.languages:
            rank = levels.get(self.v.languages.get(code))
            name = self.names.language(code)
            if rank is None:
                parts.append(f"{name} : non indiquée")
            else:
                parts.append(f"{name} : " + (CEFR_LEVELS[rank - 1] if rank else "niveau non précisé"))
        return ", ".join(parts)
