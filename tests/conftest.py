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
# One BLAS/OpenMP thread per test process (set before anything imports numpy or torch, and
# inherited by the CLI subprocesses the tests start): the tiers run on two pytest-xdist workers,
# one per core, and OpenBLAS's own threads on top of them only spin against each other (an index
# of the articles took 2.3 times the CPU with them, 2.5 times the wall time).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


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
def articles_fake_index(tmp_path_factory) -> Path:
    """The shipped articles as they are (their own tuning file) indexed once with the fake
    embedder; tests that need a writable index take a copy (`copy_index`), not a new build."""
    from index import FakeEmbedder, build_index

    root = tmp_path_factory.mktemp("articles-fake") / "index"
    build_index([str(ARTICLES)], root, embedder=FakeEmbedder(), progress=False)
    return root


def copy_index(index: Path, target: Path) -> Path:
    """A private, writable copy of ``index`` at ``target``: the same as building it there (an
    index names nothing outside itself), without the build."""
    import shutil

    shutil.copytree(index, target, ignore=shutil.ignore_patterns(".lock"))
    return target


@pytest.fixture(scope="session")
def fake_assistant(fake_index):
    from assistant import Assistant

    return Assistant.load(fake_index)


def built_once(tmp_path_factory, name: str, build) -> Path:
    """``build(root)`` once for the whole test run, and its ``root``: under pytest-xdist the
    first worker to ask builds it in the run's shared temp folder while the others wait for it,
    so an index that tests only read is not built on every worker (each build of the articles
    with the real model is most of a minute of CPU)."""
    import fcntl

    if "PYTEST_XDIST_WORKER" not in os.environ:
        root = tmp_path_factory.mktemp(name) / "index"
        build(root)
        return root
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (shared / "built").exists():
            build(shared / "index")
            (shared / "built").touch()
    return shared / "index"


@pytest.fixture(scope="session")
def real_embedder():
    """The real all-MiniLM-L6-v2, loaded (on first use) once per test process for every index
    built with it."""
    from index import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, real_embedder) -> Path:
    """An index of the articles built with the real all-MiniLM-L6-v2 (slow tier)."""
    from index import build_index

    return built_once(tmp_path_factory, "real", lambda root: build_index(
        [str(ARTICLES)], root, embedder=real_embedder, progress=False))


@pytest.fixture(scope="session")
def real_assistant(real_index):
    from assistant import Assistant

    return Assistant.load(real_index)
