"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, several signals, one fusion.

Signals per candidate chunk, all computed from vectors stored at ingest time:

* ``chunk``  — cosine of the question with the chunk embedded together with its heading;
* ``sent``   — the best cosine of the question with any single sentence of the chunk (a worried
  question usually matches one sentence, not a whole paragraph);
* ``head``   — cosine with the chunk's section heading (question headings such as "Can a
  relationship survive without trust?" act as ready-made queries);
* ``bm25``   — BM25 over heading + chunk text, case- and quote-normalised.

They are fused by a weighted sum of standardised scores (default; "zsum") or by weighted
reciprocal-rank fusion ("rrf"). On the project's dev questions (eval/dev_questions.jsonl,
bench/tune_retrieval.py --grid) zsum was as good or better than RRF at every weighting tried, and
dropping BM25 cost the most; docs/BENCHMARKS.md has the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ingest.errors import InputError
from ingest.model import Chunk
from index.dense import search_dense
from index.embedder import Embedder
from index.lexical import bm25_scores, normalize_text
from index.store import IndexData

MAX_QUERY_CHARS = 2000


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
    """How signals are combined. Weights were chosen on the project's labelled questions."""

    method: str = "zsum"  # "zsum" or "rrf"
    rrf_k: float = 20.0
    chunk: float = 1.0
    sent: float = 1.0
    head: float = 0.5
    bm25: float = 1.0
    candidates: int = 64


# Texting shorthand people type into a chat box, spelled out before matching: the model and
# BM25 know "girlfriend", not "gf". Only unambiguous tokens (no "2", "4", "u r" digits).
SHORTHAND = {
    "gf": "girlfriend", "bf": "boyfriend", "hubby": "husband", "wifey": "wife",
    "u": "you", "ur": "your", "r": "are", "y": "why", "hw": "how", "wat": "what", "wht": "what",
    "abt": "about", "b4": "before", "pls": "please", "plz": "please", "cuz": "because",
    "coz": "because", "bc": "because", "bcoz": "because", "tho": "though", "rn": "right now",
    "idk": "I don't know", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "cant": "can't", "wont": "won't", "isnt": "isn't", "im": "I'm", "ive": "I've",
    "thats": "that's", "whats": "what's", "shes": "she's", "hes": "he's",
}
_TOKEN = re.compile(r"(?<![\w.'’])[A-Za-z0-9]+(?![\w.'’])")  # not inside "U.S." or "I'm"


def expand_shorthand(query: str) -> str:
    """``"hw do i get my gf to trust me"`` -> ``"how do i get my girlfriend to trust me"``."""
    return _TOKEN.sub(lambda m: SHORTHAND.get(m.group(0).lower(), m.group(0)), query)


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
        self.fusion = fusion or FusionConfig()
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

    # -- query encoding -------------------------------------------------------------------------
    def encode(self, query: str) -> np.ndarray:
        return self.embedder.embed_query(normalize_text(query))

    # -- scoring --------------------------------------------------------------------------------
    def candidates(self, qvec: np.ndarray, query: str) -> tuple[np.ndarray, np.ndarray]:
        """Candidate chunk positions (dense top-N ∪ BM25 top-N) and all BM25 scores."""
        n = len(self.data.chunks)
        bm = bm25_scores(self.data.bm25, query)
        if n <= self.fusion.candidates * 2:
            return np.arange(n), bm
        _, dense_ids = search_dense(self.data.dense, qvec, self.fusion.candidates)
        top_bm = np.argsort(-bm)[: self.fusion.candidates]
        top_bm = top_bm[bm[top_bm] > 0]
        return np.unique(np.concatenate([dense_ids, top_bm])), bm

    def signals(self, qvec: np.ndarray, cand: np.ndarray, bm: np.ndarray) -> dict[str, np.ndarray]:
        d = self.data
        chunk = d.chunk_vecs[cand] @ qvec
        sentences = SentenceScores(d.sent_vecs, qvec)
        sent = np.array(
            [sentences.many(self.chunk_sents[c]).max() if len(self.chunk_sents[c]) else chunk[i]
             for i, c in enumerate(cand)],
            dtype=np.float32,
        )
        sec = self.chunk_section[cand]
        head = np.zeros(len(cand), dtype=np.float32)
        ok = (sec >= 0)
        if ok.any() and len(d.section_vecs):
            ok_idx = np.where(ok)[0]
            rows = sec[ok_idx]
            valid = self.section_is_heading[rows]
            head[ok_idx[valid]] = d.section_vecs[rows[valid]] @ qvec
        return {"chunk": chunk, "sent": sent, "head": head, "bm25": bm[cand], "sentences": sentences}

    def fuse(self, sig: dict[str, np.ndarray]) -> np.ndarray:
        f = self.fusion
        weights = {"chunk": f.chunk, "sent": f.sent, "head": f.head, "bm25": f.bm25}
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
        cand, bm = self.candidates(qvec, query)
        sig = self.signals(qvec, cand, bm)
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
                signals={n: float(sig[n][i]) for n in ("chunk", "sent", "head", "bm25")},
            )
            for i in order[:k]
        ]
        ctx = {"qvec": qvec, "cand": cand, "fused": fused, "signals": sig, "order": order,
               "query": query}
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
    candidates). ``rrf``: weighted reciprocal-rank fusion. Lexical and heading signals of 0
    mean "no evidence" and get no RRF vote.
    """
    n = len(next(iter(signals.values())))
    total = np.zeros(n, dtype=np.float64)
    for name, w in weights.items():
        if not w or name not in signals:
            continue
        s = np.asarray(signals[name], dtype=np.float64)
        if method == "rrf":
            if name in ("bm25", "head") and not (s > 0).any():
                continue
            order = np.argsort(-s, kind="stable")
            ranks = np.empty(n)
            ranks[order] = np.arange(1, n + 1)
            contrib = w / (rrf_k + ranks)
            if name in ("bm25", "head"):
                contrib[s <= 0] = 0.0
            total += contrib
        else:
            sd = s.std()
            if sd > 0:
                total += w * (s - s.mean()) / sd
    return total
