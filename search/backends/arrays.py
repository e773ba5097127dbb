"""Facet codes of every indexed profile in numpy arrays: exact facet counts, filters, places and sorts.

The full-text engine answers one question, which profiles match the words (and in which order of
relevance); everything else is vectorised over these arrays, loaded once per process from the index
and reloaded when the index changes. Counting the facets of 100,000 profiles this way takes a few
milliseconds, exactly, over the whole result set, whatever its size.

Each document carries one packed record (``encode_record``): a fixed header (timestamps, experience,
one count per dimension) then the codes of its values, dimension after dimension. Codes index
append-only vocabularies stored with the index, so a reader decodes what the writer encoded.
"""

from __future__ import annotations

import math
import struct
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from ..choices import Sort
from ..documents import ProfileDocument
from ..facets import FACETS, FACETS_BY_KEY, NOT_SEEN, SEEN, Facet, FacetCounts, FacetKind
from .base import EngineQuery

# Dimensions of the packed record: the terms facets, then the place dimensions.
DIMS: tuple[str, ...] = (
    "contract_type",
    "working_time",
    "diploma",
    "sector",
    "language",
    "skill",
    "driving_licence",
    "department",
    "mobility",
    "commune",
    "desired_department",
    "geo_department",
)
FLOATS: tuple[str, ...] = (
    "last_active_at",
    "created_at",
    "updated_at",
    "listed_at",
    "available_on",
    "experience_months",
    "experience_anchor",
)
_HEADER = struct.Struct(f"<{len(FLOATS)}d{len(DIMS)}B")
HEADER_SIZE = _HEADER.size
_HEADER_DTYPE = np.dtype([("floats", "<f8", (len(FLOATS),)), ("counts", "u1", (len(DIMS),))])
MAX_VALUES_PER_DIM = 255
SECONDS_PER_DAY = 86400.0
# For each bit 0-7, the byte values that have it set.
_BYTES_WITH_BIT = [np.flatnonzero(np.arange(256) & (1 << bit)) for bit in range(8)]


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


class Vocabulary:
    """Append-only value lists per dimension; a value's code is its position."""

    def __init__(self, values: dict[str, list[str]] | None = None, labels: dict[str, dict[str, str]] | None = None):
        self.values: dict[str, list[str]] = {dim: list((values or {}).get(dim, [])) for dim in DIMS}
        self.index: dict[str, dict[str, int]] = {
            dim: {value: code for code, value in enumerate(self.values[dim])} for dim in DIMS
        }
        self.labels: dict[str, dict[str, str]] = {dim: dict((labels or {}).get(dim, {})) for dim in DIMS}
        self.dirty: set[str] = set()

    def code(self, dim: str, value: str) -> int:
        index = self.index[dim]
        code = index.get(value)
        if code is None:
            code = len(self.values[dim])
            self.values[dim].append(value)
            index[value] = code
            self.dirty.add(dim)
        return code

    def set_label(self, dim: str, value: str, label: str) -> None:
        if value not in self.labels[dim]:
            self.labels[dim][value] = label
            self.dirty.add(dim)


def _epoch(moment: datetime) -> float:
    return moment.timestamp()


def document_values(document: ProfileDocument) -> dict[str, list[str]]:
    values = {dim: document.facets.get(dim, []) for dim in DIMS}
    values["commune"] = document.communes
    values["desired_department"] = document.desired_departments
    values["geo_department"] = document.departments
    return values


def encode_record(document: ProfileDocument, vocabulary: Vocabulary) -> bytes:
    anchor = (
        float(month_number(document.indexed_on) - document.experience_months)
        if document.experience_ongoing
        else math.nan
    )
    floats = (
        _epoch(document.last_active_at),
        _epoch(document.created_at),
        _epoch(document.updated_at),
        _epoch(document.listed_at),
        float(document.available_on.toordinal()) if document.available_on else math.nan,
        float(document.experience_months),
        anchor,
    )
    codes = array("I")
    counts = []
    values = document_values(document)
    for dim in DIMS:
        dim_values = values[dim][:MAX_VALUES_PER_DIM]
        counts.append(len(dim_values))
        codes.extend(vocabulary.code(dim, value) for value in dim_values)
    for value, label in document.labels.get("skill", {}).items():
        vocabulary.set_label("skill", value, label)
    if codes.itemsize != 4:  # pragma: no cover - "I" is 4 bytes on every supported platform
        raise RuntimeError("unsigned int is not 4 bytes")
    return _HEADER.pack(*floats, *counts) + codes.tobytes()


@dataclass
class Dim:
    """Values of one dimension as (row, code) pairs: one pair per value of a profile.

    Two faster layouts are derived when they apply: `single` (one code per row, -1 for none) when
    no profile has two values, `bits` (one bit per code) when there are at most 64 codes.
    """

    rows: np.ndarray
    codes: np.ndarray
    values: list[str]
    index: dict[str, int]
    labels: dict[str, str]
    n: int = 0
    # Pairs are sorted by row: those of row r are [indptr[r], indptr[r + 1]).
    indptr: np.ndarray | None = None
    single: np.ndarray | None = None
    bits: np.ndarray | None = None
    _totals: np.ndarray | None = field(default=None, repr=False)

    def prepare(self, n: int) -> None:
        self.n = n
        per_row = np.bincount(self.rows, minlength=n)
        self.indptr = np.concatenate(([0], np.cumsum(per_row))).astype(np.int64)
        if not len(per_row) or per_row.max(initial=0) <= 1:
            self.single = np.full(n, -1, dtype=np.int32)
            self.single[self.rows] = self.codes
        elif len(self.values) <= 64:
            self.bits = np.zeros(n, dtype=np.uint64)
            np.bitwise_or.at(self.bits, self.rows, np.left_shift(np.uint64(1), self.codes.astype(np.uint64)))

    def any_of(self, wanted, n: int) -> np.ndarray:
        """Rows having at least one of the `wanted` values."""
        codes = [self.index[value] for value in wanted if value in self.index]
        if not codes:
            return np.zeros(n, dtype=bool)
        if self.single is not None:
            # The extra last slot answers for rows without a value (code -1).
            value_mask = np.zeros(len(self.values) + 1, dtype=bool)
            value_mask[codes] = True
            return value_mask[self.single]
        if self.bits is not None:
            wanted_bits = np.uint64(0)
            for code in codes:
                wanted_bits |= np.uint64(1) << np.uint64(code)
            return (self.bits & wanted_bits) != 0
        out = np.zeros(n, dtype=bool)
        value_mask = np.zeros(len(self.values), dtype=bool)
        value_mask[codes] = True
        out[self.rows[value_mask[self.codes]]] = True
        return out

    def count(self, mask: np.ndarray, rows: np.ndarray | None = None,
              outside: np.ndarray | None = None) -> dict[str, int]:
        """Profiles per value among the rows of `mask`; `rows`: the same rows, when few; `outside`:
        the rows not in it, when few (then everything minus them is counted)."""
        if rows is not None:
            counts = self._counts_of_rows(rows)
        elif outside is not None:
            counts = self.totals() - self._counts_of_rows(outside)
        elif self.single is not None or self.bits is not None:
            counts = self._counts_of_rows(mask)
        else:
            counts = np.bincount(self.codes[mask[self.rows]], minlength=len(self.values))
        return {self.values[code]: int(counts[code]) for code in np.flatnonzero(counts)}

    def totals(self) -> np.ndarray:
        """Profiles per value over every row (computed once: the arrays never change)."""
        if self._totals is None:
            self._totals = self._counts_of_rows(slice(None))
        return self._totals

    def _counts_of_rows(self, rows) -> np.ndarray:
        """Counts per code over `rows` (indices, a boolean mask or a slice)."""
        size = len(self.values)
        if self.single is not None:
            return np.bincount(self.single[rows] + 1, minlength=size + 1)[1:]
        if self.bits is not None:
            chosen = self.bits[rows]
            counts = np.zeros(size, dtype=np.int64)
            # A histogram of each byte of the bit sets, then bits counted per byte value: a few passes
            # whatever the number of values.
            as_bytes = np.asarray(chosen, dtype="<u8").view(np.uint8).reshape(-1, 8)
            for byte in range((size + 7) // 8):
                histogram = np.bincount(as_bytes[:, byte], minlength=256)
                for bit in range(min(8, size - byte * 8)):
                    counts[byte * 8 + bit] = histogram[_BYTES_WITH_BIT[bit]].sum()
            return counts
        if isinstance(rows, slice):
            return np.bincount(self.codes, minlength=size)
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        return np.bincount(self.codes[offsets], minlength=size)


@dataclass
class DocArrays:
    revision: object
    docids: np.ndarray
    floats: dict[str, np.ndarray]
    dims: dict[str, Dim] = field(default_factory=dict)
    # docid -> row (-1: not indexed); docids are profile keys, dense enough for a lookup table.
    row_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _sorted: dict[tuple[str, str | None], tuple[np.ndarray, int]] = field(default_factory=dict, repr=False)
    # The index's most frequent words (word -> bit) and, per row, the bits of those it holds.
    hot_words: dict[str, int] = field(default_factory=dict)
    hot: np.ndarray | None = None

    def set_hot_words(self, words: list[str], docids: np.ndarray, bits: np.ndarray) -> None:
        hot = np.zeros(self.size, dtype=np.uint64)
        rows = self._lookup(docids.astype(np.int64))
        hot[rows[rows >= 0]] = bits[rows >= 0]
        self.hot, self.hot_words = hot, {word: bit for bit, word in enumerate(words)}

    def hot_mask(self, words) -> np.ndarray:
        """Rows holding at least one of `words` (all of them hot words)."""
        wanted = np.uint64(0)
        for word in words:
            wanted |= np.uint64(1) << np.uint64(self.hot_words[word])
        return (self.hot & wanted) != 0

    @property
    def size(self) -> int:
        return len(self.docids)

    def _lookup(self, docids) -> np.ndarray:
        docids = np.asarray(docids, dtype=np.int64)
        inside = (docids >= 0) & (docids < len(self.row_of))
        rows = np.full(len(docids), -1, dtype=np.int64)
        rows[inside] = self.row_of[docids[inside]]
        return rows

    def rows_of(self, docids) -> np.ndarray:
        """Rows of the given document ids, in the same order; ids not in the arrays are dropped."""
        rows = self._lookup(docids)
        return rows[rows >= 0]

    def rows_and_positions(self, docids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the ids found in the arrays, and their positions in `docids` (order kept)."""
        rows = self._lookup(docids)
        found = np.flatnonzero(rows >= 0)
        return rows[found], found

    def mask_of(self, docids) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.rows_of(np.fromiter(docids, dtype=np.int64))] = True
        return mask

    def sorted(self, name: str, *, where_no: str | None = None) -> tuple[np.ndarray, int]:
        """The values of a float column that are not NaN, ascending, and how many are NaN; with
        `where_no`, only the rows where that other column is NaN. Computed once per arrays."""
        key = (name, where_no)
        cached = self._sorted.get(key)
        if cached is None:
            values = self.floats[name]
            if where_no is not None:
                values = values[np.isnan(self.floats[where_no])]
            missing = np.isnan(values)
            cached = (np.sort(values[~missing]), int(np.count_nonzero(missing)))
            self._sorted[key] = cached
        return cached

    def mask_of_sorted(self, docids: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.rows_of(docids)] = True
        return mask


def decode_records(revision, docids: np.ndarray, headers: np.ndarray, codes: np.ndarray,
                   vocabulary: Vocabulary) -> DocArrays:
    """Arrays for every document from their headers and codes (docids ascending), all vectorised."""
    n = len(docids)
    counts = headers["counts"].astype(np.int64) if n else np.zeros((0, len(DIMS)), dtype=np.int64)
    floats_matrix = headers["floats"] if n else np.zeros((0, len(FLOATS)))
    entry_rows = np.repeat(np.arange(n, dtype=np.int32), counts.sum(axis=1))
    entry_dims = np.repeat(np.tile(np.arange(len(DIMS), dtype=np.int8), n), counts.ravel())
    codes = codes.astype(np.int32)
    arrays = DocArrays(
        revision=revision,
        docids=np.asarray(docids, dtype=np.int64),
        floats={name: np.ascontiguousarray(floats_matrix[:, i]) for i, name in enumerate(FLOATS)},
    )
    for position, dim in enumerate(DIMS):
        selected = entry_dims == position
        arrays.dims[dim] = Dim(
            rows=entry_rows[selected],
            codes=codes[selected],
            values=vocabulary.values[dim],
            index=vocabulary.index[dim],
            labels=vocabulary.labels[dim],
        )
        arrays.dims[dim].prepare(n)
    if n:
        arrays.row_of = np.full(int(arrays.docids[-1]) + 1, -1, dtype=np.int32)
        arrays.row_of[arrays.docids] = np.arange(n, dtype=np.int32)
    return arrays


# --- Query evaluation ------------------------------------------------------------------------------------------


def experience_months_now(arrays: DocArrays, today: date, rows=slice(None)) -> np.ndarray:
    anchor = arrays.floats["experience_anchor"][rows]
    months = arrays.floats["experience_months"][rows]
    return np.where(np.isnan(anchor), months, month_number(today) - anchor)


def page_facts(arrays: DocArrays, rows: np.ndarray, today: date) -> list[dict]:
    """Experience (months, today) and highest diploma of the given rows, for the result cards."""
    if not len(rows):
        return []
    anchor = arrays.floats["experience_anchor"][rows]
    months = np.where(np.isnan(anchor), arrays.floats["experience_months"][rows], month_number(today) - anchor)
    diploma = arrays.dims["diploma"]
    codes = diploma.single[rows] if diploma.single is not None else np.full(len(rows), -1)
    return [
        {"experience_months": int(m), "diploma": diploma.values[c] if c >= 0 else None}
        for m, c in zip(months.tolist(), codes.tolist(), strict=True)
    ]


class Evaluator:
    """Filters, facet counts and ordering of one query over the arrays."""

    def __init__(self, arrays: DocArrays, query: EngineQuery):
        self.arrays = arrays
        self.query = query
        self.n = arrays.size
        self._now = query.now.timestamp()
        self._today = float(query.today.toordinal())
        self._experience: np.ndarray | None = None
        self._company_masks: dict[tuple[str, str], np.ndarray] = {}

    # -- masks ----------------------------------------------------------------------------------
    def base_mask(self, text_mask: np.ndarray | None) -> np.ndarray:
        """Word matches, still active (2-year rule), in the chosen places; alerts: newly listed."""
        query = self.query
        mask = self.arrays.floats["last_active_at"] >= query.active_since.timestamp()
        if text_mask is not None:
            mask &= text_mask
        places = self.place_mask()
        if places is not None:
            mask &= places
        if query.listed_after is not None:
            mask &= self.arrays.floats["listed_at"] > query.listed_after.timestamp()
        if query.exclude_ids:
            mask &= ~self.arrays.mask_of(query.exclude_ids)
        return mask

    def place_mask(self) -> np.ndarray | None:
        query = self.query
        if not query.places and not query.departments:
            return None
        dims = self.arrays.dims
        communes: set[str] = set()
        touched: set[str] = set()
        for place in query.places:
            communes |= place.communes
            touched |= place.departments
        mask = dims["commune"].any_of(communes, self.n)
        mask |= dims["desired_department"].any_of(touched, self.n)
        mask |= dims["geo_department"].any_of(query.departments, self.n)
        return mask

    def company_mask(self, facet: str, value: str) -> np.ndarray:
        key = (facet, value)
        if key not in self._company_masks:
            sets = self.query.company_sets.get(facet, {})
            if facet == "historique" and value == NOT_SEEN:
                self._company_masks[key] = ~self.company_mask(facet, SEEN)
            else:
                self._company_masks[key] = self.arrays.mask_of(sets.get(value, ()))
        return self._company_masks[key]

    def experience(self) -> np.ndarray:
        if self._experience is None:
            self._experience = experience_months_now(self.arrays, self.query.today)
        return self._experience

    def facet_mask(self, facet: Facet, selected: list[str]) -> np.ndarray:
        arrays = self.arrays
        if facet.kind == FacetKind.TERMS:
            return arrays.dims[facet.key].any_of(selected, self.n)
        mask = np.zeros(self.n, dtype=bool)
        if facet.kind == FacetKind.COMPANY:
            for value in selected:
                mask |= self.company_mask(facet.key, value)
            return mask
        bands = [band for band in facet.bands if band.value in selected]
        if facet.kind == FacetKind.SINCE:
            days = max(band.days for band in bands)
            return arrays.floats[facet.field] >= self._now - days * SECONDS_PER_DAY
        if facet.kind == FacetKind.UNTIL:
            days = arrays.floats[facet.field]
            within = [band.days for band in bands if band.days is not None]
            if within:
                mask |= days <= self._today + max(within)
            if any(band.days is None for band in bands):
                mask |= np.isnan(days)
            return mask
        months = self.experience()
        for band in bands:
            band_mask = months >= band.low
            if band.high is not None:
                band_mask &= months < band.high
            mask |= band_mask
        return mask

    # -- counts ---------------------------------------------------------------------------------
    def count_facet(self, facet: Facet, mask: np.ndarray, rows: np.ndarray | None = None,
                    outside: np.ndarray | None = None) -> FacetCounts:
        """Counts of one facet over `mask`. When given, `rows` are the rows of the mask (few) or
        `outside` the rows not in it (few): every row is counted once per arrays (`DocArrays.sorted`),
        then the rows outside subtracted."""
        arrays = self.arrays
        if facet.kind == FacetKind.TERMS:
            dim = arrays.dims[facet.key]
            counts = dim.count(mask, rows, outside)
            return FacetCounts(counts=counts, labels={v: dim.labels[v] for v in counts if v in dim.labels})
        if facet.kind == FacetKind.COMPANY:
            total = int(np.count_nonzero(mask))
            counts = {}
            for value in facet.values:
                if facet.key == "historique" and value == NOT_SEEN:
                    continue
                counts[value] = int(np.count_nonzero(mask & self.company_mask(facet.key, value)))
            if facet.key == "historique":
                counts[NOT_SEEN] = total - counts[SEEN]
            return FacetCounts(counts=counts)
        chosen = outside if outside is not None else (rows if rows is not None else mask)
        sign = -1 if outside is not None else 1
        if facet.kind == FacetKind.SINCE:
            moments = arrays.floats[facet.field][chosen]
            counts = {}
            for band in facet.bands:
                since = self._now - band.days * SECONDS_PER_DAY
                count = sign * int(np.count_nonzero(moments >= since))
                if outside is not None:
                    ordered, _missing = arrays.sorted(facet.field)
                    count += len(ordered) - int(np.searchsorted(ordered, since, side="left"))
                counts[band.value] = count
            return FacetCounts(counts=counts)
        if facet.kind == FacetKind.UNTIL:
            days = arrays.floats[facet.field][chosen]
            counts = {}
            for band in facet.bands:
                if band.days is None:
                    count = sign * int(np.count_nonzero(np.isnan(days)))
                    if outside is not None:
                        count += arrays.sorted(facet.field)[1]
                else:
                    count = sign * int(np.count_nonzero(days <= self._today + band.days))
                    if outside is not None:
                        ordered, _missing = arrays.sorted(facet.field)
                        count += int(np.searchsorted(ordered, self._today + band.days, side="right"))
                counts[band.value] = count
            return FacetCounts(counts=counts)
        if outside is None and rows is None:
            months = self.experience()[mask]
        else:
            months = experience_months_now(arrays, self.query.today, chosen)
        counts = {}
        for band in facet.bands:
            band_mask = months >= band.low
            if band.high is not None:
                band_mask &= months < band.high
            count = sign * int(np.count_nonzero(band_mask))
            if outside is not None:
                count += self._all_with_experience(band.low) - (
                    self._all_with_experience(band.high) if band.high is not None else 0
                )
            counts[band.value] = count
        return FacetCounts(counts=counts)

    def _all_with_experience(self, months: float) -> int:
        """Rows with at least `months` of experience today, over every row."""
        finished, _ = self.arrays.sorted("experience_months", where_no="experience_anchor")
        anchors, _ = self.arrays.sorted("experience_anchor")
        # An ongoing job started at `anchor` (month number) gives month_number(today) - anchor months.
        return (len(finished) - int(np.searchsorted(finished, months, side="left"))
                + int(np.searchsorted(anchors, month_number(self.query.today) - months, side="right")))

    def run(self, text_mask: np.ndarray | None) -> tuple[np.ndarray, dict[str, FacetCounts]]:
        """The final mask and the facet counts (each facet counted without its own selection)."""
        base = self.base_mask(text_mask)
        active: dict[str, np.ndarray] = {}
        for key, selected in self.query.filters.items():
            facet = FACETS_BY_KEY.get(key)
            if facet is not None and selected:
                active[key] = self.facet_mask(facet, selected)
        final = base.copy()
        for mask in active.values():
            final &= mask
        counts: dict[str, FacetCounts] = {}
        if self.query.with_facets:
            final_rows = self._few_rows(final)
            for facet in FACETS:
                if facet.key in active:
                    mask = base.copy()
                    for other, other_mask in active.items():
                        if other != facet.key:
                            mask &= other_mask
                    rows, outside = self._few_rows(mask)
                else:
                    mask, (rows, outside) = final, final_rows
                counts[facet.key] = self.count_facet(facet, mask, rows, outside)
        return final, counts

    def _few_rows(self, mask: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(rows of the mask, None) when it holds at most half the rows, else (None, rows outside it):
        gathering the values of the smaller side beats scanning every value (measured: 2 to 5 times
        faster for every layout, at every share of the rows)."""
        if int(np.count_nonzero(mask)) * 2 <= self.n:
            return np.flatnonzero(mask), None
        return None, np.flatnonzero(~mask)

    # -- order ----------------------------------------------------------------------------------
    def page_by_date(self, final: np.ndarray, field_name: str) -> np.ndarray:
        """Rows of the requested page, newest first, ties broken by id (stable across pages)."""
        rows = np.flatnonzero(final)
        wanted = self.query.offset + self.query.limit
        if not len(rows) or self.query.offset >= len(rows):
            return np.zeros(0, dtype=np.int64)
        keys = self.arrays.floats[field_name][rows]
        if len(rows) > wanted:
            threshold = np.partition(keys, len(keys) - wanted)[len(keys) - wanted]
            keep = keys >= threshold
            rows, keys = rows[keep], keys[keep]
        order = np.lexsort((-self.arrays.docids[rows], -keys))
        return rows[order][self.query.offset : wanted]


SORT_FIELDS = {
    Sort.LAST_LOGIN: "last_active_at",
    Sort.CREATED: "created_at",
    Sort.UPDATED: "updated_at",
    # Without words to rank by, "pertinence" shows the most recently active first.
    Sort.RELEVANCE: "last_active_at",
}
