"""Offline toponym resolution: place names in news text -> points, with document context.

The gazetteer is a prebuilt file shipped in the package (``timeline/data/gazetteer.tsv.gz``,
built by ``scripts/build_gazetteer.py``); its layout is described in
``timeline.geo.gazetteer``. It is loaded once, lazily.

Resolution, per document: every name gets one reading. Its candidates are ranked by an explicit
"City, ST" / "City, Country" around it, then by the votes of the other names in the document
for admin1 regions, admin2 areas and countries (closer names weigh more), a dateline country
hint, and a prior: primary name before alternate name, continent > country > curated site >
admin1 > city > admin2, then population.

Modules, in import order (each imports only those before it):

* ``names``: homoglyph folding and lookup keys (``normalize_name``, ``code_key``).
* ``distance``: ``haversine_km``.
* ``gazetteer``: the shipped file, its format and the loaded instance; ``Place``.
* ``candidates``: the readings of one name with their priors (``lookup``, ``is_place_name``,
  ``demonym_country``).
* ``context``: cues, votes and scores from the rest of a document.
* ``resolver``: ``resolve`` and ``geocode``.
"""

from __future__ import annotations

from timeline.geo.candidates import _cached_candidates as _cached_candidates
from timeline.geo.candidates import _candidates as _candidates
from timeline.geo.candidates import demonym_country, is_place_name, lookup
from timeline.geo.distance import haversine_km
from timeline.geo.gazetteer import GAZETTEER_FILE as GAZETTEER_FILE
from timeline.geo.gazetteer import Place
from timeline.geo.names import code_key as code_key
from timeline.geo.names import fold_homoglyphs, normalize_name
from timeline.geo.resolver import geocode, resolve

__all__ = [
    "Place",
    "demonym_country",
    "fold_homoglyphs",
    "geocode",
    "haversine_km",
    "is_place_name",
    "lookup",
    "normalize_name",
    "resolve",
]
