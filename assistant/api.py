"""`Assistant`: the Python API every surface (CLI, UI, LangChain, eval) calls.

>>> qa = Assistant.load()                       # doctest: +SKIP
>>> ans = qa.ask("should I give him my passwords so he stops worrying?")  # doctest: +SKIP
>>> ans.quotes[0].text                          # doctest: +SKIP
'They are convinced you have secret relationships by email, text, ...'
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.answer import Answer, Quote
from assistant.composer import compose_abstention, compose_markdown, order_quotes
from assistant.evidence import Evidence, EvidenceConfig, EvidenceSelector
from assistant.retriever import MAX_QUERY_CHARS, FusionConfig, Hit, Retriever, clean_query
from assistant.safety import ABUSE_QUERY, NOTICE, check_safety
from ingest.errors import IndexMissingError, InputError
from ingest.model import Document
from index.embedder import Embedder, FakeEmbedder, embedder_for_index
from index.store import IndexData, load_index, resolve_index_dir

FRAMING = "Here is what the articles say about this, quoted word for word:"
SAFETY_FRAMING = "What the articles say about abuse and control comes first, quoted word for word:"


# Features of how well the articles cover a question (`_State.coverage_features`).
COVERAGE_FEATURES = ("evidence", "sentence", "chunk", "vocabulary", "example", "outside")


@dataclass(frozen=True)
class AbstainConfig:
    """When Quotewise says the articles don't cover a question.

    With ``coef`` set (the real model), a logistic model over ``features`` (names from
    `COVERAGE_FEATURES`) gives the probability that the articles answer the question; below
    ``min_probability`` it abstains. The features: the best blended evidence score, the best
    single-sentence cosine, the best chunk cosine, the IDF-weighted share of the question's
    words the articles use at all (near-topic questions such as "best anniversary gift ideas"
    match trust sentences by cosine, but their topic words are nowhere in the articles), the
    cosine with the closest example question (how people ask what the articles answer), and
    the cosine with the closest out-of-scope question (what people ask that they don't).
    Fitted by `bench/calibrate_abstention.py` on eval/abstain_calibration.jsonl and
    eval/dev_questions.jsonl; the other labelled sets stay held out (docs/BENCHMARKS.md).
    `for_index` picks the model fitted for what the index has.

    Without ``coef`` (the fake test embedder) plain thresholds apply: ``min_evidence`` on the
    best evidence score and ``min_sentence`` on the best sentence cosine.
    """

    features: tuple[str, ...] = COVERAGE_FEATURES
    coef: tuple[float, ...] | None = (3.0942, 1.1811, 4.892, 3.0997, 7.3877, -4.1665)
    intercept: float = -6.1338
    min_probability: float = 0.40
    min_evidence: float = 0.40
    min_sentence: float = 0.30
    closest: int = 2
    min_closest: float = 0.30  # threshold mode: below this evidence the closest passages are
    #                            unrelated, so none are shown
    min_closest_probability: float = 0.05  # model mode: the same for the probability ("how
    #                            many calories in an avocado" gets no passages, "anniversary
    #                            gift ideas" gets the nearest ones)

    @classmethod
    def for_index(cls, data: IndexData) -> "AbstainConfig":
        """Settings for an index: its model (cosines differ between models) and whether it has
        example questions (and so an adapter and the ``example`` feature)."""
        if data.model_id == FakeEmbedder.model_id:
            return cls(coef=None, min_evidence=0.10, min_sentence=0.05, min_closest=0.05)
        if not len(data.example_vecs):
            return cls(features=COVERAGE_FEATURES[:4], coef=(3.6289, 5.6411, 6.8668, 4.8541),
                       intercept=-8.0559)
        if not len(data.outside_vecs):
            return cls(features=COVERAGE_FEATURES[:5],
                       coef=(2.7498, 0.8539, 5.5109, 3.6297, 8.3897), intercept=-8.9202)
        return cls()

    def probability(self, features: dict[str, float]) -> float:
        """Probability that the articles answer the question (1.0/0.0 in threshold mode)."""
        if self.coef is None:
            return float(features["evidence"] >= self.min_evidence
                         and features["sentence"] >= self.min_sentence)
        z = self.intercept + sum(w * features[n] for w, n in zip(self.coef, self.features))
        return 1.0 / (1.0 + math.exp(-z))

    def covered(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= (self.min_probability if self.coef else 0.5)

    def near_miss(self, features: dict[str, float]) -> bool:
        """Whether an abstention should still show the closest passages."""
        if self.coef is None:
            return features["evidence"] >= self.min_closest
        return self.probability(features) >= self.min_closest_probability


@dataclass
class _State:
    """A loaded index and everything derived from it."""

    data: IndexData
    retriever: Retriever
    selector: EvidenceSelector
    abstain: AbstainConfig
    _abuse: tuple[list[int], list[int]] | None = None  # (sentence rows, their chunk positions)

    def quote(self, e: Evidence, n: int = 0) -> Quote:
        doc = self.data.documents[e.doc_id]
        return Quote(n, e.doc_id, doc.source, e.start, e.end, doc.text[e.start:e.end], e.section,
                     float(e.score))

    def sources(self, quotes: list[Quote]) -> list[dict]:
        seen: dict[str, dict] = {}
        for q in quotes:
            seen.setdefault(q.doc_id, self.data.documents[q.doc_id].meta())
        return list(seen.values())

    def abuse_guidance(self) -> tuple[list[int], list[int]]:
        """Sentence rows of the articles' guidance on abuse and the chunks holding them
        (found once per loaded index, by retrieval)."""
        if self._abuse is None:
            hits, ctx = self.retriever.search_with_vector(ABUSE_QUERY, k=1)
            positions = self.positions_of(hits)
            rows = self.selector.candidate_rows(positions)
            sent_all = ctx["signals"]["sentences"]
            self._abuse = (sorted(rows, key=lambda r: -float(sent_all[r]))[:2], positions)
        return self._abuse

    def evidence_positions(self, ctx: dict, top: int, *, pool: int = 20) -> list[int]:
        """The top chunks, plus each other article's best chunk from the top ``pool``: the
        articles repeat each other, and a second voice often says it better."""
        ranked = [int(ctx["cand"][i]) for i in ctx["order"][:pool]]
        positions = ranked[:top]
        docs = {self.data.chunks[p].doc_id for p in positions}
        for p in ranked[top:]:
            d = self.data.chunks[p].doc_id
            if d not in docs:
                positions.append(p)
                docs.add(d)
        return positions

    def coverage_features(self, ctx: dict, positions: list[int]) -> dict[str, float]:
        """How well the articles cover the question searched in ``ctx`` (`COVERAGE_FEATURES`)."""
        sent_all = ctx["signals"]["sentences"]
        sentence, evidence = self.selector.strength(ctx["query"], ctx["qvec"], sent_all,
                                                    positions, ctx.get("examples"))
        chunk = float(np.max(ctx["signals"]["chunk"])) if len(ctx["signals"]["chunk"]) else 0.0
        return {"evidence": float(evidence), "sentence": float(sentence), "chunk": chunk,
                "vocabulary": self.selector.coverage(ctx["query"]),
                "example": max(ctx.get("examples", {}).values(), default=0.0),
                "outside": self.retriever.match_outside(ctx["qvec"])}

    def positions_of(self, hits: list[Hit]) -> list[int]:
        pos = {c.chunk_id: i for i, c in enumerate(self.data.chunks)}
        return [pos[h.chunk.chunk_id] for h in hits]


class Assistant:
    """Grounded Q&A over one index: retrieval, evidence, abstention, safety, composition."""

    def __init__(
        self,
        data: IndexData,
        embedder: Embedder | None = None,
        *,
        llm=None,
        fusion: FusionConfig | None = None,
        evidence: EvidenceConfig | None = None,
        abstain: AbstainConfig | None = None,
        index_root: Path | None = None,
    ):
        self.index_root = index_root
        self.embedder = embedder or embedder_for_index(data.manifest, index_root)
        self.fusion = fusion
        self.evidence_config = evidence
        self._abstain_override = abstain
        self.llm = llm
        self._state = self._make_state(data)

    def _make_state(self, data: IndexData) -> "_State":
        return _State(data, Retriever(data, self.embedder, fusion=self.fusion),
                      EvidenceSelector(data, self.evidence_config),
                      self._abstain_override or AbstainConfig.for_index(data))

    @property
    def abstain_config(self) -> AbstainConfig:
        return self._state.abstain

    # One reference holds the whole loaded index, so a reload swaps it in one step and every
    # answer comes wholly from the old or wholly from the new index.
    @property
    def data(self) -> IndexData:
        return self._state.data

    @property
    def retriever(self) -> Retriever:
        return self._state.retriever

    @property
    def selector(self) -> EvidenceSelector:
        return self._state.selector

    @classmethod
    def load(cls, index_dir: str | Path | None = None, *, embedder: Embedder | None = None, llm=None,
             **kwargs) -> "Assistant":
        """Load the index at ``index_dir`` (``$QUOTEWISE_INDEX``, else ``.quotewise/index``)."""
        root = resolve_index_dir(index_dir)
        data = load_index(root)
        return cls(data, embedder, llm=llm, index_root=root, **kwargs)

    @classmethod
    def load_or_build(cls, index_dir: str | Path | None = None, *, corpus=None,
                      on_message=None, **kwargs) -> "Assistant":
        """Load the index, building it from ``corpus`` (default data/articles) if it is missing."""
        from index.build import build_index

        root = resolve_index_dir(index_dir)
        try:
            return cls.load(root, **kwargs)
        except IndexMissingError:
            if on_message:
                on_message(f"no index at {root}; building it from {corpus or 'data/articles'}…")
            build_index([corpus] if corpus else None, root, on_message=on_message)
            return cls.load(root, **kwargs)

    def ingest(self, paths, *, prune: bool = False, embedder: Embedder | None = None):
        """Incrementally ingest ``paths`` into this index, then swap the new version in."""
        from index.build import build_index

        if self.index_root is None:
            raise InputError("this assistant was not loaded from an index directory")
        if embedder is None and self.data.model_id == FakeEmbedder.model_id:
            embedder = FakeEmbedder(dim=self.data.manifest["model"]["dim"])  # stay compatible
        report = build_index(paths, self.index_root, prune=prune, embedder=embedder,
                             progress=False)
        if report.changed:
            self.reload()
        return report

    def reload(self) -> None:
        """Load the live index version again and swap it in atomically."""
        self._state = self._make_state(load_index(self.index_root))

    # -- reading --------------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        try:
            return self.data.documents[doc_id]
        except KeyError:
            raise InputError(f"no article with id {doc_id!r} in this index") from None

    def documents(self) -> list[Document]:
        return list(self.data.documents.values())

    @property
    def warning(self) -> str | None:
        return self.data.extra.get("warning")

    # -- search ---------------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 4, mmr: bool = False) -> list[Hit]:
        """Hybrid search: the ``k`` best chunks with fused and component scores."""
        return self.retriever.search(query, k=k, mmr=mmr)

    def hit_dict(self, hit: Hit) -> dict:
        return hit.to_dict(self.data.documents[hit.chunk.doc_id].source)

    # -- answers --------------------------------------------------------------------------------
    def ask(self, question: str, *, max_quotes: int | None = None) -> Answer:
        """Answer ``question`` with verbatim, cited quotes — or say the articles don't cover it."""
        t0 = time.perf_counter()
        st = self._state  # one consistent index for the whole answer, even during a reload
        question = clean_query(question)
        notices = []
        if len(question) > MAX_QUERY_CHARS:
            notices.append(
                f"Your question is long; only its first {MAX_QUERY_CHARS:,} characters were used."
            )
            question = question[:MAX_QUERY_CHARS]
        if max_quotes is None:
            max_quotes = st.selector.config.max_quotes
        if not isinstance(max_quotes, int) or isinstance(max_quotes, bool) or max_quotes < 1:
            raise InputError("max_quotes must be a positive whole number")
        safety = check_safety(question)
        top = st.selector.config.top_chunks
        hits, ctx = st.retriever.search_with_vector(question, k=top)
        t_retrieve = time.perf_counter()
        if not hits:
            return self._abstain(st, question, [], safety.flagged, notices, t0, t_retrieve)
        sent_all = ctx["signals"]["sentences"]
        positions = st.evidence_positions(ctx, top)
        asked = ctx["query"]  # as matched: shorthand spelled out
        features = st.coverage_features(ctx, positions)
        cfg = st.abstain
        covered = cfg.covered(features)
        if not covered and not safety.flagged:
            closest = (st.selector.select(asked, ctx["qvec"], sent_all, positions,
                                          max_quotes=cfg.closest, examples=ctx.get("examples"))
                       if cfg.near_miss(features) else [])
            return self._abstain(st, question, closest, False, notices, t0, t_retrieve)

        prefer: list[int] = []
        if safety.flagged:  # the abuse guidance joins the candidates so it is quoted first
            prefer, abuse_positions = st.abuse_guidance()
            positions = abuse_positions + [p for p in positions if p not in abuse_positions]
        evidence = st.selector.select(asked, ctx["qvec"], sent_all, positions,
                                      max_quotes=max_quotes, prefer_rows=prefer,
                                      examples=ctx.get("examples"))
        if not evidence:  # nothing quotable after all: an answer is quotes or an abstention
            return self._abstain(st, question, [], safety.flagged, notices, t0, t_retrieve)
        first = [e for e in evidence if set(prefer) & set(e.rows)]
        rest = [e for e in evidence if not set(prefer) & set(e.rows)]
        first.sort(key=lambda e: (e.doc_id, e.start))
        quotes = [st.quote(e) for e in first] + order_quotes([st.quote(e) for e in rest])
        quotes = [replace(q, n=i) for i, q in enumerate(quotes, 1)]
        markdown = compose_markdown(
            quotes, st.data.documents,
            framing=SAFETY_FRAMING if safety.flagged else FRAMING,
            notice=NOTICE if safety.flagged else None,
        )
        t1 = time.perf_counter()
        answer = Answer(
            question=question,
            abstained=False,
            safety=safety.flagged,
            markdown=markdown,
            quotes=quotes,
            sources=st.sources(quotes),
            timings_ms={"retrieve": (t_retrieve - t0) * 1e3, "compose": (t1 - t_retrieve) * 1e3,
                        "total": (t1 - t0) * 1e3},
            notices=notices,
        )
        if self.llm is not None:
            from assistant.llm import compose_with_llm

            answer = compose_with_llm(self.llm, answer, st.data.documents)
            answer.timings_ms["total"] = (time.perf_counter() - t0) * 1e3
        return answer

    def _abstain(self, st, question, evidence, safety_flag, notices, t0, t_retrieve) -> Answer:
        closest = [replace(st.quote(e), n=i) for i, e in enumerate(evidence, 1)]
        t1 = time.perf_counter()
        return Answer(
            question=question,
            abstained=True,
            safety=safety_flag,
            markdown=compose_abstention(closest, st.data.documents,
                                        notice=NOTICE if safety_flag else None),
            timings_ms={"retrieve": (t_retrieve - t0) * 1e3, "compose": (t1 - t_retrieve) * 1e3,
                        "total": (t1 - t0) * 1e3},
            closest=closest,
            notices=notices,
        )
