"""Evidence selection: from the best chunks, pick the few sentences that answer the question.

Candidate sentences come from the top fused hits. Each is scored against the question with its
precomputed vector, plus the strength of the chunk it came from, plus lexical overlap. The best
are chosen greedily: near-duplicates are dropped, a second article is preferred when it adds
something (the articles repeat each other), and neighbouring sentences of the same paragraph
merge into one quote of at most three sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.lexical import normalize_text
from index.store import IndexData


@dataclass(frozen=True)
class EvidenceConfig:
    top_chunks: int = 6
    max_quotes: int = 4
    max_chars: int = 1200
    max_sentences_per_quote: int = 3
    chunk_weight: float = 0.12  # how much the chunk's fused rank lifts its sentences
    lexical_weight: float = 0.10
    keep_ratio: float = 0.80  # a quote must score at least this fraction of the best one
    dup_threshold: float = 0.80  # cosine above which two sentences say the same thing
    new_doc_bonus: float = 0.03
    extend_ratio: float = 0.92  # a neighbour joins a quote when it scores this close
    min_sentence_chars: int = 25


@dataclass
class Evidence:
    """A chosen quote: consecutive sentence rows of one document."""

    rows: list[int]
    doc_id: str
    start: int
    end: int
    score: float
    section: str


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or but if of to in on at for with about from by as is are was were be been "
    "being am do does did doing have has had having i me my mine myself you your yours he him his "
    "she her hers they them their we us our it its this that these those what which who whom "
    "why how when where can could should would will shall may might must not no so too very "
    "just than then there here all any some more most such own same only also into out up down "
    "over under again once doesn don didn isn wasn won ll ve re s t m d get got keep keeps "
    "really always ever even still much many lot lots thing things".split()
)


def content_terms(text: str) -> set[str]:
    """Crude stems of the content words of ``text`` (for a lexical-overlap signal)."""
    out = set()
    for w in _WORD.findall(normalize_text(text)):
        if w in _STOP or len(w) < 3:
            continue
        for suf in ("ing", "ed", "es", "s", "ly"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.add(w)
    return out


class EvidenceSelector:
    """Chooses quote spans for a question from a retriever's candidates."""

    def __init__(self, data: IndexData, config: EvidenceConfig | None = None):
        self.data = data
        self.config = config or EvidenceConfig()
        sents = data.sentences
        self.terms = [content_terms(s.text) for s in sents]
        # consecutive rows of one paragraph are "adjacent" (mergeable into one quote)
        self.next_row = np.full(len(sents), -1, dtype=np.int64)
        for i in range(len(sents) - 1):
            a, b = sents[i], sents[i + 1]
            if a.doc_id == b.doc_id and a.section == b.section and not b.is_heading and not a.is_heading:
                gap = data.documents[a.doc_id].text[a.end : b.start]
                if gap.strip() == "" and gap.count("\n") <= 1:
                    self.next_row[i] = i + 1
        self.prev_row = np.full(len(sents), -1, dtype=np.int64)
        for i, j in enumerate(self.next_row):
            if j >= 0:
                self.prev_row[j] = i
        self.usable = np.array(
            [s.retrievable and not s.is_heading and len(s.text) >= 3 for s in sents], dtype=bool
        )

    def candidate_rows(self, chunk_positions: list[int]) -> dict[int, int]:
        """Sentence row -> best (lowest) rank of a chunk containing it."""
        row_of = {(s.doc_id, s.start): i for i, s in enumerate(self.data.sentences)}
        out: dict[int, int] = {}
        for rank, pos in enumerate(chunk_positions):
            c = self.data.chunks[pos]
            for a, _ in c.sentences:
                r = row_of.get((c.doc_id, a))
                if r is not None and self.usable[r] and r not in out:
                    out[r] = rank
        return out

    def score_rows(self, question: str, sent_all: np.ndarray, rows: dict[int, int]) -> dict[int, float]:
        cfg = self.config
        qterms = content_terms(question)
        scores = {}
        for r, rank in rows.items():
            lex = len(qterms & self.terms[r]) / len(qterms) if qterms else 0.0
            chunk_rel = 1.0 - rank / max(cfg.top_chunks, 1)
            s = float(sent_all[r]) + cfg.chunk_weight * chunk_rel + cfg.lexical_weight * lex
            if len(self.data.sentences[r].text) < cfg.min_sentence_chars:
                s -= 0.05  # fragments ("These things happen; we are all human.") rarely answer
            scores[r] = s
        return scores

    def select(
        self,
        question: str,
        sent_all: np.ndarray,
        chunk_positions: list[int],
        *,
        max_quotes: int | None = None,
        prefer_rows: list[int] | None = None,
    ) -> list[Evidence]:
        """Greedy, diverse choice of quotes. ``prefer_rows`` are placed first (safety)."""
        cfg = self.config
        max_quotes = max_quotes or cfg.max_quotes
        rows = self.candidate_rows(chunk_positions[: cfg.top_chunks])
        if not rows:
            return []
        scores = self.score_rows(question, sent_all, rows)
        vecs = self.data.sent_vecs
        chosen: list[Evidence] = []
        used: set[int] = set()
        docs_used: set[str] = set()
        chars = 0

        def add(seed: int, score: float) -> None:
            nonlocal chars
            span = [seed]
            # grow within the paragraph while neighbours are nearly as relevant
            while len(span) < cfg.max_sentences_per_quote:
                nxt, prv = self.next_row[span[-1]], self.prev_row[span[0]]
                options = [(scores.get(int(x), float(sent_all[x])), int(x), side)
                           for x, side in ((nxt, 1), (prv, -1))
                           if x >= 0 and self.usable[x] and int(x) not in used]
                if not options:
                    break
                s_best, x, side = max(options)
                if s_best < score * cfg.extend_ratio:
                    break
                span = span + [x] if side > 0 else [x] + span
            sents = [self.data.sentences[i] for i in span]
            length = sents[-1].end - sents[0].start
            if chosen and chars + length > cfg.max_chars:
                return
            used.update(span)
            docs_used.add(sents[0].doc_id)
            chars += length
            chosen.append(Evidence(span, sents[0].doc_id, sents[0].start, sents[-1].end, score,
                                   sents[0].section))

        for r in prefer_rows or []:
            if r in used or not self.usable[r]:
                continue
            add(r, scores.get(r, float(sent_all[r])))
            if len(chosen) >= max_quotes:
                return chosen

        best = max(scores.values())
        while len(chosen) < max_quotes:
            pick, pick_score = None, -1e9
            for r, s in scores.items():
                if r in used:
                    continue
                if any(float(vecs[r] @ vecs[u]) > cfg.dup_threshold for u in used):
                    continue
                adj = s + (cfg.new_doc_bonus if self.data.sentences[r].doc_id not in docs_used else 0)
                if adj > pick_score:
                    pick, pick_score = r, adj
            if pick is None or scores[pick] < best * cfg.keep_ratio:
                break
            before = len(chosen)
            add(pick, scores[pick])
            if len(chosen) == before:  # did not fit the character budget
                used.add(pick)
        return chosen
