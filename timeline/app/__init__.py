"""The dashboard: ``create_app(events)`` builds a Dash app over an events frame, or
``create_app(store=Store.open(path))`` over a store.

A thin layer (see STYLE.md section 6): ``layout`` returns components, ``ids`` names them,
``callbacks`` decodes inputs, asks the store (``timeline.database.aggregate``) and calls
``timeline.figures``, ``jobs`` extracts added articles in background processes, ``state``
holds the store and ``server`` guards
the web server (Host check, request limits, the job cache). The events stay in the server
process; the browser holds only the view's state (its URL query string).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash

from timeline.app import callbacks, jobs, layout, server
from timeline.app.state import AppState
from timeline.article import Article
from timeline.config import Settings
from timeline.database import Store
from timeline.extract.entities import model_status
from timeline.figures import assets_dir
from timeline.schema import Col, empty_mentions, validate_events

__all__ = ["create_app"]


def create_app(
    events: pd.DataFrame | None = None,
    settings: Settings | None = None,
    *,
    mentions: pd.DataFrame | None = None,
    articles: dict[str, Article] | None = None,
    store: Store | None = None,
) -> Dash:
    """A Dash app showing `events` (or a store's): linked timeline, map, filters, detail,
    table, downloads; pasted and uploaded articles are added to the store.

    Args:
        events: an events frame (checked with validate_events), put in a store in memory
            with `mentions` and `articles`; None with a `store`.
        settings: the default lane and upload limit; Settings() by default.
        mentions: the mentions table, for highlighting and for every place an event names.
        articles: the articles by doc_id, for the detail panel's full text.
        store: the store to show and add to, open for writing (``timeline serve --store``).

    Returns:
        The app; run it with ``app.run(host=settings.host, port=settings.port)``. It answers
        only to the Host names of `settings.host` (see timeline.app.server), compresses its
        responses, and extracts added articles in background processes.

    Raises:
        SchemaError: `events` breaks the schema.
    """
    settings = settings or Settings()
    state = AppState(
        events=validate_events(events).reset_index(drop=True) if events is not None else None,
        mentions=mentions if mentions is not None else empty_mentions(),
        articles=dict(articles or {}),
        settings=settings,
        store=store,
    )
    callbacks.warm(state)
    manager = server.job_manager(settings)
    app = Dash(
        __name__,
        server=server.compressing_server(__name__),  # type: ignore[arg-type]  # a Flask app
        assets_folder=str(assets_dir()),
        assets_path_ignore=["vendor"],  # served, not loaded by every page: see server.py
        serve_locally=True,
        compress=True,
        title="timeline",
        update_title=None,  # type: ignore[arg-type]  # None turns the "Updating..." title off
        background_callback_manager=manager,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    server.protect(app.server, settings)
    server.serve_plotly_js(app.server, server.plotly_js_file(assets_dir()))
    app.index_string = server.load_plotly_js_early(
        app.index_string, app.config.requests_pathname_prefix
    )
    status = model_status()
    topojson_url = app.get_asset_url("topojson/")

    def page() -> Any:
        """The layout at each page load: the options and articles of the data as it is now."""
        names = state.names()
        return layout.build_layout(
            actors=names[Col.ACTORS],
            countries=names[Col.COUNTRIES],
            places=names[Col.PLACES],
            lane=settings.lane,
            topojson_url=topojson_url,
            extractor_status=status,
            max_file_bytes=settings.max_file_bytes,
            version=state.version,
            first=callbacks.first_view(state),
            articles_part=state.cached(
                "articles-section", lambda: layout.articles_section(state.articles)
            ),
        )

    # the components without the data: what Dash checks callbacks against and sends with every
    # page (without it Dash would build the whole page once at start and send it each time)
    app.validation_layout = layout.build_layout(  # type: ignore[assignment]
        actors=[], countries=[], places=[], lane=settings.lane, topojson_url=topojson_url
    )
    app.layout = page
    page()  # sorts the articles once: the first visitor does not wait for it
    callbacks.register(app, state)
    jobs.register(app, state, manager)
    server.warm_plotly_js(app.server)
    return app
