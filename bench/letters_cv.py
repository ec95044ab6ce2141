"""The real dev letters, read honestly now that they are example questions of the shipped articles.

    .venv/bin/python bench/letters_cv.py [--folds 5] [--work DIR] [--without] [--beside NAME ...]

Since the seventh session the letters of eval/real/dev.jsonl are example questions of
data/articles (an answered letter in the sidecar of each article its gold quotes are in, a letter
the articles don't answer in out-of-scope.questions.jsonl; each line keeps its ``id`` and
``source``). Asked on the shipped index, a dev letter finds itself, so its hit rate says nothing.
This script reads them by cross-validation instead: for each fold, an index of data/articles
without that fold's letters among the examples answers that fold, and the figures are summed
over all letters, each answered once by an index that never saw it (the scope model of
bench/fit_scope_model.py is refitted without the fold too). Figures: hit rate of the
graded letters, mean quoted characters, near-topic letters not answered "direct", answerable
ones "partial" / "none", safety recall / false positives; ``--without`` also runs the same folds
with none of the dev letters among the examples (the shipped files before the letters were added).
``--beside NAME`` also answers each fold with the fold's index built beside
eval/corpora/NAME/articles: whether the shipped articles keep their answers when a library holds
other articles too. Indexes stay in ``--work`` and are brought up to date incrementally, so a
second run after a query-side change costs only the answering.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT  # noqa: E402

DEV = ROOT / "eval" / "real" / "dev.jsonl"
ARTICLES = ROOT / "data" / "articles"
SUFFIX = ".questions.jsonl"


def without(folder: Path, ids: set[str]) -> None:
    """Drop the example lines of the letters ``ids`` from ``folder``'s question files."""
    for path in folder.glob(f"*{SUFFIX}"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [x for x in lines if not x.strip() or json.loads(x).get("id") not in ids]
        path.write_text("".join(kept), encoding="utf-8")


def figures(results: list[dict], rows: dict[str, dict]) -> dict[str, float]:
    graded = [r for r in results if r.get("gold")]
    answered = [r for r in results if not r["answer"].get("abstained")]
    near = [r for r in results if rows[r["id"]].get("scope") == "near-topic"]
    ans = [r for r in results if rows[r["id"]]["kind"] in ("answerable", "safety")]
    safety = [r for r in results if rows[r["id"]]["kind"] == "safety"]
    other = [r for r in results if rows[r["id"]]["kind"] != "safety"]

    def share(xs, test):
        return sum(map(test, xs)) / len(xs) if xs else 0.0

    return {
        "graded": len(graded),
        "hit_rate": share(graded, lambda r: r["verdict"] == "hit"),
        "mean_quoted_chars": (sum(sum(len(q["text"]) for q in r["answer"]["quotes"])
                                  for r in answered) / len(answered)) if answered else 0.0,
        "near_topic_not_direct": share(near, lambda r: r["answer"].get("coverage") != "direct"),
        "answerable_partial": share(ans, lambda r: r["answer"].get("coverage") == "partial"),
        "answerable_none": share(ans, lambda r: r["answer"].get("coverage") == "none"),
        "safety_recall": share(safety, lambda r: r["answer"]["safety"]),
        "safety_false_positives": share(other, lambda r: r["answer"]["safety"]),
    }


def refit_scope(folder: Path, train: list[dict]) -> None:
    """The fold's scope model fitted on ``train`` only (none without letters), with the same
    threshold as the shipped one: the shipped model saw every dev letter."""
    from bench.fit_scope_model import fit
    from ingest.profile import TUNING_FILE

    path = folder / TUNING_FILE
    raw = json.loads(path.read_text(encoding="utf-8"))
    shipped = raw.pop("scope", None)
    if shipped and train:
        raw["scope"] = fit(train, terms=len(shipped["terms"]),
                           partial_below=shipped.get("partial_below"))
    path.write_text(json.dumps(raw), encoding="utf-8")


def run(folds: list[list[dict]], work: Path, *, keep_train: bool,
        beside: str | None = None) -> list[dict]:
    from assistant import Assistant
    from eval.loader import load_eval_set
    from eval.runner import run_eval
    from index import build_index

    everyone = {r["id"] for fold in folds for r in fold}
    results: list[dict] = []
    for k, fold in enumerate(folds):
        folder = work / f"fold{k}" / "articles"
        shutil.rmtree(folder, ignore_errors=True)  # the index beside it is kept and updated
        shutil.copytree(ARTICLES, folder)
        without(folder, {r["id"] for r in fold} if keep_train else everyone)
        refit_scope(folder, [r for f in folds if f is not fold for r in f] if keep_train else [])
        heldout = folder.parent / "heldout.jsonl"
        heldout.write_text("".join(json.dumps(r) + "\n" for r in fold), encoding="utf-8")
        folders = [str(folder)]
        if beside:
            folders.append(str(ROOT / "eval" / "corpora" / beside / "articles"))
        ix = folder.parent / ("ix" if not beside else f"ix+{beside}")
        build_index(folders, ix, progress=False)
        qa = Assistant.load(ix)
        res = folder.parent / ("res" if not beside else f"res+{beside}")
        run_eval(qa, load_eval_set(heldout), res, progress=False)
        results += [json.loads(x) for x in (res / "results.jsonl").open()]
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "quotewise-cv")
    ap.add_argument("--without", action="store_true",
                    help="also run the folds with no dev letter among the examples")
    ap.add_argument("--beside", nargs="+", default=[], metavar="NAME",
                    help="also answer each fold beside eval/corpora/NAME/articles")
    ap.add_argument("--only-beside", action="store_true",
                    help="skip the rows of the shipped articles alone")
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in DEV.open(encoding="utf-8") if x.strip()]
    order = list(range(len(rows)))
    random.Random(7).shuffle(order)
    folds = [[rows[i] for i in sorted(order[k::args.folds])] for k in range(args.folds)]
    by_id = {r["id"]: r for r in rows}
    runs = [] if args.only_beside else [("dev letters as examples, cross-validated", True, None)]
    if args.without and not args.only_beside:
        runs.append(("no dev letters among the examples", False, None))
    runs += [(f"dev letters as examples, cross-validated, beside {name}", True, name)
             for name in args.beside]
    print("| examples | graded | hit | chars | near-topic not direct | answerable partial / none "
          "| safety recall / FP |")
    print("|---|---|---|---|---|---|---|")
    for label, keep, beside in runs:
        f = figures(run(folds, args.work / ("cv" if keep else "none"), keep_train=keep,
                        beside=beside), by_id)
        print(f"| {label} | {f['graded']} | {f['hit_rate']:.3f} | {f['mean_quoted_chars']:,.0f} | "
              f"{f['near_topic_not_direct']:.3f} | {f['answerable_partial']:.3f} / "
              f"{f['answerable_none']:.3f} | {f['safety_recall']:.3f} / "
              f"{f['safety_false_positives']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
