"""Metrics on hand-made answers built from real article slices; every expected value is worked
out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from eval.loader import EvalQuestion, Gold
from eval.metrics import (
    PRIMARY_METRIC,
    aggregate,
    by_kind,
    citations_valid,
    covers_half,
    gold_spans,
    metric_names,
    percentile,
    question_metrics,
)
from tests.eval.fakes import (
    ABUSE,
    DOC,
    GUILT,
    PATIENT,
    TEXTS,
    THERAPY,
    answer,
    around,
    chunk_hit,
    scenario,
    span,
)


def score_scenario():
    questions, qa = scenario()
    scored = []
    for q in questions:
        hits = [
            {"doc_id": h.chunk.doc_id, "start": h.chunk.start, "end": h.chunk.end}
            for h in qa.search(q.question, k=10)
        ]
        scored.append(
            (q, question_metrics(q, qa.ask(q.question).to_dict(), hits, TEXTS, wall_ms=10.0))
        )
    return scored


def test_gold_spans_finds_every_occurrence():
    assert gold_spans("abcabc", "bc") == [(1, 3), (4, 6)]
    assert gold_spans("abc", "x") == [] and gold_spans("abc", "") == []


def test_a_hit_needs_half_of_the_gold():
    gold = (100, 110)  # 10 characters: 5 overlapping is enough, 4 is not
    assert covers_half(105, 200, gold) and covers_half(0, 105, gold)
    assert not covers_half(106, 200, gold) and not covers_half(0, 104, gold)
    assert covers_half(102, 108, gold) and not covers_half(110, 120, gold)


@pytest.mark.parametrize(
    "markdown, ns, valid",
    [
        ("“a” [1] and “b” [2]. Sources: [1] x [2] y", [1, 2], True),
        ("“b” [2] then “a” [1]", [1, 2], False),  # not in order of first appearance
        ("“a” [1] only", [1, 2], False),  # quote 2 never cited
        ("“a” [1] “b” [2] “c” [3]", [1, 2], False),  # [3] out of range
        ("“a” [1] “b” [2]", [1, 3], False),  # quote numbers are not 1..n
        ("“a” [1] “a again” [1] “b” [2]", [1, 2], True),  # citing twice is fine
        ("**The articles don't cover this.**", [], True),  # abstention: nothing to cite
        ("nothing to see \\[1\\]", [], True),  # escaped brackets are not citations
    ],
)
def test_citation_validity(markdown, ns, valid):
    assert citations_valid({"markdown": markdown, "quotes": [{"n": n} for n in ns]}) is valid


def test_fidelity_checks_every_shown_quote_against_the_article():
    q = EvalQuestion("u", "x", False, "unanswerable")
    ans = answer("x", GUILT, PATIENT).to_dict()
    ans["quotes"][1]["text"] = ans["quotes"][1]["text"].upper()  # tampered
    ans["closest"] = [dict(ans["quotes"][0], doc_id="not_an_article")]  # unknown article
    m = question_metrics(q, ans, [], TEXTS)
    assert (m.shown, m.faithful) == (3, 1)
    assert aggregate([(q, m)])["quote_fidelity"] == pytest.approx(1 / 3)


def test_a_gold_quote_found_twice_can_be_hit_at_either_place():
    text = "alpha beta. gamma. alpha beta."
    q = EvalQuestion("a", "x", True, "answerable", (Gold("d", "alpha beta."),))
    ans = {
        "quotes": [{"n": 1, "doc_id": "d", "start": 19, "end": 30, "text": "alpha beta."}],
        "markdown": "[1]",
    }
    assert question_metrics(q, ans, [], {"d": text}).hit is True


def test_per_question_metrics_by_hand():
    by_id = {q.id: m for q, m in score_scenario()}
    a1, a2, s1, a3 = by_id["a1"], by_id["a2"], by_id["s1"], by_id["a3"]
    assert (a1.hit, a1.gold_coverage, a1.quote_precision) == (True, 1.0, 0.5)
    assert a1.gold_rank == (2,) and a1.reciprocal_rank == 0.5 and a1.recall_at(1) == 0.0
    assert (a2.hit, a2.gold_coverage, a2.quote_precision, a2.reciprocal_rank) == (False, 0, 0, 0)
    assert s1.gold_hit == (True, False) and s1.gold_coverage == 0.5 and s1.recall_at(1) == 1.0
    assert a3.abstained and a3.hit is False and a3.quote_precision is None
    assert by_id["u1"].hit is None and by_id["u1"].recall_at(5) is None
    assert a1.quoted_chars == len(GUILT) + len(PATIENT) and a1.latency_ms == 1.0


def test_aggregate_by_hand():
    m = aggregate(score_scenario())
    expected = {
        "questions": 6,
        "quote_fidelity": 1.0,
        "citation_validity": 1.0,
        "hit_rate": 2 / 4,  # a1, s1 of a1, a2, s1, a3
        "gold_coverage": (1 + 0 + 0.5 + 0) / 4,
        "quote_precision": (0.5 + 0 + 1) / 3,  # a3 abstained: no quotes, not counted
        "mean_quoted_chars": (len(GUILT) + len(PATIENT) + len(GUILT) + len(ABUSE) + len(THERAPY))
        / 4,
        "recall@1": (0 + 0 + 1 + 1) / 4,
        "recall@3": (1 + 0 + 1 + 1) / 4,
        "recall@10": 3 / 4,
        "mrr": (0.5 + 0 + 1 + 1) / 4,
        "abstain_rate": 2 / 6,  # u1, a3
        "abstention_precision": 1 / 2,
        "abstention_recall": 1 / 2,
        "false_abstain_rate": 1 / 4,
        "missed_abstain_rate": 1 / 2,
        "not_direct_rate": 1 / 2,  # u1 abstained: coverage "none"
        "false_partial_rate": 0.0,
        "safety_flag_rate": 2 / 6,
        "safety_recall": 1.0,
        "safety_false_positive_rate": 1 / 5,  # a2 of a1, a2, u1, u2, a3
        "latency_p50_ms": 3.5,  # totals 1..6
        "latency_p95_ms": 5.75,
        "wall_p50_ms": 10.0,
    }
    for name, value in expected.items():
        assert m[name] == pytest.approx(value), name
    assert PRIMARY_METRIC == "hit_rate" and list(m) == metric_names(10)


def test_undefined_metrics_are_nan_not_zero():
    only_answerable = [q for q in score_scenario() if q[0].kind == "answerable"]
    m = aggregate(only_answerable)
    assert math.isnan(m["abstention_recall"]) and math.isnan(m["safety_recall"])
    kinds = by_kind(score_scenario())
    assert list(kinds) == ["answerable", "unanswerable", "safety"]
    assert kinds["safety"]["hit_rate"] == 1.0 and math.isnan(kinds["unanswerable"]["hit_rate"])


def test_recall_counts_chunks_that_cover_half_a_gold_quote():
    q = EvalQuestion("a", "x", True, "answerable", (Gold(DOC, GUILT), Gold(DOC, THERAPY)))
    g0, g1 = span(GUILT)
    half = (g1 - g0 + 1) // 2
    hits = [chunk_hit(g0 - 50, g0 + half - 1), chunk_hit(g0 + half - 5, g1 + 5), around(THERAPY)]
    m = question_metrics(
        q,
        answer("x").to_dict(),
        [{"doc_id": h.chunk.doc_id, "start": h.chunk.start, "end": h.chunk.end} for h in hits],
        TEXTS,
    )
    assert m.gold_rank == (2, 3) and m.recall_at(1) == 0 and m.recall_at(3) == 1.0
    assert m.reciprocal_rank == 0.5


def test_percentile_interpolates_like_numpy():
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert percentile([7], 95) == 7 and math.isnan(percentile([], 50))
    assert percentile([1, float("nan"), 3], 50) == 2


def test_metric_names_follow_the_search_depth():
    assert "recall@20" in metric_names(20) and "recall@10" in metric_names(20)
    assert [n for n in metric_names(3) if n.startswith("recall@")] == ["recall@1", "recall@3"]


def test_a_safety_question_without_gold_counts_for_safety_not_for_hit_rate():
    scored = score_scenario()
    questions, qa = scenario()
    s1 = next(q for q in questions if q.id == "s1")
    bare = EvalQuestion("s2", s1.question, True, "safety", ())
    extra = question_metrics(bare, qa.ask(s1.question).to_dict(), [], TEXTS)
    m = aggregate(scored + [(bare, extra)])
    assert extra.hit is None
    assert m["hit_rate"] == pytest.approx(aggregate(scored)["hit_rate"])
    assert m["safety_recall"] == 1.0  # the bare one was flagged too


def test_coverage_metrics_read_the_answers_coverage():
    questions, qa = scenario()
    u = next(q for q in questions if not q.answerable)
    a = next(q for q in questions if q.kind == "answerable")
    partial = dict(qa.ask(u.question).to_dict(), abstained=False, coverage="partial")
    told = dict(qa.ask(a.question).to_dict(), coverage="partial")
    m = aggregate([(u, question_metrics(u, partial, [], TEXTS)),
                   (a, question_metrics(a, told, [], TEXTS))])
    assert m["not_direct_rate"] == 1.0 and m["missed_abstain_rate"] == 1.0
    assert m["false_partial_rate"] == 1.0
