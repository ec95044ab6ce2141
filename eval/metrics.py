"""Metrics of one run: per question, then aggregated. Definitions live in `DEFINITIONS`.

Gold quotes are partial (a good answer may quote a passage nobody labelled), so quote precision
is a lower bound.
"""

from __future__ import annotations

import re
import statistics

from eval.loader import EvalQuestion

PRIMARY_METRIC = "hit_rate"
KS = (1, 3, 5, 10)

DEFINITIONS = {
    "quote_fidelity": "Share of quotes whose text equals the article slice [start:end]. Must be 1.0.",
    "citation_validity": "Share of answers whose [n] citations are 1..len(quotes), numbered in order "
                         "of first appearance, each quote cited (1:1).",
    "hit_rate": "Answerable questions (incl. safety) where some quote overlaps a gold quote of the "
                "same article by at least half of the gold quote's characters.",
    "gold_coverage": "Mean share of a question's gold quotes that some quote hits.",
    "quote_precision": "Share of returned quotes that hit some gold quote (gold is partial: a lower bound).",
    "recall@k": "Mean share of gold quotes overlapped (>= half) by a chunk among the top-k search hits.",
    "mrr": "Mean reciprocal rank of the first search hit overlapping any gold quote.",
    "abstention_precision": "Of the abstained answers, the share whose question is unanswerable.",
    "abstention_recall": "Of the unanswerable questions, the share abstained.",
    "false_abstain_rate": "Of the answerable questions (incl. safety), the share abstained.",
    "missed_abstain_rate": "Of the unanswerable questions, the share answered anyway.",
    "safety_recall": "Of the safety questions, the share flagged safety.",
    "safety_false_positive_rate": "Of the other questions, the share flagged safety.",
    "latency_p50_ms": "Median of the answer's own timings_ms.total.",
    "latency_p95_ms": "95th percentile of timings_ms.total.",
    "wall_p50_ms": "Median wall time of ask() measured by the runner.",
    "wall_p95_ms": "95th percentile wall time of ask().",
    "mean_quoted_chars": "Mean characters quoted per non-abstained answer.",
}

_CITE = re.compile(r"\[(\d+)\]")


def gold_span(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    return (i, i + len(quote)) if i >= 0 else None


def overlaps_half(start: int, end: int, gold: tuple[int, int]) -> bool:
    g0, g1 = gold
    return min(end, g1) - max(start, g0) >= (g1 - g0) / 2


def citations_valid(answer: dict) -> bool:
    quotes = answer.get("quotes", [])
    body = answer.get("markdown", "").split("**Sources**")[0]
    cited = [int(n) for n in _CITE.findall(body)]
    first = list(dict.fromkeys(cited))
    return (first == list(range(1, len(quotes) + 1))
            and [q.get("n") for q in quotes] == list(range(1, len(quotes) + 1)))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def question_metrics(q: EvalQuestion, answer: dict, hits: list[dict], texts: dict[str, str],
                     wall_ms: float) -> dict:
    """Metrics of one answered question. ``texts``: doc_id -> canonical article text."""
    quotes = answer.get("quotes", [])
    exact = sum(1 for x in quotes if texts.get(x["doc_id"], "")[x["start"]:x["end"]] == x["text"])
    m = {
        "quotes": len(quotes),
        "exact_quotes": exact,
        "citation_valid": citations_valid(answer),
        "abstained": bool(answer.get("abstained")),
        "safety": bool(answer.get("safety")),
        "quoted_chars": sum(len(x["text"]) for x in quotes),
        "latency_ms": float(answer.get("timings_ms", {}).get("total", float("nan"))),
        "wall_ms": wall_ms,
    }
    if not q.answerable:
        return m
    golds = [(g.doc_id, gold_span(texts.get(g.doc_id, ""), g.quote)) for g in q.gold]
    golds = [(d, s) for d, s in golds if s]

    def hits_gold(doc_id, start, end, gold):
        return doc_id == gold[0] and overlaps_half(start, end, gold[1])

    covered = [any(hits_gold(x["doc_id"], x["start"], x["end"], g) for x in quotes) for g in golds]
    good_quotes = [any(hits_gold(x["doc_id"], x["start"], x["end"], g) for g in golds) for x in quotes]
    m["hit"] = any(covered)
    m["gold_coverage"] = sum(covered) / len(golds) if golds else 0.0
    m["quote_precision"] = sum(good_quotes) / len(quotes) if quotes else None
    for k in KS:
        top = hits[:k]
        m[f"recall@{k}"] = (sum(any(hits_gold(h["doc_id"], h["start"], h["end"], g) for h in top)
                                for g in golds) / len(golds)) if golds else 0.0
    first = next((i for i, h in enumerate(hits, 1)
                  if any(hits_gold(h["doc_id"], h["start"], h["end"], g) for g in golds)), None)
    m["rr"] = 1.0 / first if first else 0.0
    return m


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return float(statistics.mean(values)) if values else float("nan")


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def aggregate(rows: list[dict]) -> dict[str, float]:
    """Summary metrics over result rows (each: kind, answerable, metrics)."""
    ms = [r["metrics"] for r in rows]
    ans = [r["metrics"] for r in rows if r["answerable"]]
    un = [r["metrics"] for r in rows if not r["answerable"]]
    safety = [r["metrics"] for r in rows if r["kind"] == "safety"]
    not_safety = [r["metrics"] for r in rows if r["kind"] != "safety"]
    abstained = [r for r in rows if r["metrics"]["abstained"]]
    total_quotes = sum(m["quotes"] for m in ms)
    out = {
        "questions": float(len(rows)),
        "quote_fidelity": _ratio(sum(m["exact_quotes"] for m in ms), total_quotes) if total_quotes else 1.0,
        "citation_validity": _mean([float(m["citation_valid"]) for m in ms]),
        "hit_rate": _mean([float(m["hit"]) for m in ans]),
        "gold_coverage": _mean([m["gold_coverage"] for m in ans]),
        "quote_precision": _mean([m["quote_precision"] for m in ans]),
    }
    for k in KS:
        out[f"recall@{k}"] = _mean([m[f"recall@{k}"] for m in ans])
    out["mrr"] = _mean([m["rr"] for m in ans])
    out["abstention_precision"] = _ratio(sum(1 for r in abstained if not r["answerable"]), len(abstained))
    out["abstention_recall"] = _ratio(sum(m["abstained"] for m in un), len(un))
    out["false_abstain_rate"] = _ratio(sum(m["abstained"] for m in ans), len(ans))
    out["missed_abstain_rate"] = _ratio(sum(not m["abstained"] for m in un), len(un))
    out["safety_recall"] = _ratio(sum(m["safety"] for m in safety), len(safety))
    out["safety_false_positive_rate"] = _ratio(sum(m["safety"] for m in not_safety), len(not_safety))
    out["latency_p50_ms"] = percentile([m["latency_ms"] for m in ms], 50)
    out["latency_p95_ms"] = percentile([m["latency_ms"] for m in ms], 95)
    out["wall_p50_ms"] = percentile([m["wall_ms"] for m in ms], 50)
    out["wall_p95_ms"] = percentile([m["wall_ms"] for m in ms], 95)
    out["mean_quoted_chars"] = _mean([m["quoted_chars"] for m in ms if not m["abstained"]])
    return out


def by_kind(rows: list[dict]) -> dict[str, dict[str, float]]:
    out = {}
    for kind in sorted({r["kind"] for r in rows}):
        sub = [r for r in rows if r["kind"] == kind]
        ms = [r["metrics"] for r in sub]
        d = {"questions": float(len(sub)),
             "abstained": _mean([float(m["abstained"]) for m in ms]),
             "safety_flagged": _mean([float(m["safety"]) for m in ms]),
             "mean_quoted_chars": _mean([m["quoted_chars"] for m in ms if not m["abstained"]])}
        if sub[0]["answerable"]:
            d["hit_rate"] = _mean([float(m["hit"]) for m in ms])
            d["gold_coverage"] = _mean([m["gold_coverage"] for m in ms])
        out[kind] = d
    return out


def worst(rows: list[dict], n: int = 10) -> list[dict]:
    """The rows a person should read first: misses, wrong abstentions, thin coverage."""
    def badness(r):
        m = r["metrics"]
        if r["answerable"]:
            return (0 if not m["hit"] else 2, m["gold_coverage"])
        return (1 if not m["abstained"] else 3, 0.0)
    return sorted(rows, key=badness)[:n]
