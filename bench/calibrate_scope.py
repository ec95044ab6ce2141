"""Fit when an answer is marked "partial": the articles cover a question only in part.

    .venv/bin/python bench/calibrate_scope.py [--index DIR] [--max-partial 0.075] [--write]

An answered question whose abstention probability (`AbstainConfig.probability`) falls under
``partial_probability`` gets coverage "partial" and a scope note instead of reading as a direct
answer. This tries thresholds on the real people's dev questions (eval/real/dev.jsonl only;
the test split is never read) and keeps the highest one whose share of answerable questions
(safety included) marked "partial" stays within ``--max-partial`` (half of the 0.15 the
issue allows, as a margin for unseen questions), reporting for each the share of near-topic
questions not answered as "direct". ``--write`` adds it to the abstain section of
data/articles/quotewise.tuning.json with its provenance; run it after
bench/calibrate_abstention.py, whose ``--write`` replaces that section. Since the ninth session
the shipped fit has no band: bench/fit_scope_model.py's model replaces it (on the
cross-validated dev letters the band added one near-topic letter not "direct" for three
answerable ones marked "partial").
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, save  # noqa: E402
from bench.tuning_file import write_fit  # noqa: E402

DEV = ROOT / "eval" / "real" / "dev.jsonl"
GRID = (None, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=None)
    ap.add_argument("--max-partial", type=float, default=0.075)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    from assistant import Assistant

    base = Assistant.load_or_build(args.index)
    rows = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    near = [r for r in rows if r.get("scope") == "near-topic"]
    answerable = [r for r in rows if r["answerable"]]
    results, chosen = {}, None
    print("| partial_probability | near-topic not direct | answerable partial | answerable none |")
    print("|---|---|---|---|")
    for pp in GRID:
        qa = Assistant.load(base.index_root, embedder=base.embedder,
                            abstain=replace(base.abstain_config, partial_probability=pp))
        cov = {r["id"]: qa.ask(r["question"]).coverage for r in near + answerable}
        res = {"near_not_direct": sum(cov[r["id"]] != "direct" for r in near) / len(near),
               "answerable_partial": sum(cov[r["id"]] == "partial" for r in answerable)
               / len(answerable),
               "answerable_none": sum(cov[r["id"]] == "none" for r in answerable)
               / len(answerable)}
        results[str(pp)] = res
        print(f"| {pp} | {res['near_not_direct']:.3f} | {res['answerable_partial']:.3f} "
              f"| {res['answerable_none']:.3f} |", flush=True)
        if pp is not None and res["answerable_partial"] <= args.max_partial:
            chosen = pp
    print(f"chosen: {chosen} (highest with answerable partial <= {args.max_partial})")
    save("calibrate_scope", {"results": results, "chosen": chosen,
                             "max_partial": args.max_partial, "questions": str(DEV)})
    if args.write and chosen is not None:
        print("wrote", write_fit("abstain", {"partial_probability": chosen}, merge=True,
                                 model_id=base.data.model_id,
                                 fitted_on=f"eval/real/dev.jsonl (answerable partial <= "
                                           f"{args.max_partial})"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
