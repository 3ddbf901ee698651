"""The notebooks run top to bottom (nbclient, an ipykernel kernel), writing only into tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _run(name: str, folder: Path) -> Any:
    """Execute a notebook with `folder` as its working directory; the file itself is not saved."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return notebook


def _outputs(notebook: Any) -> list[dict[str, Any]]:
    return [output for cell in notebook.cells for output in cell.get("outputs", [])]


@pytest.mark.browser  # the PNG is drawn by kaleido in Chromium
def test_quickstart_runs(tmp_path: Path) -> None:
    before = sorted(NOTEBOOKS.iterdir())
    notebook = _run("quickstart.ipynb", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.csv", "map.png", "report.html", "timeline.png",
    ]  # fmt: skip
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert sorted(NOTEBOOKS.iterdir()) == before  # nothing written into the repository


def test_explore_runs(tmp_path: Path) -> None:
    notebook = _run("explore.ipynb", tmp_path)
    assert (tmp_path / "map.html").read_text(encoding="utf-8").count("<script>window.PlotlyGeoAssets=") == 1
    assert not [o for o in _outputs(notebook) if o["output_type"] == "error"]
