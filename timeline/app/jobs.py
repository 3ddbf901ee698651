"""Long work off the request thread: extracting pasted, uploaded or re-dated articles.

A click (or an upload) starts a Dash *background callback*: Dash's ``DiskcacheManager`` forks a
worker process, which reads the inputs into :class:`Source` objects and extracts them with
:func:`run_job`, reporting articles done / total and events found. It leaves the
:class:`Outcome` list in the job cache under a fresh key and hands the page only that key (with
``set_props``: were it a declared Output, the renderer would hold back every callback that
depends on the data until the job ends). A normal callback in the server process then applies
them with :func:`commit`: one ``AppState.add`` per source (later the store's ``add``), and one
line of message per file. So the server keeps answering other callbacks meanwhile, a cancel
kills the worker (nothing is added), and the extracted frames never travel through the browser.

Uploaded files are staged in the job cache first and the upload box emptied, so that choosing
the same file again is a new upload (answered "already loaded").

The worker is a fork of the server: it sees the app's articles as they were when it started, so
an article already loaded (same text, same date) is not extracted again.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import dash
from dash import Input, Output, State, ctx, no_update, set_props

from timeline.app import ids, layout
from timeline.app.state import AppState
from timeline.app.text import plain_name
from timeline.article import Article
from timeline.config import Settings
from timeline.errors import TimelineError
from timeline.schema import Col

if TYPE_CHECKING:
    from timeline.app.server import JobManager
    from timeline.extract.pipeline import Corpus

__all__ = [
    "BATCH",
    "Outcome",
    "Progress",
    "Source",
    "commit",
    "pasted_source",
    "redated_source",
    "register",
    "run_job",
    "upload_sources",
]

Progress = Callable[[int, int, str], None]  # (articles done, articles in all, status text)
_KEY_PREFIX: Final = "timeline-outcomes-"
_UPLOAD_PREFIX: Final = "timeline-upload-"
_KEY: Final = re.compile(r"timeline-(outcomes|upload)-[0-9a-f]{32}")
BATCH: Final = 8  # articles extracted together (one corpus per batch)
_EXPIRE: Final = 3600  # seconds an uncollected upload or result stays in the job cache


@dataclass(frozen=True)
class Source:
    """One thing the user gave: a pasted text, an uploaded file, or an article to date again.

    Attributes:
        name: what the messages call it (a file name, "Pasted text"), safe to show.
        articles: the articles read from it (none when it could not be read).
        error: why it could not be read, in one line.
        redate: the articles are already loaded and now carry a given date: their events
            replace the old ones.
        notes: the items of the file that were left out, or worth a remark, one line each.
    """

    name: str
    articles: tuple[Article, ...] = ()
    error: str | None = None
    redate: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What the extraction made of one source."""

    name: str
    corpus: Corpus | None = None
    error: str | None = None
    articles: int = 0  # articles extracted
    already: int = 0  # articles already loaded with the same date: skipped
    undated: int = 0  # articles extracted without a publication date
    replace: tuple[str, ...] = ()  # doc_ids whose events `corpus` replaces
    notes: tuple[str, ...] = ()  # items of the source left out, or worth a remark


def pasted_source(text: str | None, published: str | None = None) -> Source:
    """The paste box's text as one article, with the optional publication date given."""
    from timeline.article import make_article

    name = "Pasted text"
    if not text or not text.strip():
        return Source(name, error="Nothing to add: paste an article's text first.")
    try:
        article = make_article(text, published=published or None, source="pasted text")
    except ValueError as err:
        return Source(name, error=f"The pasted text could not be read: {err}")
    return Source(name, (article,))


def upload_sources(
    filenames: Sequence[str],
    contents: Sequence[str],
    settings: Settings,
    published: str | None = None,
) -> list[Source]:
    """Each uploaded file (a data URL) read on its own: one bad file does not stop the others,
    and the good items of a feed or table are kept, its bad ones listed."""
    from timeline.ingest import read_upload

    sources = []
    for raw_name, content in zip(filenames, contents, strict=True):
        name = plain_name(raw_name)
        try:
            data = base64.b64decode(content.split(",", 1)[1], validate=False)
        except (IndexError, binascii.Error, AttributeError):
            error = f"{name} could not be read: the upload was not base64 data"
            sources.append(Source(name, error=error))
            continue
        try:
            result = read_upload(str(raw_name), data, published=published, settings=settings)
        except TimelineError as err:
            sources.append(Source(name, error=plain_name(err, limit=400)))
            continue
        notes = tuple(plain_name(problem, limit=400) for problem in result.problems)
        if not result.articles and result.errors:
            sources.append(Source(name, error="; ".join(notes)))
        else:
            sources.append(Source(name, result.articles, notes=notes))
    return sources


def redated_source(article: Article | None, published: str | None) -> Source:
    """An article already loaded, with the publication date the user gave."""
    from timeline.article import make_article

    if article is None:
        return Source("the chosen article", error="Choose an article to date first.")
    name = plain_name(article.title or article.source or article.doc_id)
    if not published:
        return Source(name, error=f"{name}: choose its publication date first.")
    try:  # make_article parses the date exactly as the paste box and the CLI do
        date = make_article("x", published=published).published
    except ValueError as err:
        return Source(name, error=f"{name}: {err}")
    return Source(name, (replace(article, published=date, published_source="given"),), redate=True)


def run_job(
    sources: Sequence[Source],
    known: Mapping[str, dt.date | None],
    settings: Settings,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Extract every readable source; `known` maps loaded doc_ids to their publication dates.

    An article already loaded with the same date (or given none) is skipped; one loaded without
    that date is extracted again and replaces its old events.
    """
    from timeline.extract.pipeline import extract_corpus

    total = sum(len(source.articles) for source in sources)
    done = found = 0
    plans: list[tuple[Source, list[Article], list[str], int]] = []
    for source in sources:
        todo, replacing, already = [], [], 0
        for article in source.articles:
            if article.doc_id in known and not source.redate:
                if article.published is None or known[article.doc_id] == article.published:
                    already += 1
                    done += 1
                    continue
                replacing.append(article.doc_id)  # the same text, now with another date
            elif source.redate:
                replacing.append(article.doc_id)
            todo.append(article)
        plans.append((source, todo, replacing, already))
    # every article of every source in batches (spaCy's nlp.pipe, frames built once per
    # batch), with progress and a chance to cancel between batches
    pending = list({a.doc_id: a for _, todo, _, _ in plans for a in todo}.values())
    extracted: Corpus | None = None
    for first in range(0, len(pending), BATCH):
        batch = pending[first : first + BATCH]
        if progress:
            progress(done, total, _status(done, total, found, batch[0], len(batch)))
        piece = extract_corpus(batch, settings)
        extracted = piece if extracted is None else _joined(extracted, piece)
        done += len(batch)
        found += len(piece.events)
    if progress:
        progress(done, total, _status(done, total, found, None))
    outcomes = []
    for source, todo, replacing, already in plans:
        if source.error is not None:
            outcomes.append(Outcome(source.name, error=source.error))
            continue
        corpus = _part(extracted, {a.doc_id for a in todo}) if todo and extracted else None
        outcomes.append(
            Outcome(
                source.name,
                corpus,
                articles=len(todo),
                already=already,
                undated=sum(1 for a in todo if a.published is None),
                replace=tuple(replacing),
                notes=source.notes,
            )
        )
    return outcomes


def _part(corpus: Corpus, doc_ids: set[str]) -> Corpus:
    """The articles of `corpus` with these doc_ids, with their events and mentions."""
    from timeline.extract.pipeline import Corpus

    events = corpus.events[corpus.events[Col.DOC_ID].isin(doc_ids)].reset_index(drop=True)
    mentions = corpus.mentions[corpus.mentions[Col.DOC_ID].isin(doc_ids)].reset_index(drop=True)
    articles = {k: v for k, v in corpus.articles.items() if k in doc_ids}
    return Corpus(events, mentions, articles)


def _status(done: int, total: int, found: int, article: Article | None, batch: int = 1) -> str:
    """The progress line: '2 of 5 articles, 31 events found; now: "Title" (12,345 characters)'
    (and 'and 3 more' when a batch of several articles is under way)."""
    text = f"{done} of {total} article{'s' if total != 1 else ''} done, {found} events found"
    if article is not None:
        title = plain_name(article.title or article.source or "untitled", limit=60)
        text += f"; now: “{title}” ({len(article.text):,} characters)"
        if batch > 1:
            text += f" and {batch - 1} more"
    return text


def _joined(first: Corpus, second: Corpus) -> Corpus:
    """Two corpora as one (the articles of one source)."""
    import pandas as pd

    from timeline.extract.pipeline import Corpus

    def both(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
        frames = [frame for frame in (a, b) if not frame.empty]
        return pd.concat(frames, ignore_index=True) if len(frames) == 2 else (frames or [a])[0]

    return Corpus(
        both(first.events, second.events),
        both(first.mentions, second.mentions),
        {**first.articles, **second.articles},
    )


def commit(state: AppState, outcomes: Sequence[Outcome]) -> list[tuple[str, str]]:
    """Add the outcomes to the app's data; one (message, level) per source and remark, level
    being "ok", "warning" (nothing added, no publication date, items left out) or "error"."""
    return [line for outcome in outcomes for line in _commit_one(state, outcome)]


def _commit_one(state: AppState, outcome: Outcome) -> list[tuple[str, str]]:
    """Add one source's outcome; its lines."""
    if outcome.error is not None:
        return [(outcome.error, "error")]
    notes = [(note, "warning") for note in outcome.notes]
    corpus = outcome.corpus
    if corpus is None or not corpus.articles:
        what = "already loaded" if outcome.already else "no article found"
        return [(f"{outcome.name}: {what}; nothing added.", "warning"), *notes]
    before = set(state.articles)
    added = state.add(corpus, replace=outcome.replace)
    if outcome.replace:
        dates = sorted({str(a.published) for a in corpus.articles.values() if a.published})
        text = (
            f"{outcome.name}: extracted again with the publication date {', '.join(dates)}: "
            f"{_count(len(corpus.events), 'event')}."
        )
    elif not added and set(corpus.articles) <= before:  # another job added it meanwhile
        return [(f"{outcome.name}: already loaded; nothing added.", "warning"), *notes]
    else:
        text = (
            f"{outcome.name}: {_count(added, 'event')} added from "
            f"{_count(len(corpus.articles), 'article')}."
        )
    if outcome.already:
        text += f" {outcome.already} already loaded."
    undated = [(_undated_note(outcome.name, outcome.undated), "warning")] if outcome.undated else []
    return [(text, "ok"), *undated, *notes]


def _count(n: int, noun: str) -> str:
    """'1 event', '2 events'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _undated_note(name: str, undated: int) -> str:
    """The warning for articles that have no publication date."""
    which = "its article has" if undated == 1 else f"{undated} of its articles have"
    return (
        f"{name}: {which} no publication date, so relative dates (“on Wednesday”) stay "
        "unresolved: set it under Articles."
    )


# -- Dash wiring --------------------------------------------------------------------------------


def _new_key(prefix: str) -> str:
    """A fresh job-cache key."""
    return f"{prefix}{uuid.uuid4().hex}"


def _taken(cache: Any, handle: Any, prefix: str) -> Any:
    """The value a page's handle ({"key": ...}) names in the job cache, removed from it; None
    when it is gone or the handle is not one of ours."""
    key = str((handle or {}).get("key", "")) if isinstance(handle, dict) else ""
    return cache.pop(key, default=None) if key.startswith(prefix) and _KEY.fullmatch(key) else None


def _staged(cache: Any, batch: Any) -> tuple[list[str], list[str]]:
    """The (file names, data URLs) of a staged upload; nothing when they are gone."""
    staged = _taken(cache, batch, _UPLOAD_PREFIX)
    return staged if isinstance(staged, tuple) else ([], [])


def register(app: dash.Dash, state: AppState, manager: JobManager) -> None:
    """Wire the background extraction and its commit to the page."""
    cache = manager.handle

    def job(
        set_progress: Callable[[tuple[Any, ...]], None],
        _paste: int | None,
        batch: Any,
        _redate: int | None,
        text: str | None,
        published: str | None,
        doc_id: str | None,
        new_date: str | None,
    ) -> str:
        # runs in the worker process: `state` is the server's, as it was when the job started
        trigger = ctx.triggered_id
        if trigger == ids.UPLOAD_BATCH:
            names, files = _staged(cache, batch)
            sources = upload_sources(names, files, state.settings)
        elif trigger == ids.SET_DATE_BUTTON:
            sources = [redated_source(state.articles.get(doc_id or ""), new_date)]
        else:
            sources = [pasted_source(text, published)]

        def report(done: int, total: int, status: str) -> None:
            set_progress((done, max(total, 1), status))

        outcomes = run_job(sources, state.known(), state.settings, report)
        key = _new_key(_KEY_PREFIX)
        cache.set(key, outcomes, expire=_EXPIRE)
        # set_props, not an Output: the renderer holds back every callback downstream of a
        # running one, and the figures depend on the data version that the commit bumps
        set_props(ids.JOB_RESULT, {"data": {"key": key}})
        return key

    @app.callback(
        Output(ids.UPLOAD_BATCH, "data"),
        Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
    )
    def _stage(contents: Any, filenames: Any) -> tuple[Any, Any]:
        # the files wait in the job cache; the upload box is emptied, so that the same file
        # chosen again is a change (the renderer ignores a prop set to its current value)
        if not contents:
            return no_update, no_update
        names = filenames if isinstance(filenames, list) else [filenames]
        files = contents if isinstance(contents, list) else [contents]
        key = _new_key(_UPLOAD_PREFIX)
        cache.set(key, ([str(n) for n in names], [str(f) for f in files]), expire=_EXPIRE)
        return {"key": key, "files": len(files)}, None

    app.callback(
        Output(ids.JOB_DONE, "data"),  # nothing listens to it (see set_props above)
        Input(ids.ADD_TEXT_BUTTON, "n_clicks"),
        Input(ids.UPLOAD_BATCH, "data"),
        Input(ids.SET_DATE_BUTTON, "n_clicks"),
        State(ids.ADD_TEXT, "value"),
        State(ids.ADD_DATE, "date"),
        State(ids.ARTICLE_PICK, "value"),
        State(ids.ARTICLE_DATE, "date"),
        background=True,
        progress=[
            Output(ids.PROGRESS, "value"),
            Output(ids.PROGRESS, "max"),
            Output(ids.PROGRESS_TEXT, "children"),
        ],
        progress_default=[None, 1, "Starting…"],
        running=[
            (Output(ids.JOB_BOX, "hidden"), False, True),
            (Output(ids.ADD_TEXT_BUTTON, "disabled"), True, False),
            (Output(ids.SET_DATE_BUTTON, "disabled"), True, False),
            (Output(ids.UPLOAD, "disabled"), True, False),
        ],
        cancel=[Input(ids.CANCEL, "n_clicks")],
        prevent_initial_call=True,
        interval=500,
        manager=manager,
    )(manager.own(job))

    @app.callback(
        Output(ids.ADD_ALERT, "children"),
        Output(ids.DATA_VERSION, "data"),
        Input(ids.JOB_RESULT, "data"),
        prevent_initial_call=True,
    )
    def _commit(result: Any) -> tuple[Any, Any]:
        outcomes = _taken(cache, result, _KEY_PREFIX)
        if outcomes is None:
            return layout.alert(
                [("That result is gone (the server restarted?): add it again.", "error")]
            ), no_update
        before = state.version
        lines = commit(state, outcomes)
        return layout.alert(lines), state.version if state.version != before else no_update

    @app.callback(
        Output(ids.ADD_ALERT, "children", allow_duplicate=True),
        Input(ids.CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def _cancelled(_clicks: int | None) -> Any:
        return layout.alert([("Cancelled: nothing was added.", "warning")])

    @app.callback(
        Output(ids.UPLOAD_NOTE, "children"),
        Input(ids.UPLOAD_REFUSED, "data"),
        prevent_initial_call=True,
    )
    def _refused(refused: Any) -> Any:
        return layout.refused_note(refused, state.settings.max_file_bytes)
