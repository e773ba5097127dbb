"""Candidate matching features: plain records in, compact numpy arrays out.

Pure module (no Django, no ORM, no I/O), so the engine can be tested and benchmarked on its own.
The wiring code turns each visible candidate profile into a `CandidateFeatures` record (or a plain
dict with the same keys) and keeps one `FeatureMatrix` per process, updated row by row.

Layout: one row per profile. Single-valued fields are columns (numpy arrays of length n_rows);
multi-valued fields are CSR segments (an `indptr` of n_rows + 1 offsets into entry columns).
Strings are replaced by integer ids of append-only vocabularies. Rows are append-only too: replacing
a profile tombstones its old row and appends a new one, and `compact()` drops the tombstones, so a
snapshot taken before an update stays valid and unchanged.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime

import numpy as np

from portal.reference.text import fold
from portal.reference.title_vocabulary import NEIGHBOUR_CLOSENESS as TITLE_NEIGHBOUR_CLOSENESS
from portal.reference.title_vocabulary import TitleThesaurus

# Fields a feature record must never carry: matching may not depend on who the candidate is.
# The builder drops them silently, so a caller passing a whole profile dict cannot leak them in.
PROTECTED_FIELDS = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "full_name",
        "email",
        "phone",
        "age",
        "birth_date",
        "date_of_birth",
        "birth_year",
        "gender",
        "sex",
        "civility",
        "photo",
        "picture",
        "nationality",
        "address",
        "street",
        "postal_address",
    }
)

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
# Level codes in the arrays: 0 = language declared without a level, then A1=1 ... C2=6.
CEFR_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS, start=1)}

DIPLOMA_LEVELS = range(3, 9)
MAX_YEARS = 60.0
MAX_RADIUS_KM = 1000.0
MAX_FLAGS = 16  # distinct contract types (or working times) a uint16 bitmask can hold

EXPERIENCE, DESIRED = 1, 2  # kinds of job-title entries

NAF_CODE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")
DEPARTMENT_CODE = re.compile(r"^(?:\d{2,3}|2[AB])$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True, slots=True)
class JobEntry:
    """A job title held (experience, with its years) or sought (desired job)."""

    title: str
    years: float = 0.0
    family: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A desired place: a commune's coordinates (and department) and the radius accepted around it."""

    latitude: float
    longitude: float
    radius_km: float = 0.0
    label: str = ""
    department: str | None = None


@dataclass(frozen=True, slots=True)
class CandidateFeatures:
    """Everything matching may know about a profile, and nothing more (see PROTECTED_FIELDS).

    Times (`last_login`, `updated`) are POSIX timestamps or aware datetimes; they only sort results.
    `total_years` defaults to the sum of the experiences' years.
    """

    id: int
    experiences: tuple[JobEntry, ...] = ()
    desired_jobs: tuple[JobEntry, ...] = ()
    total_years: float | None = None
    diploma_level: int | None = None
    sectors: tuple[str, ...] = ()
    desired_places: tuple[PlaceEntry, ...] = ()
    desired_departments: tuple[str, ...] = ()
    home_latitude: float | None = None
    home_longitude: float | None = None
    home_department: str | None = None
    home_label: str = ""
    contract_types: tuple[str, ...] = ()
    working_times: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    # Skills named only in the CV text or an experience's description: weaker evidence than a listed one.
    text_skills: tuple[str, ...] = ()
    languages: tuple[tuple[str, str | None], ...] = ()
    last_login: float | None = None
    updated: float | None = None

    @classmethod
    def from_mapping(cls, data: Mapping) -> CandidateFeatures:
        keys = set(data) - PROTECTED_FIELDS
        unknown = keys - _RECORD_FIELDS
        if unknown:
            raise ValueError(f"unknown feature field(s): {', '.join(sorted(unknown))}")
        values = {key: data[key] for key in keys}
        for key in ("experiences", "desired_jobs"):
            if key in values:
                values[key] = tuple(_job_entry(item) for item in values[key] or ())
        if "desired_places" in values:
            values["desired_places"] = tuple(_place_entry(item) for item in values["desired_places"] or ())
        for key in ("sectors", "desired_departments", "contract_types", "working_times", "skills", "text_skills"):
            if key in values:
                values[key] = _string_tuple(values[key], key)
        if "languages" in values:
            values["languages"] = _language_pairs(values["languages"])
        if values.get("home_label") is None:
            values.pop("home_label", None)
        return cls(**values)


_RECORD_FIELDS = frozenset(f.name for f in fields(CandidateFeatures))


def as_features(record: CandidateFeatures | Mapping) -> CandidateFeatures:
    if isinstance(record, CandidateFeatures):
        return record
    if isinstance(record, Mapping):
        return CandidateFeatures.from_mapping(record)
    raise TypeError(f"a feature record must be CandidateFeatures or a mapping, not {type(record).__name__}")


def _job_entry(item) -> JobEntry:
    if isinstance(item, JobEntry):
        return item
    if isinstance(item, str):
        return JobEntry(item)
    if isinstance(item, Mapping):
        extra = set(item) - {"title", "years", "family"}
        if extra:
            raise ValueError(f"unknown job entry field(s): {', '.join(sorted(extra))}")
        return JobEntry(item["title"], item.get("years") or 0.0, item.get("family"))
    if isinstance(item, tuple | list) and 1 <= len(item) <= 3:
        return JobEntry(*item)
    raise ValueError(f"invalid job entry: {item!r}")


def _place_entry(item) -> PlaceEntry:
    if isinstance(item, PlaceEntry):
        return item
    if isinstance(item, Mapping):
        extra = set(item) - {"latitude", "longitude", "radius_km", "label", "department"}
        if extra:
            raise ValueError(f"unknown place field(s): {', '.join(sorted(extra))}")
        return PlaceEntry(
            item["latitude"],
            item["longitude"],
            item.get("radius_km") or 0.0,
            item.get("label") or "",
            item.get("department"),
        )
    raise ValueError(f"invalid place entry: {item!r}")


def _string_tuple(value, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        raise ValueError(f"{key} must be a list of strings, not a string")
    return tuple(value)


def _language_pairs(value) -> tuple[tuple[str, str | None], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        return tuple(value.items())
    pairs = []
    for item in value:
        if isinstance(item, Mapping):
            pairs.append((item["code"], item.get("level")))
        else:
            code, level = item
            pairs.append((code, level))
    return tuple(pairs)


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


# --- storage ---------------------------------------------------------------------------------------


class _Buffer:
    """A growable 1-D array: appends are amortised O(1) and never touch elements already written."""

    __slots__ = ("array", "size")

    def __init__(self, dtype, values=None):
        self.array = np.empty(16, dtype=dtype)
        self.size = 0
        if values is not None:
            self.extend(values)

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=self.array.dtype)
        end = self.size + len(values)
        if end > len(self.array):
            grown = np.empty(max(end, 2 * len(self.array)), dtype=self.array.dtype)
            grown[: self.size] = self.array[: self.size]
            self.array = grown
        self.array[self.size : end] = values
        self.size = end

    def view(self) -> np.ndarray:
        return self.array[: self.size]

    def reset(self, values: np.ndarray) -> None:
        self.array = np.array(values, dtype=self.array.dtype)
        self.size = len(self.array)

    @property
    def nbytes(self) -> int:
        return self.size * self.array.itemsize


@dataclass(frozen=True, slots=True)
class Segments:
    """Read-only CSR view of a multi-valued field: row i owns entries indptr[i]:indptr[i+1].

    `rows` gives each entry's row, so per-row reductions cost what the matching entries cost
    (a bincount of the hits) instead of a prefix sum over every entry.
    """

    indptr: np.ndarray  # int32, n_rows + 1
    rows: np.ndarray  # int32, one per entry
    columns: Mapping[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    @property
    def counts(self) -> np.ndarray:
        return np.diff(self.indptr)

    def any(self, flags: np.ndarray) -> np.ndarray:
        """Per row: does any of its entries have `flags` true (flags: one bool per entry)."""
        hit = np.zeros(self.n_rows, dtype=bool)
        hit[self.rows[np.flatnonzero(flags)]] = True
        return hit

    def count(self, flags: np.ndarray) -> np.ndarray:
        """Per row: how many of its entries have `flags` true."""
        return np.bincount(self.rows[np.flatnonzero(flags)], minlength=self.n_rows)

    def scatter(self, flags: np.ndarray, values: np.ndarray, fill=0) -> np.ndarray:
        """Per row: the value of its flagged entry (`fill` if none; with several, one of them)."""
        entries = np.flatnonzero(flags)
        out = np.full(self.n_rows, fill, dtype=values.dtype)
        out[self.rows[entries]] = values[entries]
        return out

    def take(self, rows: np.ndarray) -> Segments:
        starts = self.indptr[rows]
        counts = self.indptr[rows + 1] - starts
        indptr = np.zeros(len(rows) + 1, dtype=self.indptr.dtype)
        np.cumsum(counts, out=indptr[1:])
        entries = np.repeat(starts - indptr[:-1], counts) + np.arange(indptr[-1])
        return Segments(
            indptr,
            np.repeat(np.arange(len(rows), dtype=np.int32), counts),
            {name: column[entries] for name, column in self.columns.items()},
        )

    @property
    def nbytes(self) -> int:
        return self.indptr.nbytes + self.rows.nbytes + sum(column.nbytes for column in self.columns.values())


class _SegmentStore:
    def __init__(self, spec: Mapping[str, type]):
        self.indptr = _Buffer(np.int32, [0])
        self.rows = _Buffer(np.int32)
        self.columns = {name: _Buffer(dtype) for name, dtype in spec.items()}

    def append(self, rows: list[list[tuple]]) -> None:
        counts = np.fromiter((len(entries) for entries in rows), dtype=np.int64, count=len(rows))
        first_row = self.indptr.size - 1
        if int(self.indptr.view()[-1]) + int(counts.sum()) >= 2**31:
            raise OverflowError("too many entries for int32 offsets")
        self.indptr.extend(self.indptr.view()[-1] + np.cumsum(counts))
        self.rows.extend(np.repeat(np.arange(first_row, first_row + len(rows), dtype=np.int32), counts))
        flat = [entry for entries in rows for entry in entries]
        for position, buffer in enumerate(self.columns.values()):
            buffer.extend([entry[position] for entry in flat])

    def snapshot(self, n_rows: int) -> Segments:
        indptr = self.indptr.array[: n_rows + 1]
        end = int(indptr[-1])
        return Segments(
            indptr, self.rows.array[:end], {name: buffer.array[:end] for name, buffer in self.columns.items()}
        )

    def keep(self, alive: np.ndarray) -> None:
        kept = self.snapshot(len(alive)).take(np.flatnonzero(alive))
        self.indptr.reset(kept.indptr)
        self.rows.reset(kept.rows)
        for name, buffer in self.columns.items():
            buffer.reset(kept.columns[name])

    @property
    def nbytes(self) -> int:
        return self.indptr.nbytes + self.rows.nbytes + sum(buffer.nbytes for buffer in self.columns.values())


class Vocabulary:
    """Append-only string -> id table; `labels` keeps the first display form met for each key."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.labels: list[str] = []

    def add(self, key: str, label: str | None = None) -> int:
        found = self.index.get(key)
        if found is not None:
            return found
        # Label first: a reader that finds the id in the index always finds its label.
        self.labels.append(label if label is not None else key)
        self.index[key] = len(self.labels) - 1
        return self.index[key]

    def get(self, key: str) -> int | None:
        return self.index.get(key)

    def __len__(self) -> int:
        return len(self.labels)


class TitleVocabulary(Vocabulary):
    """Normalised job titles indexed by trade and by concept word of the shared title vocabulary
    (portal.reference.title_vocabulary), and their best-known family.

    A title's trades and concept words are worked out once, when it is added; `similar` then only
    looks up the titles of the asked title's accepted trades (or sharing a concept word with it).
    """

    def __init__(self, thesaurus: TitleThesaurus | None = None):
        super().__init__()
        self.thesaurus = thesaurus or TitleThesaurus()
        self.tokens: list[frozenset[str]] = []
        self.by_token: dict[str, list[int]] = {}
        self.by_trade: dict[str, list[int]] = {}
        self.families: dict[str, str] = {}

    def add(self, key: str, label: str | None = None) -> int:
        before = len(self)
        title_id = super().add(key, label)
        if title_id == before:
            tokens = frozenset(self.thesaurus.concepts(key))
            self.tokens.append(tokens)
            for token in tokens:
                self.by_token.setdefault(token, []).append(title_id)
            for trade in self.thesaurus.trades_of(key):
                self.by_trade.setdefault(trade, []).append(title_id)
        return title_id

    def similar(self, key: str, threshold: float) -> dict[int, float]:
        """Titles close to `key` (`TitleThesaurus.closeness` at least `threshold`, > 0): those of its
        trade or a neighbouring one; for a title of no known trade, a concept-word Jaccard."""
        trades = self.thesaurus.trades_of(key)
        if trades:
            own = {title_id for trade in trades for title_id in self.by_trade.get(trade, ())}
            scores = dict.fromkeys(own, 1.0)
            for trade in self.thesaurus.accepted_trades(key) - trades:
                for title_id in self.by_trade.get(trade, ()):
                    scores.setdefault(title_id, TITLE_NEIGHBOUR_CLOSENESS)
        else:
            tokens = frozenset(self.thesaurus.concepts(key))
            candidates = {title_id for token in tokens for title_id in self.by_token.get(token, ())}
            scores = {title_id: jaccard(tokens, self.tokens[title_id]) for title_id in candidates}
        return {title_id: value for title_id, value in scores.items() if value >= threshold}


class SkillVocabulary(Vocabulary):
    """Normalised skills with their tokens, to find every held skill that contains an asked one.

    A held skill matches an asked one when it has all the asked key's tokens ("excel" in "excel tcd",
    "sage" in "sage 100"); the normaliser decides what a token is (see portal.reference.skills). The
    answer is computed once per asked key and extended as skills are added (the vocabulary is
    append-only), so a search costs nothing per distinct skill it has already seen.
    """

    def __init__(self):
        super().__init__()
        self.tokens: list[frozenset[str]] = []
        self.by_token: dict[str, list[int]] = {}
        self._containing: dict[str, tuple[int, frozenset[int]]] = {}

    def add(self, key: str, label: str | None = None) -> int:
        before = len(self)
        skill_id = super().add(key, label)
        if skill_id == before:
            tokens = frozenset(key.split())
            self.tokens.append(tokens)
            for token in tokens:
                self.by_token.setdefault(token, []).append(skill_id)
        return skill_id

    def containing(self, key: str) -> frozenset[int]:
        """Ids of the skills whose tokens include all of `key`'s (the skill itself included)."""
        asked = frozenset(key.split())
        if not asked:
            return frozenset()
        known = len(self.tokens)
        cached = self._containing.get(key)
        if cached is not None and cached[0] == known:
            return cached[1]
        seen, ids = (cached or (0, frozenset()))
        rarest = min(asked, key=lambda token: len(self.by_token.get(token, ())))
        postings = self.by_token.get(rarest, ())
        new = {i for i in postings if seen <= i < known and asked <= self.tokens[i]}
        ids = ids | new if new else ids
        if len(self._containing) > 4096:
            self._containing.clear()
        self._containing[key] = (known, ids)
        return ids


class FlagVocabulary(Vocabulary):
    """At most MAX_FLAGS values, each a bit of a uint16 mask (contract types, working times)."""

    def add(self, key: str, label: str | None = None) -> int:
        if key not in self.index and len(self) >= MAX_FLAGS:
            raise ValueError(f"more than {MAX_FLAGS} distinct values: {key!r}")
        return super().add(key, label)

    def bits(self, keys: Iterable[str]) -> int:
        value = 0
        for key in keys:
            flag = self.get(key)
            if flag is not None:
                value |= 1 << flag
        return value


@dataclass(frozen=True)
class FeatureArrays:
    """An immutable snapshot of a FeatureMatrix: what one scoring run reads.

    Later updates of the matrix never change a snapshot (rows are append-only and `alive` is copied),
    so a result and its explanations always describe the same data.
    """

    n_rows: int
    ids: np.ndarray  # int64
    alive: np.ndarray  # bool
    diploma: np.ndarray  # int8, 0 = not given
    total_years: np.ndarray  # float32, NaN = not given
    home_lat: np.ndarray  # float32 radians, NaN = not given
    home_lon: np.ndarray
    home_cos: np.ndarray
    home_department: np.ndarray  # int32 id, -1 = not given
    home_label: np.ndarray  # int32 id in place_labels, -1 = none
    contract_types: np.ndarray  # uint16 bitmask
    working_times: np.ndarray  # uint16 bitmask
    last_login: np.ndarray  # float64 timestamp, NaN = unknown
    updated: np.ndarray
    titles: Segments  # title, label, years, kind, family
    sectors: Segments  # sector
    places: Segments  # lat, lon, cos, radius, label, department
    departments: Segments  # department
    skills: Segments  # skill
    text_skills: Segments  # skill (ids in the same vocabulary), named only in free text
    languages: Segments  # language, level
    vocabularies: Vocabularies
    normalise_title: Callable[[str], str]
    normalise_skill: Callable[[str], str]

    def take(self, rows) -> FeatureArrays:
        """The same snapshot restricted to `rows` (row numbers of this snapshot), in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) and (rows.min() < 0 or rows.max() >= self.n_rows):
            raise IndexError("row out of range")
        values = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray):
                value = value[rows]
            elif isinstance(value, Segments):
                value = value.take(rows)
            values[item.name] = value
        values["n_rows"] = len(rows)
        return FeatureArrays(**values)

    @property
    def nbytes(self) -> int:
        total = 0
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray | Segments):
                total += value.nbytes
        return total


@dataclass(frozen=True)
class Vocabularies:
    titles: TitleVocabulary
    title_labels: Vocabulary
    families: Vocabulary
    sectors: Vocabulary
    divisions: Vocabulary
    sector_division: list[int]  # division id of each sector id
    departments: Vocabulary
    place_labels: Vocabulary
    skills: SkillVocabulary
    languages: Vocabulary
    contract_types: FlagVocabulary
    working_times: FlagVocabulary
    title_families: Mapping[str, str]  # injected vocabulary knowledge: title key -> family

    def family_of(self, key: str) -> str | None:
        return self.title_families.get(key) or self.titles.families.get(key)


_ROW_COLUMNS = {
    "ids": np.int64,
    "alive": np.bool_,
    "diploma": np.int8,
    "total_years": np.float32,
    "home_lat": np.float32,
    "home_lon": np.float32,
    "home_cos": np.float32,
    "home_department": np.int32,
    "home_label": np.int32,
    "contract_types": np.uint16,
    "working_times": np.uint16,
    "last_login": np.float64,
    "updated": np.float64,
}
_SEGMENTS = {
    "titles": {
        "title": np.int32,
        "label": np.int32,
        "years": np.float32,
        "kind": np.uint8,
        "family": np.int32,
    },
    "sectors": {"sector": np.int32},
    "places": {
        "lat": np.float32,
        "lon": np.float32,
        "cos": np.float32,
        "radius": np.float32,
        "label": np.int32,
        "department": np.int32,
    },
    "departments": {"department": np.int32},
    "skills": {"skill": np.int32},
    "text_skills": {"skill": np.int32},
    "languages": {"language": np.int32, "level": np.uint8},
}


class FeatureMatrix:
    """The matching features of all visible profiles, one row each, updatable in place.

    `normalise_title` maps a job title to its key (the search app supplies the French normaliser that
    merges genders and plurals); `normalise_skill` does the same for skills. `title_families` maps
    title keys to their family in the job-title vocabulary. Mutations and snapshots are serialised by
    a lock, so one process-wide matrix may be refreshed while requests score it.
    """

    def __init__(
        self,
        *,
        normalise_title: Callable[[str], str] = fold,
        normalise_skill: Callable[[str], str] = fold,
        title_families: Mapping[str, str] | None = None,
        compact_ratio: float = 0.25,
    ):
        self.normalise_title = functools.lru_cache(maxsize=65536)(normalise_title)
        self.normalise_skill = functools.lru_cache(maxsize=65536)(normalise_skill)
        self.compact_ratio = compact_ratio
        self.vocabularies = Vocabularies(
            titles=TitleVocabulary(TitleThesaurus(normalise_title)),
            title_labels=Vocabulary(),
            families=Vocabulary(),
            sectors=Vocabulary(),
            divisions=Vocabulary(),
            sector_division=[],
            departments=Vocabulary(),
            place_labels=Vocabulary(),
            skills=SkillVocabulary(),
            languages=Vocabulary(),
            contract_types=FlagVocabulary(),
            working_times=FlagVocabulary(),
            title_families=dict(title_families or {}),
        )
        self._lock = threading.RLock()
        self._columns = {name: _Buffer(dtype) for name, dtype in _ROW_COLUMNS.items()}
        self._segments = {name: _SegmentStore(spec) for name, spec in _SEGMENTS.items()}
        self._row_of: dict[int, int] = {}
        self._dead = 0

    @classmethod
    def build(cls, records: Iterable[CandidateFeatures | Mapping], **options) -> FeatureMatrix:
        matrix = cls(**options)
        matrix.upsert_many(records)
        return matrix

    # --- reading ---

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, profile_id: int) -> bool:
        return profile_id in self._row_of

    @property
    def n_rows(self) -> int:
        """Rows including tombstones (row numbers run from 0 to n_rows - 1)."""
        return self._columns["ids"].size

    @property
    def dead_rows(self) -> int:
        return self._dead

    def row_of(self, profile_id: int) -> int:
        return self._row_of[profile_id]

    def snapshot(self) -> FeatureArrays:
        with self._lock:
            n = self.n_rows
            columns = {name: buffer.array[:n] for name, buffer in self._columns.items()}
            columns["alive"] = columns["alive"].copy()
            segments = {name: store.snapshot(n) for name, store in self._segments.items()}
            return FeatureArrays(
                n_rows=n,
                **columns,
                **segments,
                vocabularies=self.vocabularies,
                normalise_title=self.normalise_title,
                normalise_skill=self.normalise_skill,
            )

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (used part; vocabularies and growth slack not counted)."""
        return sum(buffer.nbytes for buffer in self._columns.values()) + sum(
            store.nbytes for store in self._segments.values()
        )

    # --- persisting ---

    _VOCABULARIES = ("titles", "title_labels", "families", "sectors", "divisions", "departments", "place_labels",
                     "skills", "languages", "contract_types", "working_times")

    def state(self) -> dict[str, np.ndarray]:
        """Everything this matrix holds, as named arrays (copies), so that `from_state` gives the same
        matrix back; the vocabularies travel as one JSON string. For persisting it between processes."""
        with self._lock:
            arrays = {f"column.{name}": buffer.view().copy() for name, buffer in self._columns.items()}
            for name, store in self._segments.items():
                arrays[f"segment.{name}.indptr"] = store.indptr.view().copy()
                arrays[f"segment.{name}.rows"] = store.rows.view().copy()
                for column, buffer in store.columns.items():
                    arrays[f"segment.{name}.{column}"] = buffer.view().copy()
            v = self.vocabularies
            vocabularies = {name: [list(getattr(v, name).index), getattr(v, name).labels]
                            for name in self._VOCABULARIES}
            vocabularies["title_family_of"] = v.titles.families
            vocabularies["sector_division"] = v.sector_division
            vocabularies["title_families"] = dict(v.title_families)
            arrays["vocabularies"] = np.array(json.dumps(vocabularies, ensure_ascii=False))
        return arrays

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray], **options) -> FeatureMatrix:
        """The matrix `state()` described. `options` are the constructor's (normalisers, compaction);
        the title families are the saved ones, so that family ids stay those the arrays use."""
        vocabularies = json.loads(str(state["vocabularies"]))
        options.pop("title_families", None)
        matrix = cls(title_families=vocabularies["title_families"], **options)
        v = matrix.vocabularies
        for name in cls._VOCABULARIES:
            vocabulary = getattr(v, name)
            for key, label in zip(*vocabularies[name], strict=True):
                vocabulary.add(key, label)
        v.titles.families.update(vocabularies["title_family_of"])
        v.sector_division.extend(vocabularies["sector_division"])
        for name, buffer in matrix._columns.items():
            buffer.reset(state[f"column.{name}"])
        for name, store in matrix._segments.items():
            store.indptr.reset(state[f"segment.{name}.indptr"])
            store.rows.reset(state[f"segment.{name}.rows"])
            for column, buffer in store.columns.items():
                buffer.reset(state[f"segment.{name}.{column}"])
        alive = matrix._columns["alive"].view()
        ids = matrix._columns["ids"].view()
        rows = np.flatnonzero(alive)
        matrix._row_of = dict(zip(ids[rows].tolist(), rows.tolist(), strict=True))
        matrix._dead = int(len(alive) - len(rows))
        return matrix

    # --- writing ---

    def upsert(self, record: CandidateFeatures | Mapping) -> None:
        self.upsert_many([record])

    def upsert_many(self, records: Iterable[CandidateFeatures | Mapping]) -> None:
        """Adds or replaces profiles (the last record wins for a repeated id).

        Every record is validated before anything changes, so a bad record leaves the matrix as it was.
        """
        with self._lock:
            encoded = _without_gc(lambda: [self._encode(as_features(record)) for record in records])
            if not encoded:
                return
            start = self.n_rows
            alive = np.ones(len(encoded), dtype=bool)
            for offset, ((profile_id, *_scalars), *_entries) in enumerate(encoded):
                previous = self._row_of.get(profile_id)
                if previous is not None:
                    if previous >= start:
                        alive[previous - start] = False
                    else:
                        self._columns["alive"].array[previous] = False
                    self._dead += 1
                self._row_of[profile_id] = start + offset
            columns = list(zip(*(row[0] for row in encoded), strict=True))
            for (name, buffer), values in zip(self._columns.items(), columns, strict=True):
                buffer.extend(alive if name == "alive" else values)
            for position, store in enumerate(self._segments.values(), start=1):
                store.append([row[position] for row in encoded])
            self._maybe_compact()

    def remove(self, profile_id: int) -> bool:
        """Drops a profile (it becomes a tombstone until the next compaction). False if unknown."""
        with self._lock:
            row = self._row_of.pop(profile_id, None)
            if row is None:
                return False
            self._columns["alive"].array[row] = False
            self._dead += 1
            self._maybe_compact()
            return True

    def compact(self) -> None:
        """Rewrites the arrays without tombstones; row numbers change, snapshots already taken do not."""
        with self._lock:
            alive = self._columns["alive"].view().copy()
            for buffer in self._columns.values():
                buffer.reset(buffer.view()[alive])
            for store in self._segments.values():
                store.keep(alive)
            ids = self._columns["ids"].view()
            self._row_of = {int(profile_id): row for row, profile_id in enumerate(ids)}
            self._dead = 0

    def _maybe_compact(self) -> None:
        if self._dead and self._dead >= self.compact_ratio * self.n_rows:
            self.compact()

    # --- encoding ---

    def _encode(self, record: CandidateFeatures) -> tuple:
        """One record as (scalars, title entries, sector entries, ...) with vocabulary ids."""
        v = self.vocabularies
        profile_id = record.id
        if isinstance(profile_id, bool) or not isinstance(profile_id, int | np.integer):
            raise ValueError(f"profile id must be an integer, not {profile_id!r}")
        profile_id = int(profile_id)
        where = f"profile {profile_id}"

        titles = self._title_entries(record, where)
        years_given = _optional_number(record.total_years, f"{where}: total_years", 0.0, MAX_YEARS)
        if years_given is None:
            experience_years = [years for *_ids, years, kind, _family in titles if kind == EXPERIENCE]
            years_given = min(sum(experience_years), MAX_YEARS) if experience_years else None

        diploma = record.diploma_level
        if diploma is not None and (isinstance(diploma, bool) or diploma not in DIPLOMA_LEVELS):
            raise ValueError(f"{where}: diploma_level must be 3..8, not {diploma!r}")

        sectors = []
        for code in _unique(_clean_code(code, NAF_CODE, f"{where}: sector") for code in record.sectors):
            sector_id = v.sectors.add(code)
            if sector_id == len(v.sector_division):
                v.sector_division.append(v.divisions.add(code[:2]))
            sectors.append((sector_id,))

        places = []
        for place in record.desired_places:
            lat, lon = _coordinates(place.latitude, place.longitude, f"{where}: desired place")
            radius = _optional_number(place.radius_km, f"{where}: radius_km", 0.0, MAX_RADIUS_KM) or 0.0
            label = v.place_labels.add(place.label or f"{lat:.3f}, {lon:.3f}")
            department = -1
            if place.department is not None:
                department = v.departments.add(_clean_code(place.department, DEPARTMENT_CODE, where))
            places.append(
                (math.radians(lat), math.radians(lon), math.cos(math.radians(lat)), radius, label, department)
            )

        departments = [
            (v.departments.add(code),)
            for code in _unique(
                _clean_code(c, DEPARTMENT_CODE, f"{where}: department") for c in record.desired_departments
            )
        ]

        home_lat = home_lon = home_cos = math.nan
        if record.home_latitude is not None or record.home_longitude is not None:
            lat, lon = _coordinates(record.home_latitude, record.home_longitude, f"{where}: home")
            home_lat, home_lon, home_cos = math.radians(lat), math.radians(lon), math.cos(math.radians(lat))
        home_department = -1
        if record.home_department is not None:
            home_department = v.departments.add(_clean_code(record.home_department, DEPARTMENT_CODE, where))
        home_label = v.place_labels.add(record.home_label) if record.home_label else -1

        contract_types = _flags(v.contract_types, record.contract_types, f"{where}: contract_types")
        working_times = _flags(v.working_times, record.working_times, f"{where}: working_times")

        skills = self._skill_entries(record.skills, f"{where}: skills")
        listed = {skill_id for (skill_id,) in skills}
        text_skills = [entry for entry in self._skill_entries(record.text_skills, f"{where}: text_skills")
                       if entry[0] not in listed]

        languages = {}
        for code, level in record.languages:
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code.strip().lower()):
                raise ValueError(f"{where}: invalid language code {code!r}")
            rank = _cefr_rank(level, where)
            language_id = v.languages.add(code.strip().lower())
            languages[language_id] = max(rank, languages.get(language_id, 0))

        scalars = (
            profile_id,
            True,
            diploma or 0,
            math.nan if years_given is None else years_given,
            home_lat,
            home_lon,
            home_cos,
            home_department,
            home_label,
            contract_types,
            working_times,
            _timestamp(record.last_login, f"{where}: last_login"),
            _timestamp(record.updated, f"{where}: updated"),
        )
        return (
            scalars,
            titles,
            sectors,
            places,
            departments,
            skills,
            text_skills,
            sorted(languages.items()),
        )

    def _skill_entries(self, texts: Iterable[str], where: str) -> list[tuple[int]]:
        ids = []
        for text in texts:
            if not isinstance(text, str):
                raise ValueError(f"{where} must be strings")
            key = self.normalise_skill(text)
            if key:
                ids.append(self.vocabularies.skills.add(key, text.strip()))
        return [(skill_id,) for skill_id in _unique(ids)]

    def _title_entries(self, record: CandidateFeatures, where: str) -> list[tuple]:
        v = self.vocabularies
        merged: dict[tuple[int, int], list] = {}
        for kind, entries in ((EXPERIENCE, record.experiences), (DESIRED, record.desired_jobs)):
            for entry in entries:
                if not isinstance(entry, JobEntry) or not isinstance(entry.title, str):
                    raise ValueError(f"{where}: invalid job entry {entry!r}")
                key = self.normalise_title(entry.title)
                if not key:
                    continue
                years = _optional_number(entry.years, f"{where}: years", 0.0, MAX_YEARS) or 0.0
                family_name = (entry.family or "").strip() or v.title_families.get(key)
                if family_name:
                    v.titles.families.setdefault(key, family_name)
                title_id = v.titles.add(key, entry.title.strip())
                family = v.families.add(family_name) if family_name else -1
                label = v.title_labels.add(entry.title.strip())
                slot = merged.get((title_id, kind))
                if slot is None:
                    merged[(title_id, kind)] = [
                        title_id,
                        label,
                        years if kind == EXPERIENCE else 0.0,
                        kind,
                        family,
                    ]
                elif kind == EXPERIENCE:
                    # Two stints in the same job add up; the first wording and family are kept.
                    slot[2] = min(slot[2] + years, MAX_YEARS)
                    if slot[4] < 0:
                        slot[4] = family
        return [tuple(entry) for entry in merged.values()]


def _without_gc(work: Callable):
    """Runs `work` with the cyclic garbage collector paused: encoding allocates millions of small
    acyclic tuples, and each collection would walk the whole heap (it doubles a 100k-profile build)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return work()
    finally:
        if was_enabled:
            gc.enable()


def _unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


def _clean_code(value, pattern: re.Pattern, where: str) -> str:
    if not isinstance(value, str) or not pattern.match(value.strip().upper()):
        raise ValueError(f"{where}: invalid code {value!r}")
    return value.strip().upper()


def _flags(vocabulary: FlagVocabulary, values: Iterable[str], where: str) -> int:
    bits = 0
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: invalid value {value!r}")
        bits |= 1 << vocabulary.add(value.strip().upper())
    return bits


def _cefr_rank(level, where: str) -> int:
    if level is None or level == "":
        return 0
    if not isinstance(level, str) or level.strip().upper() not in CEFR_RANK:
        raise ValueError(f"{where}: invalid CEFR level {level!r}")
    return CEFR_RANK[level.strip().upper()]


def _optional_number(value, where: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    if type(value) is float and low <= value <= high:  # the common case, NaN excluded by the comparison
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{where} must be a number, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{where} must be between {low:g} and {high:g}, not {value!r}")
    return value


def _coordinates(latitude, longitude, where: str) -> tuple[float, float]:
    if latitude is None or longitude is None:
        raise ValueError(f"{where}: latitude and longitude go together")
    return (
        _optional_number(latitude, f"{where} latitude", -90.0, 90.0),
        _optional_number(longitude, f"{where} longitude", -180.0, 180.0),
    )


def _timestamp(value, where: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, datetime):
        return value.timestamp()
    return _optional_number(value, where, -1e12, 1e12)
