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
from typing import TYPE_CHECKING

import numpy as np

from index.lexical import normalize_text
from index.store import IndexData

if TYPE_CHECKING:
    from assistant.retriever import SentenceScores


@dataclass(frozen=True)
class EvidenceConfig:
    top_chunks: int = 6
    max_quotes: int = 4
    max_chars: int = 1200
    max_sentences_per_quote: int = 3
    sentence_weight: float = 0.6  # the sentence's own cosine with the question
    context_weight: float = 0.4  # its paragraph's (chunk + heading) cosine: answers often
    #                              don't restate the question, their paragraph does
    generic_weight: float = 0.3  # sentences close to the corpus centroid match every question
    chunk_weight: float = 0.10  # how much the chunk's fused rank lifts its sentences
    lexical_weight: float = 0.10
    keep_ratio: float = 0.70  # a quote must score at least this fraction of the best one
    dup_threshold: float = 0.80  # cosine above which two sentences say the same thing
    new_doc_bonus: float = 0.03
    extend_ratio: float = 0.85  # a neighbour joins a quote when it scores this close
    min_sentence_chars: int = 25
    max_per_section: int = 2  # per tip/heading section; an article's untitled body gets one more
    expand_heading: float = 0.55  # a heading this close to the question brings its first lines
    expand_sentences: int = 2


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
        sec_index = {(x.doc_id, x.heading): i for i, x in enumerate(data.sections)}
        self.sent_section = np.array(
            [sec_index.get((x.doc_id, x.section), -1) for x in sents], dtype=np.int64)
        self.section_is_heading = np.array(
            [x.kind in ("tip", "question", "heading") for x in data.sections], dtype=bool)
        self.section_body: dict[int, list[int]] = {}
        for i, x in enumerate(sents):
            if x.retrievable and not x.is_heading and self.sent_section[i] >= 0:
                self.section_body.setdefault(int(self.sent_section[i]), []).append(i)
        self.row_of = {(x.doc_id, x.start): i for i, x in enumerate(sents)}
        self.usable = np.array(
            [s.retrievable and not s.is_heading and len(s.text) >= 3 for s in sents], dtype=bool
        )
        # how close each sentence is to the centre of all quotable sentences (a generic one
        # matches every question); measured relative to the average sentence
        self.generic = np.zeros(len(sents), np.float32)
        if self.usable.any():
            centroid = data.sent_vecs[self.usable].mean(axis=0)
            centroid /= np.linalg.norm(centroid) or 1.0
            g = data.sent_vecs @ centroid
            self.generic = (g - g[self.usable].mean()).astype(np.float32)

    def candidate_rows(self, chunk_positions: list[int]) -> dict[int, tuple[int, int]]:
        """Sentence row -> (best rank of a chunk containing it, that chunk's position)."""
        out: dict[int, tuple[int, int]] = {}
        for rank, pos in enumerate(chunk_positions):
            c = self.data.chunks[pos]
            for a, _ in c.sentences:
                r = self.row_of.get((c.doc_id, a))
                if r is not None and self.usable[r] and r not in out:
                    out[r] = (rank, pos)
        return out

    def head_scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of the question with every section heading (0 for title/intro sections)."""
        if not len(self.data.section_vecs):
            return np.zeros(0, np.float32)
        h = self.data.section_vecs @ qvec
        h[~self.section_is_heading] = 0.0
        return h

    def score_rows(self, question: str, qvec: np.ndarray, sent_all: "SentenceScores",
                   rows: dict[int, tuple[int, int]], heads: np.ndarray) -> dict[int, float]:
        cfg = self.config
        qterms = content_terms(question)
        scores = {}
        for r, (rank, pos) in rows.items():
            lex = len(qterms & self.terms[r]) / len(qterms) if qterms else 0.0
            chunk_rel = max(0.0, 1.0 - rank / max(cfg.top_chunks, 1))
            sec = self.sent_section[r]
            head = max(float(heads[sec]), 0.0) if sec >= 0 and len(heads) else 0.0
            context = max(float(self.data.chunk_vecs[pos] @ qvec) if pos >= 0 else 0.0, head)
            s = (cfg.sentence_weight * float(sent_all[r]) + cfg.context_weight * context
                 + cfg.chunk_weight * chunk_rel + cfg.lexical_weight * lex
                 - cfg.generic_weight * float(self.generic[r]))
            if len(self.data.sentences[r].text) < cfg.min_sentence_chars:
                s -= 0.05  # fragments ("These things happen; we are all human.") rarely answer
            scores[r] = s
        return scores

    def strength(self, question: str, qvec: np.ndarray, sent_all: "SentenceScores",
                 chunk_positions: list[int]) -> tuple[float, float]:
        """(best sentence cosine, best blended evidence score) among the candidates: how well
        the articles address the question at all. Abstention thresholds apply to these."""
        rows = self.candidate_rows(chunk_positions)
        if not rows:
            return 0.0, 0.0
        scores = self.score_rows(question, qvec, sent_all, rows, self.head_scores(qvec))
        return max(sent_all[r] for r in rows), max(scores.values())

    def select(
        self,
        question: str,
        qvec: np.ndarray,
        sent_all: "SentenceScores",
        chunk_positions: list[int],
        *,
        max_quotes: int | None = None,
        prefer_rows: list[int] | None = None,
    ) -> list[Evidence]:
        """Greedy, diverse choice of quotes. ``prefer_rows`` are placed first (safety)."""
        cfg = self.config
        max_quotes = max_quotes or cfg.max_quotes
        rows = self.candidate_rows(chunk_positions)
        heads = self.head_scores(qvec)
        # a heading that reads like the question ("Do cheaters feel guilt?") points at its answer:
        # the first lines of its section join the candidates
        if len(heads):
            for sec in np.argsort(-heads)[:2]:
                if heads[sec] >= cfg.expand_heading:
                    for r in self.section_body.get(int(sec), [])[: cfg.expand_sentences]:
                        rows.setdefault(r, (0, -1))
        if not rows:
            return []
        scores = self.score_rows(question, qvec, sent_all, rows, heads)
        vecs = self.data.sent_vecs
        chosen: list[Evidence] = []
        used: set[int] = set()
        docs_used: set[str] = set()
        per_section: dict[int, int] = {}
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
                sec = int(self.sent_section[x])
                answers_heading = sec >= 0 and len(heads) and heads[sec] >= cfg.expand_heading
                if s_best < score * (cfg.extend_ratio if not answers_heading else 0.6):
                    break
                span = span + [x] if side > 0 else [x] + span
            sents = [self.data.sentences[i] for i in span]
            length = sents[-1].end - sents[0].start
            if chosen and chars + length > cfg.max_chars:
                return
            used.update(span)
            docs_used.add(sents[0].doc_id)
            sec = int(self.sent_section[span[0]])
            per_section[sec] = per_section.get(sec, 0) + 1
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
                sec = int(self.sent_section[r])
                cap = cfg.max_per_section + (0 if sec >= 0 and self.section_is_heading[sec] else 1)
                if per_section.get(sec, 0) >= cap:
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
