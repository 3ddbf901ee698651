"""Framing the map on its places, and placing their labels so that none collide.

plotly's geo subplot fits its ``lonaxis``/``lataxis`` range box into the container, keeping the
box's projected aspect; whatever the box does not cover stays blank. So the frame is a range box
around the places (the shortest longitude arc holding them all, across the antimeridian if need
be), with a margin and a least span, then widened to the container's aspect: no blank bands at
the expected size, and the map's own zoom buttons zoom around the places, not into empty ocean.

Labels are placed greedily, best-ranked first, in pixels at that frame: each tries a few
positions around its marker and is dropped (its hover still names it) when every position
overlaps a label already placed or any marker.

The projection is Natural Earth, as in :mod:`timeline.figures`; its formula is d3's
``geoNaturalEarth1`` (Šavrič et al., 2011), which plotly.js draws with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

__all__ = [
    "LABEL_POSITIONS",
    "MAP_ASPECT",
    "Frame",
    "Label",
    "LabelRequest",
    "frame_places",
    "label_box",
    "natural_earth",
    "place_labels",
]

MAP_ASPECT: Final = 1.45  # width / height of the dashboard's map panel at desktop width
_MIN_LAT_SPAN: Final = 24.0  # degrees: one city still shows its region
_MIN_LON_SPAN: Final = 32.0
_MARGIN: Final = 0.15  # of the places' span, on each side
_MARGIN_AT_LEAST: Final = 3.0  # degrees on each side, for markers and their labels
_MAX_LAT: Final = 90.0
# Plotly's textposition values tried for a marker's label, in order of preference
LABEL_POSITIONS: Final = ("top center", "middle right", "bottom center", "middle left")
_CHAR_WIDTH: Final = 0.6  # of the font size: an average glyph in plotly's sans-serif font
_LINE_HEIGHT: Final = 1.25
_GAP: Final = 2.0  # pixels between a marker and its label
_TRIES_PER_LABEL: Final = 8  # with a limit, only the best-ranked limit x 8 requests are tried


def natural_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Natural Earth I coordinates (unit sphere; y up) of longitudes and latitudes in degrees,
    longitudes relative to the map's central meridian.

    >>> x, y = natural_earth(np.array([0.0, 180.0]), np.array([0.0, 0.0]))
    >>> round(float(x[1]), 4), float(y[0])
    (2.7354, 0.0)
    """
    lam, phi = np.radians(lon), np.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))  # fmt: skip
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))  # fmt: skip
    return x, y


def _x_scale(lat: float) -> float:
    """Natural Earth's x per radian of longitude at a latitude."""
    x, _ = natural_earth(np.array([math.degrees(1.0)]), np.array([lat]))
    return float(x[0])


def _y(lat: float) -> float:
    """Natural Earth's y of a latitude."""
    return float(natural_earth(np.array([0.0]), np.array([lat]))[1][0])


def _wrap(lon: np.ndarray | float) -> Any:
    """Longitudes in [-180, 180)."""
    return (np.asarray(lon, dtype=float) + 180.0) % 360.0 - 180.0


@dataclass(frozen=True)
class Frame:
    """A map view: the range box (west and east edges, west > east across the antimeridian) and
    the central meridian."""

    west: float
    east: float
    south: float
    north: float

    @property
    def center_lon(self) -> float:
        """The central meridian."""
        return float(_wrap(self.west + self.lon_span / 2))

    @property
    def center_lat(self) -> float:
        """The middle latitude."""
        return (self.south + self.north) / 2

    @property
    def lon_span(self) -> float:
        """Degrees of longitude across the box."""
        return (self.east - self.west) % 360.0 or 360.0

    def relative_lon(self, lon: np.ndarray | float) -> Any:
        """Longitudes relative to the central meridian, in [-180, 180)."""
        return _wrap(np.asarray(lon, dtype=float) - self.center_lon)

    def contains(self, lat: float, lon: float) -> bool:
        """Whether a point is inside the box."""
        inside_lon = abs(float(self.relative_lon(lon))) <= self.lon_span / 2 + 1e-9
        return inside_lon and self.south - 1e-9 <= lat <= self.north + 1e-9

    def projected_size(self) -> tuple[float, float]:
        """Width and height of the box in Natural Earth units (x is widest nearest the equator)."""
        width = math.radians(self.lon_span) * _x_scale(_nearest_equator(self.south, self.north))
        return width, _y(self.north) - _y(self.south)

    def aspect(self) -> float:
        """The box's projected width / height: what plotly keeps when it fits the box."""
        width, height = self.projected_size()
        return width / height

    def pixels(
        self, lat: np.ndarray, lon: np.ndarray, width: float, height: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Where points land in a `width` x `height` map showing this frame (y down, from the
        top left of the box)."""
        box_w, box_h = self.projected_size()
        scale = min(width / box_w, height / box_h)
        x, y = natural_earth(self.relative_lon(lon), np.asarray(lat, dtype=float))
        return (x + box_w / 2) * scale, (_y(self.north) - y) * scale

    def geo_layout(self) -> dict[str, Any]:
        """The plotly ``layout.geo`` keys that show this frame."""
        return {
            "projection": {"type": "natural earth", "rotation": {"lon": self.center_lon}},
            "center": {"lon": self.center_lon, "lat": self.center_lat},
            "lonaxis": {"range": [self.west, self.east]},
            "lataxis": {"range": [self.south, self.north]},
        }


def _lon_arc(lon: np.ndarray) -> tuple[float, float]:
    """(west, span) of the shortest arc of longitude holding every point."""
    ordered = np.sort(_wrap(lon))
    gaps = np.diff(np.append(ordered, ordered[0] + 360.0))
    widest = int(np.argmax(gaps))
    west = float(ordered[(widest + 1) % len(ordered)])
    return west, 360.0 - float(gaps[widest])


def frame_places(
    lat: Sequence[float] | np.ndarray,
    lon: Sequence[float] | np.ndarray,
    *,
    aspect: float = MAP_ASPECT,
    min_lat_span: float = _MIN_LAT_SPAN,
    min_lon_span: float = _MIN_LON_SPAN,
) -> Frame | None:
    """The frame holding every point with a margin, at least `min_*_span` degrees, widened to
    `aspect` (projected width / height) where the globe allows; None without points.

    >>> frame = frame_places([51.9, 43.1], [128.3, 131.9])
    >>> frame.contains(51.9, 128.3), frame.contains(39.8, -98.5), round(frame.center_lon)
    (True, False, 130)
    >>> round(frame.aspect(), 2)
    1.45
    """
    lats = np.asarray(lat, dtype=float)
    lons = np.asarray(lon, dtype=float)
    keep = np.isfinite(lats) & np.isfinite(lons)
    lats, lons = lats[keep], lons[keep]
    if not len(lats):
        return None
    west, lon_span = _lon_arc(lons)
    south, north = float(lats.min()), float(lats.max())
    lat_pad = max((north - south) * _MARGIN, _MARGIN_AT_LEAST)
    lon_pad = max(lon_span * _MARGIN, _MARGIN_AT_LEAST)
    south, north = _widen(south - lat_pad, north + lat_pad, min_lat_span)
    lon_span += 2 * lon_pad
    west -= lon_pad
    if lon_span < min_lon_span:
        west -= (min_lon_span - lon_span) / 2
        lon_span = min_lon_span
    frame = _box(west, min(lon_span, 360.0), south, north)
    for _ in range(40):  # widen the short side until the box has the container's aspect
        current = frame.aspect()
        if abs(current - aspect) < 1e-3:
            break
        if current < aspect and frame.lon_span < 360.0:
            width = aspect * frame.projected_size()[1]
            middle = frame.center_lon
            span = min(
                360.0, math.degrees(width / _x_scale(_nearest_equator(frame.south, frame.north)))
            )
            frame = _box(middle - span / 2, span, frame.south, frame.north)
        elif current > aspect and (frame.south > -_MAX_LAT or frame.north < _MAX_LAT):
            frame = _taller(frame, frame.projected_size()[0] / aspect)
        else:
            break
    return frame


def _widen(low: float, high: float, least: float) -> tuple[float, float]:
    """[low, high] widened about its middle to at least `least`, kept inside the poles."""
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    if low < -_MAX_LAT:
        low, high = -_MAX_LAT, min(_MAX_LAT, high + (-_MAX_LAT - low))
    if high > _MAX_LAT:
        low, high = max(-_MAX_LAT, low - (high - _MAX_LAT)), _MAX_LAT
    return low, high


def _box(west: float, span: float, south: float, north: float) -> Frame:
    """A frame from its west edge and span; the whole globe is [-180, 180]."""
    if span >= 360.0:
        return Frame(-180.0, 180.0, south, north)
    return Frame(float(_wrap(west)), float(_wrap(west + span)), south, north)


def _nearest_equator(south: float, north: float) -> float:
    """The latitude in [south, north] closest to the equator."""
    if south <= 0.0 <= north:
        return 0.0
    return south if abs(south) < abs(north) else north


def _taller(frame: Frame, height: float) -> Frame:
    """The frame with its latitudes widened (about their middle, inside the poles) until its
    projected height reaches `height`."""
    low, high = 0.0, 180.0
    best = Frame(frame.west, frame.east, -_MAX_LAT, _MAX_LAT)  # if even the poles are not enough
    for _ in range(50):
        extra = (low + high) / 2
        south, north = _widen(frame.south - extra / 2, frame.north + extra / 2, 0.0)
        candidate = Frame(frame.west, frame.east, south, north)
        if candidate.projected_size()[1] < height:
            low = extra
        else:
            high, best = extra, candidate
    return best


# -- labels -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its text (as shown), its anchor and the radius (px) of its marker
    (0 for a label without a marker, drawn centred on its point)."""

    text: str
    lat: float
    lon: float
    radius: float = 0.0


@dataclass(frozen=True)
class Label:
    """A placed label: its plotly textposition and its box (x0, y0, x1, y1) in pixels."""

    index: int
    text: str
    position: str
    box: tuple[float, float, float, float]


def label_box(
    x: float, y: float, text: str, position: str, *, radius: float = 0.0, font_size: float = 11
) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1; y down) a label takes at a plotly textposition around a marker
    of `radius` pixels at (x, y). Widths are estimated from the character count.

    >>> label_box(100, 100, "Kim", "top center", radius=5)
    (90.1, 79.25, 109.9, 93.0)
    """
    width = _CHAR_WIDTH * font_size * max(len(text), 1)
    height = _LINE_HEIGHT * font_size
    vertical, horizontal = position.split()
    if horizontal == "center":
        x0 = x - width / 2
    elif horizontal == "right":
        x0 = x + radius + _GAP
    else:
        x0 = x - radius - _GAP - width
    if vertical == "top":
        y0 = y - radius - _GAP - height
    elif vertical == "bottom":
        y0 = y + radius + _GAP
    else:
        y0 = y - height / 2
    return (round(x0, 2), round(y0, 2), round(x0 + width, 2), round(y0 + height, 2))


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    requests: Sequence[LabelRequest],
    frame: Frame,
    *,
    width: float,
    height: float,
    font_size: float = 11,
    limit: int | None = None,
) -> list[Label]:
    """Labels for `requests` (best-ranked first) that overlap neither each other nor any
    request's marker, in a `width` x `height` map of `frame`. A request whose every position
    collides gets no label, nor do those past `limit` placed labels (or past the first
    8 x `limit` requests: a crowded map stays fast); a text already placed is not repeated.
    Deterministic: the same requests give the same labels.

    >>> frame = frame_places([51.9, 52.5, 43.1], [128.3, 128.0, 131.9])
    >>> labels = place_labels([LabelRequest("Vostochny", 51.9, 128.3, 8),
    ...                        LabelRequest("Amur Oblast", 52.5, 128.0, 8),
    ...                        LabelRequest("Vladivostok", 43.1, 131.9, 6)],
    ...                       frame, width=640, height=440)
    >>> [(label.text, label.position) for label in labels]
    [('Vostochny', 'middle right'), ('Amur Oblast', 'top center'), ('Vladivostok', 'top center')]
    """
    if not requests:
        return []
    lats = np.array([r.lat for r in requests], dtype=float)
    lons = np.array([r.lon for r in requests], dtype=float)
    radii = np.array([r.radius for r in requests], dtype=float)
    xs, ys = frame.pixels(lats, lons, width, height)
    # the markers (x0, y0, x1, y1), as arrays: one test against all of them per position
    dots = np.column_stack([xs - radii, ys - radii, xs + radii, ys + radii])
    has_dot = radii > 0
    tries = len(requests) if limit is None else min(len(requests), _TRIES_PER_LABEL * limit)
    placed: list[Label] = []
    shown: set[str] = set()
    for index in range(tries):
        request = requests[index]
        if limit is not None and len(placed) >= limit:
            break
        if not request.text or request.text in shown:
            continue
        others = has_dot.copy()
        others[index] = False
        positions = LABEL_POSITIONS if request.radius else ("middle center", *LABEL_POSITIONS)
        for position in positions:
            box = label_box(float(xs[index]), float(ys[index]), request.text, position,
                            radius=request.radius, font_size=font_size)  # fmt: skip
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if not inside or any(_overlaps(box, label.box) for label in placed):
                continue
            hit = (
                (dots[:, 0] < box[2])
                & (box[0] < dots[:, 2])
                & (dots[:, 1] < box[3])
                & (box[1] < dots[:, 3])
            )
            if (hit & others).any():
                continue
            placed.append(Label(index, request.text, position, box))
            shown.add(request.text)
            break
    return placed
