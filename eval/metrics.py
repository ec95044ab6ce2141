"""Metrics of an eval run: per question (`question_metrics`), then over the set (`aggregate`).

Everything here is a pure function of the labelled question, the Answer JSON, the search hits
and the article texts, so every number can be checked by hand. `DEFINITIONS` holds the wording
the reports print beside each number. The primary metric is `PRIMARY_METRIC` ("hit_rate").

Gold quotes are partial (a good answer may quote a passage nobody labelled), so quote precision
is a lower bound.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eval.loader import KINDS, EvalQuestion

PRIMARY_METRIC = "hit_rate"
DEFAULT_KS = (1, 3, 5, 10)
NAN = float("nan")

DEFINITIONS = {
    "questions": "Number of questions in the run.",
    "quote_fidelity": (
        "Share of all quotes shown (answer quotes and an abstention's closest passages) whose "
        "text equals the article's text[start:end]. Must be 1.0; 1.0 when nothing was quoted."
    ),
    "citation_validity": (
        "Share of answers whose [n] citations are all in 1..len(quotes), numbered in order of "
        "first appearance, with every quote cited and quote n fields 1..len(quotes) (citations "
        "map 1:1 to quotes)."
    ),
    "hit_rate": (
        "PRIMARY. Share of answerable questions with gold (incl. safety) where some answer quote "
        "overlaps some gold quote, in the same article, by at least half of the gold quote's characters "
        "(any occurrence of a gold quote counts)."
    ),
    "gold_coverage": (
        "Mean over answerable questions of the share of their gold quotes hit (as in hit_rate)."
    ),
    "quote_precision": (
        "Mean over answered answerable questions of the share of answer quotes that hit some gold"
        " quote. Gold is partial, so this is a lower bound."
    ),
    "mean_quoted_chars": "Mean number of quoted characters per answer that did not abstain.",
    "recall@k": (
        "Chunk-level retrieval: mean over answerable questions of the share of gold quotes "
        "overlapped by at least half by a chunk among the top-k search hits."
    ),
    "mrr": (
        "Mean over answerable questions of 1/rank of the first search hit (chunk) that overlaps "
        "any gold quote by at least half; 0 when none does."
    ),
    "abstain_rate": "Share of all questions answered with an abstention.",
    "abstention_precision": "Of the abstentions, the share on unanswerable questions.",
    "abstention_recall": "Of the unanswerable questions, the share abstained on.",
    "false_abstain_rate": (
        "Of the answerable questions (incl. safety), the share abstained on. Lower is better."
    ),
    "missed_abstain_rate": (
        "Of the unanswerable questions, the share answered anyway. Lower is better."
    ),
    "not_direct_rate": (
        "Of the unanswerable questions, the share whose answer says the articles don't cover "
        "it directly (coverage \"partial\" or \"none\")."
    ),
    "false_partial_rate": (
        "Of the answerable questions (incl. safety), the share answered with coverage "
        "\"partial\". Lower is better."
    ),
    "safety_flag_rate": "Share of all questions flagged safety.",
    "safety_recall": "Of the safety questions, the share flagged safety.",
    "safety_false_positive_rate": (
        "Of the other questions, the share flagged safety. Lower is better."
    ),
    "latency_p50_ms": "Median of the answers' own timings_ms.total.",
    "latency_p95_ms": "95th percentile of timings_ms.total (linear interpolation).",
    "wall_p50_ms": "Median wall time of ask() measured by the runner.",
    "wall_p95_ms": "95th percentile wall time of ask().",
}

LOWER_IS_BETTER = frozenset(
    {
        "false_abstain_rate",
        "false_partial_rate",
        "missed_abstain_rate",
        "safety_false_positive_rate",
        "latency_p50_ms",
        "latency_p95_ms",
        "wall_p50_ms",
        "wall_p95_ms",
    }
)
# Descriptive numbers: neither a rise nor a fall is by itself good.
NEUTRAL = frozenset({"questions", "mean_quoted_chars", "abstain_rate", "safety_flag_rate"})

_CITATION = re.compile(r"\[(\d+)\]")

Span = tuple[int, int]


def definition(name: str) -> str:
    """The report wording for a metric name (``recall@7`` uses the ``recall@k`` wording)."""
    if name.startswith("recall@"):
        return DEFINITIONS["recall@k"].replace("top-k", f"top-{name[7:]}")
    return DEFINITIONS.get(name, "")


def direction(name: str) -> int:
    """+1 when higher is better, -1 when lower is better, 0 for descriptive numbers."""
    return 0 if name in NEUTRAL else -1 if name in LOWER_IS_BETTER else 1


def recall_ks(k: int) -> tuple[int, ...]:
    """The cut-offs reported for a run that searched ``k`` deep: 1, 3, 5, 10 up to k, and k."""
    return tuple(sorted({j for j in DEFAULT_KS if j <= k} | {k}))


def gold_spans(text: str, quote: str) -> list[Span]:
    """Every occurrence of ``quote`` in ``text`` as ``(start, end)``; empty if it is absent."""
    spans, i = [], text.find(quote)
    while quote and i >= 0:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def covers_half(start: int, end: int, gold: Span) -> bool:
    """True when ``[start, end)`` overlaps ``gold`` by at least half of the gold's characters."""
    g0, g1 = gold
    return min(end, g1) - max(start, g0) >= (g1 - g0) / 2


def citations_valid(answer: Mapping) -> bool:
    """[n] in the markdown run 1..len(quotes) in order of first appearance, each quote cited."""
    quotes = answer.get("quotes") or []
    expected = list(range(1, len(quotes) + 1))
    if [q.get("n") for q in quotes] != expected:
        return False
    cited = dict.fromkeys(int(n) for n in _CITATION.findall(answer.get("markdown") or ""))
    return list(cited) == expected


def is_faithful(quote: Mapping, texts: Mapping[str, str]) -> bool:
    """The quote's text is exactly its article's slice ``[start:end]``."""
    text = texts.get(quote.get("doc_id"))
    start, end = quote.get("start"), quote.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == quote.get("text")


@dataclass(frozen=True)
class QuestionMetrics:
    """What one answer scored. The gold-based fields are None for unanswerable questions.

    ``gold_hit[i]``: some answer quote hits gold quote i; ``quote_hit[j]``: answer quote j hits
    some gold quote; ``gold_rank[i]``: 1-based rank of the first search hit covering half of gold
    quote i (None when no hit within the searched depth).
    """

    quotes: int
    shown: int
    faithful: int
    citations_valid: bool
    abstained: bool
    safety: bool
    quoted_chars: int
    latency_ms: float
    wall_ms: float
    coverage: str = "direct"  # the answer's "coverage" (older answers: from "abstained")
    gold_hit: tuple[bool, ...] | None = None
    quote_hit: tuple[bool, ...] | None = None
    gold_rank: tuple[int | None, ...] | None = None

    @property
    def hit(self) -> bool | None:
        return None if self.gold_hit is None else any(self.gold_hit)

    @property
    def gold_coverage(self) -> float | None:
        return None if not self.gold_hit else sum(self.gold_hit) / len(self.gold_hit)

    @property
    def quote_precision(self) -> float | None:
        return None if not self.quote_hit else sum(self.quote_hit) / len(self.quote_hit)

    @property
    def reciprocal_rank(self) -> float | None:
        if self.gold_rank is None:
            return None
        ranks = [r for r in self.gold_rank if r is not None]
        return 1.0 / min(ranks) if ranks else 0.0

    def recall_at(self, k: int) -> float | None:
        if not self.gold_rank:
            return None
        return sum(r is not None and r <= k for r in self.gold_rank) / len(self.gold_rank)

    def to_dict(self, ks: Sequence[int] = DEFAULT_KS) -> dict:
        """Flat JSON for results.jsonl."""
        d = {
            "quotes": self.quotes,
            "shown": self.shown,
            "faithful": self.faithful,
            "citations_valid": self.citations_valid,
            "abstained": self.abstained,
            "safety": self.safety,
            "quoted_chars": self.quoted_chars,
            "latency_ms": _json_float(self.latency_ms),
            "wall_ms": _json_float(self.wall_ms),
            "hit": self.hit,
            "gold_coverage": self.gold_coverage,
            "quote_precision": self.quote_precision,
            "gold_hit": _list(self.gold_hit),
            "quote_hit": _list(self.quote_hit),
            "gold_rank": _list(self.gold_rank),
            "reciprocal_rank": self.reciprocal_rank,
        }
        d.update({f"recall@{k}": self.recall_at(k) for k in ks})
        return d


def question_metrics(
    question: EvalQuestion,
    answer: Mapping,
    hits: Sequence[Mapping],
    texts: Mapping[str, str],
    *,
    wall_ms: float = NAN,
) -> QuestionMetrics:
    """Score one answer.

    ``answer`` is the Answer JSON (``Answer.to_dict()``); ``hits`` are the ranked search hits
    as mappings with ``doc_id``, ``start``, ``end``; ``texts`` maps doc_id -> article text
    (a quote from an article missing there counts as unfaithful).
    """
    quotes = list(answer.get("quotes") or [])
    shown = quotes + list(answer.get("closest") or [])
    total = (answer.get("timings_ms") or {}).get("total")
    base = {
        "quotes": len(quotes),
        "shown": len(shown),
        "faithful": sum(is_faithful(q, texts) for q in shown),
        "citations_valid": citations_valid(answer),
        "abstained": bool(answer.get("abstained")),
        "safety": bool(answer.get("safety")),
        "quoted_chars": sum(len(q.get("text") or "") for q in quotes),
        "latency_ms": float(total) if isinstance(total, (int, float)) else NAN,
        "wall_ms": float(wall_ms),
        "coverage": answer.get("coverage") or ("none" if answer.get("abstained") else "direct"),
    }
    if not question.gold:  # unanswerable, or a safety question nothing in the articles fits
        return QuestionMetrics(**base)
    golds = [(g.doc_id, gold_spans(texts.get(g.doc_id, ""), g.quote)) for g in question.gold]

    def hits_gold(x: Mapping, gold: tuple[str, list[Span]]) -> bool:
        doc_id, spans = gold
        return x.get("doc_id") == doc_id and any(
            covers_half(x["start"], x["end"], s) for s in spans
        )

    gold_rank = tuple(
        next((rank for rank, h in enumerate(hits, 1) if hits_gold(h, g)), None) for g in golds
    )
    return QuestionMetrics(
        **base,
        gold_hit=tuple(any(hits_gold(q, g) for q in quotes) for g in golds),
        quote_hit=tuple(any(hits_gold(q, g) for g in golds) for q in quotes),
        gold_rank=gold_rank,
    )


def aggregate(
    scored: Sequence[tuple[EvalQuestion, QuestionMetrics]], *, ks: Sequence[int] = DEFAULT_KS
) -> dict[str, float]:
    """Set-level metrics (names and meaning in `DEFINITIONS`); NaN where a metric is undefined,
    e.g. abstention recall on a set without unanswerable questions."""
    every = [m for _, m in scored]
    answerable = [m for q, m in scored if q.answerable]
    graded = [m for q, m in scored if q.gold]  # answerable questions with gold quotes
    unanswerable = [m for q, m in scored if not q.answerable]
    abstained = [q for q, m in scored if m.abstained]
    safety = [m for q, m in scored if q.kind == "safety"]
    not_safety = [m for q, m in scored if q.kind != "safety"]
    shown = sum(m.shown for m in every)
    out = {
        "questions": float(len(every)),
        "quote_fidelity": sum(m.faithful for m in every) / shown if shown else 1.0,
        "citation_validity": _mean(m.citations_valid for m in every),
        "hit_rate": _mean(m.hit for m in graded),
        "gold_coverage": _mean(m.gold_coverage for m in graded),
        "quote_precision": _mean(m.quote_precision for m in graded),
        "mean_quoted_chars": _mean(m.quoted_chars for m in every if not m.abstained),
    }
    out.update({f"recall@{k}": _mean(m.recall_at(k) for m in graded) for k in ks})
    out["mrr"] = _mean(m.reciprocal_rank for m in graded)
    out.update(
        {
            "abstain_rate": _mean(m.abstained for m in every),
            "abstention_precision": _mean(not q.answerable for q in abstained),
            "abstention_recall": _mean(m.abstained for m in unanswerable),
            "false_abstain_rate": _mean(m.abstained for m in answerable),
            "missed_abstain_rate": _mean(not m.abstained for m in unanswerable),
            "not_direct_rate": _mean(m.coverage != "direct" for m in unanswerable),
            "false_partial_rate": _mean(m.coverage == "partial" for m in answerable),
            "safety_flag_rate": _mean(m.safety for m in every),
            "safety_recall": _mean(m.safety for m in safety),
            "safety_false_positive_rate": _mean(m.safety for m in not_safety),
            "latency_p50_ms": percentile([m.latency_ms for m in every], 50),
            "latency_p95_ms": percentile([m.latency_ms for m in every], 95),
            "wall_p50_ms": percentile([m.wall_ms for m in every], 50),
            "wall_p95_ms": percentile([m.wall_ms for m in every], 95),
        }
    )
    return out


def by_kind(
    scored: Sequence[tuple[EvalQuestion, QuestionMetrics]], *, ks: Sequence[int] = DEFAULT_KS
) -> dict[str, dict[str, float]]:
    """`aggregate` over each kind of question present, in the order of `KINDS`."""
    return {
        kind: aggregate([(q, m) for q, m in scored if q.kind == kind], ks=ks)
        for kind in KINDS
        if any(q.kind == kind for q, _ in scored)
    }


def metric_names(k: int = 10) -> list[str]:
    """Names `aggregate` reports for a run searching ``k`` deep (what gates may refer to)."""
    return list(aggregate([], ks=recall_ks(k)))


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile by linear interpolation between ranks (numpy's default); NaNs are
    ignored, NaN when nothing is left."""
    v = sorted(x for x in values if not math.isnan(x))
    if not v:
        return NAN
    pos = (len(v) - 1) * p / 100
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def _mean(values) -> float:
    vals = [float(v) for v in values if v is not None]
    return statistics.fmean(vals) if vals else NAN


def _json_float(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 3)


def _list(xs) -> list | None:
    return None if xs is None else list(xs)
