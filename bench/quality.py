"""Answer quality on every labelled set, with and without the example and out-of-scope
questions, in one run.

    .venv/bin/python bench/quality.py [--index DIR]

Runs `eval.runner.run_eval` (the code behind `quotewise eval`) over eval/questions.jsonl,
eval/fresh_questions.jsonl, eval/blind_questions.jsonl and eval/dev_questions.jsonl, once on
the index as built and once on the same articles without their example and out-of-scope
questions (no query adapter, no example matching, the weights and abstention model tuned for
that case), and prints one table. Reports land in bench/results/quality/<set>-<variant>/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, ROOT, save  # noqa: E402

SETS = {
    "questions": "project set",
    "fresh_questions": "fresh set",
    "blind_questions": "blind set",
    "dev_questions": "dev set (tuned on)",
}
COLUMNS = (
    ("hit_rate", "hit rate"),
    ("gold_coverage", "gold coverage"),
    ("abstention_recall", "unanswerable abstained"),
    ("false_abstain_rate", "answerable wrongly abstained"),
    ("safety_recall", "safety flagged"),
    ("safety_false_positive_rate", "safety false positives"),
    ("quote_fidelity", "fidelity"),
    ("mean_quoted_chars", "mean quoted chars"),
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=None)
    args = ap.parse_args(argv)
    from assistant import Assistant
    from bench.calibrate_abstention import without_examples
    from eval.loader import load_eval_set
    from eval.runner import run_eval

    qa = Assistant.load_or_build(args.index)
    variants = {
        "with example + out-of-scope questions": qa,
        "without either": Assistant(without_examples(qa.data), qa.embedder,
                                    index_root=qa.index_root),
    }
    rows, results = [], {}
    for name, label in SETS.items():
        questions = load_eval_set(ROOT / "eval" / f"{name}.jsonl")
        for variant, assistant in variants.items():
            out = RESULTS / "quality" / f"{name}-{'with' if assistant is qa else 'without'}"
            m = run_eval(assistant, questions, out, progress=False)
            results[f"{name} / {variant}"] = m
            cells = []
            for key, _ in COLUMNS:
                v = m.get(key)
                cells.append("–" if v is None or v != v else
                             (f"{v:.0f}" if key == "mean_quoted_chars" else f"{v:.3f}"))
            rows.append(f"| {label} ({len(questions)}) | {variant} | " + " | ".join(cells) + " |")
    save("quality", results)
    print("| set | index | " + " | ".join(h for _, h in COLUMNS) + " |")
    print("|---|---|" + "---|" * len(COLUMNS))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
