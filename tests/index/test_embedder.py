"""Embedders: the fake is deterministic and checkable; the ONNX query encoder gives the same
vectors as sentence-transformers."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedder import FakeEmbedder, OnnxEmbedder
from index.store import load_index


def test_fake_embedder_is_deterministic_normalised_and_lexical():
    e = FakeEmbedder()
    a, b, c = e.embed(["give him my passwords", "give him my passwords", "bake bread"])
    np.testing.assert_array_equal(a, b)
    assert abs(np.linalg.norm(a) - 1) < 1e-5
    assert a @ e.embed_query("passwords for him") > a @ c


def test_length_sorted_batches_keep_input_order():
    e = FakeEmbedder()
    e.batch_size = 2
    texts = ["a much longer text about trust and patience", "short", "medium text here", "x"]
    np.testing.assert_allclose(e.embed(texts), np.vstack([e.embed_query(t) for t in texts]), atol=1e-6)


@pytest.mark.slow
def test_onnx_encoder_matches_sentence_transformers(real_index, real_embedder):
    data = load_index(real_index)
    sents = [s.text for s in data.sentences][:64] + ["", "🙂 emoji", "word " * 400]
    onnx = OnnxEmbedder(real_index / "encoder")
    st = real_embedder
    diff = np.abs(onnx.embed(sents) - st.embed(sents)).max()
    assert diff <= 1e-4, diff
    # and the stored sentence vectors are what the query encoder would produce
    used = [i for i, s in enumerate(data.sentences[:64]) if np.linalg.norm(data.sent_vecs[i]) > 0]
    got = onnx.embed([data.sentences[i].text for i in used])
    assert np.abs(got - data.sent_vecs[used]).max() <= 1e-4
