"""FAISS inner-product index: exact for small corpora, HNSW above a measured size.

Vectors are normalised, so inner product is cosine. `bench/scale.py` measured where exact
search stops meeting the latency goal; see docs/BENCHMARKS.md.
"""

from __future__ import annotations

import numpy as np

# Exact search costs ~0.1 ms per 1,000 chunks here (p95 8-15 ms at 100k, 91 ms at 1M on
# 2 cores, bench/scale.py): past 100k it would eat the 15 ms search budget. HNSW with
# efSearch 1024 answers in under 3 ms at recall@10 0.96 even at 1M chunks (smaller efSearch
# loses recall as the graph grows). docs/BENCHMARKS.md has the curve.
EXACT_LIMIT = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 1024


def build_dense(vecs: np.ndarray, *, exact_limit: int = EXACT_LIMIT):
    """An index over ``vecs`` (n x d, normalised float32)."""
    import faiss

    vecs = np.ascontiguousarray(vecs, dtype=np.float32)
    d = vecs.shape[1]
    if vecs.shape[0] <= exact_limit:
        index = faiss.IndexFlatIP(d)
    else:
        index = faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    if vecs.shape[0]:
        index.add(vecs)
    return index


def search_dense(index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` (scores, positions) for one query vector; positions -1 are dropped."""
    k = min(k, index.ntotal)
    if k <= 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int64)
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
