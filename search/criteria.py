"""The criteria of a CVthèque search, from the admin page, the command line or a saved search.

One type, `SearchCriteria`, with one parser per source and one canonical form (`to_params`,
`to_json`), so the three give the same search. Errors are French sentences the page shows; words in
the box never give errors (the query parser repairs and explains them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError

from portal.reference.forms import commune_from_text
from portal.reference.models import Commune, Department
from portal.reference.selectors import INSEE_CODE, commune_label

from .choices import (
    DEFAULT_PER_PAGE,
    DEFAULT_RADIUS_KM,
    MAX_PAGE,
    MAX_PLACES,
    MAX_RADIUS_KM,
    PER_PAGE_CHOICES,
    Sort,
)
from .facets import FACETS, FACETS_BY_KEY, FacetKind
from .query import MAX_QUERY_LENGTH, Mode

MAX_VALUES_PER_FACET = 30
# The "Métiers proches" checkbox's GET parameter.
CLOSE_TITLES_PARAM = "proches"
_TRUE_WORDS = frozenset({"1", "on", "true", "oui"})


def _flag(raw) -> bool:
    return raw is True or str(raw or "").strip().lower() in _TRUE_WORDS


class CriteriaError(str):
    """A French error message that knows the form field it belongs to ("" for the search as a whole):
    "q", "lieu-<n>" and "rayon-<n>" (the n-th place row), "departement-<n>", "lieux", a facet key..."""

    field: str

    def __new__(cls, message: str, field: str = ""):
        error = super().__new__(cls, message)
        error.field = field
        return error


@dataclass
class PlaceRow:
    """One place of the form as the recruiter gave it, shown back with its errors: the text of the
    box (or the commune's label), the chosen code, the radius."""

    text: str
    code: str = ""
    radius_km: int | None = None


@dataclass(frozen=True)
class Place:
    insee: str
    radius_km: int
    label: str = ""

    @property
    def param(self) -> str:
        return f"{self.insee}:{self.radius_km}"


@dataclass
class SearchCriteria:
    q: str = ""
    mode: Mode = Mode.ALL
    places: list[Place] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: Sort = Sort.RELEVANCE
    # "Métiers proches": a job-title query also finds the vocabulary's synonyms of the title, ranked
    # after the profiles matching the words themselves. Off unless asked: off, nothing changes.
    close_titles: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    errors: list[str] = field(default_factory=list)
    # The form's rows as given (places, then departments), errors included, to show them back.
    place_rows: list[PlaceRow] = field(default_factory=list)
    department_rows: list[str] = field(default_factory=list)
    _link_parts: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    # -- canonical forms ------------------------------------------------------------------------
    def to_json(self) -> dict:
        """What a saved search stores: everything but the page."""
        return {
            "q": self.q,
            "mode": str(self.mode),
            "places": [place.param for place in self.places],
            "departments": list(self.departments),
            "filters": {key: list(values) for key, values in self.filters.items() if values},
            "sort": str(self.sort),
            "per_page": self.per_page,
            # Only when on: searches saved before the switch existed keep comparing equal.
            **({"close_titles": True} if self.close_titles else {}),
        }

    def to_params(self, **changes) -> list[tuple[str, str]]:
        """GET parameters of this search (with `changes`: page=, sort=, per_page=, filters=)."""
        data = {
            "q": self.q,
            "mode": str(self.mode),
            "sort": str(self.sort),
            "per_page": self.per_page,
            "page": self.page,
            "filters": self.filters,
        }
        data.update(changes)
        params: list[tuple[str, str]] = []
        if data["q"]:
            params.append(("q", data["q"]))
        if data["mode"] != Mode.ALL:
            params.append(("mode", str(data["mode"])))
        if self.close_titles:
            params.append((CLOSE_TITLES_PARAM, "1"))
        params += [("lieu", place.param) for place in self.places]
        params += [("departement", code) for code in self.departments]
        for facet in FACETS:
            params += [(facet.key, value) for value in data["filters"].get(facet.key, [])]
        if data["sort"] != Sort.RELEVANCE:
            params.append(("tri", str(data["sort"])))
        if int(data["per_page"]) != DEFAULT_PER_PAGE:
            params.append(("par_page", str(data["per_page"])))
        if int(data["page"]) > 1:
            params.append(("page", str(data["page"])))
        return params

    def querystring(self, **changes) -> str:
        return urlencode(self.to_params(**changes))

    def toggled(self, facet: str, value: str) -> str:
        """Query string with `value` of `facet` ticked or unticked, back to page 1."""
        # Built for every facet value of a page: the parts that do not change are encoded once.
        if self._link_parts is None:
            params = self.to_params(page=1, filters={})
            head = [(k, v) for k, v in params if k in {"q", "mode", CLOSE_TITLES_PARAM, "lieu", "departement"}]
            tail = [(k, v) for k, v in params if k in {"tri", "par_page"}]
            self._link_parts = (urlencode(head), urlencode(tail))
        filters = {key: list(values) for key, values in self.filters.items()}
        values = filters.setdefault(facet, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        middle = urlencode([(f.key, v) for f in FACETS for v in filters.get(f.key, [])])
        return "&".join(part for part in (self._link_parts[0], middle, self._link_parts[1]) if part)

    def errors_for(self, field_name: str) -> list[str]:
        return [error for error in self.errors if getattr(error, "field", "") == field_name]

    @property
    def general_errors(self) -> list[str]:
        """Errors that belong to no field of the form (a link's bad page number, sort, filter...)."""
        fields = {"q", "lieux", *(f"{kind}-{i}" for i in range(len(self.place_rows)) for kind in ("lieu", "rayon")),
                  *(f"departement-{i}" for i in range(len(self.department_rows)))}
        return [error for error in self.errors if getattr(error, "field", "") not in fields]

    @property
    def is_blank(self) -> bool:
        return not (self.q.strip() or self.places or self.departments or any(self.filters.values()))


# --- Parsing ------------------------------------------------------------------------------------------------


def _int(raw, default: int) -> int | None:
    if raw in (None, ""):
        return default
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def _place(raw: str, errors: list[str], row: int | None = None) -> Place | None:
    """ "63113:30", or "63113" alone: the commune itself (0 km)."""
    text, radius = str(raw).strip(), 0
    if ":" in text:
        text, radius_text = text.rsplit(":", 1)
        radius = _int(radius_text, 0)
    return _resolved_place(text, radius, errors, row=row)


def _resolved_place(text: str, radius: int | None, errors: list[str], *, typed: bool = False,
                    row: int | None = None) -> Place | None:
    """The place of a code or a typed text, or None with the reason in `errors` (tied to form row `row`)."""
    text = (text or "").strip()
    if not text:
        return None
    where = "" if row is None else f"-{row}"
    radius_ok = radius is not None and 0 <= radius <= MAX_RADIUS_KM
    if not radius_ok:
        errors.append(CriteriaError(
            f"Rayon invalide pour « {text[:60]} » : indiquez un nombre de kilomètres entre 0 et {MAX_RADIUS_KM}.",
            f"rayon{where}" if where else "",
        ))
    commune = None
    if not typed and INSEE_CODE.fullmatch(text.upper()):
        # Links and saved searches carry codes: one query.
        commune = Commune.objects.select_related("department").filter(pk=text.upper()).first()
    if commune is None:
        try:
            commune = commune_from_text(text, typed=typed)
        except ValidationError as error:
            errors.append(CriteriaError(error.messages[0], f"lieu{where}" if where else ""))
            return None
    if not radius_ok:
        return None
    if commune.latitude is None and radius > 0:
        errors.append(CriteriaError(
            f"La commune {commune_label(commune)} n'a pas de coordonnées : seul un rayon de 0 km est possible.",
            f"rayon{where}" if where else "",
        ))
        return None
    return Place(commune.insee, radius, commune_label(commune))


def _departments(raw_codes: list[str], errors: list[str], *, rows: bool = False) -> list[str]:
    """Known department codes; with `rows`, each error is tied to the n-th department select."""
    codes = []
    wanted = [str(code).strip().upper() for code in raw_codes if str(code).strip()]
    known = set(Department.objects.filter(code__in=wanted).values_list("code", flat=True)) if wanted else set()
    for index, code in enumerate(wanted):
        if code not in known:
            errors.append(CriteriaError(
                f"Département inconnu : « {code[:10]} ». Indiquez un code comme « 63 » ou « 2A ».",
                f"departement-{index}" if rows else "",
            ))
        elif code not in codes:
            codes.append(code)
    return codes


def _filters(pairs: list[tuple[str, str]], errors: list[str], *, strict: bool) -> dict[str, list[str]]:
    """Facet values; with `strict`, an unknown facet is an error (command line), else ignored."""
    filters: dict[str, list[str]] = {}
    for key, value in pairs:
        facet = FACETS_BY_KEY.get(key)
        value = str(value).strip()
        if facet is None:
            if strict:
                known = ", ".join(f.key for f in FACETS)
                errors.append(f"Filtre inconnu : « {key[:40]} ». Filtres possibles : {known}.")
            continue
        if not value:
            continue
        fixed = facet.values
        # Terms facets with an open vocabulary (skills, languages...) accept any value.
        if fixed and (facet.kind != FacetKind.TERMS or facet.options) and value not in fixed:
            errors.append(
                f"Valeur inconnue pour le filtre « {facet.label} » : « {value[:40]} ». Valeurs possibles : {', '.join(fixed)}."
            )
            continue
        values = filters.setdefault(key, [])
        if value not in values and len(values) < MAX_VALUES_PER_FACET:
            values.append(value)
    return filters


def _finish(criteria: SearchCriteria, mode, sort, page, per_page) -> SearchCriteria:
    errors = criteria.errors
    try:
        criteria.mode = Mode(mode or Mode.ALL)
    except ValueError:
        errors.append("Mode de recherche inconnu : choisissez « all » (tous les mots) ou « any » (pertinence).")
    try:
        criteria.sort = Sort(sort or Sort.RELEVANCE)
    except ValueError:
        errors.append(f"Tri inconnu : choisissez parmi {', '.join(Sort.values)}.")
    page_number = _int(page, 1)
    if page_number is None or not 1 <= page_number <= MAX_PAGE:
        errors.append(f"Numéro de page invalide : indiquez un nombre entre 1 et {MAX_PAGE}.")
    else:
        criteria.page = page_number
    size = _int(per_page, DEFAULT_PER_PAGE)
    if size not in PER_PAGE_CHOICES:
        errors.append(f"Nombre de profils par page invalide : choisissez {', '.join(map(str, PER_PAGE_CHOICES))}.")
    else:
        criteria.per_page = size
    if len(criteria.places) + len(criteria.departments) > MAX_PLACES:
        errors.append(CriteriaError(f"Trop de lieux : {MAX_PLACES} au plus (communes et départements).", "lieux"))
        criteria.places = criteria.places[:MAX_PLACES]
        criteria.departments = criteria.departments[: max(0, MAX_PLACES - len(criteria.places))]
    return criteria


def _dedupe(places: list[Place]) -> list[Place]:
    return list({place.param: place for place in places}.values())


def criteria_from_params(params) -> SearchCriteria:
    """From the admin page's GET parameters (a QueryDict).

    Places come either canonical (`lieu=63113:30`, links) or from the form's rows, one commune picker
    and one radius each: `commune` (the code chosen in the list, when JavaScript runs),
    `commune_label` (what was typed) and `rayon`. A place typed without choosing is resolved, or
    its row gets an error; it is never dropped silently.
    """
    criteria = SearchCriteria(q=(params.get("q") or "")[: MAX_QUERY_LENGTH * 2],
                              close_titles=_flag(params.get(CLOSE_TITLES_PARAM)))
    errors = criteria.errors
    places, rows = [], criteria.place_rows
    for raw in params.getlist("lieu"):
        place = _place(raw, errors, row=len(rows))
        if place:
            places.append(place)
            rows.append(PlaceRow(place.label, place.insee, place.radius_km))
        elif str(raw).strip():
            text, _, radius = str(raw).strip().partition(":")
            rows.append(PlaceRow(text, "", _int(radius, 0)))
    labels, codes, radii = params.getlist("commune_label"), params.getlist("commune"), params.getlist("rayon")
    for i, label in enumerate(labels):
        code = codes[i].strip() if i < len(codes) else ""
        radius = _int(radii[i] if i < len(radii) else "", DEFAULT_RADIUS_KM)
        if not (code or label.strip()):
            continue
        place = _resolved_place(code or label, radius, errors, typed=not code, row=len(rows))
        if place:
            places.append(place)
            rows.append(PlaceRow(place.label, place.insee, place.radius_km))
        else:
            rows.append(PlaceRow(label.strip(), "", radius))
    criteria.places = _dedupe(places)
    criteria.department_rows = [str(code).strip().upper() for code in params.getlist("departement") if str(code).strip()]
    criteria.departments = _departments(criteria.department_rows, errors, rows=True)
    pairs = [(facet.key, value) for facet in FACETS for value in params.getlist(facet.key)]
    criteria.filters = _filters(pairs, errors, strict=False)
    return _finish(criteria, params.get("mode"), params.get("tri"), params.get("page"), params.get("par_page"))


def criteria_from_options(*, q=None, mode=None, places=(), departments=(), filters=(), sort=None,
                          page=None, per_page=None, close_titles=False) -> SearchCriteria:
    """From the command line: places "INSEE[:KM]", filters "FACET=VALUE"."""
    criteria = SearchCriteria(q=q or "", close_titles=_flag(close_titles))
    errors = criteria.errors
    criteria.places = _dedupe([place for raw in places if (place := _place(raw, errors))])
    criteria.departments = _departments(list(departments), errors)
    pairs = []
    for raw in filters:
        key, sep, value = str(raw).partition("=")
        if not sep:
            errors.append(f"Filtre mal écrit : « {str(raw)[:40]} ». Écrivez FILTRE=VALEUR, par exemple contract_type=CDI.")
            continue
        pairs.append((key.strip(), value))
    criteria.filters = _filters(pairs, errors, strict=True)
    return _finish(criteria, mode, sort, page, per_page)


def criteria_from_json(data: dict) -> SearchCriteria:
    """From a saved search (written by `to_json`; tolerant of values that have since disappeared)."""
    data = data if isinstance(data, dict) else {}
    criteria = criteria_from_options(
        q=str(data.get("q") or ""),
        mode=data.get("mode"),
        places=[str(p) for p in data.get("places") or []],
        departments=[str(d) for d in data.get("departments") or []],
        filters=[f"{key}={value}" for key, values in (data.get("filters") or {}).items() for value in values],
        sort=data.get("sort"),
        per_page=data.get("per_page"),
        close_titles=data.get("close_titles") is True,
    )
    return criteria


def place_labels(criteria: SearchCriteria) -> dict[str, str]:
    """Labels of the communes and departments of the criteria, for display."""
    communes = Commune.objects.filter(insee__in=[p.insee for p in criteria.places]).select_related("department")
    departments = Department.objects.filter(code__in=criteria.departments)
    labels = {commune.insee: commune_label(commune) for commune in communes}
    labels.update({f"dep:{d.code}": f"{d.name} ({d.code})" for d in departments})
    return labels
