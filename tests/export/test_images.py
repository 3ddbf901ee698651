"""PNG, SVG and PDF from kaleido in Chromium, all in one browser session, with no network."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from timeline.errors import ExportError
from timeline.export.charts import chart_figures, write_images
from timeline.export.formats import export_events

pytestmark = pytest.mark.browser  # kaleido drives a headless Chromium


def test_batched_images_open(sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path) -> None:
    events, mentions = sample
    figures = chart_figures(events, mentions=mentions)
    paths = [tmp_path / f"{name}.{kind}" for kind in ("png", "svg", "pdf") for name in figures]
    written = write_images([figures[p.stem] for p in paths], paths)
    assert written == paths
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000
        elif path.suffix == ".svg":
            assert re.match(rb"<svg[^>]+xmlns=\"http://www.w3.org/2000/svg\"", data)
            assert data.count(b"<path") > 5
        else:
            _check_pdf(data)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    countries = re.search(r'class="layer countries".*?<path[^>]* d="([^"]+)"', svg, re.S)
    assert countries and len(countries.group(1)) > 10_000  # the outlines were drawn, offline


def _check_pdf(data: bytes) -> None:
    """A PDF with at least one page (pypdf when installed, else the page object itself)."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        assert re.search(rb"/Type\s*/Page\b", data)
        return
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_both_charts_from_export_events(sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path) -> None:
    done = export_events(sample[0], tmp_path / "chart.png", charts=("timeline", "map"))
    assert [p.name for p in done.paths] == ["chart-timeline.png", "chart-map.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in done.paths)


def test_no_browser_is_one_clear_error(
    sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(ExportError, match=r"Chromium could not draw the images .*apt-get install chromium"):
        write_images(list(chart_figures(sample[0], ["timeline"]).values()), [tmp_path / "t.png"])


def test_an_image_kaleido_did_not_write_is_an_error_not_a_success(
    sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kaleido  # type: ignore[import-untyped]

    calls: list[int] = []

    def draws_nothing(specs: list[dict[str, object]], **_: object) -> None:
        calls.append(len(specs))  # as kaleido does when a page times out under load

    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", draws_nothing)
    stale = tmp_path / "t.png"
    stale.write_bytes(b"\x89PNG from an earlier run")
    with pytest.raises(ExportError, match=r"t\.png: Chromium drew no image \(twice\)"):
        write_images(list(chart_figures(sample[0], ["timeline"]).values()), [stale])
    assert calls == [1, 1] and not stale.exists()
