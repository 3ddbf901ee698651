"""Map frames and label placement."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.mapframe import (
    MAP_ASPECT,
    LabelRequest,
    frame_places,
    label_box,
    natural_earth,
    place_labels,
)


def test_natural_earth_matches_d3() -> None:
    # d3.geoNaturalEarth1 at scale 1, no translation: [lon, lat] -> [x, -y]
    # d3.geoNaturalEarth1 at scale 1 puts the antimeridian at x = 0.8707 pi and the pole at
    # y = 1.4224: the world is 1.923 times wider than tall
    x, y = natural_earth(np.array([180.0, 0.0]), np.array([0.0, 90.0]))
    assert x == pytest.approx([2.7354, 0.0], abs=1e-4)
    assert y == pytest.approx([0.0, 1.4224], abs=1e-4)


def test_one_place_gets_its_region() -> None:
    frame = frame_places([48.85], [2.35])
    assert frame.contains(48.85, 2.35)
    assert frame.north - frame.south >= 24 and frame.lon_span >= 32
    assert frame.aspect() == pytest.approx(MAP_ASPECT, rel=1e-3)


def test_no_points_no_frame() -> None:
    assert frame_places([], []) is None
    assert frame_places([float("nan")], [10.0]) is None


def test_the_whole_world_is_clamped_to_it() -> None:
    frame = frame_places([80, -80, 0, 0], [-179, 179, 60, -60])
    assert frame.lon_span <= 360 and -90 <= frame.south < frame.north <= 90


latitudes = st.floats(min_value=-85, max_value=85, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=12),
       st.floats(min_value=0.7, max_value=2.5))  # fmt: skip
def test_the_frame_holds_every_point(points: list[tuple[float, float]], aspect: float) -> None:
    lat, lon = zip(*points, strict=True)
    frame = frame_places(lat, lon, aspect=aspect)
    assert frame is not None
    for y, x in points:
        assert frame.contains(y, x), (y, x, frame)
    assert -90 <= frame.south < frame.north <= 90
    # the container's aspect, unless the globe ran out first
    reached = frame.aspect() == pytest.approx(aspect, rel=0.02)
    assert reached or frame.lon_span >= 359.9 or (frame.south <= -89.9 and frame.north >= 89.9)


requests = st.lists(
    st.builds(LabelRequest, st.text("abcdefghij ", min_size=1, max_size=20),
              st.floats(min_value=30, max_value=60), st.floats(min_value=100, max_value=150),
              st.sampled_from([0.0, 5.0, 11.0])),
    max_size=25,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(requests)
def test_placed_labels_never_collide(found: list[LabelRequest]) -> None:
    frame = frame_places([30, 60], [100, 150])
    labels = place_labels(found, frame, width=600, height=414)
    assert labels == place_labels(found, frame, width=600, height=414)  # deterministic
    xs, ys = frame.pixels(np.array([r.lat for r in found]), np.array([r.lon for r in found]),
                          600, 414)  # fmt: skip
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a.box, b.box)
    for label in labels:
        assert label.box[0] >= 0 and label.box[2] <= 600 and label.box[1] >= 0
        assert label.box[3] <= 414
        for i, request in enumerate(found):
            if i != label.index and request.radius:
                dot = (xs[i] - request.radius, ys[i] - request.radius,
                       xs[i] + request.radius, ys[i] + request.radius)  # fmt: skip
                assert not _overlap(label.box, dot)
    assert len({label.text for label in labels}) == len(labels)


def test_a_label_moves_off_a_neighbours_dot() -> None:
    frame = frame_places([51.9, 52.5], [128.3, 128.0])
    labels = place_labels([LabelRequest("Vostochny Cosmodrome", 51.9, 128.3, 8),
                           LabelRequest("Amur Oblast", 52.5, 128.0, 14)],
                          frame, width=600, height=414)  # fmt: skip
    assert labels[0].position != "top center"
    assert len(labels) == 2


def test_label_box_positions() -> None:
    top = label_box(100, 100, "abc", "top center", radius=5)
    right = label_box(100, 100, "abc", "middle right", radius=5)
    assert top[3] <= 95 and right[0] >= 105


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
