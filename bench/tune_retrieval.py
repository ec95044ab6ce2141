"""Measure answer quality while trying evidence settings, the way the defaults were chosen.

    .venv/bin/python bench/tune_retrieval.py [--index DIR] [--grid] [--fusion-grid] [--show-misses]
                                             [--write]

``--write`` stores the best grid setting, with its provenance, in
data/articles/quotewise.tuning.json (`bench.tuning_file`); the next ingest carries it into the
index.

The tuning objective is the mean hit rate over three sources, none of them a held-out set:

* ``cv``  — the example questions beside the articles, cross-validated: each fold's questions
  are asked of an index whose adapter and example matching were fitted without them (their
  golds are the 1-3 sentences each was written for, so these rates run lower);
* ``dev`` — eval/dev_questions.jsonl;
* ``questions`` — eval/questions.jsonl (its misses were read in earlier rounds).

eval/fresh_questions.jsonl and eval/blind_questions.jsonl are printed for reference only
(``--held-out``); choose settings on the objective, never on them. Abstention is switched off
here so that hit rates measure retrieval alone (bench/calibrate_abstention.py fits it after).
``--fusion-grid`` scores fusion weights the same way, by the MRR of chunk search (the first
search hit overlapping a gold quote by half), which is what `Assistant.search` and the
LangChain retriever return.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, save  # noqa: E402
from bench.tuning_file import write_fit  # noqa: E402

FOLDS = 5
TUNING = {"dev": ROOT / "eval" / "dev_questions.jsonl",
          "questions": ROOT / "eval" / "questions.jsonl"}
HELD_OUT = {"fresh": ROOT / "eval" / "fresh_questions.jsonl",
            "blind": ROOT / "eval" / "blind_questions.jsonl"}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def hit(qa, question: dict, answer) -> bool:
    """Some quote overlaps some gold quote by at least half of the gold's characters."""
    for g in question.get("gold", []):
        text = qa.document(g["doc_id"]).text
        at = text.find(g["quote"])
        if at < 0:
            continue
        end = at + len(g["quote"])
        for q in answer.quotes:
            if q.doc_id == g["doc_id"] and min(q.end, end) - max(q.start, at) >= len(g["quote"]) / 2:
                return True
    return False


def hit_rate(qa, questions: list[dict], max_quotes=None, misses=None) -> float:
    hits = []
    for q in questions:
        if not q.get("answerable", True):
            continue
        a = qa.ask(q["question"], max_quotes=max_quotes)
        hits.append(not a.abstained and hit(qa, q, a))
        if misses is not None and not hits[-1]:
            misses.append((q["question"], [x.section for x in a.quotes]))
    return statistics.mean(hits) if hits else float("nan")


def chunk_mrr(qa, questions: list[dict], k: int = 10) -> float:
    """Mean reciprocal rank of the first search hit overlapping a gold quote by half."""
    rr = []
    for q in questions:
        if not q.get("answerable", True):
            continue
        first = 0.0
        for rank, h in enumerate(qa.search(q["question"], k=k), 1):
            c = h.chunk
            for g in q["gold"]:
                text = qa.document(g["doc_id"]).text
                at = text.find(g["quote"])
                end = at + len(g["quote"])
                if at >= 0 and c.doc_id == g["doc_id"] and \
                        min(c.end, end) - max(c.start, at) >= len(g["quote"]) / 2:
                    first = 1.0 / rank
                    break
            if first:
                break
        rr.append(first)
    return statistics.mean(rr) if rr else float("nan")


def measure_fusion(base, cv_folds, sets, fusion) -> dict[str, float]:
    from assistant import Assistant

    out = {}
    if cv_folds:
        rates = [(chunk_mrr(Assistant(d, base.embedder, fusion=fusion), held), len(held))
                 for d, held in cv_folds]
        out["cv"] = sum(r * n for r, n in rates) / sum(n for _, n in rates)
    qa = Assistant(base.data, base.embedder, fusion=fusion, index_root=base.index_root)
    for name, questions in sets.items():
        out[name] = chunk_mrr(qa, questions)
    out["objective"] = statistics.mean([out[n] for n in ("cv", "dev", "questions") if n in out])
    return out


def folds(data, k: int = FOLDS):
    """(index data without every k-th example question, those questions as labelled ones)."""
    from index.build import fit_query_adapter

    for fold in range(k):
        docs, keep, held, i = {}, [], [], 0
        for doc in data.documents.values():
            kept = []
            for e in doc.examples:
                if i % k == fold:
                    held.append({"question": e.question, "answerable": True,
                                 "gold": [{"doc_id": doc.doc_id, "quote": doc.text[a:b]}
                                          for a, b in e.spans]})
                else:
                    kept.append(e)
                    keep.append(i)
                i += 1
            docs[doc.doc_id] = dataclasses.replace(doc, examples=kept)
        sub = dataclasses.replace(data, documents=docs, example_vecs=data.example_vecs[keep],
                                  adapter=None)
        sub.adapter = fit_query_adapter(sub)
        yield sub, held


def measure(base, cv_folds, sets, *, evidence=None, fusion=None, max_quotes=None, misses=None):
    from assistant import Assistant
    from assistant.api import AbstainConfig

    never = AbstainConfig(coef=None, min_evidence=-9.0, min_sentence=-9.0)

    def make(data):
        return Assistant(data, base.embedder, evidence=evidence, fusion=fusion, abstain=never,
                         index_root=base.index_root)

    out = {}
    if cv_folds:
        rates = [(hit_rate(make(d), held, max_quotes), len(held)) for d, held in cv_folds]
        out["cv"] = sum(r * n for r, n in rates) / sum(n for _, n in rates)
    qa = make(base.data)
    for name, questions in sets.items():
        out[name] = hit_rate(qa, questions, max_quotes, misses)
    tuned = [out[n] for n in ("cv", "dev", "questions") if n in out]
    out["objective"] = statistics.mean(tuned)
    return out


OBJECTIVE = ("hit rate on cross-validated example questions + eval/dev_questions.jsonl + "
             "eval/questions.jsonl")


def _changed(config, default) -> dict:
    """The settings of ``config`` that differ from the generic ``default``."""
    return {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
            if getattr(config, f.name) != getattr(default, f.name)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", default=None)
    ap.add_argument("--grid", action="store_true", help="try the evidence-weight grid")
    ap.add_argument("--fusion-grid", action="store_true",
                    help="try fusion weights, scored by chunk-search MRR")
    ap.add_argument("--held-out", action="store_true", help="also print the fresh and blind sets")
    ap.add_argument("--show-misses", action="store_true", help="list the dev/questions misses")
    ap.add_argument("--write", action="store_true",
                    help="write the best grid setting into data/articles/quotewise.tuning.json")
    args = ap.parse_args(argv)
    from assistant import Assistant
    from assistant.evidence import EvidenceConfig
    from assistant.retriever import FusionConfig

    base = Assistant.load_or_build(args.index)
    sets = {name: read(p) for name, p in TUNING.items()}
    if args.held_out:
        sets.update({name: read(p) for name, p in HELD_OUT.items()})
    cv_folds = list(folds(base.data)) if len(base.data.example_vecs) else []

    def show(label, m):
        print(f"{label:58} " + " ".join(f"{k}={v:.3f}" for k, v in m.items()), flush=True)

    misses: list = []
    results = {"default": measure(base, cv_folds, sets, misses=misses if args.show_misses else None)}
    show("default", results["default"])
    for q, sections in misses:
        print(f"  MISS {q!r} -> {sections}")
    grid_configs: dict = {}
    if args.grid:
        default = base.tuning.evidence
        for ew, gw, cw, lw, kr in itertools.product((0.25, 0.5, 0.75), (0.0, 0.15, 0.3),
                                                   (0.2, 0.4), (0.05, 0.15), (0.6, 0.7)):
            cfg = dataclasses.replace(default, example_weight=ew, generic_weight=gw,
                                      context_weight=cw, lexical_weight=lw, keep_ratio=kr)
            label = f"example={ew} generic={gw} context={cw} lexical={lw} keep={kr}"
            grid_configs[label] = cfg
            results[label] = measure(base, cv_folds, sets, evidence=cfg)
            show(label, results[label])
        best = max(results, key=lambda k: results[k]["objective"])
        print(f"best on the objective: {best}")
        if args.write:
            chosen = grid_configs[best] if best in grid_configs else default
            print("wrote", write_fit("evidence", _changed(chosen, EvidenceConfig()),
                                     fitted_on=OBJECTIVE, model_id=base.data.model_id))
    if args.fusion_grid:
        default = base.tuning.fusion
        fused = {}
        for chunk, sent, head, bm25, example in itertools.product(
                (0.5, 1.0), (1.0, 1.5, 2.0), (0.0, 0.25, 0.5), (0.5, 1.0), (0.0, 1.0, 1.5)):
            cfg = dataclasses.replace(default, chunk=chunk, sent=sent, head=head, bm25=bm25,
                                      example=example)
            label = f"chunk={chunk} sent={sent} head={head} bm25={bm25} example={example}"
            grid_configs[label] = cfg
            fused[label] = measure_fusion(base, cv_folds, sets, cfg)
            show("MRR " + label, fused[label])
        best = max(fused, key=lambda k: fused[k]["objective"])
        print(f"best on the objective: {best}")
        results["fusion"] = fused
        if args.write:
            print("wrote", write_fit("fusion", _changed(grid_configs[best], FusionConfig()),
                                     fitted_on=OBJECTIVE.replace("hit rate", "chunk MRR"),
                                     model_id=base.data.model_id))
    save("tune_retrieval", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
