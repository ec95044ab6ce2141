"""Exact search for small corpora, HNSW above the measured limit, same answers either way."""

import faiss
import numpy as np

from index.dense import HNSW_EF_SEARCH, build_dense, search_dense


def _vecs(n, d=32, seed=0):
    v = np.random.default_rng(seed).standard_normal((n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_small_corpora_get_exact_search_large_ones_hnsw(tmp_path):
    v = _vecs(3000)
    exact = build_dense(v)
    approx = build_dense(v, exact_limit=1000)
    assert isinstance(exact, faiss.IndexFlatIP) and isinstance(approx, faiss.IndexHNSWFlat)
    faiss.write_index(approx, str(tmp_path / "h.faiss"))
    approx = faiss.read_index(str(tmp_path / "h.faiss"))
    assert approx.hnsw.efSearch == HNSW_EF_SEARCH  # the search breadth survives a reload
    recall = []
    for q in _vecs(50, seed=1):
        _, a = search_dense(exact, q, 10)
        _, b = search_dense(approx, q, 10)
        recall.append(len(set(a) & set(b)) / 10)
    assert np.mean(recall) >= 0.9


def test_k_larger_than_corpus():
    s, i = search_dense(build_dense(_vecs(3)), _vecs(1)[0], 10)
    assert len(i) == 3 and list(s) == sorted(s, reverse=True)
