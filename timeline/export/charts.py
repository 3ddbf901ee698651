"""The dashboard's figures as files: standalone HTML, and PNG, SVG or PDF images.

HTML pages inline plotly.js and the world outlines (``window.PlotlyGeoAssets``, which plotly.js
reads before it would fetch an outline from its CDN): they open from disk with no network. Every
exported page uses :data:`timeline.figures.PLOT_CONFIG` (no "Share chart" button).

Images are drawn by kaleido (>= 1.0) in an installed Chromium (Debian's ``/usr/bin/chromium``),
with the package's outlines and no MathJax, so nothing is fetched. Starting Chromium is most of
the cost of one image (~2 s): :func:`write_images` draws any number of figures in one browser
session. It calls kaleido directly rather than ``plotly.io.write_images``, whose
``defaults.mathjax = False`` still leaves kaleido's page loading MathJax from a CDN, and so that
no global plotly default is changed. In PDFs, hatched bars (dates carried over from context or
taken from the publication date) are drawn in a lighter tint instead: Chromium's PDF printer
takes minutes over a few hundred hatched bars (300 events: over 100 s, against 7 s without).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from timeline.errors import ExportError
from timeline.export.safety import html_text
from timeline.figures import PLOT_CONFIG, map_figure, timeline_figure, topojson_dir

__all__ = [
    "CHARTS",
    "IMAGE_FORMATS",
    "chart_figures",
    "figure_div",
    "figure_html",
    "plotly_scripts",
    "write_images",
]

CHARTS: Final = ("timeline", "map")
IMAGE_FORMATS: Final = ("png", "svg", "pdf")
IMAGE_WIDTH: Final = 1100  # pixels; the height is the figure's own, else IMAGE_HEIGHT
IMAGE_HEIGHT: Final = 600


def chart_figures(
    events: pd.DataFrame,
    charts: Sequence[str] = CHARTS,
    *,
    mentions: pd.DataFrame | None = None,
    lane: str = "actor",
) -> dict[str, go.Figure]:
    """The named charts ("timeline", "map") of `events`, drawn by the dashboard's functions."""
    unknown = [name for name in charts if name not in CHARTS]
    if unknown:
        raise ValueError(f"charts {unknown} are not among {', '.join(CHARTS)}")
    draw = {
        "timeline": lambda: timeline_figure(events, lane=lane),
        "map": lambda: map_figure(events, mentions=mentions),
    }
    return {name: draw[name]() for name in charts}


def _topojson_names(fig: go.Figure) -> list[str]:
    """The outline files a figure's geo subplots need, e.g. ['world_110m']."""
    if not any(trace.type in ("scattergeo", "choropleth") for trace in fig.data):
        return []
    layout = fig.to_plotly_json()["layout"]
    names = {
        f"{value.get('scope') or 'world'}_{int(value.get('resolution') or 110)}m"
        for key, value in layout.items()
        if key.startswith("geo") and isinstance(value, dict)
    }
    return sorted(names or {"world_110m"})


def _without_hatching(fig: go.Figure) -> go.Figure:
    """A copy of `fig` whose hatched bars are a lighter tint of their colour, for PDF."""
    copy = go.Figure(fig)
    for trace in copy.data:
        if trace.type == "bar" and trace.marker.pattern.shape:
            trace.marker.pattern = None
            trace.opacity = 0.45 * (trace.opacity if trace.opacity is not None else 1.0)
    return copy


def plotly_scripts(figures: Sequence[go.Figure], *, topojson: Path | None = None) -> str:
    """Two <script> elements: the outlines the figures need, then plotly.js itself (inlined)."""
    import plotly.offline

    folder = topojson or topojson_dir()
    names = sorted({name for fig in figures for name in _topojson_names(fig)})
    outlines = {name: json.loads((folder / f"{name}.json").read_text()) for name in names}
    assets = json.dumps({"topojson": outlines}, separators=(",", ":")).replace("</", "<\\/")
    return (
        f"<script>window.PlotlyGeoAssets={assets};</script>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
    )


def figure_div(fig: go.Figure, *, height: str = "100%") -> str:
    """The figure as a <div> and its drawing script (plotly.js not included), with PLOT_CONFIG."""
    div: str = fig.to_html(
        full_html=False, include_plotlyjs=False, include_mathjax=False, config=PLOT_CONFIG,
        default_height=height,
    )  # fmt: skip
    return div


def figure_html(fig: go.Figure, *, title: str = "timeline", topojson: Path | None = None) -> str:
    """A standalone HTML page of `fig`: plotly.js and the map outlines inlined, 0 requests.

    Args:
        fig: any figure.
        title: the page title (escaped: it is text, never markup).
        topojson: the folder holding ``world_110m.json``; the package's by default.
    """
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html_text(title)}</title></head><body>\n"
        f"{plotly_scripts([fig], topojson=topojson)}"
        f"{figure_div(fig)}\n</body></html>\n"
    )


def write_images(
    figures: Sequence[go.Figure],
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    width: int = IMAGE_WIDTH,
    height: int | None = None,
    scale: float = 1.0,
    topojson: Path | None = None,
) -> list[Path]:
    """Draw figures to PNG, SVG or PDF files (by suffix), all in one Chromium session.

    Args:
        figures: the figures.
        paths: one output path per figure.
        format: "png", "svg" or "pdf"; by default each path's suffix.
        width: pixels.
        height: pixels; by default each figure's own height, else IMAGE_HEIGHT.
        scale: pixel density of PNGs (2 for print).
        topojson: the folder of the world outlines; the package's by default.

    Raises:
        ExportError: an unknown suffix, or Chromium could not draw (with what to install).
    """
    import kaleido  # type: ignore[import-untyped]
    from kaleido import errors

    targets = [Path(path) for path in paths]
    if len(targets) != len(figures):
        raise ValueError(f"{len(figures)} figures but {len(targets)} paths")
    formats = [format or path.suffix.lower().lstrip(".") for path in targets]
    bad = [
        str(path) for path, kind in zip(targets, formats, strict=True) if kind not in IMAGE_FORMATS
    ]
    if bad:
        raise ExportError(f"{', '.join(bad)}: images are {', '.join(IMAGE_FORMATS)}")
    outlines = (topojson or topojson_dir()).as_uri() + "/"
    specs = [
        {
            "fig": (_without_hatching(fig) if kind == "pdf" else fig).to_dict(),
            "path": path,
            "opts": {
                "format": kind,
                "width": width,
                "height": height or fig.layout.height or IMAGE_HEIGHT,
                "scale": scale,
            },
            "topojson": outlines,
        }
        for fig, path, kind in zip(figures, targets, formats, strict=True)
    ]
    failures = (errors.ChromeNotFoundError, errors.BrowserFailedError, errors.BrowserClosedError,
                errors.KaleidoError, errors.JavascriptError, TimeoutError, OSError)  # fmt: skip
    for path in targets:
        path.unlink(missing_ok=True)  # so a file left from before never passes for a new one
    try:
        kaleido.write_fig_from_object_sync(specs, kopts={"mathjax": False})
        # kaleido can return without writing an image whose page timed out: once more for those
        missing = [spec for spec in specs if not _written(spec["path"])]
        if missing:
            kaleido.write_fig_from_object_sync(missing, kopts={"mathjax": False})
    except failures as err:
        where = ", ".join(str(path) for path in targets)
        raise ExportError(
            f"{where}: Chromium could not draw the images ({type(err).__name__}: {err}); "
            "install Debian's chromium (apt-get install chromium) or set BROWSER_PATH"
        ) from None
    unwritten = [str(path) for path in targets if not _written(path)]
    if unwritten:
        raise ExportError(
            f"{', '.join(unwritten)}: Chromium drew no image (twice); the machine may be too "
            "busy for kaleido's timeout: try again, or fewer charts at a time"
        )
    return targets


def _written(path: object) -> bool:
    """True when `path` is a file with something in it."""
    return isinstance(path, Path) and path.is_file() and path.stat().st_size > 0
