"""Criteria from an offer's text (typed, or a TXT / PDF / DOCX / ODT file of at most 2 MB).

The result is a criteria mapping (the keys of a criteria file) that the recruiter corrects before the
search runs, so extraction favours precision: a criterion it is unsure of is left empty.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from portal.candidates.cv import clean_text, detect_format, extract_text
from portal.candidates.selectors import visible_profiles
from portal.reference.job_titles import JOB_TITLES
from portal.reference.models import Commune, JobTitle, Language
from portal.reference.selectors import commune_resolve
from portal.reference.text import fold
from search.text import normalize_text, normalize_title

from .choices import MAX_OFFER_FILE_BYTES, MAX_OFFER_TEXT_CHARS

ACCEPTED_FORMATS = "PDF, DOCX, ODT ou TXT, 2 Mo au plus"
MAX_TITLES = 3
MAX_NGRAM = 8

# A handful of skills offers often name that candidates rarely list word for word.
BASE_SKILLS = (
    "Excel", "Word", "PowerPoint", "SAP", "Power BI", "SQL", "Python", "Java", "JavaScript", "PHP",
    "Sage", "Cegid", "AutoCAD", "SolidWorks", "Photoshop", "Salesforce", "Git", "Linux", "Docker",
    "Comptabilité analytique", "Contrôle de gestion", "Reporting", "Gestion de projet", "Management",
    "Négociation", "Prospection", "Relation client", "Permis B", "CACES", "Soudure", "Habilitation électrique",
    "HACCP", "Paie", "Fiscalité", "Consolidation", "Budget", "Anglais technique",
)

_CONTRACTS = (
    ("CDI", r"\bcdi\b|contrat a duree indeterminee"),
    ("CDD", r"\bcdd\b|contrat a duree determinee"),
    ("INTERIM", r"\binterim\b|\bmission d interim\b|\btravail temporaire\b"),
    ("ALTERNANCE", r"\balternance\b|\bapprentissage\b|contrat de professionnalisation"),
    ("STAGE", r"\bstage\b|\bstagiaire\b"),
    ("INDEPENDANT", r"\bfreelance\b|\bindependant\b|\bauto entrepreneur\b"),
)
_FULL_TIME = re.compile(r"\btemps (?:plein|complet)\b|\b35 ?h\b|\b39 ?h\b")
_PART_TIME = re.compile(r"\btemps partiel\b|\bmi temps\b")

# The patterns below run on the folded text (lower case, no accents, apostrophes and hyphens as spaces).
_DIPLOMAS = (
    (r"\bbac ?\+ ?8\b|\bdoctorat\b|\bphd\b", 8),
    (r"\bbac ?\+ ?[5-6]\b|\bmaster\b|\bdiplome d ingenieur\b|\becole d ingenieurs?\b|\becole de commerce\b|\bmba\b|\bdess\b|\bdea\b", 7),
    (r"\bbac ?\+ ?[34]\b|\blicence(?: pro(?:fessionnelle)?)?\b|\bbachelor\b|\bbut [a-z]{2,5}\b", 6),
    (r"\bbac ?\+ ?2\b|\bbts\b|\bdut\b|\bdeug\b", 5),
    (r"\bbac(?:calaureat)?\b(?! ?\+)|\bbac pro\b|\bbp\b", 4),
    (r"\bcap\b|\bbep\b", 3),
)
_YEARS = re.compile(
    r"(?:(\d{1,2}) ?(?:a|-) ?\d{1,2}|(\d{1,2}))\s*(?:\+\s*)?ans?\s+(?:minimum\s+)?(?:d ?experience|d ?exp\b|minimum|d anciennete)"
    r"|experience\s+(?:\w+\s+){0,4}?(?:de|d au moins|minimum(?: de)?)\s+(\d{1,2})\s*ans?"
)
_LEVELS = re.compile(r"\b([abc][12])\b")
_LEVEL_WORDS = (
    ("bilingue", "C2"), ("langue maternelle", "C2"), ("courant", "C1"), ("professionnel", "B2"),
    ("operationnel", "B2"), ("intermediaire", "B1"), ("scolaire", "A2"), ("notions", "A2"),
)
_PLACE_LINE = re.compile(
    r"^\s*(?:lieu(?: de travail)?|localisation|poste bas[ée]e? (?:à|a|sur)|bas[ée]e? (?:à|a|sur)|ville)\s*:?\s*(.+)$",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b(\d{5})\b")
_COMMUNE_WITH_DEPARTMENT = re.compile(r"([A-ZÀ-Ý][\w\-' ]{1,60}?)\s*\((\d{2}|2[AB]|97\d)\)")


@dataclass(frozen=True)
class _Phrases:
    """Phrase vocabulary as token tuples (longest first wins)."""

    by_tokens: dict[tuple[str, ...], str]

    def find(self, tokens: list[str], limit: int | None = None) -> list[str]:
        found, i = [], 0
        while i < len(tokens):
            for size in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
                label = self.by_tokens.get(tuple(tokens[i : i + size]))
                if label is not None:
                    if label not in found:
                        found.append(label)
                    i += size
                    break
            else:
                i += 1
            if limit is not None and len(found) >= limit:
                break
        return found


def _phrases(labels: Iterable[tuple[str, str]], normalise) -> _Phrases:
    by_tokens = {}
    for wording, label in labels:
        tokens = tuple(normalise(wording))
        if tokens:
            by_tokens.setdefault(tokens, label)
    return _Phrases(by_tokens)


_cache: dict[str, _Phrases] = {}
_cache_lock = threading.Lock()


def _title_phrases() -> _Phrases:
    with _cache_lock:
        if "titles" not in _cache:
            pairs = [pair for titles in JOB_TITLES.values() for pair in titles]
            pairs.extend(JobTitle.objects.values_list("masculine", "feminine"))
            labels = [(wording, masculine) for masculine, feminine in pairs for wording in (masculine, feminine)]
            _cache["titles"] = _phrases(labels, normalize_title)
        return _cache["titles"]


def skill_vocabulary() -> list[str]:
    """The skills candidates list in their profiles, plus a few common ones."""
    skills = {fold(skill): skill for skill in BASE_SKILLS}
    for values in visible_profiles().exclude(skills=[]).values_list("skills", flat=True).iterator(chunk_size=2000):
        for skill in values or ():
            skill = str(skill).strip()
            if 2 <= len(skill) <= 60:
                skills.setdefault(fold(skill), skill)
    return sorted(skills.values(), key=fold)


def _skill_phrases() -> _Phrases:
    with _cache_lock:
        if "skills" not in _cache:
            _cache["skills"] = _phrases(((skill, skill) for skill in skill_vocabulary()), normalize_text)
        return _cache["skills"]


def reset_vocabularies() -> None:
    with _cache_lock:
        _cache.clear()


def _job_titles(lines: list[str]) -> list[str]:
    phrases = _title_phrases()
    found = []
    # The offer's heading names the job; the body is searched only when the heading did not.
    for line in lines[:5]:
        for label in phrases.find(normalize_title(line)):
            if label not in found:
                found.append(label)
    if not found:
        found = phrases.find(normalize_title("\n".join(lines)), limit=MAX_TITLES)
    return found[:MAX_TITLES]


def _contract_types(folded: str) -> list[str]:
    return [code for code, pattern in _CONTRACTS if re.search(pattern, folded)]


def _working_time(folded: str) -> str | None:
    full, part = bool(_FULL_TIME.search(folded)), bool(_PART_TIME.search(folded))
    if full == part:
        return None  # neither, or both offered: not a criterion
    return "FULL_TIME" if full else "PART_TIME"


def _diploma_level(folded: str) -> int | None:
    levels = [level for pattern, level in _DIPLOMAS if re.search(pattern, folded)]
    return min(levels) if levels else None  # the lowest level the offer accepts


def _min_years(folded: str) -> int | None:
    values = [int(next(group for group in match.groups() if group)) for match in _YEARS.finditer(folded)]
    values = [value for value in values if 0 < value <= 40]
    return min(values) if values else None


def _commune(text: str, lines: list[str]) -> Commune | None:
    candidates = []
    for line in lines:
        match = _PLACE_LINE.match(line)
        if match:
            candidates.append(match.group(1).strip())
    candidates.extend(f"{name.strip()} ({dept})" for name, dept in _COMMUNE_WITH_DEPARTMENT.findall(text))
    candidates.extend(_POSTCODE.findall(text))
    for candidate in candidates:
        postcode = _POSTCODE.search(candidate)
        queries = [postcode.group(1)] if postcode else []
        queries.append(_POSTCODE.sub("", candidate).strip(" ,-"))
        for query in queries:
            if not query:
                continue
            communes = commune_resolve(query[:100], typed=True)
            if len(communes) == 1:
                return communes[0]
    return None


def _languages(folded: str) -> list[dict]:
    names = {fold(name): code for code, name in Language.objects.values_list("code", "name")}
    if not names:
        return []
    results = []
    for sentence in re.split(r"[\n.;]", folded):
        for name, code in names.items():
            if len(name) < 4 or not re.search(rf"\b{re.escape(name)}\b", sentence):
                continue
            if name == "francais":
                continue  # every offer here is written in French: not a distinguishing criterion
            level = None
            explicit = _LEVELS.search(sentence)
            if explicit:
                level = explicit.group(1).upper()
            else:
                level = next((value for word, value in _LEVEL_WORDS if word in sentence), None)
            if all(item["code"] != code for item in results):
                results.append({"code": code, "level": level})
    return results


def criteria_from_text(text: str) -> dict:
    """The criteria an offer's text states (keys of a criteria file; absent = not stated)."""
    text = clean_text(text or "")[:MAX_OFFER_TEXT_CHARS]
    if not text.strip():
        raise ValidationError("Le texte de l'offre est vide.", code="empty")
    lines = [line for line in text.splitlines() if line.strip()]
    folded = "\n".join(fold(line) for line in lines)
    commune = _commune(text, lines)
    criteria = {
        "job_titles": _job_titles(lines),
        "min_years": _min_years(folded),
        "diploma_level": _diploma_level(folded),
        "commune": commune.pk if commune else None,
        "contract_types": _contract_types(folded),
        "working_time": _working_time(folded),
        "skills": _skill_phrases().find(normalize_text(text)),
        "languages": _languages(folded),
    }
    return {key: value for key, value in criteria.items() if value not in (None, [], "")}


_FORMAT_NAMES = {"pdf": "un PDF", "docx": "un document Word (DOCX)", "odt": "un document OpenDocument (ODT)",
                 "txt": "un texte"}


def _extension(name: str) -> str:
    stem, dot, extension = (name or "").rpartition(".")
    return extension.lower() if dot and stem else ""


def text_from_file(data: bytes, name: str = "") -> str:
    """The text of an offer file: PDF, DOCX or ODT by content, else UTF-8 (or Latin-1) plain text.

    A file whose content is not what its name says (a text renamed "offre.pdf", a picture renamed
    "offre.docx") is refused, in French, rather than read as something else.
    """
    extension = _extension(name)
    if extension and extension not in _FORMAT_NAMES:
        raise ValidationError(
            f"Les fichiers .{extension[:10]} ne sont pas pris en charge. Formats acceptés : {ACCEPTED_FORMATS}.",
            code="unknown_format",
        )
    if not data:
        raise ValidationError("Le fichier est vide.", code="empty")
    if len(data) > MAX_OFFER_FILE_BYTES:
        raise ValidationError(f"Le fichier dépasse 2 Mo. Formats acceptés : {ACCEPTED_FORMATS}.", code="too_large")
    try:
        found = detect_format(data)
    except ValidationError as exc:
        if exc.code != "unknown_format":
            raise
        found = "txt" if b"\x00" not in data[:4096] else ""
    if extension and found != extension:
        what = f"« {name[-80:]} » n'est pas {_FORMAT_NAMES[extension]}"
        really = f" : c'est {_FORMAT_NAMES[found]}" if found else ""
        raise ValidationError(
            f"{what}{really}. Enregistrez l'offre au bon format (PDF, DOCX, ODT ou TXT), puis renvoyez-la.",
            code="wrong_extension",
        )
    if found in ("pdf", "docx", "odt"):
        return extract_text(data, found)
    if not found:
        raise ValidationError(f"Format non reconnu. Formats acceptés : {ACCEPTED_FORMATS}.", code="unknown_format")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return clean_text(text)


def criteria_from_file(data: bytes, name: str = "") -> dict:
    return criteria_from_text(text_from_file(data, name))
