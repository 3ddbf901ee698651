"""Fixtures for the store: articles from the repository's corpus generator, extracted once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.extract.pipeline import Corpus, extract_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the corpus generator
from corpus_generator import load_generator


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory, generator: ModuleType) -> Path:
    """24 generated articles, one .txt each."""
    folder = tmp_path_factory.mktemp("corpus")
    generator.write(list(generator.generate(24, seed=3)), folder, "txt")
    return folder


@pytest.fixture(scope="session")
def generated(generator: ModuleType) -> list[Article]:
    """12 generated articles with their metadata."""
    return [
        make_article(
            a["text"],
            metadata_published=a["published"],
            title=a["title"],
            source=a["source"],
            url=a["url"],
        )
        for a in generator.generate(12, seed=11)
    ]


@pytest.fixture(scope="session")
def corpus(generated: list[Article]) -> Corpus:
    """The generated articles extracted in this process, serially."""
    return extract_corpus(generated, Settings())


def as_json(items: object) -> str:
    return json.dumps(items, default=str, sort_keys=True)
