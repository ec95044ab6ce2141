"""Shared fixtures: the project's articles, a fake-embedder index (fast tier) and a real-model
index (slow tier). An autouse fixture points QUOTEWISE_INDEX at a temp dir so no test touches
the developer's own index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
EVAL_SET = ROOT / "eval" / "questions.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(autouse=True)
def _isolated_index(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWISE_INDEX", str(tmp_path / "default-index"))


@pytest.fixture(scope="session")
def articles() -> Path:
    return ARTICLES


def fake_tuning_folder(folder: Path) -> Path:
    """A folder holding only a tuning file for the fake embedder: the shipped articles' fitted
    fusion and evidence weights, and plain abstention thresholds suited to hashed
    bag-of-words cosines (no abstention model was fitted on those). Ingested before the
    articles, its tuning file is the one the index carries."""
    import json

    from index import FakeEmbedder
    from ingest.profile import TUNING_FILE

    shipped = json.loads((ARTICLES / TUNING_FILE).read_text(encoding="utf-8"))
    fake = dict(shipped, model=FakeEmbedder.model_id,
                abstain={"coef": None, "min_evidence": 0.10, "min_sentence": 0.05,
                         "min_closest": 0.05},
                provenance={"note": "test embedder: thresholds set by hand for its cosines"})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / TUNING_FILE).write_text(json.dumps(fake), encoding="utf-8")
    return folder


def assistant_over(folder: Path, articles: dict[str, str], *, embedder="fake"):
    """An `Assistant` over a small corpus written for a test: ``articles`` maps file names to
    their text, written into ``folder/articles`` and indexed into ``folder/index`` with the fake
    embedder (``embedder=None``: the real model)."""
    from assistant import Assistant
    from index import FakeEmbedder, build_index

    (folder / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    build_index([str(folder / "articles")], folder / "index", progress=False,
                embedder=FakeEmbedder() if embedder == "fake" else embedder)
    return Assistant.load(folder / "index")


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory) -> Path:
    """An index of the articles built with the deterministic fake embedder."""
    from index import FakeEmbedder, build_index

    base = tmp_path_factory.mktemp("fake")
    build_index([str(fake_tuning_folder(base / "settings")), str(ARTICLES)], base / "index",
                embedder=FakeEmbedder(), progress=False)
    return base / "index"


@pytest.fixture(scope="session")
def fake_assistant(fake_index):
    from assistant import Assistant

    return Assistant.load(fake_index)


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """An index of the articles built with the real all-MiniLM-L6-v2 (slow tier)."""
    from index import build_index

    root = tmp_path_factory.mktemp("real") / "index"
    build_index([str(ARTICLES)], root, progress=False)
    return root


@pytest.fixture(scope="session")
def real_assistant(real_index):
    from assistant import Assistant

    return Assistant.load(real_index)
