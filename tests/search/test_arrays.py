"""The facet arrays' three ways of counting (rows of the result, rows outside it, a full scan) give
the same counts as counting profile by profile, for every layout of a dimension."""

import random
from collections import Counter
from datetime import datetime, timedelta

import numpy as np
import pytest
from django.utils import timezone

from search.backends.arrays import (
    _HEADER_DTYPE,
    Dim,
    DocArrays,
    Evaluator,
    Vocabulary,
    decode_records,
    month_number,
)
from search.backends.base import EngineQuery
from search.facets import FACETS_BY_KEY
from search.query import parse_query

N = 600


def _dim(values_per_row: list[list[int]], vocabulary: list[str]):
    rows = np.array([r for r, codes in enumerate(values_per_row) for _ in codes], dtype=np.int32)
    codes = np.array([c for codes in values_per_row for c in codes], dtype=np.int32)
    dim = Dim(rows=rows, codes=codes, values=vocabulary, index={v: i for i, v in enumerate(vocabulary)}, labels={})
    dim.prepare(len(values_per_row))
    return dim


@pytest.mark.parametrize("layout, size, per_row", [("single", 12, (0, 1)), ("bits", 40, (0, 4)), ("pairs", 90, (0, 6))])
@pytest.mark.parametrize("share", [0.02, 0.5, 0.97, 1.0])
def test_term_counts_by_rows_outside_and_scan_agree_with_brute_force(layout, size, per_row, share):
    rng = random.Random(f"{layout}{share}")
    values_per_row = [rng.sample(range(size), rng.randint(*per_row)) for _ in range(N)]
    vocabulary = [f"v{i}" for i in range(size)]
    dim = _dim(values_per_row, vocabulary)
    assert getattr(dim, layout if layout != "pairs" else "indptr") is not None
    if layout == "pairs":
        assert dim.single is None and dim.bits is None
    mask = np.array([rng.random() < share for _ in range(N)])
    expected = Counter(vocabulary[c] for r in np.flatnonzero(mask) for c in values_per_row[r])
    assert dim.count(mask) == dict(expected)
    assert dim.count(mask, rows=np.flatnonzero(mask)) == dict(expected)
    assert dim.count(mask, outside=np.flatnonzero(~mask)) == dict(expected)


@pytest.fixture
def arrays():
    """Arrays with random dates, availabilities (some unknown) and experience (some ongoing)."""
    rng = random.Random(11)
    now = timezone.now()
    today = timezone.localdate()
    floats = np.zeros((N, _HEADER_DTYPE["floats"].shape[0]))
    for row in range(N):
        ongoing = rng.random() < 0.4
        months = rng.randint(0, 200)
        floats[row] = (
            (now - timedelta(days=rng.randint(0, 800))).timestamp(),
            (now - timedelta(days=rng.randint(0, 500))).timestamp(),
            now.timestamp(),
            now.timestamp(),
            np.nan if rng.random() < 0.3 else float((today + timedelta(days=rng.randint(-10, 300))).toordinal()),
            float(months),
            # Indexed some months ago: ongoing experience has grown since.
            float(month_number(today) - rng.randint(0, 5) - months) if ongoing else np.nan,
        )
    header = np.zeros(N, dtype=_HEADER_DTYPE)
    header["floats"] = floats
    return decode_records("r", np.arange(1, N + 1), header, np.zeros(0, "<u4"), Vocabulary())


def _evaluator(arrays: DocArrays) -> Evaluator:
    now = timezone.now()
    query = EngineQuery(parsed=parse_query(""), now=now, today=timezone.localdate(now),
                        active_since=datetime(2000, 1, 1, tzinfo=now.tzinfo))
    return Evaluator(arrays, query)


@pytest.mark.parametrize("facet", ["last_login", "created", "availability", "experience"])
@pytest.mark.parametrize("share", [0.03, 0.6, 0.98])
def test_band_counts_by_rows_outside_and_scan_agree(arrays, facet, share):
    rng = random.Random(f"{facet}{share}")
    mask = np.array([rng.random() < share for _ in range(N)])
    evaluator = _evaluator(arrays)
    definition = FACETS_BY_KEY[facet]
    scan = evaluator.count_facet(definition, mask).counts
    assert evaluator.count_facet(definition, mask, rows=np.flatnonzero(mask)).counts == scan
    assert evaluator.count_facet(definition, mask, outside=np.flatnonzero(~mask)).counts == scan
    # And the scan itself, band by band, against the filter of that band.
    for band in definition.bands:
        selected = np.flatnonzero(mask & evaluator.facet_mask(definition, [band.value]))
        assert scan[band.value] == len(selected)
    assert sum(scan.values()) > 0


def test_a_mask_with_every_row_counts_from_the_totals(arrays):
    evaluator = _evaluator(arrays)
    mask = np.ones(N, dtype=bool)
    rows, outside = evaluator._few_rows(mask)
    assert rows is None and len(outside) == 0
    assert evaluator._few_rows(~mask)[1] is None and len(evaluator._few_rows(~mask)[0]) == 0
    for facet in ("last_login", "availability", "experience"):
        definition = FACETS_BY_KEY[facet]
        assert evaluator.count_facet(definition, mask, outside=outside).counts == \
            evaluator.count_facet(definition, mask).counts
