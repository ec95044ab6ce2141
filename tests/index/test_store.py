"""Loading refuses what it cannot trust, with a message saying how to recover."""

from __future__ import annotations

import json
import shutil

import pytest

from index import FakeEmbedder, build_index, load_index
from ingest.errors import IndexDamagedError, IndexIncompatibleError, IndexMissingError


@pytest.fixture
def built(tmp_path, articles_fake_index):
    from tests.conftest import copy_index

    return copy_index(articles_fake_index, tmp_path / "ix")


def _current(root):
    return root / (root / "CURRENT").read_text().strip()


def test_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexMissingError, match="quotewise ingest"):
        load_index(tmp_path / "nope")


def test_index_from_another_model_is_refused(built):
    with pytest.raises(IndexIncompatibleError, match="re-ingest"):
        load_index(built, model_id="sentence-transformers/all-MiniLM-L6-v2")


def test_other_format_version_is_refused(built):
    m = _current(built) / "manifest.json"
    manifest = json.loads(m.read_text())
    manifest["format_version"] = 999
    m.write_text(json.dumps(manifest))
    with pytest.raises(IndexIncompatibleError, match="format version 999"):
        load_index(built)


def test_truncated_file_is_detected(built):
    f = _current(built) / "chunk_vecs.npy"
    f.write_bytes(f.read_bytes()[:100])
    with pytest.raises(IndexDamagedError, match="damaged"):
        load_index(built)


def test_corrupt_file_falls_back_to_previous_version(built, articles, tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(articles, corpus)
    build_index([corpus], built, embedder=FakeEmbedder(), progress=False, prune=True)
    f = _current(built) / "sent_vecs.npy"
    raw = bytearray(f.read_bytes())
    raw[-10] ^= 0xFF
    f.write_bytes(bytes(raw))
    data = load_index(built)
    assert "previous index" in data.extra["warning"]
    assert len(data.documents) == 3


def test_readable_layout(built):
    v = _current(built)
    names = {p.name for p in v.iterdir()}
    assert {"manifest.json", "documents.jsonl", "chunks.jsonl", "sentences.jsonl",
            "dense.faiss", "bm25"} <= names
    manifest = json.loads((v / "manifest.json").read_text())
    assert manifest["chunker"]["max_tokens"] == 200 and manifest["chunker"]["overlap"] == 1
    assert set(manifest["files"]) >= {"chunks.jsonl", "dense.faiss"}
