"""Fit the shipped articles' scope model: whether they speak to the asker, read from the asker's words.

    .venv/bin/python bench/fit_scope_model.py [--terms 2000] [--max-partial 0.06] [--write]
    .venv/bin/python bench/fit_scope_model.py --fresh

`assistant.scope.ScopeModel` is a logistic model over TF-IDF weights of word 1-3-grams. It is
fitted here on the real dev letters (eval/real/dev.jsonl only; the test splits are never read):
answerable letters against near-topic ones (the articles don't answer them: most are the
suspicious partner's side). The model's vectors barely tell those apart (AUC 0.56-0.68,
docs/BENCHMARKS.md); the small words around "me" and "him" do.

Cross-validated on the same five folds as bench/letters_cv.py: each fold's letters are scored
by a model fitted on the other four, so the figures are those of letters the model never saw.
``partial_below`` is the highest threshold whose share of answerable letters (safety included)
marked "partial" by the model stays within ``--max-partial``, over the letters it judges: those
of `index.queries.LONG_QUESTION_CHARS` characters or more. The vocabulary is the ``--terms``
n-grams with the largest weights of a first fit, refitted on them alone. ``--write`` refits on
all the dev letters and writes the ``scope`` section of data/articles/quotewise.tuning.json
with its provenance (`bench.tuning_file.write_fit`), and switches off the abstention-probability
band of bench/calibrate_scope.py, which the model replaces. ``--fresh`` only reports, on the
letters of eval/real/scope_fresh.jsonl (gathered after the model was fitted, never learnt
from), each half apart: what the shipped model marks "partial", and how the whole
pipeline answers them on the shipped index (``--index``, default the project's).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT  # noqa: E402

DEV = ROOT / "eval" / "real" / "dev.jsonl"
FRESH = ROOT / "eval" / "real" / "scope_fresh.jsonl"  # fresh letters, split dev / test
FOLDS, SEED = 5, 7  # bench/letters_cv.py's folds
GRID = [round(0.40 + 0.01 * i, 2) for i in range(21)]


def _text(question: str) -> str:
    """The letter as `Query.text` reads it: whitespace collapsed, shorthand spelled out."""
    from index.queries import expand_shorthand

    return expand_shorthand(" ".join(question.split()))


def graded(rows: list[dict]) -> list[dict]:
    """The letters the model learns from: answerable ones and near-topic ones."""
    return [r for r in rows if r["answerable"] or r.get("scope") == "near-topic"]


def fit(rows: list[dict], *, terms: int = 2000, partial_below: float | None = None) -> dict:
    """The ``scope`` section fitted on ``rows`` (letters of eval/real/dev.jsonl). It judges
    messages of `index.queries.LONG_QUESTION_CHARS` or more only: fitted on letters, it reads a
    one-line question badly (a quarter of the project's answerable questions fell under the
    threshold)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from assistant.scope import _TOKEN

    rows = graded(rows)
    texts, y = [_text(r["question"]) for r in rows], [int(r["answerable"]) for r in rows]

    def model(vocabulary=None):
        vec = TfidfVectorizer(ngram_range=(1, 3), token_pattern=_TOKEN.pattern,
                              sublinear_tf=True, min_df=2 if vocabulary is None else 1,
                              vocabulary=vocabulary)
        x = vec.fit_transform(texts)
        lr = LogisticRegression(C=3.0, max_iter=5000, class_weight="balanced").fit(x, y)
        return vec, lr

    vec, lr = model()
    names = vec.get_feature_names_out()
    keep = sorted(range(len(names)), key=lambda i: -abs(lr.coef_[0][i]))[:terms]
    vec, lr = model(sorted(names[i] for i in keep))
    from index.queries import LONG_QUESTION_CHARS

    return {"ngrams": 3, "min_chars": LONG_QUESTION_CHARS,
            "terms": [str(t) for t in vec.get_feature_names_out()],
            "idf": [round(float(v), 6) for v in vec.idf_],
            "coef": [round(float(v), 6) for v in lr.coef_[0]],
            "intercept": round(float(lr.intercept_[0]), 6), "partial_below": partial_below}


def _model(section: dict):
    """The `assistant.scope.ScopeModel` a ``scope`` section gives, read as the product reads
    a tuning file (`assistant.tuning.from_dict`)."""
    from assistant.tuning import from_dict

    return from_dict({"model": "-", "scope": section}, "-").scope


def folds(rows: list[dict]) -> list[list[dict]]:
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    return [[rows[i] for i in sorted(order[k::FOLDS])] for k in range(FOLDS)]


def cross_validated(rows: list[dict], terms: int) -> dict[str, float]:
    """Each letter's probability from a model fitted without its fold."""
    out = {}
    parts = folds(rows)
    for k, fold in enumerate(parts):
        train = [r for j, f in enumerate(parts) if j != k for r in f]
        m = _model(fit(train, terms=terms))
        out.update({r["id"]: m.probability(_text(r["question"])) for r in fold})
    return out


def held_out(test: list[dict], name: str) -> None:
    """What the shipped model marks "partial" among ``test``, letters it never saw."""
    from index.queries import LONG_QUESTION_CHARS
    from ingest.profile import TUNING_FILE

    raw = json.loads((ROOT / "data" / "articles" / TUNING_FILE).read_text(encoding="utf-8"))
    m = _model(raw["scope"])
    long = [r for r in graded(test) if len(_text(r["question"])) >= LONG_QUESTION_CHARS]
    for kind, keep in (("answerable", lambda r: r["answerable"]),
                       ("near-topic", lambda r: not r["answerable"])):
        xs = [r for r in long if keep(r)]
        print(f"{name}: {kind} letters of {LONG_QUESTION_CHARS}+ characters the model marks "
              f"partial: {sum(m.partial(_text(r['question'])) for r in xs)} / {len(xs)}")


def answered(qa, letters: list[dict], name: str) -> None:
    """How the whole pipeline answers ``letters``: the answerable ones not "direct", and the
    near-topic ones not "direct", each of every length."""
    for kind, keep in (("answerable", lambda r: r["answerable"]),
                       ("near-topic", lambda r: r.get("scope") == "near-topic")):
        xs = [r for r in letters if keep(r)]
        off = sum(qa.ask(r["question"]).coverage != "direct" for r in xs)
        print(f"{name}: {kind} letters answered other than \"direct\": {off} / {len(xs)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--terms", type=int, default=2000)
    ap.add_argument("--max-partial", type=float, default=0.06)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--fresh", action="store_true",
                    help="only report: the shipped model, and the answers of the "
                         "index at --index, on the letters of eval/real/scope_fresh.jsonl, "
                         "which neither saw")
    ap.add_argument("--index", default=None,
                    help="the shipped articles' index for --fresh (default: the project's)")
    args = ap.parse_args(argv)
    from sklearn.metrics import roc_auc_score

    rows = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.fresh:
        fresh = [json.loads(x) for x in FRESH.read_text(encoding="utf-8").splitlines()
                 if x.strip()]
        from assistant import Assistant

        qa = Assistant.load(args.index)
        for split in ("scope_fresh_dev", "scope_fresh_test"):
            half = [r for r in fresh if r["split"] == split]
            held_out(half, split)
            answered(qa, half, split)
        return 0
    p = cross_validated(rows, args.terms)
    from index.queries import LONG_QUESTION_CHARS

    long = [r for r in rows if len(_text(r["question"])) >= LONG_QUESTION_CHARS]
    answerable = [r for r in long if r["answerable"]]
    near = [r for r in long if r.get("scope") == "near-topic"]
    auc = roc_auc_score([1] * len(answerable) + [0] * len(near),
                        [p[r["id"]] for r in answerable + near])
    print(f"cross-validated AUC, answerable against near-topic letters of {LONG_QUESTION_CHARS}+ "
          f"characters: {auc:.3f} "
          f"({len(answerable)} / {len(near)})")
    print("| partial_below | near-topic partial | answerable partial |\n|---|---|---|")
    chosen = None
    for t in GRID:
        a = sum(p[r["id"]] < t for r in answerable) / len(answerable)
        n = sum(p[r["id"]] < t for r in near) / len(near)
        print(f"| {t:.2f} | {n:.3f} | {a:.3f} |")
        if a <= args.max_partial:
            chosen = t
    print(f"chosen: {chosen} (highest with answerable partial <= {args.max_partial})")
    if args.write and chosen is not None:
        from bench.tuning_file import write_fit
        from index.embedder import MODEL_ID

        print("wrote", write_fit(
            "scope", fit(rows, terms=args.terms, partial_below=chosen), model_id=MODEL_ID,
            fitted_on=f"eval/real/dev.jsonl, answerable against near-topic letters; "
                      f"partial_below cross-validated (answerable partial <= {args.max_partial}, "
                      f"AUC {auc:.3f})"))
        # The model replaces the abstention-probability band of bench/calibrate_scope.py: on
        # the cross-validated dev letters (bench/letters_cv.py) the band added one near-topic
        # letter not "direct" for three answerable ones marked "partial", beside the model as
        # alone (docs/BENCHMARKS.md, ninth session)
        write_fit("abstain", {"partial_probability": None}, merge=True, model_id=MODEL_ID,
                  fitted_on="superseded by the scope model (bench/fit_scope_model.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
