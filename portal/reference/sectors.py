"""NAF sectors as people name and look for them: a label with its code, and a search by what they type.

The sector picker (static/reference/sector-picker.js) filters in the browser with the same rules as
`sector_search`; tests/reference/test_sector_picker_browser.py checks that both give the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from django.db.models import QuerySet

from .models import NafSector
from .text import fold

MAX_QUERY_LENGTH = 100
MAX_TOKENS = 8
# "10.71C", "10.71c", "1071C": a NAF sub-class, with or without its dot.
_CODE = re.compile(r"^(\d{2})\.?(\d{2})([A-Za-z])$")
# "Boulangerie et boulangerie-pâtisserie (10.71C)": how the picker shows a chosen sector.
_LABELLED = re.compile(r"\((\d{2}\.?\d{2}[A-Za-z])\)$")
_WORD = re.compile(r"[a-z0-9]+")
# "10.71" is one code, not the words "10" and "71".
_CODE_DOT = re.compile(r"(?<=\d)\.(?=\d)")


class SectorLike(Protocol):
    code: str
    label: str
    section: str
    section_label: str


def sector_list() -> QuerySet[NafSector]:
    """All sectors in NAF order: by section (A to U), then by code."""
    return NafSector.objects.order_by("section", "code")


def sector_label(sector: SectorLike) -> str:
    """ "Boulangerie et boulangerie-pâtisserie (10.71C)": the name first, the code to tell it apart."""
    # Some labels of the NAF package end with a space ("Hôtels et hébergement similaire ").
    return f"{sector.label.strip()} ({sector.code})"


def sector_code(text: str) -> str | None:
    """The NAF code a text spells ("1071c" -> "10.71C"), or None."""
    match = _CODE.match((text or "").strip())
    return f"{match[1]}.{match[2]}{match[3].upper()}" if match else None


def query_tokens(query: str) -> list[str]:
    """What a query searches for: its words, accents and case ignored, and codes without their dot."""
    text = _CODE_DOT.sub("", fold((query or "")[:MAX_QUERY_LENGTH]))
    return _WORD.findall(text)[:MAX_TOKENS]


def sector_rank(tokens: list[str], sector: SectorLike) -> int | None:
    """How a sector answers a query: 0 when every token starts a word of its label (or, for a token
    that starts with a digit, its code: "62" finds the whole division, "6201" or "62.01z" the
    sub-class), 1 when some words are found only in its section's label, None when it does not match."""
    if not tokens:
        return None
    label = _WORD.findall(fold(sector.label))
    section = _WORD.findall(fold(sector.section_label))
    code = sector.code.replace(".", "").lower()
    rank = 0
    for token in tokens:
        if token[0].isdigit():
            if not code.startswith(token):
                return None
        elif not any(word.startswith(token) for word in label):
            if not any(word.startswith(token) for word in section):
                return None
            rank = 1
    return rank


def sector_search(query: str, sectors: Iterable[SectorLike] | None = None) -> list:
    """The sectors a query finds, several words in any order ("patisserie boulang"), by NAF section
    and, within a section, those found by their own label first ("pêche": Pêche en mer, then the rest
    of "Agriculture, sylviculture et pêche"). `sectors` must be in NAF order, as `sector_list` gives them."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    ranked = [
        (rank, sector)
        for sector in (sector_list() if sectors is None else sectors)
        if (rank := sector_rank(tokens, sector)) is not None
    ]
    ranked.sort(key=lambda pair: (pair[1].section, pair[0]))
    return [sector for _rank, sector in ranked]


def sector_resolve(text: str, sectors: Iterable[SectorLike] | None = None) -> list:
    """The sectors a typed text designates: its code, "Label (code)", its exact label, else what a
    search finds (the one sector found by its own label, if there is one). One sector when the text
    is unambiguous, several when it is not, none when nothing matches.
    """
    # Control characters (NUL above all, which PostgreSQL refuses) never belong to a sector.
    text = "".join(ch for ch in (text or "") if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    sectors = list(sector_list() if sectors is None else sectors)
    labelled = _LABELLED.search(text)
    code = sector_code(text) or (sector_code(labelled[1]) if labelled else None)
    if code:
        by_code = [sector for sector in sectors if sector.code == code]
        if by_code:
            return by_code
    name = fold(text)
    exact = [sector for sector in sectors if fold(sector.label) == name]
    if exact:
        return exact
    tokens = query_tokens(text)
    found = sector_search(text, sectors)
    # "pêche en mer" names one sector even if "pêche" is also the name of its section.
    by_label = [sector for sector in found if sector_rank(tokens, sector) == 0]
    return by_label if len(by_label) == 1 else found


_CODE_LIST = re.compile(r"\b\d{2}\.\d{2}[A-Z](?:, \d{2}\.\d{2}[A-Z])*\b")


def sectors_named(text: str) -> str:
    """A text with its lists of NAF codes spelt out: "Secteurs : 70.22Z, 10.71C" -> "Secteurs : Conseil
    pour les affaires et autres conseils de gestion (70.22Z) ; Boulangerie et boulangerie-pâtisserie (10.71C)".
    Semicolons part them, since names hold commas. Unknown codes stay as they are."""
    lists = _CODE_LIST.findall(text or "")
    if not lists:
        return text
    codes = {code for found in lists for code in found.split(", ")}
    labels = dict(NafSector.objects.filter(code__in=codes).values_list("code", "label"))

    def spell(match):
        return " ; ".join(
            f"{labels[code].strip()} ({code})" if code in labels else code for code in match[0].split(", ")
        )

    return _CODE_LIST.sub(spell, text)
