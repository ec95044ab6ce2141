"""Offline batch evaluation: citation fidelity, answer quality, abstention, safety, retrieval."""

from eval.loader import EvalQuestion, load_eval_set
from eval.metrics import PRIMARY_METRIC, aggregate, question_metrics
from eval.runner import run_eval

__all__ = ["PRIMARY_METRIC", "EvalQuestion", "aggregate", "load_eval_set", "question_metrics",
           "run_eval"]
