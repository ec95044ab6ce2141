"""Evidence selection: from the best chunks, pick the few sentences that answer the question.

Candidate sentences come from the top fused hits. Each is scored against the question with its
precomputed vector (alone and with its paragraph neighbours), plus its paragraph's relevance,
the strength of the chunk it came from, and IDF-weighted word overlap. The best are chosen
greedily: near-duplicates are dropped, a second article is preferred when it adds something
(the articles repeat each other), and neighbouring sentences of the same paragraph merge into
one quote of at most three sentences.

Two rules keep quotes in context. A sentence that asks a question ("...why do they have a hard
time trusting you?") is rarely the answer; the lines after it are, so they inherit its
relevance (a sentence that only announces a list, "Below are a few important steps...", is
damped instead). And when the author rejects an approach just described ("Let him see your
phone..." / "I will not recommend this approach - ever!"), the rejection is quoted with it.
"""

from __future__ import annotations

import bisect
import math
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
    max_quotes: int = 5
    max_chars: int = 1200
    max_sentences_per_quote: int = 3
    sentence_weight: float = 0.6  # the sentence's cosine with the (adapted) question, own and
    #                               windowed
    window_share: float = 0.3  # part of it from the sentence with its paragraph neighbours
    context_weight: float = 0.2  # its paragraph's (chunk + heading) cosine: answers often
    #                              don't restate the question, their paragraph does
    generic_weight: float = 0.15  # sentences close to the corpus centroid match every question
    chunk_weight: float = 0.10  # how much the chunk's fused rank lifts its sentences
    lexical_weight: float = 0.15  # IDF-weighted share of the question's content words
    example_weight: float = 0.25  # cosine with the closest example question it answers
    example_candidate: float = 0.6  # an example question this close brings its sentences in
    question_penalty: float = 0.05  # a sentence that asks a question rarely answers it...
    handoff: float = 0.95  # ...the next lines do: they score at least this share of it
    handoff_sentences: int = 2
    announce_penalty: float = 0.1  # "Below are a few important steps..." promises, not answers
    keep_ratio: float = 0.60  # a quote must score at least this fraction of the best one
    dup_threshold: float = 0.80  # cosine above which two sentences say the same thing
    new_doc_bonus: float = 0.03
    extend_ratio: float = 0.85  # a neighbour joins a quote when it scores this close
    min_sentence_chars: int = 25
    short_penalty: float = 0.05  # fragments ("These things happen; we are all human.") rarely answer
    max_per_section: int = 2  # per tip/heading section; an article's untitled body gets one more
    expand_heading: float = 0.55  # a heading this close to the question brings its first lines
    expand_sentences: int = 2

    @classmethod
    def for_index(cls, data: IndexData) -> "EvidenceConfig":
        """The weights tuned for an index with example questions (adapted sentence cosines,
        example matches) or, without them, for the model's plain cosines, which need more
        help from the paragraph and more damping of generic sentences (docs/BENCHMARKS.md)."""
        if len(data.example_vecs):
            return cls()
        return cls(context_weight=0.4, generic_weight=0.3, keep_ratio=0.7)


@dataclass
class Evidence:
    """A chosen quote: consecutive sentence rows of one document."""

    rows: list[int]
    doc_id: str
    start: int
    end: int
    score: float
    section: str
    attached: bool = False  # a rebuttal carried along with the quote before it


_WORD = re.compile(r"[a-z0-9]+")
# Sentences where the author turns against what came just before ("Let him see your phone..."
# / "I will not recommend this approach - ever!"). Quoting the approach without them would
# present as advice what the article warns against.
_REBUTTAL = re.compile(
    r"^(but |however,? |unfortunately,? |and )?("
    r"i (will not|won|do not|don|would not|wouldn|can not|cannot|can) (ever )?recommend"
    r"|none of (these|this|that|them|those)|this (will|would) never"
    r"|(this|that|it|these|those) (won|doesn|does not|will not|isn|wouldn|don|do not) "
    r"(work|help|solve|fix|lead)"
    r"|in doing so|(this|that) (approach|strategy|bargain)"
    r"|but (this|that|it) (only|just|won|doesn|isn))"
)
REBUTTAL_REACH = 8  # sentences after a quote, within its section, searched for a rebuttal
# A rebuttal that points back at one thing ("I will not recommend this approach - ever!") means
# nothing without it: quoted on its own merit, it brings the sentence before it along.
_POINTS_BACK = re.compile(
    r"\b(this|that) (approach|strategy|bargain|advice)\b"
    r"|^(but )?(this|that|it) (will|would|won|doesn|does not|isn|never)"
)
# A sentence that announces what follows ("Below are a few important steps you can take...")
# says nothing on its own; quoted alone it only promises an answer.
_ANNOUNCES = re.compile(
    r"\b(below are|here are|(some|any|all|one|each|most) of the following|as follows)\b|:\s*$",
    re.IGNORECASE,
)
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
        self.config = config or EvidenceConfig.for_index(data)
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
        # sentence rows of each document by start offset, to find the row a chunk's span lies in
        # (a span may be a piece of a sentence the chunker had to cut)
        self._doc_rows: dict[str, tuple[list[int], list[int]]] = {}
        for i, x in enumerate(sents):
            starts, rows = self._doc_rows.setdefault(x.doc_id, ([], []))
            starts.append(x.start)
            rows.append(i)
        self.row_chunk = np.full(len(sents), -1, dtype=np.int64)  # first chunk holding each row
        for pos in range(len(data.chunks) - 1, -1, -1):
            for r in self.chunk_rows(pos):
                self.row_chunk[r] = pos
        # each sentence with half of each paragraph neighbour: a line like "Go out of your way
        # to do something for him." means what its paragraph means
        win = data.sent_vecs.astype(np.float32, copy=True)
        for i in range(len(sents)):
            if self.prev_row[i] >= 0:
                win[i] += 0.5 * data.sent_vecs[self.prev_row[i]]
            if self.next_row[i] >= 0:
                win[i] += 0.5 * data.sent_vecs[self.next_row[i]]
        norms = np.linalg.norm(win, axis=1, keepdims=True) if len(sents) else win
        self.window_vecs = win / np.where(norms > 0, norms, 1.0)
        df: dict[str, int] = {}
        for t in self.terms:
            for w in t:
                df[w] = df.get(w, 0) + 1
        n = max(len(sents), 1)
        self.idf = {w: math.log(1 + n / d) for w, d in df.items()}
        self.unseen_idf = math.log(1 + n)
        # a sentence ending in "?" hands its relevance to the body lines that follow it
        # (skipping a heading): articles answer their own rhetorical questions
        self.asks = np.array([x.text.rstrip(" \"'”’)").endswith("?") and not x.is_heading
                              for x in sents], dtype=bool)
        self.announces = np.array([bool(_ANNOUNCES.search(x.text)) and not x.is_heading
                                   for x in sents], dtype=bool)
        self.rebuts = np.array([bool(_REBUTTAL.search(normalize_text(x.text))) and not x.is_heading
                                for x in sents], dtype=bool)
        self.points_back = self.rebuts & np.array(
            [bool(_POINTS_BACK.search(normalize_text(x.text))) for x in sents], dtype=bool)
        self.follow: dict[int, list[int]] = {}
        for i in np.where(self.asks)[0]:
            rows = []
            j = i + 1
            while (j < len(sents) and sents[j].doc_id == sents[i].doc_id
                   and len(rows) < self.config.handoff_sentences):
                if sents[j].retrievable and not sents[j].is_heading:
                    rows.append(j)
                j += 1
            self.follow[int(i)] = rows
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

    def rebuttal_after(self, last: int) -> int:
        """The first rebuttal sentence after row ``last`` in its section, or -1. A rebuttal
        that points back at one thing counts only right after that thing."""
        sents = self.data.sentences
        for j in range(last + 1, min(last + 1 + REBUTTAL_REACH, len(sents))):
            if sents[j].doc_id != sents[last].doc_id or sents[j].section != sents[last].section:
                break
            if self.rebuts[j] and self.usable[j]:
                return j if not self.points_back[j] or self.antecedent(j) == last else -1
        return -1

    def antecedent(self, first: int) -> int:
        """The sentence a pointing-back rebuttal at row ``first`` rejects (the one before it in
        its section), or -1."""
        if not self.points_back[first]:
            return -1
        sents = self.data.sentences
        j = first - 1
        if (j >= 0 and sents[j].doc_id == sents[first].doc_id
                and sents[j].section == sents[first].section and self.usable[j]
                and not self.rebuts[j]):
            return j
        return -1

    def chunk_rows(self, pos: int) -> list[int]:
        """Sentence rows the chunk at ``pos`` holds, whole or in part, in order."""
        c = self.data.chunks[pos]
        starts, rows = self._doc_rows.get(c.doc_id, ([], []))
        out: list[int] = []
        for a, _ in c.sentences:
            k = bisect.bisect_right(starts, a) - 1
            if k >= 0 and self.data.sentences[rows[k]].end > a and rows[k] not in out:
                out.append(rows[k])
        return out

    def candidate_rows(self, chunk_positions: list[int],
                       examples: dict[int, float] | None = None) -> dict[int, tuple[int, int]]:
        """Sentence row -> (best rank of a chunk containing it, that chunk's position).

        Rows that answer an example question close to the question (``examples``, from
        `Retriever.match_examples`) join too, ranked after the chunks."""
        out: dict[int, tuple[int, int]] = {}
        for rank, pos in enumerate(chunk_positions):
            for r in self.chunk_rows(pos):
                if self.usable[r] and r not in out:
                    out[r] = (rank, pos)
        for r, sim in (examples or {}).items():
            if sim >= self.config.example_candidate and self.usable[r] and r not in out:
                out[r] = (len(chunk_positions), int(self.row_chunk[r]))
        if self.config.handoff > 0:
            for r, (rank, _) in list(out.items()):
                for f in self.follow.get(r, []):
                    if self.usable[f] and f not in out:
                        out[f] = (rank, int(self.row_chunk[f]))
        return out

    def head_scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of the question with every section heading (0 for title/intro sections)."""
        if not len(self.data.section_vecs):
            return np.zeros(0, np.float32)
        h = self.data.section_vecs @ qvec
        h[~self.section_is_heading] = 0.0
        return h

    def idf_share(self, qterms: set[str], present) -> float:
        """IDF-weighted share of ``qterms`` found in ``present`` (words the corpus never uses
        weigh most)."""
        if not qterms:
            return 0.0
        weight = {w: self.idf.get(w, self.unseen_idf) for w in qterms}
        return sum(v for w, v in weight.items() if w in present) / sum(weight.values())

    def score_rows(self, question: str, qvec: np.ndarray, sent_all: "SentenceScores",
                   rows: dict[int, tuple[int, int]], heads: np.ndarray,
                   examples: dict[int, float] | None = None) -> dict[int, float]:
        cfg = self.config
        examples = examples or {}
        qterms = content_terms(question)
        scores = {}
        for r, (rank, pos) in rows.items():
            chunk_rel = max(0.0, 1.0 - rank / max(cfg.top_chunks, 1))
            sec = self.sent_section[r]
            head = max(float(heads[sec]), 0.0) if sec >= 0 and len(heads) else 0.0
            context = max(float(self.data.chunk_vecs[pos] @ qvec) if pos >= 0 else 0.0, head)
            sent = ((1 - cfg.window_share) * float(sent_all[r])
                    + cfg.window_share * float(self.window_vecs[r] @ sent_all.qvec))
            lex = self.idf_share(qterms, self.terms[r])
            s = (cfg.sentence_weight * sent + cfg.context_weight * context
                 + cfg.chunk_weight * chunk_rel + cfg.lexical_weight * lex
                 + cfg.example_weight * max(examples.get(r, 0.0), 0.0)
                 - cfg.generic_weight * float(self.generic[r]))
            if len(self.data.sentences[r].text) < cfg.min_sentence_chars:
                s -= cfg.short_penalty
            if self.asks[r]:
                s -= cfg.question_penalty
            if self.announces[r]:
                s -= cfg.announce_penalty
            scores[r] = s
        if cfg.handoff > 0:
            for r in [r for r in scores if self.asks[r]]:
                for f in self.follow.get(r, []):
                    if self.usable[f] and f in scores:
                        scores[f] = max(scores[f], cfg.handoff * (scores[r] + cfg.question_penalty))
        return scores

    def coverage(self, question: str) -> float:
        """IDF-weighted share of the question's content words that the articles use at all.
        "how do i split chores with my roommate" scores low: its topic words are nowhere."""
        return self.idf_share(content_terms(question), self.idf)

    def strength(self, question: str, qvec: np.ndarray, sent_all: "SentenceScores",
                 chunk_positions: list[int],
                 examples: dict[int, float] | None = None) -> tuple[float, float]:
        """(best sentence cosine, best blended evidence score) among the candidates: how well
        the articles address the question at all. Abstention applies to these."""
        rows = self.candidate_rows(chunk_positions, examples)
        if not rows:
            return 0.0, 0.0
        scores = self.score_rows(question, qvec, sent_all, rows, self.head_scores(qvec), examples)
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
        examples: dict[int, float] | None = None,
    ) -> list[Evidence]:
        """Greedy, diverse choice of quotes. ``prefer_rows`` are placed first (safety)."""
        cfg = self.config
        max_quotes = max_quotes or cfg.max_quotes
        rows = self.candidate_rows(chunk_positions, examples)
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
        scores = self.score_rows(question, qvec, sent_all, rows, heads, examples)
        vecs = self.data.sent_vecs
        chosen: list[Evidence] = []
        used: set[int] = set()
        docs_used: set[str] = set()
        per_section: dict[int, int] = {}
        chars = 0

        def picked() -> int:  # quotes chosen on merit; carried rebuttals don't count
            return sum(not e.attached for e in chosen)

        def spans_for(seed: int, score: float, grow: bool) -> list[list[int]]:
            span = [seed]
            # grow within the paragraph while neighbours are nearly as relevant
            while grow and len(span) < cfg.max_sentences_per_quote:
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
            spans = [span]
            before = self.antecedent(span[0])
            if before >= 0 and before not in used:
                if self.next_row[before] == span[0]:
                    span.insert(0, before)
                else:  # the approach, then its rejection, as quoted one after the other
                    spans.insert(0, [before])
            rebuttal = self.rebuttal_after(span[-1]) if not self.rebuts[span[-1]] else -1
            if rebuttal >= 0 and rebuttal not in used:
                if self.next_row[span[-1]] == rebuttal:
                    span.append(rebuttal)
                else:  # its own quote, right after: the warning travels with the approach
                    spans.append([rebuttal])
            return spans

        def length_of(spans: list[list[int]]) -> int:
            sents = self.data.sentences
            return sum(sents[sp[-1]].end - sents[sp[0]].start for sp in spans)

        def add(seed: int, score: float) -> None:
            nonlocal chars
            spans = spans_for(seed, score, grow=True)
            if chars + length_of(spans) > cfg.max_chars:
                if chosen:
                    return
                # the answer's first quote must fit too: ungrown, and at worst the sentence
                # alone (ingest caps sentences well under the budget)
                spans = spans_for(seed, score, grow=False)
                if length_of(spans) > cfg.max_chars:
                    spans = [[seed]]
            pieces = [[self.data.sentences[i] for i in sp] for sp in spans]
            length = length_of(spans)
            main = next(k for k, sp in enumerate(spans) if seed in sp)
            for k, (sp, sents) in enumerate(zip(spans, pieces)):
                used.update(sp)
                docs_used.add(sents[0].doc_id)
                sec = int(self.sent_section[sp[0]])
                per_section[sec] = per_section.get(sec, 0) + 1
                chosen.append(Evidence(sp, sents[0].doc_id, sents[0].start, sents[-1].end, score,
                                       sents[0].section, attached=k != main))
            chars += length

        for r in prefer_rows or []:
            if r in used or not self.usable[r]:
                continue
            add(r, scores.get(r, float(sent_all[r])))
            if picked() >= max_quotes:
                return chosen

        best = max(scores.values())
        while picked() < max_quotes:
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
