"""How search scales with corpus size: synthetic corpora of 10k to 1M chunks.

    .venv/bin/python bench/scale.py --sizes 10000,100000,1000000 [--queries 200]

Vectors are realistic rather than uniform: each synthetic vector mixes two real
all-MiniLM-L6-v2 vectors (the articles' sentences, plus the 5,183 SciFact abstracts when
bench/beir.py has cached them) at a random ratio, plus a little Gaussian
noise, normalised — so they lie near the low-dimensional region real text occupies instead of
filling all 384 dimensions (uniform random vectors make every neighbour equally far and are
unrealistically hard for approximate search). Queries are perturbed real question vectors. Texts
for BM25 are drawn from a Zipf distribution over the articles' own vocabulary. For each size:
build time, memory (RSS growth), dense search p50/p95 for exact (IndexFlatIP) and HNSW, HNSW
recall@10 against exact, and BM25 build and query times. Writes docs/scaling.png.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, percentile, save  # noqa: E402


def rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def base_vectors():
    """Real sentence vectors of the articles and real question vectors (built once)."""
    from assistant import Assistant

    qa = Assistant.load_or_build(None)
    import json

    qs = [json.loads(line)["question"] for line in open(ROOT / "eval" / "questions.jsonl")]
    qv = qa.embedder.embed(qs)
    words = re.findall(r"[a-z']+", " ".join(d.text.lower() for d in qa.documents()))
    base = [qa.data.sent_vecs[np.linalg.norm(qa.data.sent_vecs, axis=1) > 0]]
    # real MiniLM vectors of 5,183 SciFact abstracts, if bench/beir.py has cached them
    base += [np.load(p) for p in sorted((ROOT / "bench" / "results").glob("scifact-vecs-*.npy"))[:1]]
    return np.vstack(base).astype(np.float32), qv.astype(np.float32), words


def synth_vectors(base: np.ndarray, n: int, rng, noise: float = 0.02) -> np.ndarray:
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    step = 200_000
    for a in range(0, n, step):
        b = min(n, a + step)
        mix = rng.random((b - a, 1)).astype(np.float32)
        v = (mix * base[rng.integers(0, len(base), b - a)]
             + (1 - mix) * base[rng.integers(0, len(base), b - a)]
             + rng.normal(0, noise, (b - a, base.shape[1])).astype(np.float32))
        out[a:b] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def time_queries(index, queries: np.ndarray, k: int = 10):
    from index.dense import search_dense

    times, ids = [], []
    for q in queries:
        t = time.perf_counter()
        _, i = search_dense(index, q, k)
        times.append((time.perf_counter() - t) * 1e3)
        ids.append(i)
    return times, ids


def run_size(n: int, base, qvecs, words, rng, n_queries: int) -> dict:
    import faiss

    from index.dense import HNSW_EF_SEARCH, build_dense
    from index.lexical import bm25_scores, build_bm25

    faiss.omp_set_num_threads(2)
    queries = qvecs[rng.integers(0, len(qvecs), n_queries)] + rng.normal(0, 0.02, (n_queries, qvecs.shape[1])).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    m0 = rss_mib()
    vecs = synth_vectors(base, n, rng)
    row = {"n": n, "vectors_mib": vecs.nbytes / 2**20}
    t = time.perf_counter()
    flat = build_dense(vecs, exact_limit=n)
    row["flat_build_s"] = time.perf_counter() - t
    ft, fids = time_queries(flat, queries)
    row["flat_p50_ms"], row["flat_p95_ms"] = percentile(ft, 50), percentile(ft, 95)
    m1 = rss_mib()
    t = time.perf_counter()
    hnsw = build_dense(vecs, exact_limit=0)
    row["hnsw_build_s"] = time.perf_counter() - t
    row["hnsw_index_mib"] = rss_mib() - m1
    for ef in (64, 128, 256, 512, 1024):  # search breadth: recall against latency
        hnsw.hnsw.efSearch = ef
        ht, hids = time_queries(hnsw, queries)
        row[f"ef{ef}"] = {"p50_ms": percentile(ht, 50), "p95_ms": percentile(ht, 95),
                          "recall@10": float(np.mean([len(set(a) & set(b)) / 10
                                                      for a, b in zip(fids, hids)]))}
    default = row[f"ef{HNSW_EF_SEARCH}"] if f"ef{HNSW_EF_SEARCH}" in row else row["ef128"]
    row["hnsw_p50_ms"], row["hnsw_p95_ms"] = default["p50_ms"], default["p95_ms"]
    row["hnsw_recall@10"] = default["recall@10"]
    row["dense_rss_mib"] = rss_mib() - m0
    del flat, hnsw, vecs
    # BM25 over Zipf-distributed synthetic texts from the articles' vocabulary
    vocab = sorted(set(words), key=words.count, reverse=True)
    p = 1.0 / np.arange(1, len(vocab) + 1)
    p /= p.sum()
    lengths = rng.integers(20, 80, n)
    flat_words = rng.choice(len(vocab), size=int(lengths.sum()), p=p)
    texts, pos = [], 0
    for L in lengths:
        texts.append(" ".join(vocab[i] for i in flat_words[pos:pos + L]))
        pos += L
    m2 = rss_mib()
    t = time.perf_counter()
    bm = build_bm25(texts)
    row["bm25_build_s"] = time.perf_counter() - t
    row["bm25_rss_mib"] = rss_mib() - m2
    bq = [" ".join(rng.choice(vocab[:2000], 6)) for _ in range(n_queries)]
    bt = []
    for q in bq:
        t = time.perf_counter()
        bm25_scores(bm, q)
        bt.append((time.perf_counter() - t) * 1e3)
    row["bm25_p50_ms"], row["bm25_p95_ms"] = percentile(bt, 50), percentile(bt, 95)
    del bm, texts
    return row


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    series = [("dense exact (FlatIP) p95", [r["flat_p95_ms"] for r in rows]),
              ("dense HNSW, efSearch 1024, p95", [r["ef1024"]["p95_ms"] for r in rows]),
              ("BM25 (bm25s) p95", [r["bm25_p95_ms"] for r in rows])]
    for label, ys in series:
        ax.plot(ns, ys, marker="o", label=label)
    ax.axhline(50, color="grey", linestyle="--", linewidth=1, label="50 ms goal")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("search latency, ms (p95, 2 cores)")
    ax.set_title("Quotewise search latency vs corpus size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)


def table(rows: list[dict]) -> str:
    efs = (64, 128, 256, 512, 1024)
    out = ["| chunks | exact search p50 / p95 | HNSW build | HNSW recall@10 (p95) at efSearch "
           + " / ".join(map(str, efs)) + " | dense memory | BM25 build | BM25 p50 / p95 |",
           "|---|---|---|---|---|---|---|"]
    for r in rows:
        rec = " / ".join(f"{r[f'ef{e}']['recall@10']:.3f} ({r[f'ef{e}']['p95_ms']:.2f} ms)" for e in efs)
        out.append(f"| {r['n']:,} | {r['flat_p50_ms']:.2f} / {r['flat_p95_ms']:.2f} ms | "
                   f"{r['hnsw_build_s']:.1f} s | {rec} | {r['dense_rss_mib']:,.0f} MiB | "
                   f"{r['bm25_build_s']:.1f} s | {r['bm25_p50_ms']:.2f} / {r['bm25_p95_ms']:.2f} ms |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    base, qvecs, words = base_vectors()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows.append(run_size(n, base, qvecs, words, rng, args.queries))
        print(rows[-1], file=sys.stderr, flush=True)
    save("scale", rows)
    plot(rows, ROOT / "docs" / "scaling.png")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
