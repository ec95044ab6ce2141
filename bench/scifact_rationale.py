"""SciFact rationale selection: do Quotewise's quotes land on SciFact's gold rationale sentences?

    .venv/bin/python bench/scifact_rationale.py --data ../shared/benchmarks/scifact

(`--settings open` or `--settings oracle` runs one setting; per-claim results and the
whole-corpus index are cached in bench/results/, so a rerun only recomputes what is missing;
`--no-cache` forgets the per-claim results, `--rebuild` the index.)

Task. Each SciFact claim is asked verbatim: ``Assistant.ask(claim, max_quotes=N)``. The quotes'
character spans are mapped to SciFact sentences (a sentence is *predicted* when a quote overlaps
at least half of its characters) and scored like the sentence-level "Selection-Only" evaluation
of Wadden et al. (2020): a predicted sentence is correct when it is a gold rationale sentence of
a gold evidence abstract of that claim; P = correct / predicted, R = gold rationale sentences
found / gold rationale sentences, F1; micro-averaged over all claims. Claims without evidence
(SciFact's NOT ENOUGH INFO) have no gold sentences, so every sentence quoted for them is a
false positive. The "strict" columns apply SciFact's own rule as well
(allenai/scifact verisci/evaluate/lib/metrics.py): a sentence of a multi-sentence rationale
counts only if the whole rationale is predicted (90% of rationales are one sentence, so the two
barely differ). Label prediction (SUPPORTS/REFUTES) is out of scope: these are selection-only
figures; an abstention counts as predicting nothing. Unlike SciFact's evaluator, predictions are
not capped at 3 sentences per abstract (SciFact caps only its abstract-level metric).

Settings.
- open: one index of all 5,183 abstracts (one article per abstract: title, blank line, abstract),
  built once with the real model into bench/results/scifact-index-KEY (the .txt files it is
  built from are written to a temp dir, never into the repo); the build's wall and CPU time are
  recorded beside it (scifact-index-KEY.build.json) and printed. Cost: about 1 CPU-second per
  abstract with the torch model (a 31-abstract build of the same kind: 32 CPU-s), so roughly
  1.5 CPU-hours for the corpus, i.e. ~45 min on 2 idle cores and hours on a busy machine.
- oracle: for each claim a tiny index of only its gold abstracts (the evidence abstracts; for a
  claim without evidence, its cited abstracts, so anything quoted is a false positive) is built
  in a temp dir, and the claim is asked there. These tiny builds embed with the ONNX export of
  the same model that Quotewise answers with (index.embedder.OnnxEmbedder; checked equal to the
  torch vectors at run time, max difference ~1e-7) because torch took ~20 s per tiny build on
  this shared machine. A per-claim index rather than filtering the open index's quotes:
  filtering would still let retrieval spend the answer on other abstracts, so it would not
  measure selection within the gold abstracts. (VeriSci's
  oracle run gives claims without evidence no abstract at all, so they cannot cost it
  precision; the "claims with evidence only" rows are the closer comparison.)
- Tuned on train only: max_quotes 1..5 x abstention (on = as shipped, off = min_probability 0),
  by F1, on a seeded random sample of 100 of the 809 train claims (--train-sample); the chosen
  setting is then reported on all 300 dev claims (SciFact's test labels are not public; dev is
  the split BEIR calls test). With abstention on, an answer equals the abstention-off answer
  unless the shipped assistant abstains, so both come from the same runs.

Sentences. The shared corpus stores each abstract as its SciFact sentences joined by one space,
with exact spans only for gold rationale sentences. The other sentence boundaries are recovered
with Quotewise's splitter (ingest.sentences.sentence_spans) on the gaps between gold spans;
97% of gold sentences (1,348 of 1,391) keep their SciFact index this way, so the segmentation
is close to the original. The title is one extra non-rationale unit.

Published anchors (sentence-level; checked 2026-12-01, third session):
- primary: the allenai/scifact README leaderboard (commit a2fd0a0, "Make leaderboard more
  prominent"): VeriSci, test, open setting, sentence-level F1 39.5. That leaderboard's
  sentence-level score needs the predicted label right too (Selection+Label), so it is
  stricter than the Selection-Only figures here.
- the SciFact paper's own tables (Wadden et al., EMNLP 2020, arXiv 2004.14974, Tables 3-4) were
  not readable from here; the stored copies of the paper stop before them.
- second-hand, not checked against their papers (printed beside ours, marked): VeriSci, dev,
  open, Selection-Only P/R/F1 54.3 / 43.4 / 48.3, RerrFact's Table 4 (Rana et al., SDU@AAAI
  2022) as copied in the fenglinbei/fact-checking repository; VeriSci, dev, oracle abstract,
  Selection-Only 79.4 / 59.0 / 67.7 from a third party's re-run of the released VeriSci
  checkpoints with SciFact's scorer (chizo4/SciFCheX, results/pipeline/); VerT5erini, dev,
  open, Selection-Only 65.9 / 56.0 / 60.6 from its authors' experiment notes (castorini
  pygaggle, experiments/vert5erini).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.common import RESULTS, save, timer  # noqa: E402
from ingest.sentences import sentence_spans  # noqa: E402


def corpus_key(data: Path) -> str:
    return hashlib.sha256((data / "corpus.jsonl").read_bytes()).hexdigest()[:12]


def load_corpus(data: Path) -> dict[str, dict]:
    return {d["_id"]: d for d in map(json.loads, open(data / "corpus.jsonl", encoding="utf-8"))}


def article_text(doc: dict) -> tuple[str, int]:
    """The .txt Quotewise ingests for one abstract: title, blank line, abstract. Returns the text
    and the offset of the abstract in it (gold spans are offsets into the abstract)."""
    head = doc["title"].strip() + "\n\n" if doc["title"].strip() else ""
    return head + doc["text"], len(head)


def write_articles(corpus: dict[str, dict], ids, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in ids:
        p = folder / f"{i}.txt"
        text = article_text(corpus[i])[0]
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")


def open_index(data: Path, corpus: dict[str, dict], embedder, rebuild: bool = False) -> tuple[Path, dict]:
    """The whole-corpus index (one document per abstract), built once and cached in
    bench/results/scifact-index-KEY; the .txt files it is built from live in a temp dir, never
    in the repo. Returns the index dir and its build record (seconds it took)."""
    from index.build import build_index

    key = corpus_key(data)
    root = RESULTS / f"scifact-index-{key}"
    record_path = RESULTS / f"scifact-index-{key}.build.json"
    if root.exists() and record_path.exists() and not rebuild:
        return root, json.loads(record_path.read_text())
    articles = Path(tempfile.gettempdir()) / f"quotewise-scifact-{key}" / "articles"
    write_articles(corpus, corpus, articles)
    t, cpu = timer(), time.process_time()
    report = build_index([articles], root, embedder=embedder, progress=False,
                         on_message=lambda m: print(m, file=sys.stderr))
    record = {"seconds": round(t(), 1), "cpu_seconds": round(time.process_time() - cpu, 1),
              "load_average_after": [round(x, 1) for x in os.getloadavg()],
              "documents": report.documents, "chunks": report.chunks,
              "sentences": report.sentences, "cpus": os.cpu_count(), "summary": report.summary()}
    print(f"built the SciFact index in {record['seconds']:.0f} s: {record['summary']}", file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    record_path.write_text(json.dumps(record, indent=2))
    return root, record


# -- SciFact sentences ----------------------------------------------------------------------------
# The shared corpus keeps each abstract as one string (its SciFact sentences joined with one
# space); only the gold rationale sentences come with exact spans. The other sentence boundaries
# are recovered with Quotewise's own splitter, run separately on each gap between gold spans, so
# every gold sentence is exactly one unit. `segmentation_check` measures how often the unit index
# of a gold sentence equals its SciFact index (i.e. how faithfully the sentences before it were
# recovered).

def load_claims(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def gold_spans(claim_sets) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {}
    for claims in claim_sets:
        for c in claims:
            for doc, sets in c["evidence"].items():
                for r in sets:
                    out.setdefault(doc, set()).update((q["start"], q["end"]) for q in r["quotes"])
    return out


class Sentences:
    """SciFact sentence units of every abstract, in the coordinates of the ingested article text
    (title, blank line, abstract). The title is one extra unit (index -1): SciFact never marks it
    as a rationale, so a quote of it counts as a wrong sentence."""

    def __init__(self, corpus: dict[str, dict], golds: dict[str, set[tuple[int, int]]]):
        self.corpus, self.golds, self.cache = corpus, golds, {}

    def units(self, doc_id: str) -> tuple[list[tuple[int, int]], int]:
        """([(start, end)] in article coordinates, index of sentence 0): the title (if any) comes
        first, then the abstract's sentences."""
        if doc_id in self.cache:
            return self.cache[doc_id]
        doc = self.corpus[doc_id]
        text, off = article_text(doc)
        abstract = doc["text"]
        fixed = sorted(self.golds.get(doc_id, ()))
        spans, pos = [], 0
        for a, b in fixed + [(len(abstract), len(abstract))]:
            if a > pos:
                spans.extend(sentence_spans(abstract, pos, a))
            if b > a:
                spans.append((a, b))
            pos = max(pos, b)
        units = ([(0, off - 2)] if off else []) + [(a + off, b + off) for a, b in spans]
        self.cache[doc_id] = (units, 1 if off else 0)
        return self.cache[doc_id]

    def index_of(self, doc_id: str, start: int, end: int) -> int:
        """SciFact sentence index of a gold span (abstract coordinates) under our segmentation."""
        units, first = self.units(doc_id)
        off = article_text(self.corpus[doc_id])[1]
        return units.index((start + off, end + off)) - first

    def covered(self, doc_id: str, start: int, end: int) -> set[int]:
        """Sentence indices (title = -1) that a quote [start, end) (article coordinates) overlaps
        by at least half of the sentence's characters."""
        units, first = self.units(doc_id)
        out = set()
        for i, (a, b) in enumerate(units):
            if a >= end:
                break
            if min(b, end) - max(a, start) >= 0.5 * (b - a):
                out.add(i - first)
        return out


def segmentation_check(sents: Sentences, claim_sets) -> dict:
    ok = total = 0
    for claims in claim_sets:
        for c in claims:
            for doc, sets in c["evidence"].items():
                for r in sets:
                    for i, q in zip(r["sentences"], r["quotes"]):
                        total += 1
                        ok += sents.index_of(doc, q["start"], q["end"]) == i
    return {"gold_sentences": total, "index_agrees": ok, "share": round(ok / total, 4)}


# -- scoring --------------------------------------------------------------------------------------

def claim_gold(claim: dict) -> tuple[set[tuple[str, int]], list[set[tuple[str, int]]]]:
    """(gold rationale sentences, gold rationales as sets) of one claim, as (doc_id, index)."""
    rationales = [{(doc, i) for i in r["sentences"]} for doc, sets in claim["evidence"].items()
                  for r in sets]
    return set().union(*rationales) if rationales else set(), rationales


def score_claim(pred: set[tuple[str, int]], claim: dict) -> dict[str, int]:
    """Counts for one claim. `correct`: predicted sentences that are gold rationale sentences of a
    gold evidence abstract (the brief's rule). `correct_strict`: SciFact's own sentence-level rule
    (verisci/evaluate/lib/metrics.py): a sentence counts only if every other sentence of its gold
    rationale is predicted too."""
    gold, rationales = claim_gold(claim)
    strict = sum(1 for p in pred & gold if any(p in r and r <= pred for r in rationales))
    return {"retrieved": len(pred), "relevant": len(gold), "correct": len(pred & gold),
            "correct_strict": strict}


def prf(counts: dict[str, int], key: str = "correct") -> dict[str, float]:
    p = counts[key] / counts["retrieved"] if counts["retrieved"] else 0.0
    r = counts[key] / counts["relevant"] if counts["relevant"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f}


def summarize(per_claim: list[dict]) -> dict:
    tot = {k: sum(c[k] for c in per_claim) for k in ("retrieved", "relevant", "correct", "correct_strict")}
    ev = [c for c in per_claim if c["relevant"]]
    return {**prf(tot), "strict": prf(tot, "correct_strict"), "counts": tot,
            "claims": len(per_claim), "claims_with_evidence": len(ev),
            "abstained": sum(c["abstained"] for c in per_claim),
            "fp_on_no_evidence_claims": sum(c["retrieved"] for c in per_claim if not c["relevant"]),
            "quoted_sentences_per_claim": tot["retrieved"] / max(len(per_claim), 1)}


# -- running Quotewise ----------------------------------------------------------------------------

MAX_QUOTES = (1, 2, 3, 4, 5)


def predict(qa, claim: str, sents: Sentences, max_quotes: int) -> set[tuple[str, int]]:
    ans = qa.ask(claim, max_quotes=max_quotes)
    return set().union(*[{(q.doc_id, i) for i in sents.covered(q.doc_id, q.start, q.end)}
                         for q in ans.quotes]) if ans.quotes else set()


def run_claims(get_pair, claims: list[dict], sents: Sentences,
               max_quotes=MAX_QUOTES) -> dict[str, list[dict]]:
    """Per-claim counts for every (max_quotes, abstain) setting. `get_pair(claim)` gives two
    assistants over the same index: with abstention off (min_probability 0) and as shipped.
    With abstention on, an answer is the abstention-off answer unless the shipped assistant
    abstains (the evidence path is the same whenever it does not), so each claim costs five
    abstention-off asks plus one shipped ask."""
    out: dict[str, list[dict]] = {}
    for n, c in enumerate(claims, 1):
        qa_off, qa_on = get_pair(c)
        abstains = qa_on.ask(c["claim"], max_quotes=1).abstained
        for mq in max_quotes:
            pred = predict(qa_off, c["claim"], sents, mq)
            for abstain in (False, True):
                p = set() if abstain and abstains else pred
                rec = {"id": c["id"], "abstained": bool(abstain and abstains),
                       "pred": sorted([d, i] for d, i in p), **score_claim(p, c)}
                out.setdefault(key(mq, abstain), []).append(rec)
        if n % 50 == 0:
            print(f"  {n}/{len(claims)} claims", file=sys.stderr)
    return out


def key(mq: int, abstain: bool) -> str:
    return f"max_quotes={mq},abstain={'on' if abstain else 'off'}"


def assistants(root: Path, embedder=None):
    from dataclasses import replace

    from assistant import Assistant

    on = Assistant.load(root, embedder=embedder)
    off = Assistant(on.data, on.embedder, abstain=replace(on.abstain_config, min_probability=0.0),
                    index_root=root)
    return off, on


def fast_embedder(embedder, corpus):
    """The ONNX export of the same model (what Quotewise answers with), for the per-claim
    oracle builds: torch took ~20 s per tiny build on this shared 2-core machine. Its vectors are
    checked against the torch model's here; falls back to torch if there is no export yet."""
    import numpy as np

    from index.build import encoder_cache_dir
    from index.embedder import OnnxEmbedder, SentenceTransformerEmbedder

    enc = encoder_cache_dir(embedder)
    if not (enc / "model.onnx").exists():
        return SentenceTransformerEmbedder(batch_size=8), {"onnx": None}
    onnx = OnnxEmbedder(enc, batch_size=8)
    texts = [article_text(corpus[k])[0] for k in list(corpus)[:8]]
    texts += [t.split(". ")[0] for t in texts]
    diff = float(np.abs(onnx.embed(texts) - embedder.embed(texts)).max())
    assert diff < 1e-4, diff
    return onnx, {"onnx": str(enc), "max_abs_diff_vs_torch": diff, "texts": len(texts)}


class Oracle:
    """One tiny index per set of gold abstracts (the claim's evidence abstracts; for a claim with
    no evidence, its cited abstracts, so any quote is a false positive), built with the same
    embedder into a temp dir and cached per document set."""

    def __init__(self, corpus, embedder, tmp: Path):
        self.corpus, self.embedder, self.tmp, self.cache = corpus, embedder, tmp, {}
        self.build_seconds = 0.0

    def docs(self, claim: dict) -> tuple[str, ...]:
        return tuple(sorted(claim["evidence"] or map(str, claim["cited_doc_ids"])))

    def __call__(self, claim: dict):
        from index.build import build_index

        ids = self.docs(claim)
        if ids not in self.cache:
            folder = self.tmp / f"o{len(self.cache)}"
            write_articles(self.corpus, ids, folder / "articles")
            t = timer()
            build_index([folder / "articles"], folder / "index", embedder=self.embedder,
                        progress=False, export_encoder=False)
            self.build_seconds += t()
            self.cache[ids] = assistants(folder / "index", self.embedder)
        return self.cache[ids]


# -- published anchors ----------------------------------------------------------------------------

ANCHORS = [  # (what, split, F1 or None, note) — see the module docstring for sources
    ("VeriSci open, Selection+Label (label must be right too)", "test", "39.5",
     "allenai/scifact README leaderboard"),
    ("VeriSci open, Selection-Only", "dev", "48.3",
     "P 54.3 / R 43.4; RerrFact Table 4, second-hand; unverified"),
    ("VeriSci oracle abstract, Selection-Only", "dev", "67.7",
     "P 79.4 / R 59.0; third-party re-run of the released model; unverified"),
    ("VerT5erini open, Selection-Only", "dev", "60.6",
     "P 65.9 / R 56.0; the authors' experiment notes"),
]


# -- main -----------------------------------------------------------------------------------------

def cached_run(name: str, fn):
    """Per-claim results are cached in bench/results/ so an interrupted run resumes."""
    path = RESULTS / f"scifact_rationale-cache-{name}.json"
    if path.exists():
        return json.loads(path.read_text())
    out = fn()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/benchmarks/scifact")
    ap.add_argument("--train-sample", type=int, default=100, help="train claims for the sweep")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--settings", default="open,oracle")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the whole-corpus index")
    ap.add_argument("--no-cache", action="store_true", help="ignore cached per-claim results")
    args = ap.parse_args(argv)
    wall = timer()
    import random

    from assistant import Assistant  # noqa: F401  (import errors surface before any work)
    from index.embedder import SentenceTransformerEmbedder

    data = Path(args.data)
    corpus = load_corpus(data)
    train, dev = load_claims(data / "claims_train.jsonl"), load_claims(data / "claims_dev.jsonl")
    sample = sorted(random.Random(args.seed).sample(train, min(args.train_sample, len(train))),
                    key=lambda c: c["id"])
    sents = Sentences(corpus, gold_spans([train, dev]))
    seg = segmentation_check(sents, [train, dev])
    key_ = corpus_key(data)
    if args.no_cache:
        for p in RESULTS.glob("scifact_rationale-cache-*.json"):
            p.unlink()
    embedder = SentenceTransformerEmbedder()
    results = {"data": str(data), "corpus_key": key_, "segmentation": seg,
               "train_sample": {"claims": len(sample), "of": len(train), "seed": args.seed,
                                "with_evidence": sum(bool(c["evidence"]) for c in sample)},
               "dev": {"claims": len(dev), "with_evidence": sum(bool(c["evidence"]) for c in dev)},
               "settings": {}, "anchors": [list(a) for a in ANCHORS]}
    rows = []
    with tempfile.TemporaryDirectory(prefix="quotewise-scifact-oracle-") as tmp:
        for setting in args.settings.split(","):
            t = timer()
            if setting == "open":
                root, record = open_index(data, corpus, embedder, rebuild=args.rebuild)
                pair = assistants(root)
                for doc_id, doc in corpus.items():  # the offsets we score against are the index's
                    assert pair[1].data.documents[doc_id].text == article_text(doc)[0], doc_id
                get_pair = lambda c, pair=pair: pair  # noqa: E731
                info = {"index": str(root), "build": record}
            else:
                oracle_embedder, check = fast_embedder(embedder, corpus)
                get_pair = Oracle(corpus, oracle_embedder, Path(tmp))
                info = {"index": "one temp index per claim's gold abstract set",
                        "embedder": type(oracle_embedder).__name__, "embedder_check": check}
            sweep = cached_run(f"{key_}-{setting}-train{len(sample)}s{args.seed}",
                               lambda: run_claims(get_pair, sample, sents))
            table = {k: summarize(v) for k, v in sweep.items()}
            best = max(table, key=lambda k: (round(table[k]["F1"], 6), -int(k.split(",")[0].split("=")[1])))
            mq = int(best.split(",")[0].split("=")[1])
            abstain = best.endswith("on")
            dev_runs = cached_run(f"{key_}-{setting}-dev-mq{mq}",
                                  lambda: run_claims(get_pair, dev, sents, max_quotes=(mq,)))
            dev_sum = summarize(dev_runs[best])
            ev_only = summarize([c for c in dev_runs[best] if c["relevant"]])
            info.update({"train_sweep": table, "chosen": {"max_quotes": mq, "abstain": abstain},
                         "train": table[best], "dev": dev_sum, "dev_evidence_claims_only": ev_only,
                         "dev_other_abstain_choice": summarize(dev_runs[key(mq, not abstain)]),
                         "dev_per_claim": dev_runs[best], "seconds": round(t(), 1)})
            if setting == "oracle":
                info["oracle_build_seconds"] = round(get_pair.build_seconds, 1)
                info["oracle_indexes"] = len(get_pair.cache)
            results["settings"][setting] = info
            label = f"{setting} (max_quotes={mq}, abstain {'on' if abstain else 'off'})"
            rows.append((label, f"train ({len(sample)} sampled)", table[best]))
            rows.append((label, "dev", dev_sum))
            rows.append((label, "dev, claims with evidence only", ev_only))
    results["wall_seconds"] = round(wall(), 1)
    save("scifact_rationale", results)

    print("| setting | split | P | R | F1 | strict P | strict R | strict F1 | claims |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, split, m in rows:
        s = m["strict"]
        print(f"| {label} | {split} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | "
              f"{s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | {m['claims']} |")
    for name, split, value, note in ANCHORS:
        print(f"| {name} (published) | {split} | | | {value or 'not found'} | | | | {note} |")
    print()
    for setting, info in results["settings"].items():
        print(f"train sweep, {setting}: " + ", ".join(
            f"{k.replace('max_quotes=', 'mq').replace(',abstain=', '/')} {v['F1']:.3f}"
            for k, v in info["train_sweep"].items()))
    if "open" in results["settings"]:
        b = results["settings"]["open"]["build"]
        print(f"whole-corpus index: {b['documents']} abstracts, {b['chunks']} chunks, "
              f"{b['sentences']} sentences, built in {b['seconds']:.0f} s on {b['cpus']} cores")
    print(f"segmentation: {seg['index_agrees']}/{seg['gold_sentences']} gold sentences keep their "
          f"SciFact index; wall time {results['wall_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
