"""Retrieval quality on BEIR SciFact with the project's own embedder, BM25, FAISS and fusion.

    .venv/bin/python bench/beir.py --data ../shared/benchmarks/scifact

Fusion settings (method, BM25 weight) are chosen on the train qrels; nDCG@10 and recall@100 are
reported on the test qrels. Corpus vectors are cached in bench/results/ by content hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.retriever import fuse_scores  # noqa: E402
from bench.common import RESULTS, save, timer  # noqa: E402
from index.dense import build_dense, search_dense  # noqa: E402
from index.embedder import SentenceTransformerEmbedder  # noqa: E402
from index.lexical import bm25_scores, build_bm25  # noqa: E402

ANCHORS = [("BM25 (Pyserini multifield / flat)", "0.665–0.679"),
           ("all-MiniLM-L6-v2 dense (MTEB)", "0.645"), ("SPLADE distil-CoCodenser", "0.699")]


def load(data: Path):
    corpus = [json.loads(line) for line in open(data / "corpus.jsonl", encoding="utf-8")]
    queries = {q["_id"]: q["text"] for q in map(json.loads, open(data / "queries.jsonl", encoding="utf-8"))}

    def qrels(split):
        out: dict[str, dict[str, int]] = {}
        for i, line in enumerate(open(data / "qrels" / f"{split}.tsv", encoding="utf-8")):
            parts = line.strip().split("\t")
            if i == 0 and not parts[-1].isdigit():
                continue
            qid, did, rel = parts[0], parts[1], int(parts[2])
            if rel > 0:
                out.setdefault(qid, {})[did] = rel
        return out

    return corpus, queries, qrels("train"), qrels("test")


def ndcg_at(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    """nDCG@k with graded gains rel (BEIR/pytrec_eval: gain = rel, discount log2(rank+1)).

    >>> round(ndcg_at(["a", "x", "b"], {"a": 1, "b": 1}, 10), 4)
    0.9197
    """
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], rel: dict[str, int], k: int = 100) -> float:
    """Share of relevant documents among the top k.

    >>> recall_at(["a", "x"], {"a": 1, "b": 1}, 100)
    0.5
    """
    return len(set(ranked[:k]) & set(rel)) / len(rel)


def corpus_vectors(texts: list[str]) -> np.ndarray:
    key = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:16]
    cache = RESULTS / f"scifact-vecs-{key}.npy"
    if cache.exists():
        return np.load(cache)
    emb = SentenceTransformerEmbedder(batch_size=64)
    t = timer()
    vecs = emb.embed(texts)
    print(f"embedded {len(texts)} abstracts in {t():.0f} s", file=sys.stderr)
    RESULTS.mkdir(parents=True, exist_ok=True)
    np.save(cache, vecs)
    return vecs


class Runner:
    def __init__(self, corpus, stopwords: str):
        self.ids = [d["_id"] for d in corpus]
        texts = [(d.get("title", "") + " " + d["text"]).strip() for d in corpus]
        self.vecs = corpus_vectors(texts)
        self.dense = build_dense(self.vecs)
        self.bm25 = build_bm25(texts, stopwords=stopwords)
        self.stopwords = stopwords
        self.embedder = SentenceTransformerEmbedder()
        self.qcache: dict[str, np.ndarray] = {}

    def qvecs(self, queries: dict[str, str]):
        todo = [q for q in queries if q not in self.qcache]
        if todo:
            for q, v in zip(todo, self.embedder.embed([queries[q] for q in todo])):
                self.qcache[q] = v

    def signals(self, qid: str, text: str, depth: int = 200):
        dense = self.vecs @ self.qcache[qid]
        bm = bm25_scores(self.bm25, text, stopwords=self.stopwords)
        _, d_ids = search_dense(self.dense, self.qcache[qid], depth)
        b_ids = np.argsort(-bm)[:depth]
        cand = np.unique(np.concatenate([d_ids, b_ids]))
        return cand, {"dense": dense[cand], "bm25": bm[cand]}

    def rank(self, qid, text, mode: str, method="zsum", w_bm25=1.0, rrf_k=60.0) -> list[str]:
        cand, sig = self.signals(qid, text)
        if mode == "dense":
            score = sig["dense"]
        elif mode == "bm25":
            score = sig["bm25"]
        else:
            score = fuse_scores(sig, {"dense": 1.0, "bm25": w_bm25}, method=method, rrf_k=rrf_k)
        order = np.argsort(-score, kind="stable")[:100]
        return [self.ids[cand[i]] for i in order]

    def evaluate(self, queries, qrels, **kw) -> dict[str, float]:
        nd, rc = [], []
        for qid, rel in qrels.items():
            ranked = self.rank(qid, queries[qid], **kw)
            nd.append(ndcg_at(ranked, rel))
            rc.append(recall_at(ranked, rel))
        return {"ndcg@10": float(np.mean(nd)), "recall@100": float(np.mean(rc)), "queries": len(nd)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/benchmarks/scifact")
    ap.add_argument("--stopwords", default="en", choices=["en", "en_plus"])
    args = ap.parse_args(argv)
    corpus, queries, train, test = load(Path(args.data))
    r = Runner(corpus, args.stopwords)
    r.qvecs({q: queries[q] for q in list(train) + list(test)})
    # choose fusion on train
    grid = [("zsum", w, 60.0) for w in (0.3, 0.5, 0.7, 1.0, 1.5)] + \
           [("rrf", w, k) for w in (0.5, 1.0, 1.5) for k in (20.0, 60.0)]
    tuned = []
    for method, w, k in grid:
        m = r.evaluate(queries, train, mode="hybrid", method=method, w_bm25=w, rrf_k=k)
        tuned.append({"method": method, "w_bm25": w, "rrf_k": k, **m})
        print(f"train {method} w_bm25={w} k={k}: nDCG@10 {m['ndcg@10']:.4f}", file=sys.stderr)
    best = max(tuned, key=lambda x: x["ndcg@10"])
    rows = {
        "BM25 (bm25s, stopwords=" + args.stopwords + ")": r.evaluate(queries, test, mode="bm25"),
        "Dense (all-MiniLM-L6-v2, FAISS)": r.evaluate(queries, test, mode="dense"),
        f"Hybrid ({best['method']}, BM25 weight {best['w_bm25']}"
        + (f", k={best['rrf_k']:.0f}" if best["method"] == "rrf" else "") + ")":
            r.evaluate(queries, test, mode="hybrid", method=best["method"], w_bm25=best["w_bm25"],
                       rrf_k=best["rrf_k"]),
    }
    save("beir-scifact", {"test": rows, "train_grid": tuned, "chosen": best})
    print("| retriever | nDCG@10 | recall@100 |\n|---|---|---|")
    for name, m in rows.items():
        print(f"| {name} | {m['ndcg@10']:.3f} | {m['recall@100']:.3f} |")
    for name, v in ANCHORS:
        print(f"| {name} (published) | {v} | – |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
