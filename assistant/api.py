"""`Assistant`: the Python API every surface (CLI, UI, LangChain, eval) calls.

>>> qa = Assistant.load()                       # doctest: +SKIP
>>> ans = qa.ask("should I give him my passwords so he stops worrying?")  # doctest: +SKIP
>>> ans.quotes[0].text                          # doctest: +SKIP
'They are convinced you have secret relationships by email, text, ...'
"""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.abstain import COVERAGE_FEATURES, AbstainConfig  # noqa: F401  (re-exported)
from assistant.answer import Answer, Quote
from assistant.composer import compose_abstention, compose_markdown, order_quotes
from assistant.conversation import resolve
from assistant.evidence import Evidence, EvidenceConfig, EvidenceSelector, Scored
from assistant.query import MAX_QUERY_CHARS, Candidates, Hit, Query, clean_query
from assistant.retriever import FusionConfig, Retriever
from assistant.safety import SafetyResult, check_safety, gives_help, offers_means, young_asker
from assistant.scope import (Audience, audience, for_a_helper, for_parents,
                             for_their_children, from_the_other_side, judge_scope,
                             lacking, missing_fact, uncovered, unguarded)
from assistant.tuning import Tuning, tuning_for
from ingest.errors import IndexIncompatibleError, IndexMissingError, InputError, QuotewiseError
from ingest.model import Document
from ingest.profile import Profile
from index.embedder import Embedder, embedder_for_index, ingest_embedder_for
from index.lexical import content_terms
from index.store import IndexData, live_pointer, load_index, resolve_index_dir
from index.view import IndexView

FRAMING = "Here is what the articles say about this, quoted word for word:"
AGAIN_FRAMING = "Here it is again, quoted word for word:"
# a turn asking to hear something again: the shown quotes within this cosine of the closest to
# its own words, at most this many; words that only ask for it again don't count as its own
AGAIN_QUOTES = 2
AGAIN_MARGIN = 0.05
_ASKING_AGAIN = frozenset(
    "say said tell read give show repeat again once time wait sorry part bit thing stuff line "
    "lines last first earlier before remind please quote".split())
_NOT_OWN = _ASKING_AGAIN | frozenset("can could would you the a an about of on that this it what "
                                     "i me".split())
# "say that last part again", "the first bit again": one end of the last answer
_WHICH_END = re.compile(r"\b(first|last) (part|bit|thing|line|one|quote|sentence)\b", re.I)
QUOTE_EDGE = 2  # characters a shown quote may start or end from its sentences' own edges
CONTINUE_ROWS = 3  # a "go on" prefers this many lines after each of the last answer's quotes
GOES_ON_SPANS = 20  # the last answer's quotes a "go on" reads at most (the API shows 10)
GOES_ON_REACH = 50  # rows a "go on" walks past each quote for lines to add (170,000 lines of
#                     a page's clutter after a quote took 0.65 s a request)
# a follow-up read in its conversation is scored against the turn with the questions it leans
# on and, with this share, against what the last answer quoted: its first quotes as shown (the
# best quote's group leads). On the dev conversations shares of 0.35-0.55 each hit the same
# three more follow-ups and lost none; all seven quotes, or their text added to the search
# instead, lost more than they won
LAST_QUOTES = 3
LAST_WEIGHT = 0.4
SAFETY_FRAMING = ("What the articles say about getting help comes first, then the passages "
                  "closest to your question, quoted word for word:")
NEUTRAL = Profile()  # the wording for articles no profile describes


@dataclass
class _State:
    """A loaded index and everything derived from it: one reference, swapped whole on reload."""

    data: IndexData
    retriever: Retriever
    selector: EvidenceSelector
    abstain: AbstainConfig
    tuning: Tuning
    profile: Profile
    # beside a fitted corpus, the selector for the other articles: see `selector_for`
    general: EvidenceSelector | None = None
    _anchor: tuple[list[int], list[int]] | None = None  # (sentence rows, their chunk positions)
    _help: np.ndarray | None = None  # quotable sentence rows that say where to get help
    _ruled_out: dict = field(default_factory=dict)  # contradicts patterns -> sentence rows
    _audience: dict = field(default_factory=dict)  # doc_id -> its `Audience`

    def audiences(self, doc_ids: set[str]) -> list[Audience]:
        """The `Audience` of each of articles ``doc_ids``, read once per article."""
        for d in doc_ids:
            if d not in self._audience:
                self._audience[d] = audience(self.data.documents[d].text)
        return [self._audience[d] for d in sorted(doc_ids)]  # in one order in every process

    @cached_property
    def library(self) -> Profile:
        """The wording that describes every indexed article: the profile's, unless articles it
        does not describe sit beside its own (a Library upload, another folder ingested into
        the same index), then neutral wording with the profile's title and example questions
        (its articles still answer those). "The indexed articles on <the profile's topic> don't
        address this" would be untrue of a library that also holds an article on money."""
        if self.general is None:
            return self.profile
        return replace(NEUTRAL, title=self.profile.title, examples=self.profile.examples)

    def rows_ruled_out(self, said: str) -> frozenset[int]:
        """Sentence rows that presume the opposite of what the asker said of themselves (the
        profile's `asker_says`): never quoted to them."""
        patterns = self.profile.contradicted(said)
        if not patterns:
            return frozenset()
        if patterns not in self._ruled_out:
            joined = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            self._ruled_out[patterns] = frozenset(
                r for r, s in enumerate(self.data.sentences) if joined.search(s.text))
        return self._ruled_out[patterns]

    def selector_for(self, found: Candidates) -> EvidenceSelector:
        """The selector for what retrieval found: the corpus fit's when its own articles lead
        the candidates (`Candidates.fitted`), else the general settings'. A fit's weights are
        made on its corpus's questions; they must not pick quotes from articles added beside
        it. The abstention model stays the index's: on the dev splits the fit's abstention kept
        declining near-topic questions about the added articles without declining answerable
        ones (docs/BENCHMARKS.md). The profile judges what it speaks for (`speaks_for`)."""
        return self.selector if found.fitted or self.general is None else self.general

    def speaks_for(self, found: Candidates, quotes: list[Quote]) -> bool:
        """Whether the corpus profile speaks for an answer: it describes the fit's articles
        and whom they are written for, so it judges an answer routed to them or quoting them
        (or any answer in an index of one kind). An answer routed to the articles added beside
        a fit, quoting none of the fit's, is judged as on any articles: beside an article on
        jealousy, "how do I stop being so jealous" was told that the articles are written for
        the partner who isn't trusted."""
        if found.fitted or self.general is None:
            return True
        return any(self.data.documents[q.doc_id].examples for q in quotes)

    def quote(self, e: Evidence, n: int = 0) -> Quote:
        doc = self.data.documents[e.doc_id]
        return Quote(n, e.doc_id, doc.source, e.start, e.end, doc.text[e.start:e.end], e.section,
                     float(e.score))

    def sources(self, quotes: list[Quote]) -> list[dict]:
        seen: dict[str, dict] = {}
        for q in quotes:
            seen.setdefault(q.doc_id, self.data.documents[q.doc_id].meta())
        return list(seen.values())

    def safety_anchor(self) -> tuple[list[int], list[int]]:
        """Sentence rows of the profile's safety anchor (the corpus's own guidance on danger,
        quoted first for a safety question) and the chunks holding them; none without one."""
        if self._anchor is None:
            view = IndexView.of(self.data)
            rows: list[int] = []
            for a in self.profile.safety_anchor:
                doc = self.data.documents.get(a.doc_id)
                start = doc.text.find(a.quote) if doc else -1
                if start >= 0:
                    rows += [r for r in view.rows_overlapping(a.doc_id, start,
                                                              start + len(a.quote))
                             if view.quotable[r] and r not in rows]
            positions = list(dict.fromkeys(int(view.row_chunk[r]) for r in rows
                                           if view.row_chunk[r] >= 0))
            self._anchor = (rows, positions)
        return self._anchor

    def best_help(self, sentences, exclude=()) -> list[int]:
        """The sentence, in any article, that tells a person in danger where to get help (a
        hotline, the police, a shelter: `assistant.safety.gives_help`) and is closest to the
        question; none when no article has one. With or without a profile's anchor, a
        flagged question gets the articles' own way to help."""
        if self._help is None:
            view = IndexView.of(self.data)
            self._help = np.array([r for r, s in enumerate(self.data.sentences)
                                   if view.quotable[r] and view.row_chunk[r] >= 0
                                   and gives_help(s.text)], dtype=np.int64)
        rows = self._help[~np.isin(self._help, list(exclude))] if len(exclude) else self._help
        if not len(rows):
            return []
        return [int(rows[int(np.argmax(sentences.many(rows)))])]

    def rows_in(self, spans) -> frozenset[int]:
        """Sentence rows overlapping any (doc_id, start, end) span (quotes already shown).

        Overlapping spans are merged first: a client may send a thousand spans over one long
        article, and each looked up alone walked the article's sentences again."""
        view = IndexView.of(self.data)
        spans = set(spans)
        empty = [[d, a, b] for d, a, b in spans if a >= b]  # empty or reversed: at most one row
        merged: list[list] = []
        for doc_id, a, b in sorted(s for s in spans if s[1] < s[2]):
            if merged and merged[-1][0] == doc_id and a <= merged[-1][2]:
                merged[-1][2] = max(merged[-1][2], b)
            else:
                merged.append([doc_id, a, b])
        return frozenset(r for doc_id, a, b in empty + merged
                         for r in view.rows_overlapping(doc_id, a, b))

    def rows_after(self, spans, n: int) -> list[int]:
        """The ``n`` quotable rows that follow each span in its article (past headings): where
        an answer goes on from what it showed."""
        view, sents = IndexView.of(self.data), self.data.sentences
        out: list[int] = []
        seen: set[int] = set()
        # one answer's quotes: a client may send a last turn of a thousand spans, and each walk
        # stepped over every row the others had taken (20 s for 1,400 spans of a long article)
        for doc_id, a, b in list(dict.fromkeys(spans))[:GOES_ON_SPANS]:
            rows = view.rows_overlapping(doc_id, a, b)
            r, got = (rows[-1] + 1 if rows else len(sents)), 0
            stop = r + GOES_ON_REACH  # past headings and a page's clutter, not to the article's end
            while r < min(len(sents), stop) and sents[r].doc_id == doc_id and got < n:
                if view.quotable[r] and r not in seen:
                    out.append(r)
                    seen.add(r)
                    got += 1
                r += 1
        return out

    def shown_quotes(self, spans) -> list[tuple[tuple[str, int, int], list[int]]]:
        """The spans a client says were shown that are real quotes of this index (an article's
        slice within one answer's budget), with their sentence rows, in order, once each."""
        view, out, seen = IndexView.of(self.data), [], set()
        for doc_id, a, b in spans:
            doc = self.data.documents.get(doc_id)
            if (doc is None or (doc_id, a, b) in seen or not 0 <= a < b <= len(doc.text)
                    or b - a > self.selector.config.max_chars):
                continue
            seen.add((doc_id, a, b))
            rows = [r for r in view.rows_overlapping(doc_id, a, b) if view.quotable[r]]
            # a quote begins and ends with its sentences (give or take a quotation mark left at
            # its edge): a slice cut mid-word or running past them is no quote this index gave,
            # and "say more about ..." or "say that again" would hand it back as one
            if rows and (abs(a - self.data.sentences[rows[0]].start) <= QUOTE_EDGE
                         and abs(b - self.data.sentences[rows[-1]].end) <= QUOTE_EDGE):
                out.append(((doc_id, a, b), rows))
        return out

    def evidence_positions(self, found: Candidates, selector: EvidenceSelector) -> list[int]:
        """The top chunks, plus each other article's best chunk among the next few: the
        articles repeat each other, and a second voice often says it better. In a library
        that holds a fitted corpus beside other articles, the second voices come from the side
        the question was routed to (`Candidates.fitted`): added articles must not take the
        place of a corpus's own answers on the strength of a voice they lend to everyone (dev,
        bench/sweep.py: money-couples and trust-issues beside the shipped articles each gained
        a question, the shipped letters beside a corpus moved by one either way)."""
        cfg = selector.config
        ranked = found.ranked(cfg.second_voice_pool)
        positions = ranked[: cfg.top_chunks]
        docs = {self.data.chunks[p].doc_id for p in positions}
        side = self.retriever.fitted_chunks
        for p in ranked[cfg.top_chunks:]:
            d = self.data.chunks[p].doc_id
            if side is not None and bool(side[p]) != found.fitted:
                continue
            if d not in docs:
                positions.append(p)
                docs.add(d)
        return positions

    def coverage_features(self, found: Candidates, scored: Scored) -> dict[str, float]:
        """How well the articles cover the question (`COVERAGE_FEATURES`), judged on exactly
        the sentences that selection would quote from."""
        sentence, evidence = scored.strength()
        query = found.query
        return {"evidence": float(evidence), "sentence": float(sentence),
                "chunk": found.best_chunk,
                "vocabulary": self.selector.coverage(query.text),
                "example": max(query.examples.values(), default=0.0),
                "outside": self.retriever.match_outside(query.qvec)}


def beside_a_fit(general: Tuning) -> Tuning:
    """The generic settings as they rank and quote a question routed to the articles beside a
    corpus fit: without the votes of the fit's example questions. Those questions were written
    for the fit's own articles; on a question the routing gave to the others they only pull
    it back (the shipped articles' examples match the questions of a corpus on a near topic
    as closely as their own letters: cosines 0.64 and 0.62 at the median, docs/BENCHMARKS.md).
    """
    return replace(general, fusion=replace(general.fusion, example=0.0),
                   evidence=replace(general.evidence, example_weight=0.0,
                                    example_candidate=math.inf))


@dataclass
class _Assessment:
    """What `Assistant.ask` knows before deciding: no ``scored`` when nothing was retrieved."""

    query: Query
    safety: SafetyResult
    found: Candidates
    scored: Scored | None = None
    features: dict[str, float] | None = None
    prefer: list[int] = field(default_factory=list)
    selector: EvidenceSelector | None = None  # the selector that answers (`_State.selector_for`)


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
        self._embedder_chosen = embedder is not None  # by the caller, not by the index
        self.embedder = embedder or embedder_for_index(data.manifest, index_root)
        self.fusion = fusion
        self.evidence_config = evidence
        self._abstain_override = abstain
        self.llm = llm
        self._state = self._make_state(data)

    def _make_state(self, data: IndexData, embedder: Embedder | None = None) -> "_State":
        """Settings: those passed in, else the corpus's fit carried by the index (its tuning
        file), else the generic defaults (`assistant.tuning`). Questions are embedded with
        ``embedder`` (default: this assistant's)."""
        embedder = embedder or self.embedder
        tuning = tuning_for(data)
        # a corpus fit ranks and quotes for its own articles; articles added beside them are
        # ranked and quoted with the general settings, as alone (the retriever tells which
        # index holds both: `Retriever.general`)
        general = beside_a_fit(Tuning())
        retriever = Retriever(data, embedder, fusion=self.fusion or tuning.fusion,
                              general=(self.fusion or general.fusion) if tuning.fitted else None,
                              scope=tuning.scope if tuning.fitted else None)
        selector = EvidenceSelector(data, self.evidence_config or tuning.evidence)
        return _State(
            data, retriever, selector, self._abstain_override or tuning.abstain, tuning,
            Profile.from_dict(data.manifest.get("profile")),
            general=(selector.with_config(self.evidence_config or general.evidence)
                     if retriever.general is not None else None))

    @property
    def abstain_config(self) -> AbstainConfig:
        return self._state.abstain

    @property
    def tuning(self) -> Tuning:
        """The settings this index answers with, and their provenance."""
        return self._state.tuning

    @property
    def profile(self) -> Profile:
        """The wording that describes the indexed articles (title, description, examples,
        topic): the corpus profile's; neutral without one, or when articles the profile does
        not describe were added beside its own (`_State.library`)."""
        return self._state.library

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
        pointer = live_pointer(root)  # read first: a switch during the load is noticed later
        qa = cls(load_index(root), embedder, llm=llm, index_root=root, **kwargs)
        qa._pointer = pointer
        return qa

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
        embedder = embedder or ingest_embedder_for(self.data.manifest)  # the index's own model
        report = build_index(paths, self.index_root, prune=prune, embedder=embedder,
                             progress=False)
        if report.changed or live_pointer(self.index_root) != getattr(self, "_pointer", None):
            self.reload()  # (a repaired index is a new version even with no document changed)
        return report

    def reload(self) -> None:
        """Load the live index version again and swap it in atomically."""
        pointer = live_pointer(self.index_root)
        data = load_index(self.index_root)
        # A version built with another model (`quotewise ingest` rebuilds an index of another
        # model from scratch, while `serve` runs) is asked with that model: its vectors and the
        # loaded model's did not even have one size, and every question was a 500 and a
        # traceback until a restart (twenty-second audit).
        embedder, model = self.embedder, data.manifest["model"]
        if (model["id"], model["dim"]) != (embedder.model_id, embedder.dim):
            if self._embedder_chosen:
                raise IndexIncompatibleError(
                    f"index at {data.path} was built with model {model['id']!r} "
                    f"({model['dim']} dimensions), not {embedder.model_id!r} ({embedder.dim})")
            embedder = embedder_for_index(data.manifest, self.index_root)
        self._state = self._make_state(data, embedder)
        self.embedder = embedder
        self._pointer, self._reload_warning = pointer, None

    _refresh_lock = threading.Lock()  # one reload at a time; other callers answer meanwhile

    def refresh_if_changed(self) -> bool:
        """Swap in the live index version if an ingest switched it — in this process or another
        (`quotewise ingest` while `serve` runs). Costs one small read of CURRENT per call. A
        failed reload keeps the loaded index and sets `warning`. Returns whether it reloaded."""
        if self.index_root is None:
            return False
        pointer = live_pointer(self.index_root)
        if pointer == self.__dict__.setdefault("_pointer", pointer):
            return False
        if not self._refresh_lock.acquire(blocking=False):
            return False
        try:
            self.reload()
            return True
        except (QuotewiseError, OSError) as err:
            self._pointer = pointer  # retried when CURRENT changes again, not on every question
            self._reload_warning = f"{err}; still answering from the index loaded before"
            return False
        finally:
            self._refresh_lock.release()

    # -- reading --------------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        try:
            return self.data.documents[doc_id]
        except KeyError:
            raise InputError(f"no article with id {doc_id!r} in this index") from None

    def documents(self) -> list[Document]:
        self.refresh_if_changed()
        return list(self.data.documents.values())

    @property
    def warning(self) -> str | None:
        """What is wrong with the index or its query encoder, and what is used meanwhile."""
        notes = (self.data.extra.get("warning"), getattr(self, "_reload_warning", None),
                 getattr(self.embedder, "warning", None))
        return "; ".join(n for n in notes if n) or None

    # -- search ---------------------------------------------------------------------------------
    def search(self, query: str, *, k: int = 4, mmr: bool = False) -> list[Hit]:
        """Hybrid search: the ``k`` best chunks with fused and component scores."""
        self.refresh_if_changed()
        return self.retriever.search(query, k=k, mmr=mmr)

    def hit_dict(self, hit: Hit) -> dict:
        return hit.to_dict(self.data.documents[hit.chunk.doc_id].source)

    # -- answers --------------------------------------------------------------------------------
    def ask(self, question: str, *, max_quotes: int | None = None,
            history: list[dict] | None = None) -> Answer:
        """Answer ``question`` with verbatim, cited quotes — or say the articles don't cover it.

        The steps: a `Query` (cleaned, encoded once) -> retrieved `Candidates` -> candidate
        sentences scored once -> abstain, or safety first -> select quotes -> compose.
        ``history`` is the conversation so far, ``[{"question": ..., "answer": <Answer
        JSON>}, ...]``: a follow-up is understood in its light and doesn't repeat its quotes
        (`assistant.conversation`).
        """
        self.refresh_if_changed()
        t0 = time.perf_counter()
        st = self._state  # one consistent index for the whole answer, even during a reload
        if max_quotes is not None and (not isinstance(max_quotes, int)
                                       or isinstance(max_quotes, bool) or max_quotes < 1):
            raise InputError("max_quotes must be a positive whole number")
        # every rule reads the question as answered: its first MAX_QUERY_CHARS characters
        turn = resolve(clean_query(question)[:MAX_QUERY_CHARS], history)
        if turn.recall:
            again = self._again(st, question, turn, t0, max_quotes)
            if again is not None:
                return again
        after = st.rows_after(turn.last, CONTINUE_ROWS) if turn.goes_on else []
        seen = self._assess(st, question, search=turn.search, judge=turn.judge, also=after)
        query, safety, scored, prefer = seen.query, seen.safety, seen.scored, seen.prefer
        selector, cfg = seen.selector or st.selector, st.abstain
        if max_quotes is None:
            max_quotes = selector.config.max_quotes
        features = seen.features
        own = self._assess(st, turn.own) if turn.own and scored is not None else None
        # a follow-up read in its conversation: the turn with the questions it leans on, and
        # what the last answer said ("say more", "he says he'll only trust me if i quit the
        # gym")...
        said = self._last_said(st, turn) if turn.follow_up and scored is not None else None
        if said is not None:
            scored = self._blend(st, scored, selector, said, LAST_WEIGHT)
        # ...averaged with its own words: in context, "why is that" finds what "that" is;
        # alone, what is asked of it
        if own is not None:
            scored = self._blend(st, scored, selector, own, 0.5)
        if turn.judge != turn.search and scored is not None:  # a follow-up with its own topic
            judged = own if own is not None and turn.judge == turn.own else (
                self._assess(st, turn.judge))  # the turn's own words, assessed once
            features = judged.features or features
        t_retrieve = time.perf_counter()
        if scored is None:
            return self._abstain(st, query, [], safety, t0, t_retrieve)
        # the corpus's fitted reading of the asker applies to questions routed to its articles,
        # and to those it turned away from them: the articles beside a fit need not speak to
        # the asker either (dev: near-topic letters beside money-couples stay "partial")
        model = st.tuning.scope if seen.found.fitted or seen.found.declined else None
        scope = judge_scope(query.text, features, cfg, st.profile, safety=safety.flagged,
                            model=model, library=st.library)
        if scope.coverage == "none":
            closest = (selector.select(scored, max_quotes=cfg.closest)
                       if cfg.near_miss(features) else [])
            return self._abstain(st, query, closest, SafetyResult(False), t0, t_retrieve,
                                 note=scope.note)
        shown = frozenset() if turn.repeat else st.rows_in(turn.shown)
        # what the asker said of themselves, in this turn or an earlier one, rules out the
        # sentences that presume otherwise
        excluded = shown | st.rows_ruled_out(turn.said)
        if "self_harm" in safety.categories:  # no line offering pills, drink or a weapon
            sents = st.data.sentences
            excluded = excluded | {r for r in scored.scores if offers_means(sents[r].text)}
        # "go on": after any safety guidance, the answer goes on with the best of the lines
        # that follow the last answer's quotes
        going_on = [r for r in after if r not in excluded and r in scored.scores]
        going_on = [max(going_on, key=scored.scores.__getitem__)] if going_on else []
        # "say more about the therapy part": the shown line it names leads, within the budget
        named = self._named_part(st, turn) if turn.about and not turn.repeat else None
        picking, budget = selector, max_quotes
        if named is not None:
            cfg_ = selector.config
            picking = selector.with_config(replace(
                cfg_, max_chars=max(cfg_.max_chars - len(named.text), 0)))
            budget = max_quotes - 1
        evidence = (picking.select(scored, max_quotes=budget, prefer_rows=prefer + going_on,
                                   exclude_rows=excluded) if budget > 0 else [])
        if not evidence and named is None:  # nothing quotable: quotes or an abstention
            return self._abstain(st, query, [], safety, t0, t_retrieve)
        first = sorted((e for e in evidence if set(prefer) & set(e.rows)),
                       key=lambda e: (e.doc_id, e.start))
        then = [e for e in evidence if set(going_on) & set(e.rows) and e not in first]
        rest = [e for e in evidence if e not in first and e not in then]
        quotes = ([st.quote(e) for e in first] + ([named] if named is not None else [])
                  + [st.quote(e) for e in then] + order_quotes([st.quote(e) for e in rest]))
        quotes = [replace(q, n=i) for i, q in enumerate(quotes, 1)]
        if not st.speaks_for(seen.found, quotes):  # judged again, as on any articles
            scope = judge_scope(query.text, features, cfg, NEUTRAL, safety=safety.flagged,
                                model=model, library=st.library)
        if scope.coverage == "direct":  # asked for a fact none of the quotes gives
            what = missing_fact(query.text, [q.text for q in quotes])
            if what:  # none of the quotes, from whichever articles, gives it
                scope = lacking(st.library, what)
        if scope.coverage == "direct" and quotes:
            audiences = st.audiences({q.doc_id for q in quotes})
            if young_asker(query.asked):
                # ...articles written for parents, to a young asker about their own parent
                scope = for_parents(query.asked, audiences, st.library) or scope
            # ...articles written for sons and daughters, to a parent about their own child
            if scope.coverage == "direct":
                scope = for_their_children(query.text, audiences, st.library) or scope
            # ...articles written to the person going through it, to a friend asking how to
            # help them (beside a safety notice, which speaks to helpers itself, no note)
            if scope.coverage == "direct" and not safety.flagged:
                scope = for_a_helper(query.text, audiences, st.library) or scope
            # ...and articles for the other side of what the asker describes (beside a safety
            # notice, which leads, the note would only stand between it and the quotes)
            if scope.coverage == "direct" and not safety.flagged:
                scope = from_the_other_side(query.text, audiences, st.library) or scope
        if scope.coverage == "direct" and safety.bodily and not prefer:
            # danger to body or life, and no article line on it anywhere: everyday tips are
            # not an answer to it (a partner's control alone is what articles on control
            # answer, with no hotline: a tester's folder on jealousy and control)
            scope = unguarded(st.library)
        markdown = compose_markdown(
            quotes, st.data.documents,
            framing=SAFETY_FRAMING if first else FRAMING,
            notice=safety.notice,
            scope_note=scope.note,
        )
        t1 = time.perf_counter()
        answer = Answer(
            question=query.asked,
            abstained=False,
            safety=safety.flagged,
            markdown=markdown,
            quotes=quotes,
            sources=st.sources(quotes),
            timings_ms={"retrieve": (t_retrieve - t0) * 1e3, "compose": (t1 - t_retrieve) * 1e3,
                        "total": (t1 - t0) * 1e3},
            notices=list(query.notices),
            coverage=scope.coverage,
            scope_note=scope.note,
        )
        if self.llm is not None:
            from assistant.llm import compose_with_llm

            answer = compose_with_llm(self.llm, answer, st.data.documents, profile=st.profile)
            answer.timings_ms["total"] = (time.perf_counter() - t0) * 1e3
        return answer

    def coverage(self, question: str) -> dict[str, float]:
        """How well the articles cover ``question``: the abstention model's features
        (`COVERAGE_FEATURES`), as `ask` computes them (all 0 for an empty index)."""
        features = self._assess(self._state, question).features
        return features or dict.fromkeys(COVERAGE_FEATURES, 0.0)

    @staticmethod
    def _assess(st: _State, question: str, *, search: str | None = None,
                judge: str | None = None, also=()) -> "_Assessment":
        """The steps of `ask` up to the decision: query, safety, retrieval, scoring once.
        ``judge`` is the text safety reads when it isn't the question: an elliptical follow-up
        ("is that abuse?", "what should i do") with the turns it leans on, so a conversation
        about danger keeps its notice and guidance (`assistant.conversation`). ``also``: sentence
        rows scored whether or not retrieval found them (where a "go on" goes on)."""
        query = st.retriever.prepare(question, search=search)
        safety = check_safety(query.asked if judge is None else judge)
        found = st.retriever.retrieve(query, k=st.selector.config.top_chunks)
        if not found.hits:
            return _Assessment(query, safety, found)
        selector = st.selector_for(found)
        positions = st.evidence_positions(found, selector)
        prefer: list[int] = []
        view = IndexView.of(st.data)
        if safety.flagged:  # the corpus's guidance on danger joins the candidates, quoted first
            prefer, anchor_positions = st.safety_anchor()
            helps = st.best_help(found.sentences, exclude=prefer)
            prefer = prefer + helps
            anchor_positions = list(dict.fromkeys(
                anchor_positions + [int(view.row_chunk[r]) for r in helps]))
            positions = anchor_positions + [p for p in positions if p not in anchor_positions]
        positions += [p for p in dict.fromkeys(int(view.row_chunk[r]) for r in also)
                      if p >= 0 and p not in positions]
        scored = selector.score(query, found.sentences, positions, searched=found.cand)
        return _Assessment(query, safety, found, scored, st.coverage_features(found, scored),
                           prefer, selector)

    @staticmethod
    def _blend(st: _State, scored: Scored, selector: EvidenceSelector, other: _Assessment,
               weight: float) -> Scored:
        """A follow-up's candidates scored against the turn read in its conversation and
        against ``other`` (its own words, or what the last answer said, assessed by
        themselves), ``weight`` of the score from ``other``. Each side's candidates join the
        other's, so every sentence is scored by both."""
        if other.scored is None:
            return scored
        a = selector.with_rows(scored, other.scored.rows)
        b = (other.selector or st.selector).with_rows(other.scored, a.rows)
        return replace(a, scores={r: (1 - weight) * v + weight * b.scores.get(r, v)
                                  for r, v in a.scores.items()})

    def _last_said(self, st: _State, turn) -> _Assessment | None:
        """What the last answer said, assessed as one text: its first `LAST_QUOTES` quotes
        that are quotes of this index (a client's history may name any span). None when it
        showed none."""
        shown = st.shown_quotes(turn.last)[:LAST_QUOTES]
        if not shown:
            return None
        text = " ".join(st.data.documents[d].text[a:b] for (d, a, b), _ in shown)
        return self._assess(st, text[:MAX_QUERY_CHARS])

    def _named_part(self, st: _State, turn) -> Quote | None:
        """The shown quote a turn asking about a part of what was said names ("say more about
        the therapy part" -> the therapy line shown before): the one with the sentence closest
        to the words naming it. None when they name nothing ("say more about it") or nothing
        shown is a quote of this index."""
        ruled_out = st.rows_ruled_out(turn.said)  # what the asker since said rules out stays out
        shown = [(span, rows) for span, rows in st.shown_quotes(turn.shown)
                 if not ruled_out & set(rows)]
        words = [w for w in clean_query(turn.about).split()
                 if w.lower().strip(",.?!:;'\"") not in _NOT_OWN]
        if not shown or not words:
            return None
        qvec = st.retriever.encode(" ".join(words))
        (doc_id, a, b), rows = max(
            shown, key=lambda s: max(float(st.data.sent_vecs[r] @ qvec) for r in s[1]))
        doc = st.data.documents[doc_id]
        return Quote(0, doc_id, doc.source, a, b, doc.text[a:b],
                     st.data.sentences[rows[0]].section, 1.0)

    def _again(self, st: _State, question: str, turn, t0: float,
               max_quotes: int | None) -> Answer | None:
        """A turn asking to hear something again, answered with what was shown: the quotes
        closest to its own words ("the bit about her dad"), or the last answer's when it has
        none ("say that again"). None when nothing shown is a quote of this index."""
        shown = st.shown_quotes(turn.shown)
        if not shown:
            return None
        max_quotes = max_quotes or st.selector.config.max_quotes
        own = content_terms(question) - _ASKING_AGAIN
        if own:
            # the turn's own words only: "wait, say again the bit about her dad" -> "her dad"
            words = [w for w in clean_query(question).split()
                     if w.lower().strip(",.?!:;'\"") not in _NOT_OWN]
            qvec = st.retriever.encode(" ".join(words) or question)
            scored = sorted(((max(float(st.data.sent_vecs[r] @ qvec) for r in rows), i)
                             for i, (_, rows) in enumerate(shown)), reverse=True)
            best = scored[0][0]
            picked = sorted(i for s, i in scored[:AGAIN_QUOTES] if s >= best - AGAIN_MARGIN)
            spans = [shown[i] for i in picked]
        else:  # the last answer, as it was (or the latest quotes shown, if it had none)
            last = set(turn.last)
            spans = [(span, rows) for span, rows in shown if span in last] or [shown[-1]]
            end = _WHICH_END.search(question)
            if end:  # "that last part": the last answer's last quote; "the first bit": its first
                spans = [spans[0] if end.group(1).lower() == "first" else spans[-1]]
        spans = spans[:max_quotes]
        safety = check_safety(turn.judge)
        quotes = []
        for n, ((doc_id, a, b), rows) in enumerate(spans, 1):
            doc = st.data.documents[doc_id]
            quotes.append(Quote(n, doc_id, doc.source, a, b, doc.text[a:b],
                                st.data.sentences[rows[0]].section, 1.0))
        markdown = compose_markdown(quotes, st.data.documents, framing=AGAIN_FRAMING,
                                    notice=safety.notice)
        t1 = time.perf_counter()
        return Answer(
            question=clean_query(question)[:MAX_QUERY_CHARS], abstained=False,
            safety=safety.flagged, markdown=markdown, quotes=quotes, sources=st.sources(quotes),
            timings_ms={"retrieve": 0.0, "compose": (t1 - t0) * 1e3, "total": (t1 - t0) * 1e3},
            coverage="direct")

    def _abstain(self, st: _State, query, evidence, safety: SafetyResult, t0, t_retrieve, *,
                 note: str | None = None) -> Answer:
        closest = [replace(st.quote(e), n=i) for i, e in enumerate(evidence, 1)]
        t1 = time.perf_counter()
        note = note or uncovered(st.library).note
        return Answer(
            question=query.asked,
            abstained=True,
            safety=safety.flagged,
            markdown=compose_abstention(closest, st.data.documents,
                                        notice=safety.notice,
                                        scope=st.library.describe()),
            timings_ms={"retrieve": (t_retrieve - t0) * 1e3, "compose": (t1 - t_retrieve) * 1e3,
                        "total": (t1 - t0) * 1e3},
            closest=closest,
            notices=list(query.notices),
            coverage="none",
            scope_note=note,
        )
