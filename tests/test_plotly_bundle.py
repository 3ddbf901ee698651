"""The dashboard's plotly.js build (scripts/plotly_bundle) holds every trace type it draws."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from timeline.app import server
from timeline.figure_style import assets_dir
from timeline.figures import WEBGL_ABOVE, timeline_figure
from timeline.maps import map_figure

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: find the sample
from timeline_sample import sample_frames, synthetic_events

ROOT = Path(__file__).resolve().parents[1]
_BUILT: tuple[str, ...] = ("scatter",)  # in plotly.js's core


def _registered() -> set[str]:
    """The trace types scripts/plotly_bundle/entry.js registers."""
    entry = (ROOT / "scripts" / "plotly_bundle" / "entry.js").read_text(encoding="utf-8")
    return set(_BUILT) | set(re.findall(r'require\("plotly\.js/lib/([a-z0-9]+)"\)', entry))


def test_every_trace_type_the_code_makes_is_in_the_build() -> None:
    # any go.<Trace>( in the package: a new trace type must be added to entry.js and rebuilt
    made = {
        name.lower()
        for path in (ROOT / "timeline").rglob("*.py")
        for name in re.findall(r"\bgo\.([A-Z][a-z]+)\(", path.read_text(encoding="utf-8"))
    } - {"figure"}
    assert {"scatter", "scattergl", "bar", "choropleth", "scattergeo"} <= made
    assert made <= _registered(), made - _registered()


def test_the_dashboards_figures_use_only_built_trace_types() -> None:
    events, mentions, _ = sample_frames()
    many = synthetic_events(WEBGL_ABOVE + 1)  # drawn with WebGL
    figures = [timeline_figure(events), map_figure(events, mentions=mentions)]
    figures += [timeline_figure(many), map_figure(many)]
    assert "scattergl" in {trace.type for trace in figures[2].data}
    assert {trace.type for fig in figures for trace in fig.data} <= _registered()


def test_the_build_is_of_the_installed_plotly_js_version() -> None:
    built = assets_dir() / server.PLOTLY_JS_ASSET
    header = built.read_text(encoding="utf-8").partition("\n")[0]
    assert f"plotly.js v{get_plotlyjs_version()} " in header, (
        "rebuild it: cd scripts/plotly_bundle && npm ci && node build.js"
    )
    assert (built.parent / "plotly-timeline.LICENSES.txt").read_text(encoding="utf-8").count(
        "==== "
    ) > 50
