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
_ARTICLES = ("le", "la", "les", "l", "aux", "las", "los")
INSEE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
_LABEL = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<code>[0-9]{2,3}|2[AaBb]|[0-9]{5})\)\s*$")
# "Clermont-Ferrand 63", "Lyon 69003", "Saint-Denis, 974", "63000 Clermont-Ferrand".
_NAME_THEN_CODE = re.compile(r"^\s*(?P<name>.*?[^\W\d_].*?)[\s,\-]+(?P<code>[0-9]{2,3}|2[AaBb]|[0-9]{5})\s*$")
_CODE_THEN_NAME = re.compile(r"^\s*(?P<code>[0-9]{5})[\s,\-]+(?P<name>.*[^\W\d_].*?)\s*$")


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
    """The communes a text designates: an INSEE code, a postcode, a name, "Name (dept)", "Name dept",
    or a name with a postcode ("Clermont-Ferrand 63000", "63000 Clermont"); accents, case, hyphens
    and "St"/"Ste" do not matter.

    One commune when the text is unambiguous, several when it is not, none when nothing matches.
    Five digits are an INSEE code first, or a postcode first when a person `typed` them (63100 is
    both a postcode of Clermont-Ferrand and the INSEE code of another commune).
    """
    # Control characters (NUL above all, which PostgreSQL refuses) never belong to a name.
    text = "".join(ch for ch in (text or "") if ch.isprintable()).strip()[:_MAX_QUERY_LENGTH]
    text = text.strip(" ,;.")
    if not text:
        return []
    communes = commune_list()
    code = text.upper()
    if INSEE_CODE.fullmatch(code):
        by_insee = list(communes.filter(insee=code))
        by_postcode = list(communes.filter(postal_codes__code=code).distinct().order_by("-population"))
        return (by_postcode or by_insee) if typed else (by_insee or by_postcode)
    name, qualifier = text, None
    for pattern in (_LABEL, _NAME_THEN_CODE, _CODE_THEN_NAME):
        if match := pattern.match(text):
            name, qualifier = match["name"], match["code"].upper()
            break
    if qualifier and len(qualifier) == 5:
        return _communes_named_at_postcode(name, qualifier)
    if qualifier:
        communes = communes.filter(department_id=qualifier)
    wanted = _search_name(name)
    candidates = list(communes.filter(search_name=wanted).order_by("-population"))
    if not candidates:
        # "Puy-en-Velay" for "Le Puy-en-Velay": the article is often left out.
        with_article = [f"{article} {wanted}" for article in _ARTICLES]
        candidates = list(communes.filter(search_name__in=with_article).order_by("-population"))
    # "Vergné" and "Vergne" fold alike: an exact spelling settles it.
    exact = [commune for commune in candidates if commune.name.casefold() == name.casefold()]
    return exact if len(exact) == 1 else candidates


def _search_name(name: str) -> str:
    """The folded name as stored in `Commune.search_name`, "St"/"Ste" written out."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in fold(name).split())


def _communes_named_at_postcode(name: str, postcode: str) -> list[Commune]:
    """The communes of a postcode that bear this name, or whose name starts with it ("Clermont 63000")."""
    at_postcode = list(commune_list().filter(postal_codes__code=postcode).distinct().order_by("-population"))
    wanted = _search_name(name)
    named = [commune for commune in at_postcode if commune.search_name == wanted]
    named = named or [c for c in at_postcode if c.search_name in {f"{article} {wanted}" for article in _ARTICLES}]
    return named or [commune for commune in at_postcode if commune.search_name.startswith(wanted + " ")]
