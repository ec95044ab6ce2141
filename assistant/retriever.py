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

When the index has a query adapter (fitted on the example questions, `index.adapter`), the
sentences of the articles those questions belong to are scored with the adapted question
vector; every other article's sentences, and all chunk and heading cosines, with the model's
own (an adapter fitted on some articles must not pull questions away from the others).

They are fused by a weighted sum of standardised scores (default; "zsum") or by weighted
reciprocal-rank fusion ("rrf"). On the project's dev questions (eval/dev_questions.jsonl,
bench/tune_retrieval.py --grid) zsum was as good or better than RRF at every weighting tried, and
dropping BM25 cost the most; docs/BENCHMARKS.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.query import (  # noqa: F401  (re-exported: the retriever's public types)
    MAX_QUERY_CHARS,
    Candidates,
    Hit,
    Query,
    SentenceScores,
    clean_query,
)
from assistant.scope import ScopeModel
from ingest.errors import InputError
from index.adapter import adapt
from index.dense import build_dense, search_dense
from index.embedder import Embedder
from index.lexical import bm25_scores
from index import queries
from index.queries import (  # noqa: F401  (SHORTHAND re-exported)
    SHORTHAND,
    embedding_text,
    expand_shorthand,
    lead_with_the_ask,
    situation_asks,
)
from index.store import IndexData
from index.view import IndexView

SIGNALS = ("chunk", "sent", "head", "bm25", "example")
# In an index that holds a fitted corpus beside other articles, the first this many candidates
# decide whose settings rank and answer a question, each by 1 / its rank (`Retriever.retrieve`);
# the fit's scope model may then turn it away from the fit's articles
ROUTE_CHUNKS = 6
_ROUTE_WEIGHTS = 1.0 / np.arange(1, ROUTE_CHUNKS + 1)



@dataclass(frozen=True)
class FusionConfig:
    """How signals are combined.

    The defaults are generic, for an index without a fit: the model's own cosines, the best
    sentence and the heading a little above the chunk (chosen on the project's dev questions
    without example questions, docs/BENCHMARKS.md). An index whose corpus carries a fit
    (``quotewise.tuning.json``, written by bench/tune_retrieval.py) uses that instead
    (`assistant.tuning`).
    """

    method: str = "zsum"  # "zsum" or "rrf"
    rrf_k: float = 20.0
    chunk: float = 1.0
    sent: float = 1.0
    head: float = 0.5
    bm25: float = 1.0
    example: float = 1.0
    candidates: int = 64  # chunks taken from each of the dense and lexical searches
    examples: int = 32  # example questions matched per query (their sentences join the search)
    mmr_pool: int = 20  # candidates MMR chooses from (at least 4 × k)
    # in an index holding a fitted corpus beside other articles, a question routed to the
    # others is ranked with each signal standardised over their candidates only, as in an index
    # of their own: the fit's chunks, off-topic for it, widen every signal's spread, each by a
    # different amount (dev, bench/sweep.py: money-couples and parenting-teens beside the
    # shipped articles 0.789 / 0.727 -> 0.842 / 0.773, their figures alone 0.842 / 0.818;
    # standardising a question routed to the fit over the fit's side too cost the
    # cross-validated letters beside money-couples two of 132, docs/BENCHMARKS.md)
    side_scale: bool = True


class Retriever:
    """Hybrid search over one loaded index.

    >>> r = Retriever(load_index(), embedder)          # doctest: +SKIP
    >>> [h.chunk.section for h in r.search("should I give him my passwords", k=2)]  # doctest: +SKIP
    ['4. You Give In', ...]
    """

    def __init__(self, data: IndexData, embedder: Embedder, *, fusion: FusionConfig | None = None,
                 general: FusionConfig | None = None, scope: ScopeModel | None = None):
        self.data = data
        self.embedder = embedder
        self.fusion = fusion or FusionConfig()
        self.view = IndexView.of(data)
        self._align_rows = SentenceScores.align_rows(self.view.adapted)
        # ``general``: the weights for the articles a corpus fit was not made on. It is kept
        # only for an index holding both kinds (the fit's articles are those with example
        # questions, like the adapter's); ``self.general`` is None otherwise.
        fitted = np.array([bool(data.documents[c.doc_id].examples) for c in data.chunks],
                          dtype=bool)
        mixed = general is not None and fitted.any() and not fitted.all()
        self.general = general if mixed else None
        self._fitted_chunk = fitted if mixed else None
        self._scope = scope if mixed else None  # the fit's reading of whom it speaks to
        # exact search here; an HNSW graph past `index.dense.EXACT_LIMIT` example questions
        self._example_index = build_dense(data.example_vecs) if len(data.example_vecs) else None
        self._outside_index = build_dense(data.outside_vecs) if len(data.outside_vecs) else None

    @property
    def fitted_chunks(self) -> np.ndarray | None:
        """Per chunk, whether its article belongs to the corpus fit; None unless the index
        mixes fitted articles with others (then a question is routed to one side)."""
        return self._fitted_chunk

    # -- the query ------------------------------------------------------------------------------
    def prepare(self, question: str, *, search: str | None = None) -> Query:
        """``question`` cleaned, truncated to `MAX_QUERY_CHARS` (with a notice), shorthand
        spelled out, encoded once and matched against the example questions. ``search`` is
        the text to match instead, when it differs (a follow-up with the turn it follows)."""
        asked = clean_query(question)
        notices: tuple[str, ...] = ()
        if len(asked) > MAX_QUERY_CHARS:
            notices = (f"Your question is long; only its first {MAX_QUERY_CHARS:,} characters "
                       "were used.",)
            asked = asked[:MAX_QUERY_CHARS]
        # a long message leads with its question: the model reads only its first 256 tokens
        text = lead_with_the_ask(
            expand_shorthand(clean_query(search)[:MAX_QUERY_CHARS] if search else asked))
        qvec = self.encode(text)
        # ...and what it asks, apart from the situation it tells: the sentences that answer the
        # ask join the candidates (`EvidenceConfig.ask_pool`); a follow-up's search text (the
        # turn with the ones it leans on) is a conversation, not one message
        own = search is None or clean_query(search) == asked
        ask = situation_asks(expand_shorthand(asked)) if own else None
        return Query(asked, text, qvec, adapt(qvec, self.data.adapter),
                     self.match_examples(qvec), notices,
                     self.encode(ask) if ask else None)

    def encode(self, text: str) -> np.ndarray:
        """The question's vector, from at most `index.queries.EMBED_CHARS` characters of it (a
        long message leads with its question, so that is what the model reads; BM25 reads it
        all)."""
        return self.embedder.embed_query(embedding_text(text[:queries.EMBED_CHARS]))

    def match_examples(self, qvec: np.ndarray) -> dict[int, float]:
        """Sentence row -> cosine of the question with the closest example question that the
        row answers, over the ``FusionConfig.examples`` closest example questions."""
        if self._example_index is None or not self.fusion.examples:
            return {}
        sims, ids = search_dense(self._example_index, qvec, self.fusion.examples)
        best: dict[int, float] = {}
        for i, s in zip(ids, sims):
            s = float(s)
            for r in self.view.example_rows[i]:
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
    def candidates(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """Candidate chunk positions (dense top-N ∪ BM25 top-N ∪ the chunks of rows matched
        by example questions) and all BM25 scores."""
        n = len(self.data.chunks)
        bm = bm25_scores(self.data.bm25, query.text)
        if n <= self.fusion.candidates * 2:
            return np.arange(n), bm
        _, dense_ids = search_dense(self.data.dense, query.qvec, self.fusion.candidates)
        top_bm = np.argsort(-bm)[: self.fusion.candidates]
        top_bm = top_bm[bm[top_bm] > 0]
        by_example = (self.view.row_chunk[list(query.examples)] if query.examples
                      else np.zeros(0, np.int64))
        return np.unique(np.concatenate([dense_ids, top_bm, by_example[by_example >= 0]])), bm

    def signals(self, query: Query, cand: np.ndarray, bm: np.ndarray,
                sentences: SentenceScores) -> dict[str, np.ndarray]:
        """Per-candidate signals (arrays aligned with ``cand``)."""
        d, view = self.data, self.view
        chunk = d.chunk_vecs[cand] @ query.qvec
        # each chunk's best sentence, and its best example-question match (0 without one)
        rows = [view.chunk_rows[c] for c in cand]
        sizes = np.array([len(r) for r in rows], dtype=np.int64)
        sent = chunk.astype(np.float32)
        example = np.zeros(len(cand), dtype=np.float32)
        has = sizes > 0
        if has.any():
            flat = np.concatenate(rows)
            starts = (np.cumsum(sizes) - sizes)[has]
            sent[has] = np.maximum.reduceat(sentences.many(flat), starts)
            if query.examples:
                got = np.array([query.examples.get(r, 0.0) for r in flat.tolist()], np.float32)
                example[has] = np.maximum.reduceat(np.maximum(got, 0.0), starts)
        sec = view.chunk_section[cand]
        head = np.zeros(len(cand), dtype=np.float32)
        ok = sec >= 0
        if ok.any() and len(d.section_vecs):
            ok_idx = np.where(ok)[0]
            rows = sec[ok_idx]
            valid = view.section_is_heading[rows]
            head[ok_idx[valid]] = d.section_vecs[rows[valid]] @ query.qvec
        return {"chunk": chunk, "sent": sent, "head": head, "bm25": bm[cand], "example": example}

    def fuse(self, sig: dict[str, np.ndarray], fusion: FusionConfig | None = None,
             scale: np.ndarray | None = None) -> np.ndarray:
        f = fusion or self.fusion
        weights = {"chunk": f.chunk, "sent": f.sent, "head": f.head, "bm25": f.bm25,
                   "example": f.example}
        return fuse_scores(sig, weights, method=f.method, rrf_k=f.rrf_k, scale=scale)

    # -- public API -----------------------------------------------------------------------------
    def search(self, question: str, *, k: int = 4, mmr: bool = False,
               mmr_lambda: float = 0.7) -> list[Hit]:
        """The ``k`` best chunks for ``question`` (fewer only when the index has fewer)."""
        return self.retrieve(self.prepare(question), k=k, mmr=mmr, mmr_lambda=mmr_lambda).hits

    def retrieve(self, query: Query, *, k: int = 4, mmr: bool = False,
                 mmr_lambda: float = 0.7) -> Candidates:
        """Every candidate for ``query``, fused and ordered, with the ``k`` best as hits."""
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise InputError("k must be a positive whole number")
        sentences = SentenceScores.aligned(self.data.sent_vecs, query.qsent, query.qvec,
                                           self.view.adapted, self._align_rows)
        if not self.data.chunks:
            empty = np.zeros(0, np.int64)
            return Candidates(query, empty, np.zeros(0), {n: np.zeros(0) for n in SIGNALS},
                              empty, sentences)
        cand, bm = self.candidates(query)
        sig = self.signals(query, cand, bm, sentences)
        fused = self.fuse(sig)
        order = np.argsort(-fused, kind="stable")
        fitted, declined = True, False
        if self._fitted_chunk is not None:  # a fit ranks only questions its articles answer
            top = self._fitted_chunk[cand[order[:ROUTE_CHUNKS]]]
            weights = _ROUTE_WEIGHTS[: len(top)]
            fitted = bool(weights[top].sum() >= weights.sum() / 2)
            # ...and whose asker they speak to, as the fit's scope model reads it. Articles on a
            # topic next to the fit's lose their own questions to it otherwise: the adapter and
            # the example votes find a fitted answer for any question on the topic ("should we
            # see a therapist after i cheated" went to articles written for the partner who is
            # not trusted; dev, docs/BENCHMARKS.md "Eleventh session")
            if fitted and self._scope is not None and not self._scope.speaks_to(query.text):
                # none of the fit applies to it, the adapter included: every sentence is scored
                # with the model's own cosine, as on any articles (dev: jealousy-insecurity
                # beside +1, the shipped letters beside each corpus +1)
                fitted = False
                declined = True
                sentences = SentenceScores(self.data.sent_vecs, query.qvec, query.qvec)
                sig = self.signals(query, cand, bm, sentences)
            if not fitted:
                side = ~self._fitted_chunk[cand]
                scale = side if self.general.side_scale and side.sum() >= 2 else None
                fused = self.fuse(sig, self.general, scale)
                order = np.argsort(-fused, kind="stable")
        if mmr:
            order = self._mmr(cand, fused, order, k, mmr_lambda)
        found = Candidates(query, cand, fused, sig, order, sentences, fitted=fitted,
                           declined=declined)
        found.hits = [
            Hit(chunk=self.data.chunks[cand[i]], score=float(fused[i]),
                dense=float(sig["chunk"][i]), lexical=float(sig["bm25"][i]),
                signals={n: float(sig[n][i]) for n in SIGNALS})
            for i in order[:k]
        ]
        return found

    def _mmr(self, cand, fused, order, k, lam) -> np.ndarray:
        """Maximal marginal relevance on chunk vectors: relevant, and not the same thing twice."""
        pool = list(order[: max(k * 4, self.fusion.mmr_pool)])
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
                method: str = "zsum", rrf_k: float = 20.0,
                scale: np.ndarray | None = None) -> np.ndarray:
    """Combine per-candidate signals into one score.

    ``zsum``: weighted sum of standardised scores (each signal's mean 0, sd 1 over the
    candidates, or over those ``scale`` marks). ``rrf``: weighted reciprocal-rank fusion.
    Lexical, heading and example signals of 0 mean "no evidence" and get no RRF vote.
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
            ref = s if scale is None else s[scale]
            sd = ref.std()
            if sd > 0:
                total += w * (s - ref.mean()) / sd
    return total
