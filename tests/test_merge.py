"""Merging events across articles: a labelled set of articles written here, run through the
real extractor; hand-made frames for each rule; properties over generated frames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.article import make_article
from timeline.config import Settings
from timeline.errors import SchemaError
from timeline.extract.pipeline import extract_corpus
from timeline.merge import (
    assign_clusters,
    blocking_keys,
    cluster_events,
    content_words,
    event_rows,
    event_sources,
    merged_events,
)
from timeline.merge.features import Places, prepare
from timeline.merge.scoring import place_relations
from timeline.schema import (
    CLUSTER_DTYPES,
    EVENT_DTYPES,
    MERGED_DTYPES,
    SOURCE_DTYPES,
    Col,
    coerce_frame,
)

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")

# The Biden-Putin summit in Geneva (Wednesday 16 June 2021) told by several outlets, and what
# must stay apart from it.
ARTICLES: dict[str, tuple[str | None, str]] = {
    "reuters": ("2021-06-16", "GENEVA, June 16 (Reuters) - U.S. President Joe Biden and Russian President Vladimir Putin met in Geneva on Wednesday for their first summit, discussing arms control and cyber attacks.\n\nThe talks lasted about four hours."),
    "ap": ("2021-06-16", "Biden and Putin hold summit in Geneva\n\nPresident Joe Biden and Vladimir Putin held talks at a lakeside villa in Geneva on Wednesday, their first summit, with arms control and cyberattacks on the agenda."),
    "bbc": ("2021-06-17", "Joe Biden and Vladimir Putin met on Wednesday in Geneva, Switzerland, for a summit on arms control and cyber attacks, their first since Mr Biden took office."),
    # an interval holding the day
    "monthly": ("2021-07-02", "In June 2021, Joe Biden and Vladimir Putin held a summit in Geneva on arms control and cyber attacks."),
    # no date at all (no publication date either), but the same names, place and wording
    "undated": (None, "Joe Biden and Vladimir Putin met in Geneva for a summit on arms control and cyber attacks."),
    # one article telling the summit twice: its two events never share a cluster
    "twice": ("2021-06-16", "Biden and Putin met in Geneva on Wednesday for a summit on arms control.\n\nIn Geneva on Wednesday, Biden and Putin also discussed cyber attacks at the summit."),
    # another meeting the same day, in another city, between other people
    "berlin": ("2021-06-16", "BERLIN, June 16 (AP) - Chinese Foreign Minister Wang Yi met German Chancellor Angela Merkel in Berlin on Wednesday to discuss trade and climate."),
    # the same place and people two days later: a different event
    "costs": ("2021-06-18", "GENEVA, June 18 (Reuters) - Swiss officials said on Friday that hosting the summit of Joe Biden and Vladimir Putin in Geneva cost seven million francs."),
    # an earlier summit of the same president elsewhere
    "helsinki": ("2018-07-16", "HELSINKI, July 16 (Reuters) - U.S. President Donald Trump and Russian President Vladimir Putin met in Helsinki on Monday for their first summit."),
    # undated and only sharing the city
    "water": (None, "Geneva hosted experts from Kenya and Peru for talks on water management."),
}  # fmt: skip
SUMMIT = ["ap", "bbc", "monthly", "reuters", "twice", "undated"]
EXPECTED = sorted([SUMMIT, ["berlin"], ["costs"], ["helsinki"], ["twice"], ["water"]])


@pytest.fixture(scope="module", params=[True, False], ids=["model", "rules"])
def labelled(request: pytest.FixtureRequest) -> pd.DataFrame:
    """The events of ARTICLES, extracted with the model (when installed) and without."""
    articles = [
        make_article(text, published=published, doc_id=name, source=f"{name}.txt")
        for name, (published, text) in ARTICLES.items()
    ]
    events = extract_corpus(articles, Settings(use_model=request.param)).events
    assert sorted(events[Col.DOC_ID].unique()) == sorted(ARTICLES)
    return events


def _groups(events: pd.DataFrame, clusters: pd.Series) -> list[list[str]]:
    """The clusters as sorted lists of doc ids, sorted."""
    return sorted(sorted(events.loc[clusters == c, Col.DOC_ID].tolist()) for c in clusters.unique())


# --------------------------------------------------------------------------- the labelled set


def test_labelled_set_merges_the_summit_and_nothing_else(labelled: pd.DataFrame) -> None:
    clusters = cluster_events(labelled)
    assert _groups(labelled, clusters) == EXPECTED


def test_two_events_of_one_article_never_share_a_cluster(labelled: pd.DataFrame) -> None:
    clusters = cluster_events(labelled)
    twice = clusters[labelled[Col.DOC_ID] == "twice"]
    assert len(twice) == 2 and twice.nunique() == 2


def test_cluster_id_is_the_earliest_report(labelled: pd.DataFrame) -> None:
    clusters = cluster_events(labelled)
    summit = clusters[labelled[Col.DOC_ID] == "bbc"].iloc[0]
    members = labelled[clusters == summit]
    first_day = members[Col.PUBLISHED].min()
    assert str(first_day.date()) == "2021-06-16"
    assert summit == min(members.loc[members[Col.PUBLISHED] == first_day, Col.EVENT_ID])


def test_merged_events_one_row_per_cluster_with_its_sources(labelled: pd.DataFrame) -> None:
    clusters = cluster_events(labelled)
    merged = merged_events(labelled, clusters)
    assert list(merged.columns) == list(MERGED_DTYPES)
    assert {c: str(merged[c].dtype) for c in merged} == MERGED_DTYPES
    assert len(merged) == clusters.nunique() == len(EXPECTED)
    assert set(merged[Col.EVENT_ID]) == set(clusters) == set(merged[Col.CLUSTER_ID])
    summit = merged[merged[Col.N_SOURCES] == len(SUMMIT)]
    assert len(summit) == 1
    sources = json.loads(summit[Col.SOURCES].iloc[0])
    assert sorted(s[Col.DOC_ID] for s in sources) == SUMMIT
    assert sources[0][Col.EVENT_ID] == summit[Col.EVENT_ID].iloc[0]
    assert sources[0][Col.PUBLISHED] == "2021-06-16"
    assert sources[-1][Col.DOC_ID] == "undated" and sources[-1][Col.PUBLISHED] is None
    published = [s[Col.PUBLISHED] for s in sources[:-1]]
    assert published == sorted(published)
    assert {s[Col.SOURCE] for s in sources} == {f"{d}.txt" for d in SUMMIT}
    assert merged[Col.N_SOURCES].sum() == len(labelled)


def test_event_sources_mark_the_earliest_report(labelled: pd.DataFrame) -> None:
    clusters = cluster_events(labelled)
    table = event_sources(labelled, clusters)
    assert {c: str(table[c].dtype) for c in table} == SOURCE_DTYPES
    assert len(table) == len(labelled)
    heads = table[table[Col.EARLIEST]]
    assert sorted(heads[Col.CLUSTER_ID]) == sorted(clusters.unique())
    assert (heads[Col.CLUSTER_ID] == heads[Col.EVENT_ID]).all()
    first_rows = table.groupby(Col.CLUSTER_ID, sort=False).head(1)
    assert first_rows[Col.EARLIEST].all()


def test_incremental_assignment_reaches_the_same_clusters(labelled: pd.DataFrame) -> None:
    first = labelled[labelled[Col.DOC_ID].isin(["reuters", "berlin", "helsinki", "bbc"])]
    later = labelled.drop(first.index)
    existing = first.assign(**{Col.CLUSTER_ID: cluster_events(first)})
    assigned = assign_clusters(later, existing)
    assert {c: str(assigned[c].dtype) for c in assigned} == CLUSTER_DTYPES
    assert assigned[Col.EVENT_ID].tolist()[: len(later)] == later[Col.EVENT_ID].tolist()
    final = existing.set_index(Col.EVENT_ID)[Col.CLUSTER_ID].to_dict()
    final.update(dict(zip(assigned[Col.EVENT_ID], assigned[Col.CLUSTER_ID], strict=True)))
    clusters = labelled[Col.EVENT_ID].map(final)
    assert _groups(labelled, clusters) == EXPECTED


def test_blocking_keys_pair_the_summit_reports(labelled: pd.DataFrame) -> None:
    keys = blocking_keys(labelled)
    assert list(keys.columns) == [Col.EVENT_ID, "key"]
    by_doc = keys.merge(labelled[[Col.EVENT_ID, Col.DOC_ID]]).groupby(Col.DOC_ID)["key"]
    sets = {doc: set(values) for doc, values in by_doc}
    assert sets["reuters"] & sets["ap"] & sets["bbc"]
    assert any(key.startswith("M:2021-06|n:") for key in sets["reuters"])


def test_rows_computed_elsewhere_give_the_same_features_keys_and_clusters(
    labelled: pd.DataFrame,
) -> None:
    """What a worker computes (event_rows) and the store keeps stands for what merging
    would compute: the same features, the same keys, the same clusters; a row missing from
    `known` is computed."""
    rows = event_rows(labelled)
    assert list(rows) == labelled[Col.EVENT_ID].tolist()
    alone, given = prepare(labelled), prepare(labelled, [rows[i] for i in labelled[Col.EVENT_ID]])
    for name in ("words", "names", "sites"):
        for part in ("indptr", "columns", "weights"):
            np.testing.assert_array_equal(
                getattr(getattr(alone, name), part), getattr(getattr(given, name), part)
            )
    assert alone.block_names == given.block_names and alone.site_sets == given.site_sets
    np.testing.assert_array_equal(alone.specific, given.specific)

    def key_set(frame: pd.DataFrame) -> set[tuple[str, str]]:
        return set(frame.itertuples(index=False, name=None))

    assert key_set(blocking_keys(labelled, rows)) == key_set(blocking_keys(labelled))
    some = dict(list(rows.items())[::2])  # half known: the others' keys are computed
    assert key_set(blocking_keys(labelled, some)) == key_set(blocking_keys(labelled))
    first = labelled[labelled[Col.DOC_ID].isin(["reuters", "berlin", "helsinki", "bbc"])]
    later = labelled.drop(first.index)
    existing = first.assign(**{Col.CLUSTER_ID: cluster_events(first)})
    pd.testing.assert_frame_equal(
        assign_clusters(later, existing, known=some), assign_clusters(later, existing)
    )


# --------------------------------------------------------------------------- hand-made frames

BASE: dict[str, Any] = {
    Col.SENTENCE: "Presidents Biden and Putin met in Geneva for summit talks on arms control.",
    Col.ACTORS: "Joe Biden; Vladimir Putin",
    Col.PLACES: "Geneva",
    Col.PLACE: "Geneva",
    Col.PLACE_KIND: "city",
    Col.LAT: 46.2022,
    Col.LON: 6.1457,
    Col.COUNTRY: "CH",
    Col.DATE_SOURCE: "explicit",
    Col.PRECISION: "day",
    Col.CHAR_START: 0,
    Col.CHAR_END: 70,
}
LYON = {Col.PLACES: "Lyon", Col.PLACE: "Lyon", Col.LAT: 45.7485, Col.LON: 4.8467, Col.COUNTRY: "FR"}
SWITZERLAND = {Col.PLACES: None, Col.PLACE: "Switzerland", Col.PLACE_KIND: "country", Col.LAT: 47.0, Col.LON: 8.0}  # fmt: skip
NO_PLACE = {Col.PLACES: None, Col.PLACE: None, Col.PLACE_KIND: None, Col.LAT: None, Col.LON: None, Col.COUNTRY: None}  # fmt: skip


def _event(event_id: str, doc: str, start: str | None, end: str | None, **fields: Any) -> dict[str, Any]:  # fmt: skip
    """One row: BASE with these changes; published defaults to the start."""
    row = {**BASE, Col.EVENT_ID: event_id, Col.DOC_ID: doc, Col.START: start, Col.END: end}
    row.setdefault(Col.PUBLISHED, start)
    row.update(fields)
    return row


def _frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return coerce_frame(list(rows), EVENT_DTYPES)


def _together(frame: pd.DataFrame) -> bool:
    """Whether every event of the frame ended in one cluster."""
    return cluster_events(frame).nunique() == 1


def test_same_day_same_place_merges() -> None:
    assert _together(
        _frame(
            _event("a", "d1", "2021-06-16", "2021-06-17"),
            _event("b", "d2", "2021-06-16", "2021-06-17"),
        )
    )


def test_disjoint_days_never_merge_even_with_identical_sentences() -> None:
    assert not _together(
        _frame(
            _event("a", "d1", "2021-06-16", "2021-06-17"),
            _event("b", "d2", "2021-06-17", "2021-06-18"),
        )
    )


def test_a_day_inside_a_month_merges() -> None:
    month = _event("b", "d2", "2021-06-01", "2021-07-01", **{Col.PRECISION: "month"})
    assert _together(_frame(_event("a", "d1", "2021-06-16", "2021-06-17"), month))


def test_a_publication_date_stands_for_the_week_before() -> None:
    day = _event("a", "d1", "2021-06-16", "2021-06-17")
    for published, merges in (("2021-06-18", True), ("2021-06-30", False)):
        end = str(np.datetime64(published) + 1)
        report = _event("b", "d2", published, end, **{Col.DATE_SOURCE: "published"})
        assert _together(_frame(day, report)) is merges, published


def test_one_article_never_merges_with_itself() -> None:
    frame = _frame(
        _event("a", "d1", "2021-06-16", "2021-06-17"), _event("b", "d1", "2021-06-16", "2021-06-17")
    )
    assert not _together(frame)


def test_cities_of_different_countries_never_merge() -> None:
    lyon = _event("b", "d2", "2021-06-16", "2021-06-17", **LYON)
    assert not _together(_frame(_event("a", "d1", "2021-06-16", "2021-06-17"), lyon))


def test_a_city_merges_with_its_country_and_with_no_place() -> None:
    for other in (SWITZERLAND, NO_PLACE):
        report = _event("b", "d2", "2021-06-16", "2021-06-17", **other)
        assert _together(_frame(_event("a", "d1", "2021-06-16", "2021-06-17"), report))


def test_shared_date_and_place_alone_do_not_merge() -> None:
    other = {Col.SENTENCE: "Flooding closed three bridges overnight.", Col.ACTORS: None}
    report = _event("b", "d2", "2021-06-16", "2021-06-17", **other)
    assert not _together(_frame(_event("a", "d1", "2021-06-16", "2021-06-17"), report))


def test_a_chain_cannot_join_a_day_to_a_disjoint_one() -> None:
    month = _event("b", "d2", "2021-06-01", "2021-07-01", **{Col.PRECISION: "month"})
    frame = _frame(
        _event("a", "d1", "2021-06-16", "2021-06-17"),
        month,
        _event("c", "d3", "2021-06-20", "2021-06-21"),
    )
    clusters = cluster_events(frame)
    assert clusters.iloc[0] != clusters.iloc[2]


def test_place_relations() -> None:
    places = Places(
        name=np.array(
            [0, 1, 2, 3, 4, 5]
        ),  # Geneva, Lausanne, Lyon, Switzerland, Los Angeles, Malibu
        kind=np.array(["city", "city", "city", "country", "city", "city"], dtype=object),
        country=np.array([0, 0, 1, 0, 2, 2]),
        lat=np.array([46.20, 46.52, 45.75, 47.0, 34.05, 34.03]),
        lon=np.array([6.15, 6.63, 4.85, 8.0, -118.24, -118.78]),
    )
    pairs = [(0, 0), (0, 3), (0, 2), (0, 1), (4, 5), (0, -1)]
    found = place_relations(
        places, np.array([p for p, _ in pairs]), np.array([q for _, q in pairs])
    )
    same, in_country, abroad, far, near, unknown = found.tolist()
    assert same == 1.0 and near > 0 and in_country > 0 and unknown == 0.0
    assert np.isnan(abroad) and np.isnan(far)


def test_content_words_stem_forms_alike() -> None:
    assert content_words("fired") == content_words("fires") == content_words("firing")
    assert content_words("The summit was held in 2021.") == ["summit", "held", "2021"]
    assert content_words("Putin's talks") == ["putin", "talk"]


def test_incremental_relabels_a_cluster_when_an_earlier_report_arrives() -> None:
    later = _event("z", "d2", "2021-06-16", "2021-06-17", **{Col.PUBLISHED: "2021-06-17"})
    latest = _event("y", "d3", "2021-06-16", "2021-06-17", **{Col.PUBLISHED: "2021-06-18"})
    existing = _frame(later, latest).assign(**{Col.CLUSTER_ID: ["z", "z"]})
    new = _frame(_event("x", "d1", "2021-06-16", "2021-06-17"))
    assigned = assign_clusters(new, existing)
    assert assigned.values.tolist() == [["x", "x"], ["z", "x"], ["y", "x"]]


def test_incremental_keeps_existing_clusters_apart() -> None:
    existing = _frame(
        _event("a", "d1", "2021-06-16", "2021-06-17"), _event("b", "d2", "2021-06-16", "2021-06-17")
    ).assign(**{Col.CLUSTER_ID: ["a", "b"]})
    new = _frame(_event("c", "d3", "2021-06-16", "2021-06-17"))
    assigned = assign_clusters(new, existing)
    assert assigned[Col.EVENT_ID].tolist() == ["c"]
    assert assigned[Col.CLUSTER_ID].iloc[0] in ("a", "b")


# --------------------------------------------------------------------------- errors


def test_repeated_event_ids_are_refused() -> None:
    frame = _frame(
        _event("a", "d1", "2021-06-16", "2021-06-17"), _event("a", "d2", "2021-06-16", "2021-06-17")
    )
    with pytest.raises(SchemaError, match=r"event_id must be set and unique.*'a'"):
        cluster_events(frame)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf")])
def test_bad_threshold_is_refused(bad: float) -> None:
    frame = _frame(_event("a", "d1", "2021-06-16", "2021-06-17"))
    with pytest.raises(ValueError, match=r"threshold=.* must be a positive number"):
        cluster_events(frame, threshold=bad)


def test_clusters_must_match_their_events() -> None:
    frame = _frame(_event("a", "d1", "2021-06-16", "2021-06-17"), _event("b", "d2", None, None))
    with pytest.raises(SchemaError, match="not aligned"):
        merged_events(frame, pd.Series(["a", "b"], index=[5, 6]))
    with pytest.raises(SchemaError, match=r"cluster ids \['q'\]"):
        event_sources(frame, pd.Series(["a", "q"], index=frame.index))


def test_existing_events_need_complete_clusters() -> None:
    existing = _frame(_event("a", "d1", "2021-06-16", "2021-06-17"))
    new = _frame(_event("b", "d2", "2021-06-16", "2021-06-17"))
    with pytest.raises(SchemaError, match="no cluster_id column"):
        assign_clusters(new, existing)
    with pytest.raises(SchemaError, match=r"cluster ids \['gone'\]"):
        assign_clusters(new, existing.assign(**{Col.CLUSTER_ID: ["gone"]}))
    with pytest.raises(SchemaError, match="already stored"):
        assign_clusters(existing, existing.assign(**{Col.CLUSTER_ID: ["a"]}))


def test_empty_frames() -> None:
    empty = _frame()
    assert cluster_events(empty).empty
    assert merged_events(empty, cluster_events(empty)).empty
    assert assign_clusters(empty, empty.assign(**{Col.CLUSTER_ID: pd.Series(dtype="string")})).empty


def test_readme_documents_the_merged_columns() -> None:
    new = [c for c in [*MERGED_DTYPES, *SOURCE_DTYPES] if c not in EVENT_DTYPES]
    missing = [c for c in new if f"`{c}`" not in README]
    assert not missing, f"README does not document {missing}"


# --------------------------------------------------------------------------- properties

DAYS = ["2021-06-14", "2021-06-15", "2021-06-16", None]
PLACES = [
    {},
    LYON,
    SWITZERLAND,
    NO_PLACE,
]
SENTENCES = [
    BASE[Col.SENTENCE],
    "Biden and Putin held summit talks in Geneva on arms control.",
    "Arms control talks between Putin and Biden at the Geneva summit.",
    "Flooding closed three bridges overnight.",
]


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    """Small frames of similar reports over a few articles, days and places."""
    size = draw(st.integers(min_value=1, max_value=14))
    ids = draw(st.lists(st.text("abcdef0123", min_size=4, max_size=4), min_size=size, max_size=size, unique=True))  # fmt: skip
    rows = []
    for event_id in ids:
        day = draw(st.sampled_from(DAYS))
        end = None if day is None else str(np.datetime64(day) + 1)
        published = draw(st.sampled_from([day, "2021-06-17", None]))
        fields = {
            **draw(st.sampled_from(PLACES)),
            Col.SENTENCE: draw(st.sampled_from(SENTENCES)),
            Col.DATE_SOURCE: draw(st.sampled_from(["explicit", "context", "published"])),
            Col.PUBLISHED: published,
        }
        doc = draw(st.sampled_from(["d1", "d2", "d3", "d4", "d5"]))
        rows.append(_event(event_id, doc, day, end, **fields))
    return _frame(*rows)


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(frames())
def test_no_cluster_holds_two_events_of_one_article(events: pd.DataFrame) -> None:
    clusters = cluster_events(events)
    pairs = pd.DataFrame({"cluster": clusters, "doc": events[Col.DOC_ID]})
    assert not pairs.duplicated().any()


@PROPERTY
@given(frames(), st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_row_order(events: pd.DataFrame, random: Any) -> None:
    order = list(range(len(events)))
    random.shuffle(order)
    shuffled = events.iloc[order].reset_index(drop=True)
    before = dict(zip(events[Col.EVENT_ID], cluster_events(events), strict=True))
    after = dict(zip(shuffled[Col.EVENT_ID], cluster_events(shuffled), strict=True))
    assert before == after


@PROPERTY
@given(frames())
def test_cluster_id_is_its_earliest_member(events: pd.DataFrame) -> None:
    clusters = cluster_events(events)
    for cluster, members in events.groupby(clusters.to_numpy()):
        assert cluster in set(members[Col.EVENT_ID])
        dated = members[members[Col.PUBLISHED].notna()]
        pool = dated[dated[Col.PUBLISHED] == dated[Col.PUBLISHED].min()] if len(dated) else members
        assert cluster == min(pool[Col.EVENT_ID])


@PROPERTY
@given(frames())
def test_assigning_to_no_existing_events_is_clustering(events: pd.DataFrame) -> None:
    empty = _frame().assign(**{Col.CLUSTER_ID: pd.Series(dtype="string")})
    assigned = assign_clusters(events, empty)
    assert assigned[Col.CLUSTER_ID].tolist() == cluster_events(events).tolist()


@PROPERTY
@given(frames(), st.integers(min_value=0, max_value=14))
def test_assignment_never_splits_or_joins_existing_clusters(events: pd.DataFrame, cut: int) -> None:
    first, later = events.iloc[:cut], events.iloc[cut:]
    existing = first.assign(**{Col.CLUSTER_ID: cluster_events(first)})
    assigned = assign_clusters(later, existing)
    final = dict(zip(existing[Col.EVENT_ID], existing[Col.CLUSTER_ID], strict=True))
    final.update(zip(assigned[Col.EVENT_ID], assigned[Col.CLUSTER_ID], strict=True))
    before = existing[Col.CLUSTER_ID].tolist()
    after = [final[e] for e in existing[Col.EVENT_ID]]
    assert pd.factorize(pd.Series(before))[0].tolist() == pd.factorize(pd.Series(after))[0].tolist()
    assert set(assigned[Col.EVENT_ID]) >= set(later[Col.EVENT_ID])


@PROPERTY
@given(frames())
def test_an_events_keys_depend_on_it_alone(events: pd.DataFrame) -> None:
    keys = blocking_keys(events)
    for position in range(0, len(events), max(len(events) // 3, 1)):
        alone = blocking_keys(events.iloc[[position]])
        event_id = events[Col.EVENT_ID].iloc[position]
        assert set(alone["key"]) == set(keys.loc[keys[Col.EVENT_ID] == event_id, "key"])


@PROPERTY
@given(frames(), st.data())
def test_pairs_touching_some_events_are_the_pairs_with_one_of_them(
    events: pd.DataFrame, data: st.DataObject
) -> None:
    from timeline.merge.blocking import candidate_pairs

    found = prepare(events)
    flags = data.draw(st.lists(st.booleans(), min_size=len(events), max_size=len(events)))
    touching = np.array(flags, dtype=bool)
    every = set(zip(*(side.tolist() for side in candidate_pairs(found)), strict=True))
    some = set(zip(*(side.tolist() for side in candidate_pairs(found, touching)), strict=True))
    assert some == {(a, b) for a, b in every if touching[a] or touching[b]}
