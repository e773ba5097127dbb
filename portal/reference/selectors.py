"""Reads of the reference data."""

import re

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from .models import Commune, PostalCode
from .text import fold

COMMUNE_SEARCH_LIMIT = 20
_MAX_QUERY_LENGTH = 100
_MAX_TOKENS = 6
_TOKEN = re.compile(r"[a-z0-9]+")
# Numbers, and Corsican codes ("2a", "2b004"), are codes: department, postcode or INSEE code.
_CODE_TOKEN = re.compile(r"^(?:\d+|2[ab]\d{0,3})$")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
INSEE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
_LABEL = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<department>[0-9]{2,3}|2[AaBb])\)\s*$")


def commune_label(commune: Commune) -> str:
    """ "Clermont-Ferrand (63)": what people read and type to designate a commune."""
    return f"{commune.name} ({commune.department_id})"


def commune_list() -> QuerySet[Commune]:
    return Commune.objects.select_related("department")


def commune_search(query: str, *, limit: int = COMMUNE_SEARCH_LIMIT) -> list[Commune]:
    """Communes matching a typed query, for the picker: largest first, names starting with it first.

    Words must all appear in the name (accents and case ignored, "st" = "saint"); numbers match a
    department, the start of a postcode or an INSEE code. Each commune has `postcodes` (sorted).
    """
    tokens = _TOKEN.findall(fold(query or "")[:_MAX_QUERY_LENGTH])[:_MAX_TOKENS]
    words = [_ABBREVIATIONS.get(token, token) for token in tokens if not _CODE_TOKEN.match(token)]
    codes = [token.upper() for token in tokens if _CODE_TOKEN.match(token)]
    if sum(len(word) for word in words) < 2 and not any(len(code) >= 2 for code in codes):
        return []
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    for code in codes:
        condition &= (
            Q(department_id=code)
            | Q(insee=code)
            | Q(insee__in=PostalCode.objects.filter(code__startswith=code).values("commune_id"))
        )
    starts = " ".join(words)
    queryset = (
        Commune.objects.filter(condition)
        .annotate(
            starts_with=Case(
                When(search_name__startswith=starts, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts_with", "-population", "name", "insee")
        .prefetch_related(Prefetch("postal_codes", queryset=PostalCode.objects.order_by("code")))
    )
    communes = list(queryset[:limit])
    for commune in communes:
        commune.postcodes = [postal_code.code for postal_code in commune.postal_codes.all()]
    return communes


def commune_resolve(text: str, *, typed: bool = False) -> list[Commune]:
    """The communes a text designates: an INSEE code, "Name (dept)", a name or a postcode.

    One commune when the text is unambiguous, several when it is not, none when nothing matches.
    Five digits are an INSEE code first, or a postcode first when a person `typed` them (63100 is
    both a postcode of Clermont-Ferrand and the INSEE code of another commune).
    """
    # Control characters (NUL above all, which PostgreSQL refuses) never belong to a name.
    text = "".join(ch for ch in (text or "") if ch.isprintable()).strip()[:_MAX_QUERY_LENGTH]
    if not text:
        return []
    communes = commune_list()
    code = text.upper()
    if INSEE_CODE.fullmatch(code):
        by_insee = list(communes.filter(insee=code))
        by_postcode = list(communes.filter(postal_codes__code=code).distinct().order_by("-population"))
        return (by_postcode or by_insee) if typed else (by_insee or by_postcode)
    label = _LABEL.match(text)
    name, department = (label["name"], label["department"].upper()) if label else (text, None)
    candidates = communes.filter(search_name=fold(name)).order_by("-population")
    if department:
        candidates = candidates.filter(department_id=department)
    candidates = list(candidates)
    # "Vergné" and "Vergne" fold alike: an exact spelling settles it.
    exact = [commune for commune in candidates if commune.name.casefold() == name.casefold()]
    return exact if len(exact) == 1 else candidates
