"""The timeline's rows: which lane each event sits in, and where in its lane.

An event with two actors sits in both actors' lanes; events on the same day in the same lane
are stacked within the lane's height so that none hides another. Pure functions of an events
frame; no plotly import.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from timeline.schema import DATE_SOURCES, Col

__all__ = [
    "LANE_COLUMNS",
    "MAX_LANES",
    "STACK_HEIGHT",
    "STACK_STEP",
    "fold_lanes",
    "lane_values",
    "stack_rows",
]

LANE_COLUMNS: Final[dict[str, str]] = {
    "actor": Col.ACTORS,
    "country": Col.COUNTRIES,
    "article": Col.TITLE,
}
MAX_LANES: Final = 40  # more lanes are unreadable: the rest are folded into one "other" lane
STACK_STEP: Final = 0.16  # of a lane's height, between stacked events
STACK_HEIGHT: Final = 0.76  # of a lane's height: the most a stack takes
_NO_LANE: Final = "(none named)"
_SEPARATOR: Final = "; "
_SOURCE_ORDER: Final = {source: i for i, source in enumerate(DATE_SOURCES)}


def lane_values(events: pd.DataFrame, lane: str) -> pd.Series:
    """One row per (event, lane): the event's index repeated for each actor, country or article.

    An event with two actors appears in both actor lanes; one with none in the "(none named)" lane.
    """
    if lane not in LANE_COLUMNS:
        raise ValueError(f"lane={lane!r} is not one of {', '.join(LANE_COLUMNS)}")
    if lane == "article":
        title = events[Col.TITLE].astype("string")
        doc = events[Col.DOC_ID].astype("string")
        return title.where(title.notna() & title.str.len().gt(0), doc).fillna(_NO_LANE)
    column = events[LANE_COLUMNS[lane]].astype("string").fillna("")
    exploded = column.str.split(_SEPARATOR).explode().str.strip()
    return exploded.where(exploded.str.len().gt(0), _NO_LANE).astype("string")


def fold_lanes(lanes: pd.Series) -> pd.Series:
    """Keep the MAX_LANES - 1 busiest lanes; fold the rest into one 'other' lane."""
    counts = lanes.value_counts()
    if len(counts) <= MAX_LANES:
        return lanes
    keep = set(counts.index[: MAX_LANES - 1])
    other = f"(other {len(counts) - len(keep)} lanes)"
    return lanes.where(lanes.isin(keep), other)


def stack_rows(rows: pd.DataFrame, point: np.ndarray) -> pd.DataFrame:
    """`rows` (with their lane's row number in ``_row``) given ``_point`` (drawn as a point),
    ``_y`` (the row plus an offset within the lane) and ``_depth`` (how many share the spot).

    Points on the same day in the same lane, and identical bars, are spread over the lane's
    height in a fixed order (date source, then event_id), so none hides another and the same
    frame always gives the same picture. The rows come back sorted by lane and date.
    """
    start = rows[Col.START].to_numpy(dtype="datetime64[s]").astype("int64")
    end = rows[Col.END].to_numpy(dtype="datetime64[s]").astype("int64")
    keyed = rows.assign(
        _point=point,
        _k1=np.where(point, start // 86_400, start),
        _k2=np.where(point, 0, end),
        _src=rows[Col.DATE_SOURCE].map(_SOURCE_ORDER).fillna(len(_SOURCE_ORDER)),
    ).sort_values(["_row", "_k1", "_src", Col.EVENT_ID], kind="stable")
    groups = keyed.groupby(["_row", "_point", "_k1", "_k2"], sort=False)
    rank = groups.cumcount().to_numpy()
    depth = groups["_row"].transform("size").to_numpy()
    step = np.where(depth > 1, np.minimum(STACK_STEP, STACK_HEIGHT / np.maximum(depth - 1, 1)), 0)
    offset = (rank - (depth - 1) / 2) * step
    return keyed.assign(_y=keyed["_row"].to_numpy() + offset, _depth=depth).drop(
        columns=["_k1", "_k2", "_src"]
    )
