"""What every figure shares: the template, the selection colour, the empty state, where the
assets are, and user text made into labels.

Imported by :mod:`timeline.figures` (the timeline) and :mod:`timeline.maps` (the map); never
imports Dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.text import plain_label

__all__ = [
    "RED",
    "TEMPLATE",
    "as_labels",
    "assets_dir",
    "empty_figure",
    "selected_ids",
    "topojson_dir",
]


def _light_template(name: str, traces: Sequence[str]) -> go.layout.Template:
    """A registered template's layout, and its trace defaults for these types only.

    Every figure carries its template to the browser: plotly_white's defaults for 30 trace
    types were a quarter of the timeline's JSON, and copying them a tenth of a filter change.
    """
    full = pio.templates[name]
    data = {kind: full.data[kind] for kind in traces if full.data[kind]}
    return go.layout.Template(layout=full.layout, data=data)


# plotly_white, for the trace types drawn here
TEMPLATE: Final = _light_template(
    "plotly_white", ("scatter", "scattergl", "bar", "choropleth", "scattergeo")
)
RED: Final = "#c0392b"  # the selection, on the timeline and the map


def assets_dir() -> Path:
    """The app's assets: ``timeline/_assets`` in an installed wheel, else the repo's ``assets/``."""
    package = Path(__file__).resolve().parent
    installed = package / "_assets"
    return installed if installed.is_dir() else package.parent / "assets"


def topojson_dir() -> Path:
    """The folder of the world outlines (``world_110m.json``), shipped with the package."""
    return assets_dir() / "topojson"


def empty_figure(message: str, *, height: int | None = None) -> go.Figure:
    """A figure with no data, no axes or map, and a centred message saying what to do."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
        font={"size": 15, "color": "#555"},
    )  # fmt: skip
    fig.update_layout(template=TEMPLATE, height=height, margin={"l": 20, "r": 20, "t": 30, "b": 20})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def as_labels(values: pd.Series, *, limit: int | None = None) -> np.ndarray:
    """:func:`timeline.text.plain_label` of each value ("" for missing ones), computed once per
    distinct value."""
    codes, uniques = pd.factorize(values)
    table = np.array([plain_label(value, limit=limit) for value in uniques] + [""], dtype=object)
    labels: np.ndarray = table[codes]  # a missing value's code, -1, picks the final ""
    return labels


def selected_ids(selected: Sequence[str] | str | None) -> list[str]:
    """Selected event ids as a list."""
    if selected is None:
        return []
    return [selected] if isinstance(selected, str) else [str(s) for s in selected]
