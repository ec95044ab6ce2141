"""`quotewise eval`: run an eval set, print a summary, compare with an earlier run, gate.

`quotewise.cli` owns the parser: it calls `add_arguments` on the ``eval`` subparser, adds the
shared ``--index`` option itself, and calls `run`. Errors are `QuotewiseError`s, which that
CLI prints as one line (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eval.compare import compare, flips, load_metrics
from eval.gates import check_gates, parse_gates
from eval.loader import DEFAULT_SET, load_eval_set
from eval.metrics import metric_names
from eval.report import fmt
from eval.runner import OUTPUTS, run_eval
from ingest.errors import InputError

DEFAULT_OUT = Path(".quotewise") / "eval"
SUMMARY = [
    "quote_fidelity",
    "citation_validity",
    "hit_rate",
    "gold_coverage",
    "quote_precision",
    "mrr",
    "abstention_recall",
    "false_abstain_rate",
    "not_direct_rate",
    "false_partial_rate",
    "safety_recall",
    "safety_false_positive_rate",
    "mean_quoted_chars",
    "latency_p50_ms",
    "latency_p95_ms",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``quotewise eval`` (``--index`` comes from `quotewise.cli`)."""
    parser.add_argument(
        "--questions",
        metavar="FILE",
        type=Path,
        default=DEFAULT_SET,
        help="eval set JSONL (default: the packaged eval/questions.jsonl)",
    )
    parser.add_argument(
        "--conversations",
        metavar="FILE",
        type=Path,
        default=None,
        help="run a multi-turn conversations JSONL (eval/conversations/) instead of "
        "--questions; writes results.jsonl, metrics.json, report.md into --out",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder for results.jsonl, metrics.json, report.md, report.html "
        f"(default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--compare",
        metavar="OLD_DIR",
        type=Path,
        default=None,
        help="print each metric's change against an earlier run's folder",
    )
    parser.add_argument(
        "--fail-under",
        metavar="SPEC",
        default=None,
        help="gates, e.g. fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05; "
        "exit 1 when one fails",
    )
    parser.add_argument(
        "--k",
        type=int,
        default=10,
        metavar="N",
        help="search depth for retrieval recall@k and MRR (default: 10)",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``quotewise eval``; 1 when a gate fails, else 0. Bad input fails before any question
    is asked."""
    if getattr(args, "conversations", None) is not None:
        return run_conversations_cli(args)
    if args.k < 1:
        raise InputError(f"--k must be at least 1, got {args.k}")
    questions = load_eval_set(args.questions)
    gates = parse_gates(args.fail_under, metric_names(args.k)) if args.fail_under else []
    if args.compare:
        load_metrics(args.compare)
    from assistant import Assistant  # heavy: only once the input is known to be good

    qa = Assistant.load(index_dir=getattr(args, "index", None))
    metrics = run_eval(qa, questions, args.out, k=args.k)
    names = SUMMARY[:5] + [n for n in metrics if n.startswith("recall@")] + SUMMARY[5:]
    width = max(map(len, names)) + 2
    for name in names:
        print(f"{name:<{width}}{fmt(name, metrics[name]):>10}")
    print(f"wrote {', '.join(OUTPUTS)} to {args.out}")
    if args.compare:
        print(f"\nchanges against {args.compare}:")
        print(compare(metrics, args.compare))
        changed = flips(args.out, args.compare)
        if changed:
            print(changed)
    failures = check_gates(metrics, gates)
    for line in failures:
        print(line)
    return 1 if failures else 0


CONVERSATION_SUMMARY = [
    "conversations",
    "turns",
    "followup_turns",
    "history_passed",
    "quote_fidelity",
    "hit_rate",
    "first_turn_hit_rate",
    "followup_hit_rate",
    "standalone_hit_rate",
    "followup_minus_standalone",
    "repeated_quote_rate",
    "abstention_recall",
    "false_abstain_rate",
    "mean_quoted_chars",
]


def run_conversations_cli(args: argparse.Namespace) -> int:
    """``quotewise eval --conversations FILE``: ask each conversation turn by turn, print a
    summary. --compare and --fail-under name single-question metrics, so they are refused."""
    from eval.conversations import OUTPUTS as CONV_OUTPUTS
    from eval.conversations import fmt_metric, load_conversations, run_conversations

    if args.compare or args.fail_under:
        raise InputError("--compare and --fail-under do not apply to --conversations")
    conversations = load_conversations(args.conversations)
    from assistant import Assistant  # heavy: only once the input is known to be good

    qa = Assistant.load(index_dir=getattr(args, "index", None))
    metrics = run_conversations(qa, conversations, args.out)
    if not metrics["history_passed"]:
        print("warning: this assistant's ask() takes no history; turns were asked on their own")
    width = max(map(len, CONVERSATION_SUMMARY)) + 2
    for name in CONVERSATION_SUMMARY:
        print(f"{name:<{width}}{fmt_metric(name, metrics[name]):>10}")
    print(f"wrote {', '.join(CONV_OUTPUTS)} to {args.out}")
    return 0
