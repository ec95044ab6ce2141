"""`QuestionResult`: one asked question with its answer, search hits and metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.loader import EvalQuestion
from eval.metrics import DEFAULT_KS, QuestionMetrics


@dataclass(frozen=True)
class QuestionResult:
    """A row of results.jsonl. ``hits`` are the ranked search hits as dicts with ``chunk_id``,
    ``doc_id``, ``start``, ``end`` and ``score``."""

    question: EvalQuestion
    answer: dict
    hits: list[dict]
    metrics: QuestionMetrics

    @property
    def verdict(self) -> str:
        """A few words a person reads first: did the answer do the right thing?"""
        m = self.metrics
        if not self.question.answerable:
            return "abstained" if m.abstained else "answered (should abstain)"
        if m.abstained:
            return "abstained (should answer)"
        return "hit" if m.hit else "miss"

    def to_dict(self, ks: Sequence[int] = DEFAULT_KS) -> dict:
        q = self.question.to_dict()
        return {
            **q,
            "verdict": self.verdict,
            "answer": self.answer,
            "metrics": self.metrics.to_dict(ks),
            "hits": [h["chunk_id"] for h in self.hits],
        }
