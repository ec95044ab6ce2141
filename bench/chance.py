"""Chance hit rate at a reading budget (DESIGN.md, "Reading what a hit rate means").

For each question, whole quotable sentences of the index (``retrievable and not is_heading``)
are drawn at random without replacement and kept until adding the next one would exceed the
budget in characters; the question is hit when one kept sentence overlaps one of its gold
quotes, in the same article, by at least half of the gold's characters (`eval.metrics.covers_half`,
the rule of every other hit rate here). The result is the mean over questions and draws.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from eval.metrics import covers_half, gold_spans

SEED = 20261201
DRAWS = 20

Span = tuple[int, int]
Pool = list[tuple[str, int, int]]  # (doc_id, start, end) of each quotable sentence


def sentence_pool(data) -> Pool:
    """The quotable sentences of an index (`IndexData`, e.g. ``Assistant(...).data``)."""
    return [(s.doc_id, s.start, s.end) for s in data.sentences
            if s.retrievable and not s.is_heading]


def resolve_golds(questions, texts: Mapping[str, str]) -> list[list[tuple[str, list[Span]]]]:
    """For each question with gold: its gold quotes as (doc_id, every occurrence's span)."""
    return [[(g.doc_id, gold_spans(texts.get(g.doc_id, ""), g.quote)) for g in q.gold]
            for q in questions if q.gold]


def chance_hit_rate(pool: Pool, golds: Sequence[list[tuple[str, list[Span]]]], budget: float,
                    *, draws: int = DRAWS, seed: int = SEED) -> float:
    """Mean hit rate of random whole sentences up to ``budget`` characters (NaN when the budget
    or the question list is undefined). Deterministic for a given pool, golds, budget and seed."""
    if not golds or budget is None or (isinstance(budget, float) and math.isnan(budget)):
        return float("nan")
    lengths = np.array([e - s for _, s, e in pool], dtype=np.int64)
    rng = np.random.default_rng(seed)
    hits = 0
    for gold in golds:
        mask = np.array([any(d == doc and any(covers_half(s, e, span) for span in spans)
                             for doc, spans in gold) for d, s, e in pool], dtype=bool)
        for _ in range(draws):
            order = rng.permutation(len(pool))
            kept = int(np.searchsorted(np.cumsum(lengths[order]), budget, side="right"))
            hits += bool(mask[order[:kept]].any())
    return hits / (len(golds) * draws)
