"""The judged evaluation set (`tests/data/relevance/`, format in its README), read and checked."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GRADES = range(0, 4)
FILES = ("profiles.jsonl", "offers.jsonl", "judgments.jsonl", "title_pairs.jsonl", "skill_variants.jsonl")


HOLDOUT = "holdout"


class RelevanceSetError(ValueError):
    """The set is missing a file or holds a line the report cannot use (English: a developer reads it)."""


@dataclass(frozen=True)
class Offer:
    ref: str
    family: str
    title: str
    job_titles: tuple[str, ...]
    min_years: float | None
    diploma_level: int | None
    sectors: tuple[str, ...]
    skills: tuple[str, ...]
    contract_type: str
    working_time: str
    commune: str | None
    radius_km: float | None
    languages: tuple[dict, ...]
    cvtheque_query: str
    grades: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TitlePair:
    asked: str
    held: str
    close: bool


@dataclass(frozen=True)
class SkillVariants:
    asked: str
    variants: tuple[str, ...]
    not_matching: tuple[str, ...]


@dataclass(frozen=True)
class RelevanceSet:
    directory: Path
    profiles: tuple[dict, ...]
    offers: tuple[Offer, ...]
    title_pairs: tuple[TitlePair, ...]
    skills: tuple[SkillVariants, ...]

    @property
    def pool(self) -> tuple[str, ...]:
        return tuple(profile["external_ref"] for profile in self.profiles)


def _lines(path: Path) -> Iterable[tuple[int, dict]]:
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RelevanceSetError(f"{path.name} line {number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(value, dict):
            raise RelevanceSetError(f"{path.name} line {number}: not a JSON object")
        yield number, value


def _offer(number: int, data: dict, grades: dict[str, int]) -> Offer:
    try:
        return Offer(
            ref=str(data["ref"]),
            family=str(data.get("family") or ""),
            title=str(data.get("title") or ""),
            job_titles=tuple(data.get("job_titles") or ()),
            min_years=data.get("min_years"),
            diploma_level=data.get("diploma_level"),
            sectors=tuple(data.get("sectors") or ()),
            skills=tuple(data.get("skills") or ()),
            contract_type=str(data.get("contract_type") or ""),
            working_time=str(data.get("working_time") or ""),
            commune=data.get("commune") or None,
            radius_km=data.get("radius_km"),
            languages=tuple(data.get("languages") or ()),
            cvtheque_query=str(data.get("cvtheque_query") or ""),
            grades=grades,
        )
    except KeyError as exc:
        raise RelevanceSetError(f"offers.jsonl line {number}: missing {exc.args[0]!r}") from exc


def load_set(directory: Path | str, *, offers: Iterable[str] | None = None) -> RelevanceSet:
    """The set in `directory`; with `offers`, only those offers (the pool stays whole)."""
    directory = Path(directory)
    if not (directory / "title_pairs.jsonl").is_file() and not (directory / "offers.jsonl").is_file():
        raise RelevanceSetError(f"{directory}: no relevance set here (expected {', '.join(FILES)})")
    profiles = tuple(data for _number, data in _lines(directory / "profiles.jsonl"))
    pool = {profile.get("external_ref") for profile in profiles}
    judgments: dict[str, dict[str, int]] = {}
    for number, data in _lines(directory / "judgments.jsonl"):
        grades = data.get("grades")
        if not isinstance(grades, dict):
            raise RelevanceSetError(f"judgments.jsonl line {number}: 'grades' must be an object")
        for ref, grade in grades.items():
            if ref not in pool:
                raise RelevanceSetError(f"judgments.jsonl line {number}: {ref!r} is not in profiles.jsonl")
            if isinstance(grade, bool) or grade not in GRADES:
                raise RelevanceSetError(f"judgments.jsonl line {number}: grade of {ref!r} must be 0..3")
        judgments[str(data.get("offer"))] = {ref: int(grade) for ref, grade in grades.items()}
    wanted = set(offers) if offers is not None else None
    loaded = []
    for number, data in _lines(directory / "offers.jsonl"):
        ref = str(data.get("ref"))
        if wanted is not None and ref not in wanted:
            continue
        if ref not in judgments:
            raise RelevanceSetError(f"offers.jsonl line {number}: offer {ref!r} has no judgments")
        loaded.append(_offer(number, data, judgments[ref]))
    if wanted is not None and wanted - {offer.ref for offer in loaded}:
        raise RelevanceSetError(f"unknown offers: {', '.join(sorted(wanted - {o.ref for o in loaded}))}")
    pairs, skills = _pairs_and_skills(directory)
    return RelevanceSet(directory, profiles, tuple(loaded), pairs, skills)


def _pairs_and_skills(directory: Path) -> tuple[tuple[TitlePair, ...], tuple[SkillVariants, ...]]:
    pairs = tuple(
        TitlePair(str(data["asked"]), str(data["held"]), bool(data["close"]))
        for _number, data in _lines(directory / "title_pairs.jsonl")
    )
    skills = tuple(
        SkillVariants(str(data["asked"]), tuple(data.get("variants") or ()), tuple(data.get("not") or ()))
        for _number, data in _lines(directory / "skill_variants.jsonl")
    )
    return pairs, skills


def load_holdout(directory: Path | str) -> RelevanceSet | None:
    """The held-out title pairs and skill variants of `directory/holdout/`, or None. They were written
    after the vocabularies, so they say whether those generalise; nobody tunes on them (README.md)."""
    holdout = Path(directory) / HOLDOUT
    if not (holdout / "title_pairs.jsonl").is_file():
        return None
    pairs, skills = _pairs_and_skills(holdout)
    return RelevanceSet(holdout, (), (), pairs, skills)
