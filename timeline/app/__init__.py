"""The dashboard: ``create_app(events)`` builds a Dash app over an events frame.

A thin layer (see STYLE.md section 6): ``layout`` returns components, ``ids`` names them,
``callbacks`` decodes inputs and calls ``timeline.filters`` and ``timeline.figures``. The events
stay in the server process; the browser holds only the view's state (its URL query string).
"""

from __future__ import annotations

import pandas as pd
from dash import Dash

from timeline.app import callbacks, layout
from timeline.article import Article
from timeline.config import Settings
from timeline.extract.entities import model_status
from timeline.figures import assets_dir
from timeline.filters import names_in
from timeline.schema import Col, empty_mentions, validate_events

__all__ = ["create_app"]


def create_app(
    events: pd.DataFrame,
    settings: Settings | None = None,
    *,
    mentions: pd.DataFrame | None = None,
    articles: dict[str, Article] | None = None,
) -> Dash:
    """A Dash app showing `events`: linked timeline, map, filters, detail, table, downloads.

    Args:
        events: an events frame (checked with validate_events).
        settings: the default lane and upload limit; Settings() by default.
        mentions: the mentions table, for highlighting and for every place an event names.
        articles: the articles by doc_id, for the detail panel's full text.

    Returns:
        The app; run it with ``app.run(host=settings.host, port=settings.port)``.

    Raises:
        SchemaError: `events` breaks the schema.
    """
    settings = settings or Settings()
    state = callbacks.AppState(
        events=validate_events(events).reset_index(drop=True),
        mentions=mentions if mentions is not None else empty_mentions(),
        articles=dict(articles or {}),
        settings=settings,
    )
    app = Dash(
        __name__,
        assets_folder=str(assets_dir()),
        serve_locally=True,
        title="timeline",
        update_title=None,  # type: ignore[arg-type]  # None turns the "Updating..." title off
    )
    # an upload arrives base64-encoded in one request: allow the file limit plus a third
    app.server.config["MAX_CONTENT_LENGTH"] = settings.max_file_bytes * 4 // 3 + 1_000_000
    app.layout = layout.build_layout(
        actors=names_in(state.events, Col.ACTORS),
        countries=names_in(state.events, Col.COUNTRIES),
        places=names_in(state.events, Col.PLACES),
        lane=settings.lane,
        topojson_url=app.get_asset_url("topojson/"),
        extractor_status=model_status(),
    )
    callbacks.register(app, state)
    return app
