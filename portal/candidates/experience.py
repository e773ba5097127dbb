"""Years of experience from work periods: pure, so matching and search can call it on plain data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def experience_months(periods: Iterable[tuple[date, date | None]], *, today: date) -> int:
    """Months covered by the union of ``(start, end)`` periods, both months inclusive.

    An open period (``end`` None) runs to ``today``; what lies in the future is not counted, so a job
    that has not started yet adds nothing. Overlapping jobs (two part-time jobs at once) count once.
    """
    now = _month_index(today)
    spans = []
    for start, end in periods:
        if start is None:
            continue
        first = _month_index(start)
        last = min(_month_index(end) if end is not None else now, now)
        if last >= first:
            spans.append((first, last))
    spans.sort()
    total = 0
    current_first = current_last = None
    for first, last in spans:
        if current_last is not None and first <= current_last + 1:
            current_last = max(current_last, last)
            continue
        if current_last is not None:
            total += current_last - current_first + 1
        current_first, current_last = first, last
    if current_last is not None:
        total += current_last - current_first + 1
    return total


def years_of_experience(periods: Iterable[tuple[date, date | None]], *, today: date) -> float:
    """Years of non-overlapping experience, to one decimal (18 months -> 1.5)."""
    return round(experience_months(periods, today=today) / 12, 1)
