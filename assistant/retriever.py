"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, several signals, one fusion.

Signals per candidate chunk, all computed from vectors stored at ingest time:

* ``chunk``  — cosine of the question with the chunk embedded together with its heading;
* ``sent``   — the best cosine of the question with any single sentence of the chunk (a worried
  question usually matches one sentence, not a whole paragraph);
* ``head``   — cosine with the chunk's section heading (question headings such as "Can a
  relationship survive without trust?" act as ready-made queries);
* ``bm25``   — BM25 over heading + chunk text, case- and quote-normalised;
* ``example`` — how closely the question matches an example question answered by one of the
  chunk's sentences (`ingest.examples`: questions written the way people ask, with the sentences
  that answer them).

When the index has a query adapter (fitted on the example questions, `index.adapter`), sentence
cosines use the adapted question vector; chunk and heading cosines use the model's own.

They are fused by a weighted sum of standardised scores (default; "zsum") or by weighted
reciprocal-rank fusion ("rrf"). On the project's dev questions (eval/dev_questions.jsonl,
bench/tune_retrieval.py --grid) zsum was as good or better than RRF at every weighting tried, and
dropping BM25 cost the most; docs/BENCHMARKS.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ingest.errors import InputError
from ingest.model import Chunk
from index.adapter import adapt
from index.dense import build_dense, search_dense
from index.embedder import Embedder
from index.lexical import bm25_scores
from index.queries import SHORTHAND, embedding_text, expand_shorthand  # noqa: F401
from index.store import IndexData

MAX_QUERY_CHARS = 2000
SIGNALS = ("chunk", "sent", "head", "bm25", "example")


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its fused score and the component scores behind it."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    signals: dict = field(default_factory=dict, compare=False)

    def to_dict(self, source: str | None = None) -> dict:
        c = self.chunk
        return {
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "source": source,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "section": c.section,
            "score": round(float(self.score), 6),
            "dense": round(float(self.dense), 6),
            "lexical": round(float(self.lexical), 6),
        }


class SentenceScores:
    """Cosine of the question with sentence rows, computed on first use.

    Only the sentences of candidate chunks are ever scored, so a query costs the same whether
    the index holds a thousand sentences or millions.
    """

    def __init__(self, vecs: np.ndarray, qvec: np.ndarray):
        self.vecs = vecs
        self.qvec = qvec
        self._cache: dict[int, float] = {}

    def __getitem__(self, row) -> float:
        row = int(row)
        v = self._cache.get(row)
        if v is None:
            v = self._cache[row] = float(self.vecs[row] @ self.qvec)
        return v

    def many(self, rows: np.ndarray) -> np.ndarray:
        missing = [int(r) for r in rows if int(r) not in self._cache]
        if missing:
            for r, v in zip(missing, self.vecs[missing] @ self.qvec):
                self._cache[r] = float(v)
        return np.array([self._cache[int(r)] for r in rows], dtype=np.float32)


@dataclass(frozen=True)
class FusionConfig:
    """How signals are combined. Weights were chosen on the project's labelled questions:
    `for_index` gives the ones for an index with example questions (bench/tune_retrieval.py
    objective, chunk MRR) and, without them, the earlier dev-set choice."""

    method: str = "zsum"  # "zsum" or "rrf"
    rrf_k: float = 20.0
    chunk: float = 1.0
    sent: float = 2.0  # the best adapted sentence cosine carries the most
    head: float = 0.0  # the heading is embedded with its chunk already
    bm25: float = 1.0
    example: float = 1.0
    candidates: int = 64
    examples: int = 32  # example questions matched per query (their sentences join the search)

    @classmethod
    def for_index(cls, data: IndexData) -> "FusionConfig":
        if len(data.example_vecs):
            return cls()
        return cls(sent=1.0, head=0.5)


def clean_query(query: str) -> str:
    """Validate and tidy a question: strip, collapse whitespace, drop control characters."""
    if not isinstance(query, str):
        raise InputError("the question must be text")
    q = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in query)
    q = " ".join(q.split())
    if not q:
        raise InputError("the question is blank; type a question about the articles")
    return q


class Retriever:
    """Hybrid search over one loaded index.

    >>> r = Retriever(load_index(), embedder)          # doctest: +SKIP
    >>> [h.chunk.section for h in r.search("should I give him my passwords", k=2)]  # doctest: +SKIP
    ['4. You Give In', ...]
    """

    def __init__(self, data: IndexData, embedder: Embedder, *, fusion: FusionConfig | None = None):
        self.data = data
        self.embedder = embedder
        self.fusion = fusion or FusionConfig.for_index(data)
        self.adapter = data.adapter
        self._prepare()

    def _prepare(self) -> None:
        d = self.data
        sent_row = {(s.doc_id, s.start): i for i, s in enumerate(d.sentences)}
        self.chunk_sents: list[np.ndarray] = [
            np.array([sent_row[(c.doc_id, a)] for a, _ in c.sentences if (c.doc_id, a) in sent_row],
                     dtype=np.int64)
            for c in d.chunks
        ]
        sec_index = {(s.doc_id, s.heading): i for i, s in enumerate(d.sections)}
        self.chunk_section = np.array(
            [sec_index.get((c.doc_id, c.section), -1) for c in d.chunks], dtype=np.int64
        )
        self.section_is_heading = np.array(
            [s.kind in ("tip", "question", "heading") for s in d.sections], dtype=bool
        )
        self.example_rows = [np.array(r, dtype=np.int64) for r in d.example_rows()]
        # exact search here; an HNSW graph past `index.dense.EXACT_LIMIT` example questions
        self._example_index = build_dense(d.example_vecs) if len(d.example_vecs) else None
        self._outside_index = build_dense(d.outside_vecs) if len(d.outside_vecs) else None
        self.row_chunk = np.full(len(d.sentences), -1, dtype=np.int64)  # first chunk of each row
        for pos in range(len(d.chunks) - 1, -1, -1):
            self.row_chunk[self.chunk_sents[pos]] = pos

    # -- query encoding -------------------------------------------------------------------------
    def encode(self, query: str) -> np.ndarray:
        return self.embedder.embed_query(embedding_text(query))

    def match_examples(self, qvec: np.ndarray) -> dict[int, float]:
        """Sentence row -> cosine of the question with the closest example question that the
        row answers, over the ``FusionConfig.examples`` closest example questions."""
        if self._example_index is None or not self.fusion.examples:
            return {}
        sims, ids = search_dense(self._example_index, qvec, self.fusion.examples)
        best: dict[int, float] = {}
        for i, s in zip(ids, sims):
            s = float(s)
            for r in self.example_rows[i]:
                if s > best.get(int(r), -1.0):
                    best[int(r)] = s
        return best

    def match_outside(self, qvec: np.ndarray) -> float:
        """Cosine of the question with the closest question the articles do not answer (the
        corpus's out-of-scope questions); 0 without any."""
        if self._outside_index is None:
            return 0.0
        sims, _ = search_dense(self._outside_index, qvec, 1)
        return float(sims[0]) if len(sims) else 0.0

    # -- scoring --------------------------------------------------------------------------------
    def candidates(self, qvec: np.ndarray, query: str,
                   examples: dict[int, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Candidate chunk positions (dense top-N ∪ BM25 top-N ∪ the chunks of rows matched
        by example questions) and all BM25 scores."""
        n = len(self.data.chunks)
        bm = bm25_scores(self.data.bm25, query)
        if n <= self.fusion.candidates * 2:
            return np.arange(n), bm
        _, dense_ids = search_dense(self.data.dense, qvec, self.fusion.candidates)
        top_bm = np.argsort(-bm)[: self.fusion.candidates]
        top_bm = top_bm[bm[top_bm] > 0]
        by_example = self.row_chunk[list(examples or ())] if examples else np.zeros(0, np.int64)
        return np.unique(np.concatenate([dense_ids, top_bm, by_example[by_example >= 0]])), bm

    def signals(self, qvec: np.ndarray, cand: np.ndarray, bm: np.ndarray, *,
                qsent: np.ndarray | None = None,
                examples: dict[int, float] | None = None) -> dict[str, np.ndarray]:
        """Per-candidate signals; ``qsent`` (the adapted question vector) scores sentences."""
        d = self.data
        chunk = d.chunk_vecs[cand] @ qvec
        sentences = SentenceScores(d.sent_vecs, qvec if qsent is None else qsent)
        sent = np.array(
            [sentences.many(self.chunk_sents[c]).max() if len(self.chunk_sents[c]) else chunk[i]
             for i, c in enumerate(cand)],
            dtype=np.float32,
        )
        examples = examples or {}
        example = np.array(
            [max((examples.get(int(r), 0.0) for r in self.chunk_sents[c]), default=0.0)
             for c in cand], dtype=np.float32)
        sec = self.chunk_section[cand]
        head = np.zeros(len(cand), dtype=np.float32)
        ok = (sec >= 0)
        if ok.any() and len(d.section_vecs):
            ok_idx = np.where(ok)[0]
            rows = sec[ok_idx]
            valid = self.section_is_heading[rows]
            head[ok_idx[valid]] = d.section_vecs[rows[valid]] @ qvec
        return {"chunk": chunk, "sent": sent, "head": head, "bm25": bm[cand], "example": example,
                "sentences": sentences}

    def fuse(self, sig: dict[str, np.ndarray]) -> np.ndarray:
        f = self.fusion
        weights = {"chunk": f.chunk, "sent": f.sent, "head": f.head, "bm25": f.bm25,
                   "example": f.example}
        return fuse_scores(sig, weights, method=f.method, rrf_k=f.rrf_k)

    # -- public API -----------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 4, mmr: bool = False, mmr_lambda: float = 0.7) -> list[Hit]:
        """The ``k`` best chunks for ``query`` (fewer only when the index has fewer)."""
        hits, _ = self.search_with_vector(query, k=k, mmr=mmr, mmr_lambda=mmr_lambda)
        return hits

    def search_with_vector(
        self, query: str, *, k: int = 4, mmr: bool = False, mmr_lambda: float = 0.7
    ) -> tuple[list[Hit], dict]:
        """`search` that also returns the query vector and raw signals for evidence selection."""
        if not isinstance(k, int) or k < 1:
            raise InputError("k must be a positive whole number")
        query = expand_shorthand(clean_query(query)[:MAX_QUERY_CHARS])
        if not self.data.chunks:
            return [], {}
        qvec = self.encode(query)
        qsent = adapt(qvec, self.adapter)
        examples = self.match_examples(qvec)
        cand, bm = self.candidates(qvec, query, examples)
        sig = self.signals(qvec, cand, bm, qsent=qsent, examples=examples)
        fused = self.fuse(sig)
        order = np.argsort(-fused, kind="stable")
        if mmr:
            order = self._mmr(cand, fused, order, k, mmr_lambda)
        hits = [
            Hit(
                chunk=self.data.chunks[cand[i]],
                score=float(fused[i]),
                dense=float(sig["chunk"][i]),
                lexical=float(sig["bm25"][i]),
                signals={n: float(sig[n][i]) for n in SIGNALS},
            )
            for i in order[:k]
        ]
        ctx = {"qvec": qvec, "cand": cand, "fused": fused, "signals": sig,
               "order": order, "query": query, "examples": examples}
        return hits, ctx

    def _mmr(self, cand, fused, order, k, lam) -> np.ndarray:
        """Maximal marginal relevance on chunk vectors: relevant, and not the same thing twice."""
        pool = list(order[: max(k * 4, 20)])
        if not pool:
            return order
        rel = fused[pool]
        rel = (rel - rel.min()) / (rel.max() - rel.min() or 1.0)
        rel_of = dict(zip(pool, rel))
        vecs = self.data.chunk_vecs[cand]
        chosen: list[int] = []
        while pool and len(chosen) < k:
            def gain(i):
                if not chosen:
                    return rel_of[i]
                sim = max(float(vecs[i] @ vecs[j]) for j in chosen)
                return lam * rel_of[i] - (1 - lam) * sim
            best = max(pool, key=gain)
            chosen.append(best)
            pool.remove(best)
        rest = [i for i in order if i not in set(chosen)]
        return np.array(chosen + rest, dtype=np.int64)


def fuse_scores(signals: dict[str, np.ndarray], weights: dict[str, float], *,
                method: str = "zsum", rrf_k: float = 20.0) -> np.ndarray:
    """Combine per-candidate signals into one score.

    ``zsum``: weighted sum of standardised scores (each signal's mean 0, sd 1 over the
    candidates). ``rrf``: weighted reciprocal-rank fusion. Lexical, heading and example signals
    of 0 mean "no evidence" and get no RRF vote.
    """
    n = len(next(iter(signals.values())))
    total = np.zeros(n, dtype=np.float64)
    for name, w in weights.items():
        if not w or name not in signals:
            continue
        s = np.asarray(signals[name], dtype=np.float64)
        if method == "rrf":
            if name in ("bm25", "head", "example") and not (s > 0).any():
                continue
            order = np.argsort(-s, kind="stable")
            ranks = np.empty(n)
            ranks[order] = np.arange(1, n + 1)
            contrib = w / (rrf_k + ranks)
            if name in ("bm25", "head", "example"):
                contrib[s <= 0] = 0.0
            total += contrib
        else:
            sd = s.std()
            if sd > 0:
                total += w * (s - s.mean()) / sd
    return total
