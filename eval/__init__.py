"""Offline batch evaluation: quote fidelity, answer quality, abstention, safety, retrieval.

>>> from eval import load_eval_set, run_eval       # doctest: +SKIP
>>> run_eval(Assistant.load(), load_eval_set(), ".quotewise/eval")["hit_rate"]  # doctest: +SKIP
"""

from eval.loader import DEFAULT_SET, EvalQuestion, Gold, load_eval_set
from eval.metrics import PRIMARY_METRIC, aggregate, question_metrics
from eval.runner import run_eval

__all__ = [
    "DEFAULT_SET",
    "PRIMARY_METRIC",
    "EvalQuestion",
    "Gold",
    "aggregate",
    "load_eval_set",
    "question_metrics",
    "run_eval",
]
