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


def _shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder of this test run that every pytest-xdist worker sees (one per run)."""
    base = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        base = base.parent
    shared = base / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    return shared


def built_once(tmp_path_factory, name: str, build, *, wait: bool = True) -> Path | None:
    """``build(root)`` once for the whole test run, and its ``root``: under pytest-xdist the
    first worker to ask builds it in the run's shared temp folder while the others wait for it,
    so an index that tests only read is not built on every worker (each build of the articles
    with the real model is most of a minute of CPU). With ``wait=False``, None (at once) while
    another worker is building it."""
    import fcntl

    shared = _shared_folder(tmp_path_factory, name)
    with open(shared / "lock", "w") as lock:
        try:  # released when the file is closed
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        if not (shared / "built").exists():
            build(shared / "index")
            (shared / "built").touch()
    return shared / "index"


def shared_vectors(tmp_path_factory, embedder, *, record: str | None = None,
                   reuse: bool = False):
    """``embedder`` (the real model) for one index build of this run that can share its
    vectors with the others: with ``record``, every vector the model computes is also kept,
    under that name, in the run's shared folder (the build's own vectors are the model's output
    as before, batch for batch); with ``reuse``, a text some recorded build embedded gets that
    build's vector, and only new texts go to the model. An index of corpora that earlier builds
    of this run indexed on their own (the articles beside the extra corpora) is then assembled
    from the model's vectors of the very same texts, as an incremental ingest keeps them,
    instead of embedding them all again (over two minutes of CPU)."""
    import json

    import numpy as np

    from index import SentenceTransformerEmbedder

    folder = _shared_folder(tmp_path_factory, "vectors")

    class SharedVectors(SentenceTransformerEmbedder):
        def __init__(self):
            super().__init__(embedder.model_dir, batch_size=embedder.batch_size)
            self.log: list[tuple[list[str], np.ndarray]] = []

        @property
        def model(self):  # the one model this process loaded
            return embedder.model

        def count_tokens(self, text: str) -> int:
            return embedder.count_tokens(text)

        def embed(self, texts, *, progress=None):
            texts = list(texts)
            if not reuse:  # the model's own call, as an unshared build makes it
                vecs = embedder.embed(texts, progress=progress)
                self.log.append((texts, vecs))
                return vecs
            known: dict[str, np.ndarray] = {}
            for f in sorted(folder.glob("*.json")):  # written last (`save`)
                vecs = np.load(f.with_suffix(".npy"))
                known.update(zip(json.loads(f.read_text(encoding="utf-8")), vecs))
            new = [t for t in dict.fromkeys(texts) if t not in known]
            if new:
                vecs = embedder.embed(new, progress=progress)
                self.log.append((new, vecs))
                known.update(zip(new, vecs))
            if progress and len(texts) > len(new):
                progress(len(texts) - len(new))
            if not texts:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.vstack([known[t] for t in texts]).astype(np.float32)

        def save(self) -> None:
            if record and self.log:
                np.save(folder / f"{record}.npy", np.vstack([v for _, v in self.log]))
                tmp = folder / f"{record}.json.part"
                tmp.write_text(json.dumps([t for batch, _ in self.log for t in batch]),
                               encoding="utf-8")
                os.replace(tmp, folder / f"{record}.json")

    return SharedVectors()


def build_real(tmp_path_factory, embedder, name: str, paths, *, wait: bool = True,
               reuse: bool = False) -> Path | None:
    """``built_once`` an index of ``paths`` with the real model, its vectors recorded for
    later builds of this run (`shared_vectors`)."""
    from index import build_index

    def build(root):
        shared = shared_vectors(tmp_path_factory, embedder, record=name, reuse=reuse)
        build_index([str(p) for p in paths], root, embedder=shared, progress=False)
        shared.save()

    return built_once(tmp_path_factory, name, build, wait=wait)


@pytest.fixture(scope="session")
def real_embedder():
    """The real all-MiniLM-L6-v2, loaded (on first use) once per test process for every index
    built with it."""
    from index import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, real_embedder) -> Path:
    """An index of the articles built with the real all-MiniLM-L6-v2 (slow tier)."""
    return build_real(tmp_path_factory, real_embedder, "real", [ARTICLES])


@pytest.fixture(scope="session")
def real_assistant(real_index):
    from assistant import Assistant

    return Assistant.load(real_index)


# The slow tier's order (the rest follow as collected). pytest-xdist hands each of its two
# workers five tests to start with (the first five, the next five), then the rest one by one
# to whichever is free: so one worker starts on the command line's own ingest, which needs no
# shared index, while the other builds the articles' index (`real_index`); the next tests on
# both need every extra corpus's index (`beside`), which the two then build side by side; the
# longest runs start early, the short checks fill in at the end.
SLOW_ORDER = (
    "test_ingest_then_search_passwords_top2",
    "test_extra_corpus_alone_and_beside_the_shipped_articles[parenting-teens]",
    "test_extra_corpus_alone_and_beside_the_shipped_articles[workplace-conflict]",
    "test_real_peoples_questions",
    "test_conversations",
    "test_real_model_answers_every_labelled_question_verbatim",
    "test_extra_corpus_alone_and_beside_the_shipped_articles[money-couples]",
    "test_extra_corpus_alone_and_beside_the_shipped_articles[trust-issues]",
    "test_extra_corpus_alone_and_beside_the_shipped_articles[jealousy-insecurity]",
    "test_run_on_article_with_the_real_model",
    "test_gated_eval_on_the_project_set[questions]",
    "test_gated_eval_on_the_project_set[fresh]",
    "test_gated_eval_on_the_project_set[blind]",
    "test_real_peoples_questions_labelled_later",
    "test_real_peoples_questions_beside_other_articles",
)


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(SLOW_ORDER)}
    items.sort(key=lambda item: rank.get(item.name, len(rank))
               if item.get_closest_marker("slow") else len(rank))
