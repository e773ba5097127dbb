"""What a recruiter reads about each result: reference names instead of codes, the candidate's place,
and a few words on why the profile matched, all taken from the engine's explanations of the page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from portal.reference.models import Language, NafSector

from ..engine import ReferenceNames

NBSP = "\u00a0"
_MATCHED = frozenset({"found", "approximate"})
_ASKED_YEARS = re.compile(r" \(\d[^()]* demandés?\)$")
_SKILL_COUNT = re.compile(r"^\d+ sur \d+ : ")
_IN_CV = re.compile(r"^(.+) : trouvés? dans le CV$")
_DISTANCE = re.compile(r" : à (.+ km)$")
_DEPARTMENT = re.compile(r" \(\w{2,3}\)$")
# "7 ans" and "6 mois" stay on one line in the narrow profile column.
_DURATION_SPACE = re.compile(r"(?<=\d) (?=ans?\b|mois\b)")


def reference_names(criteria: Mapping) -> ReferenceNames:
    """Names of the languages and sectors an explanation of these criteria may show: one query each,
    and only for what the criteria ask (a candidate's sectors are shown only under a sectors criterion)."""
    languages = {}
    if criteria.get("languages"):
        languages = {code: name[:1].upper() + name[1:] for code, name in Language.objects.values_list("code", "name")}
    sectors = {}
    if criteria.get("sectors"):
        # Every sector, since the candidate's own are shown too; the NAF list is a few hundred rows.
        sectors = {code: label.strip() for code, label in NafSector.objects.values_list("code", "label")}
    return ReferenceNames(languages=languages, sectors=sectors)


def place_words(commune: str | None, explanations: Iterable) -> str:
    """ "Riom · 14 km": the home commune (never an address) and its distance to the searched place."""
    if not commune:
        return "—"
    home = next((e for e in explanations if e.criterion == "home_place"), None)
    distance = _DISTANCE.search(home.detail) if home is not None else None
    # Non-breaking spaces keep "13 km" and "moins d'1 km" whole in the narrow column.
    return f"{commune} · {distance[1].replace(' ', NBSP)}" if distance else commune


def _experience(detail: str) -> str:
    title, _, rest = detail.partition(" : ")
    if not rest:  # without asked titles: "5 ans d'expérience au total (2 ans demandés)"
        return _ASKED_YEARS.sub("", detail).replace(" au total", "")
    if rest.startswith("poste recherché"):
        return f"{title} (poste recherché)"
    return f"{title}, {_ASKED_YEARS.sub('', rest)}"


def _skills(detail: str) -> str:
    found, in_cv = "", ""
    for part in detail.split(" ; "):
        if _SKILL_COUNT.match(part):
            found = _SKILL_COUNT.sub("", part)
        elif match := _IN_CV.match(part):
            in_cv = f"{match[1]} (dans le CV)"
    return ", ".join(filter(None, (found, in_cv)))


def _place(explanations: Mapping) -> str:
    home = explanations.get("home_place")
    if home is not None and home.state_name in _MATCHED:
        return _DEPARTMENT.sub("", _DISTANCE.sub("", home.detail))
    desired = explanations.get("desired_places")
    if desired is not None and desired.state_name in _MATCHED:
        first = desired.detail.split(" ; ")[0]
        return "souhaite " + _DEPARTMENT.sub("", re.sub(r" \(rayon [^)]*\).*$", "", first))
    return ""


def why_words(explanations: Iterable) -> str:
    """ "Comptable, 5 ans · Sage, Excel · Clermont-Ferrand": the job, skills, place and languages the
    engine found (or found close) for this profile, in its own words; nothing for what it did not find."""
    by_name = {e.criterion: e for e in explanations}
    parts = []
    experience = by_name.get("experience")
    if experience is not None and experience.state_name in _MATCHED:
        parts.append(_experience(experience.detail))
    skills = by_name.get("skills")
    if skills is not None and skills.state_name in _MATCHED:
        parts.append(_skills(skills.detail))
    parts.append(_place(by_name))
    languages = by_name.get("languages")
    if languages is not None and languages.state_name == "found":
        parts.append(languages.detail.replace(" : ", " "))
    return _DURATION_SPACE.sub(NBSP, " · ".join(part for part in parts if part))
