"""``timeline evaluate``: scores against gold data whose path the user gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from timeline.errors import TimelineError

__all__ = ["evaluate"]


@click.group()
def evaluate() -> None:
    """Score the extractor against gold-standard data (paths to the data as arguments)."""


@evaluate.command("tempeval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one machine-readable JSON line.")
def evaluate_tempeval_command(path: Path, as_json: bool) -> None:
    """Temporal expressions against TempEval-3 JSONL: strict/relaxed/value/type F1, with plain
    dateparser.search_dates scored beside it."""
    from timeline.evaluate.tempeval import evaluate_tempeval, format_tempeval

    _report(lambda: evaluate_tempeval(path), format_tempeval, as_json)


@evaluate.command("geo")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold-spans", is_flag=True, help="Resolve the gold spans only (no recognition).")
@click.option("--json", "as_json", is_flag=True, help="Print one machine-readable JSON line.")
def evaluate_geo_command(path: Path, gold_spans: bool, as_json: bool) -> None:
    """Place recognition and resolution against a geoparsing JSONL corpus: P/R/F1, accuracy
    within 161 km, median and mean error, AUC."""
    from timeline.evaluate.geo import evaluate_geo, format_geo

    _report(lambda: evaluate_geo(path, gold_spans=gold_spans), format_geo, as_json)


@evaluate.command("ecb")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--threshold", type=click.FloatRange(min=0, min_open=True), default=None,
    help="Merge threshold (default: timeline.merge.THRESHOLD).",
)  # fmt: skip
@click.option("--no-model", is_flag=True, help="Extract and lemmatize without the spaCy model.")
@click.option("--json", "as_json", is_flag=True, help="Print one machine-readable JSON line.")
def evaluate_ecb_command(
    path: Path, threshold: float | None, no_model: bool, as_json: bool
) -> None:
    """Cross-document event merging against ECB+ JSONL: pairwise and B-cubed P/R/F1 of "same
    event" between sentences of different documents, beside a same-lemma baseline."""
    from timeline.evaluate.ecb import evaluate_ecb, format_ecb
    from timeline.merge import THRESHOLD

    chosen = THRESHOLD if threshold is None else threshold
    _report(
        lambda: evaluate_ecb(path, threshold=chosen, use_model=not no_model), format_ecb, as_json
    )


def _report(
    run: Callable[[], dict[str, Any]], render: Callable[[dict[str, Any]], str], as_json: bool
) -> None:
    """Run an evaluation and print it as text or one JSON line."""
    try:
        result = run()
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    click.echo(json.dumps(result, default=str) if as_json else render(result))
