"""Distances between communes: communes within R km, communes of a department.

All communes sit in numpy arrays (unit vectors on the sphere), loaded lazily once per process and
reloaded when the communes dataset version changes (`DatasetVersion`, bumped by the loader and by
any saved or deleted commune). A radius query is one matrix-vector product over ~35,000 rows.
"""

import math
import threading
from dataclasses import dataclass
from numbers import Real

import numpy as np

from .geometry import EARTH_RADIUS_KM
from .models import Commune, DatasetVersion, Department

MAX_RADIUS_KM = 100


class GeoError(ValueError):
    """Bad input to a geo helper; the message is French and can be shown to users."""


class UnknownCommuneError(GeoError):
    pass


class UnknownDepartmentError(GeoError):
    pass


class RadiusError(GeoError):
    pass


@dataclass(frozen=True)
class _Arrays:
    token: str | None
    codes: np.ndarray  # INSEE codes (object array)
    index: dict[str, int]
    departments: np.ndarray  # department codes (object array)
    latitudes: np.ndarray  # degrees, NaN when unknown
    longitudes: np.ndarray
    vectors: np.ndarray  # (n, 3) unit vectors, NaN when unknown


_lock = threading.Lock()
_arrays: _Arrays | None = None


def reset() -> None:
    """Forgets the arrays of this process; the next query reloads them."""
    global _arrays
    with _lock:
        _arrays = None


def communes_within(insee: str, radius_km: float) -> list[str]:
    """INSEE codes of the communes within `radius_km` (0 to 100) of a commune, nearest first.

    0 km means the commune itself.
    """
    return list(distances_within(insee, radius_km))


def distances_within(insee: str, radius_km: float) -> dict[str, float]:
    """Like `communes_within`, with the distance in km of each commune (nearest first)."""
    radius = _check_radius(radius_km)
    arrays = _load()
    position = _position(arrays, insee)
    if radius == 0:
        return {arrays.codes[position]: 0.0}
    if math.isnan(arrays.latitudes[position]):
        raise GeoError(f"La commune {arrays.codes[position]} n'a pas de coordonnées connues.")
    return _within(arrays, arrays.vectors[position], radius)


def communes_within_point(latitude: float, longitude: float, radius_km: float) -> list[str]:
    """INSEE codes of the communes within `radius_km` of a point, nearest first.

    At 0 km, the nearest commune: the point's own commune as far as centres can tell.
    """
    radius = _check_radius(radius_km)
    if not (_is_number(latitude) and _is_number(longitude)) or not (
        -90 <= latitude <= 90 and -180 <= longitude <= 180
    ):
        raise GeoError("Coordonnées invalides : latitude entre -90 et 90, longitude entre -180 et 180.")
    arrays = _load()
    vector = _unit_vector(np.radians([latitude]), np.radians([longitude]))[0]
    if radius == 0:
        dots = arrays.vectors @ vector
        if not np.isfinite(dots).any():
            return []
        return [arrays.codes[int(np.nanargmax(dots))]]
    return list(_within(arrays, vector, radius))


def distance_km(insee_a: str, insee_b: str) -> float:
    """Great-circle distance in km between two communes (haversine)."""
    arrays = _load()
    a, b = _position(arrays, insee_a), _position(arrays, insee_b)
    for position in (a, b):
        if math.isnan(arrays.latitudes[position]):
            raise GeoError(f"La commune {arrays.codes[position]} n'a pas de coordonnées connues.")
    lat1, lon1 = math.radians(arrays.latitudes[a]), math.radians(arrays.longitudes[a])
    lat2, lon2 = math.radians(arrays.latitudes[b]), math.radians(arrays.longitudes[b])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def department_communes(code: str) -> list[str]:
    """INSEE codes of the communes of a department ("63", "2A", "974"), in code order."""
    if not isinstance(code, str) or not code.strip():
        raise UnknownDepartmentError("Indiquez un code de département, par exemple « 63 » ou « 2A ».")
    code = code.strip().upper()
    arrays = _load()
    found = arrays.codes[arrays.departments == code]
    if not len(found) and not Department.objects.filter(code=code).exists():
        raise UnknownDepartmentError(f"Département inconnu : « {code} ».")
    return sorted(found.tolist())


def _within(arrays: _Arrays, vector: np.ndarray, radius: float) -> dict[str, float]:
    # Two points are within r of each other when the dot product of their unit vectors is at
    # least cos(r / R); NaN rows (no coordinates) never compare true.
    with np.errstate(invalid="ignore"):
        dots = arrays.vectors @ vector
        matches = np.flatnonzero(dots >= math.cos(radius / EARTH_RADIUS_KM))
    matched_dots = dots[matches]
    order = np.argsort(-matched_dots, kind="stable")
    distances = EARTH_RADIUS_KM * np.arccos(np.clip(matched_dots[order], -1.0, 1.0))
    return dict(zip(arrays.codes[matches[order]].tolist(), distances.round(3).tolist(), strict=True))


def _check_radius(radius_km) -> float:
    if not _is_number(radius_km) or not 0 <= radius_km <= MAX_RADIUS_KM:
        raise RadiusError(f"Le rayon doit être un nombre de kilomètres entre 0 et {MAX_RADIUS_KM}.")
    return float(radius_km)


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _position(arrays: _Arrays, insee: str) -> int:
    key = insee.strip().upper() if isinstance(insee, str) else None
    position = arrays.index.get(key) if key else None
    if position is None:
        raise UnknownCommuneError(f"Commune inconnue : « {insee} ». Indiquez un code INSEE existant.")
    return position


def _unit_vector(latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
    cos_lat = np.cos(latitudes)
    return np.column_stack((cos_lat * np.cos(longitudes), cos_lat * np.sin(longitudes), np.sin(latitudes)))


def _current_token() -> str | None:
    return DatasetVersion.objects.filter(name=DatasetVersion.COMMUNES).values_list("token", flat=True).first()


def _load() -> _Arrays:
    global _arrays
    token = _current_token()
    arrays = _arrays
    if arrays is not None and arrays.token == token:
        return arrays
    with _lock:
        if _arrays is not None and _arrays.token == token:
            return _arrays
        rows = list(
            Commune.objects.order_by("insee").values_list("insee", "department_id", "latitude", "longitude")
        )
        codes = np.array([row[0] for row in rows], dtype=object)
        latitudes = np.array([np.nan if row[2] is None else row[2] for row in rows], dtype=float)
        longitudes = np.array([np.nan if row[3] is None else row[3] for row in rows], dtype=float)
        _arrays = _Arrays(
            token=token,
            codes=codes,
            index={code: position for position, code in enumerate(codes.tolist())},
            departments=np.array([row[1] for row in rows], dtype=object),
            latitudes=latitudes,
            longitudes=longitudes,
            vectors=_unit_vector(np.radians(latitudes), np.radians(longitudes)),
        )
        return _arrays
