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


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory) -> Path:
    """An index of the articles built with the deterministic fake embedder."""
    from index import FakeEmbedder, build_index

    root = tmp_path_factory.mktemp("fake") / "index"
    build_index([str(ARTICLES)], root, embedder=FakeEmbedder(), progress=False)
    return root


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
