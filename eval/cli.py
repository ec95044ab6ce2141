"""`quotewise eval`: run an eval set, print a summary, compare with an older run, gate."""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

from ingest.errors import InputError

DEFAULT_OUT = ".quotewise/eval"
ALIASES = {"fidelity": "quote_fidelity", "citations": "citation_validity",
           "coverage": "gold_coverage", "precision": "quote_precision"}
SUMMARY = ["quote_fidelity", "citation_validity", "hit_rate", "gold_coverage", "quote_precision",
           "recall@5", "mrr", "abstention_recall", "false_abstain_rate", "safety_recall",
           "safety_false_positive_rate", "latency_p50_ms", "latency_p95_ms", "mean_quoted_chars"]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--questions", metavar="FILE", default=None,
                   help="eval set JSONL (default: the packaged eval/questions.jsonl)")
    p.add_argument("--out", metavar="DIR", default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    p.add_argument("--compare", metavar="OLD_DIR", default=None, help="print changes against an earlier run")
    p.add_argument("--fail-under", metavar="SPEC", default=None,
                   help="gates, e.g. fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05 (exit 1 if unmet)")
    p.add_argument("--k", type=int, default=10, help="search depth for retrieval metrics (default 10)")


def parse_gates(spec: str, known: set[str]) -> list[tuple[str, str, float]]:
    """``name=value`` means at least; ``name<=value`` at most; ``name>=value`` at least."""
    gates = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        m = re.fullmatch(r"([\w@]+)\s*(<=|>=|=)\s*([0-9.]+)", part)
        if not m:
            raise InputError(f"bad gate {part!r}: use name=value, name>=value or name<=value")
        name = ALIASES.get(m.group(1), m.group(1))
        if name not in known:
            raise InputError(f"unknown metric {m.group(1)!r} in --fail-under")
        gates.append((name, "<=" if m.group(2) == "<=" else ">=", float(m.group(3))))
    return gates


def check_gates(metrics: dict, gates) -> list[str]:
    failures = []
    for name, op, limit in gates:
        v = metrics[name]
        ok = not math.isnan(v) and (v >= limit - 1e-12 if op == ">=" else v <= limit + 1e-12)
        if not ok:
            failures.append(f"gate failed: {name} = {v:.4f}, required {op} {limit}")
    return failures


def compare(new: dict, old_dir: str | Path) -> str:
    path = Path(old_dir) / "metrics.json"
    try:
        old = json.loads(path.read_text())["metrics"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        raise InputError(f"no readable metrics.json in {old_dir}") from None
    lines = [f"{'metric':30} {'old':>10} {'new':>10} {'change':>10}"]
    for name, v in new.items():
        if name not in old:
            continue
        d = v - old[name]
        lines.append(f"{name:30} {old[name]:10.4f} {v:10.4f} {d:+10.4f}")
    return "\n".join(lines)


def run(args) -> int:
    from assistant.api import Assistant
    from eval.loader import load_eval_set
    from eval.metrics import DEFINITIONS
    from eval.runner import run_eval

    questions = load_eval_set(args.questions)
    known = set(DEFINITIONS) | {f"recall@{k}" for k in (1, 3, 5, 10)}
    gates = parse_gates(args.fail_under, known) if args.fail_under else []
    qa = Assistant.load(args.index)
    metrics = run_eval(qa, questions, args.out, k=args.k)
    for name in SUMMARY:
        print(f"{name:30} {metrics[name]:.4f}")
    print(f"wrote results.jsonl, metrics.json, report.md, report.html to {args.out}")
    if args.compare:
        print(compare(metrics, args.compare))
    failures = check_gates(metrics, gates)
    for f in failures:
        print(f)
    return 1 if failures else 0
