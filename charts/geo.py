"""The world map's geometry for the static (SVG) map: the countries of the same TopoJSON file
the web map draws (static/vendor/plotly/topojson/world_110m.json, Natural Earth 1:110m,
public domain), in the Equal Earth projection.

Pure functions: `equal_earth` projects a point; `country_rings` decodes each country's
polygons once (cached for the process). Countries are keyed by their ISO 3166-1 alpha-3
code, as in `ChoroplethMap.iso3`.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

TOPOJSON = (
    Path(__file__).resolve().parent.parent
    / "static"
    / "vendor"
    / "plotly"
    / "topojson"
    / "world_110m.json"
)

# Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, with straight parallels.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2

Ring = list[tuple[float, float]]


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """(x, y) of a point given in degrees, y growing northwards, in the projection's units
    (x within ±EQUAL_EARTH_X_MAX, y within ±EQUAL_EARTH_Y_MAX)."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


# Where the projection reaches at longitude ±180° and latitude ±90°, for scaling.
EQUAL_EARTH_X_MAX = equal_earth(180, 0)[0]
EQUAL_EARTH_Y_MAX = equal_earth(0, 90)[1]


@cache
def country_rings() -> dict[str, tuple[Ring, ...]]:
    """{ISO3: the rings (lon, lat) of its polygons}, from the TopoJSON's "countries"."""
    topology = json.loads(TOPOJSON.read_text())
    arcs = _decoded_arcs(topology)
    shapes: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = str(geometry.get("id", "")).upper()
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        for polygon in polygons:
            for ring in polygon:
                shapes.setdefault(code, []).append(_ring(ring, arcs))
    return {code: tuple(rings) for code, rings in shapes.items()}


def _decoded_arcs(topology: dict) -> list[Ring]:
    """The arcs in degrees: quantized, delta-encoded positions made absolute."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A closed ring from its arcs; a negative index is the arc ~i walked backwards, and each
    arc after the first starts where the previous one ended (its first point is dropped)."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring
