"""The typed values a question becomes on its way to an answer.

`Query` (cleaned, truncated, expanded and encoded once) -> `Candidates` (retrieved chunks with
their signals) -> `assistant.evidence.Scored` (candidate sentences scored once) -> the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ingest.errors import InputError
from ingest.model import Chunk

MAX_QUERY_CHARS = 2000


def clean_query(query: str) -> str:
    """Validate and tidy a question: strip, collapse whitespace, drop control characters."""
    if not isinstance(query, str):
        raise InputError("the question must be text")
    q = " ".join(query.split())  # whitespace, control or not, becomes single spaces
    if not q.isprintable():  # rare: a control character inside a word
        q = " ".join("".join(ch if ch.isprintable() else " " for ch in q).split())
    if not q:
        raise InputError("the question is blank; type a question about the articles")
    return q


@dataclass(frozen=True)
class Query:
    """A question ready for retrieval.

    ``asked`` is the question as answered (cleaned, at most `MAX_QUERY_CHARS`); ``text`` is
    the form matched against the articles (texting shorthand spelled out); ``qvec`` its model
    vector and ``qsent`` the vector sentences are scored with (adapted when the index has a
    query adapter); ``examples`` maps sentence rows to the cosine of the closest example
    question they answer. ``ask_vec`` is the model vector of what a message asks when it also
    tells its situation (`index.queries.situation_asks`), else None.
    """

    asked: str
    text: str
    qvec: np.ndarray
    qsent: np.ndarray
    examples: dict[int, float] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    ask_vec: np.ndarray | None = None


# adapted rows sampled (evenly) to put their cosines on the model's scale: enough for a mean
# and a spread, and a fitted corpus of any size costs the same
ALIGN_ROWS = 2000


class SentenceScores:
    """Cosine of the question with sentence rows, computed on first use.

    Only the sentences of candidate chunks are ever scored, so a query costs the same whether
    the index holds a thousand sentences or millions. Rows marked in ``adapted`` (articles
    whose example questions fitted the query adapter) are scored with ``qvec``, the adapted
    question; the others with ``plain``, the model's own: the adapter learned the fitted
    articles' answers and would only pull other articles' sentences away from the question.

    The two kinds of cosine are not on one scale: the adapted question sits further from every
    sentence (on the shipped articles its best cosines are about half the model's own). In an
    index holding both kinds, adapted cosines are therefore put on the model's scale before
    they meet the others (`aligned`): the adapter still orders its articles' sentences, the
    model's own cosines of those same sentences give the scale.
    """

    def __init__(self, vecs: np.ndarray, qvec: np.ndarray, plain: np.ndarray | None = None,
                 adapted: np.ndarray | None = None, scale: tuple[float, float] = (1.0, 0.0)):
        self.vecs = vecs
        self.qvec = qvec
        self.plain = qvec if plain is None else plain
        self.adapted = adapted
        self.scale = scale  # adapted cosine c reads as scale[0] * c + scale[1]
        self._cache: dict[int, float] = {}

    @staticmethod
    def align_rows(adapted: np.ndarray | None) -> np.ndarray | None:
        """The adapted rows (up to `ALIGN_ROWS`, evenly spaced) whose cosines set the scale,
        when ``adapted`` marks some rows but not all; None for an index of one kind. Found
        once per index: the scan is as long as the index."""
        if adapted is None or adapted.all() or not adapted.any():
            return None
        rows = np.flatnonzero(adapted)
        if len(rows) > ALIGN_ROWS:
            rows = rows[np.linspace(0, len(rows) - 1, ALIGN_ROWS).astype(np.int64)]
        return rows

    @classmethod
    def aligned(cls, vecs: np.ndarray, qvec: np.ndarray, plain: np.ndarray,
                adapted: np.ndarray | None, rows: np.ndarray | None) -> "SentenceScores":
        """Scores whose adapted cosines share the model's scale: the affine map taking their
        mean and spread under the adapted question to those under the model's own, over
        ``rows`` (`align_rows` of ``adapted``). With ``rows`` None, an index of one kind, it
        scores as before."""
        if rows is None or qvec is plain:
            return cls(vecs, qvec, plain, adapted)
        a, p = vecs[rows] @ qvec, vecs[rows] @ plain
        spread = float(a.std())
        k = float(p.std()) / spread if spread > 0 else 1.0
        return cls(vecs, qvec, plain, adapted, (k, float(p.mean()) - k * float(a.mean())))

    def vector(self, row: int) -> np.ndarray:
        """The question vector row ``row`` is scored with."""
        return self.qvec if self.adapted is None or self.adapted[row] else self.plain

    def cosine(self, vec: np.ndarray, row: int) -> float:
        """``vec`` (a row's own or windowed vector) against the question row ``row`` is scored
        with, on the shared scale."""
        v = float(vec @ self.vector(row))
        if self.adapted is not None and self.adapted[row]:
            v = self.scale[0] * v + self.scale[1]
        return v

    def __getitem__(self, row) -> float:
        row = int(row)
        v = self._cache.get(row)
        if v is None:
            v = self._cache[row] = self.cosine(self.vecs[row], row)
        return v

    def many(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64).tolist()  # plain ints: half the time of int(r)
        missing = np.array([r for r in rows if r not in self._cache], dtype=np.int64)
        if len(missing):
            sims = self.vecs[missing] @ self.qvec
            if self.adapted is not None:
                plain = ~self.adapted[missing]
                if plain.any():
                    sims[plain] = self.vecs[missing[plain]] @ self.plain
                if self.scale != (1.0, 0.0):
                    sims[~plain] = self.scale[0] * sims[~plain] + self.scale[1]
            self._cache.update(zip(missing.tolist(), sims.tolist()))
        return np.array([self._cache[r] for r in rows], dtype=np.float32)


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


@dataclass
class Candidates:
    """What retrieval found for a `Query`: candidate chunk positions ``cand``, their fused
    scores and per-signal scores (arrays aligned with ``cand``), the best-first ``order`` of
    indices into ``cand``, the question's cosines with sentence rows, whether the
    corpus fit ranked them (``fitted``), and whether its scope model turned the question away
    from its articles (``declined``; see `assistant.retriever.Retriever.retrieve`)."""

    query: Query
    cand: np.ndarray
    fused: np.ndarray
    signals: dict[str, np.ndarray]
    order: np.ndarray
    sentences: SentenceScores
    hits: list[Hit] = field(default_factory=list)
    fitted: bool = True  # ranked with the corpus fit (False: with the general settings)
    declined: bool = False  # led by the fit's articles, but not for this asker (general settings)

    def ranked(self, n: int) -> list[int]:
        """Chunk positions of the ``n`` best candidates, best first."""
        return [int(self.cand[i]) for i in self.order[:n]]

    @property
    def best_chunk(self) -> float:
        """The best chunk cosine among the candidates (0 when there are none)."""
        chunk = self.signals.get("chunk")
        return float(np.max(chunk)) if chunk is not None and len(chunk) else 0.0
