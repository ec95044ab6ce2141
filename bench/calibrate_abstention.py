"""Fit the abstention model: when do the articles answer a question at all?

    .venv/bin/python bench/calibrate_abstention.py [--index DIR] [--C 10] [--threshold 0.4]
                                                   [--without-examples] [--write]

Fits an L2-regularised, class-balanced logistic regression over the coverage features
(`AbstainConfig.features`) on the calibration questions (eval/abstain_calibration.jsonl:
in-scope and near-topic out-of-scope questions written for this) plus the dev set
(eval/dev_questions.jsonl), then reports the false-abstain and missed-abstain rates on those
and on the held-out sets (questions, fresh and blind), which the fit never sees. ``--write``
stores the fit, with its provenance, in data/articles/quotewise.tuning.json, which the next
ingest carries into the index. ``--without-examples`` fits the generic model (the defaults of
`assistant.abstain.AbstainConfig`, for indexes with no fit of their own).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, save  # noqa: E402
from bench.tuning_file import write_fit  # noqa: E402

CALIBRATION = ROOT / "eval" / "abstain_calibration.jsonl"
DEV = ROOT / "eval" / "dev_questions.jsonl"
HELD_OUT = [ROOT / "eval" / n for n in ("questions.jsonl", "fresh_questions.jsonl",
                                        "blind_questions.jsonl")]


def read(path: Path) -> list[tuple[str, bool]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["question"], bool(r["answerable"])) for r in rows]


def features(qa, questions: list[tuple[str, bool]], names) -> tuple[np.ndarray, np.ndarray]:
    xs = []
    for q, _ in questions:
        f = qa.coverage(q)
        xs.append([f[n] for n in names])
    return np.array(xs), np.array([y for _, y in questions])


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """Newton's method on  0.5·|w|² + C·Σ balanced-weight log-loss  (intercept unpenalised),
    the objective of scikit-learn's LogisticRegression(C=c, class_weight="balanced")."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    sw = np.where(y, n / (2 * y.sum()), n / (2 * (~y).sum()))
    w = np.zeros(d + 1)
    reg = np.eye(d + 1)
    reg[d, d] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = reg @ w + c * xb.T @ (sw * (p - y))
        hess = reg + c * (xb.T * (sw * p * (1 - p))) @ xb
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:d], float(w[d])


def rates(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    answered = p >= threshold
    return {
        "false_abstain_rate": float((~answered & y).sum() / max(y.sum(), 1)),
        "abstention_recall": float((~answered & ~y).sum() / max((~y).sum(), 1)),
        "questions": int(len(y)),
    }


def without_examples(data, *, keep_examples: bool = False):
    """``data`` as an index built from the same articles without out-of-scope questions and
    (unless ``keep_examples``) without example questions or the fit made with them."""
    import dataclasses

    data = dataclasses.replace(data, outside=[], outside_vecs=data.outside_vecs[:0])
    if keep_examples:
        return data
    docs = {k: dataclasses.replace(d, examples=[], examples_sha256="")
            for k, d in data.documents.items()}
    manifest = {k: v for k, v in data.manifest.items() if k != "tuning"}  # its fit needs them
    return dataclasses.replace(data, documents=docs, example_vecs=data.example_vecs[:0],
                               adapter=None, manifest=manifest)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=None)
    ap.add_argument("--C", type=float, default=10.0, help="inverse regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.40, help="answer when p >= this")
    ap.add_argument("--without-examples", action="store_true",
                    help="fit the model for indexes without example or out-of-scope questions")
    ap.add_argument("--write", action="store_true",
                    help="store the fit in data/articles/quotewise.tuning.json")
    ap.add_argument("--without-out-of-scope", action="store_true",
                    help="fit the model for indexes with example questions but no out-of-scope ones")
    args = ap.parse_args(argv)
    from assistant import Assistant
    from assistant.abstain import COVERAGE_FEATURES, AbstainConfig

    qa = Assistant.load_or_build(args.index)
    if args.without_examples or args.without_out_of_scope:
        stripped = without_examples(qa.data, keep_examples=not args.without_examples)
        qa = Assistant(stripped, qa.embedder, index_root=qa.index_root)
    current = qa.abstain_config
    names = (COVERAGE_FEATURES[:4] if args.without_examples
             else COVERAGE_FEATURES[:5] if args.without_out_of_scope else COVERAGE_FEATURES)
    sets = {"calibration": read(CALIBRATION), "dev": read(DEV)}
    sets.update({f"held out: {p.name}": read(p) for p in HELD_OUT})
    data = {name: features(qa, qs, names) for name, qs in sets.items()}
    x = np.vstack([data["calibration"][0], data["dev"][0]])
    y = np.concatenate([data["calibration"][1], data["dev"][1]])
    coef, intercept = fit_logistic(x, y, args.C)
    fitted = AbstainConfig(features=names, coef=tuple(round(float(v), 4) for v in coef),
                           intercept=round(intercept, 4), min_probability=args.threshold)
    print(f"features={names}, coef={fitted.coef}, intercept={fitted.intercept}, "
          f"min_probability={args.threshold}")
    lines = ["| set | questions | model | false-abstain | abstention recall |", "|---|---|---|---|---|"]
    results = {"features": names, "coef": fitted.coef, "intercept": fitted.intercept,
               "threshold": args.threshold}
    for name, (xs, ys) in data.items():
        for label, cfg in (("fitted now", fitted), ("in use before", current)):
            p = np.array([cfg.probability(dict(zip(names, row))) for row in xs])
            r = rates(p, ys, cfg.min_probability)
            results[f"{name} / {label}"] = r
            lines.append(f"| {name} | {r['questions']} | {label} | {r['false_abstain_rate']:.3f} "
                         f"| {r['abstention_recall']:.3f} |")
    print("\n".join(lines))
    variant = ("-without-examples" if args.without_examples
               else "-without-out-of-scope" if args.without_out_of_scope else "")
    save(f"abstention{variant}", results)
    if args.write and not variant:
        values = {"features": names, "coef": fitted.coef, "intercept": fitted.intercept,
                  "min_probability": args.threshold}
        print("wrote", write_fit("abstain", values, model_id=qa.data.model_id,
                                 fitted_on="eval/abstain_calibration.jsonl + "
                                           "eval/dev_questions.jsonl"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
