"""The ONNX query encoder: a private, sealed copy per index, checked before it is run, repaired
by any ingest; a damaged one never reaches onnxruntime."""

from __future__ import annotations

import shutil

import pytest

from index import FakeEmbedder, OnnxEmbedder, SentenceTransformerEmbedder, build_index, load_index
from index.build import encoder_cache_dir
from index.embedder import encoder_damage, embedder_for_index
from ingest.errors import IndexDamagedError


class StubModel(SentenceTransformerEmbedder):
    """The real model's id and dimension with fake vectors and a fake (byte-stable) export, so
    the encoder plumbing is tested without torch."""

    exports = 0

    def embed_batch(self, texts):
        return FakeEmbedder(dim=self.dim).embed_batch(texts)

    def count_tokens(self, text):
        return len(text.split()) * 2 + 2

    def export_onnx(self, target):
        type(self).exports += 1
        target.mkdir(parents=True, exist_ok=True)
        (target / "model.onnx").write_bytes(bytes(range(256)) * 64)
        (target / "tokenizer.json").write_text("{}")
        return target


@pytest.fixture
def stub(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWISE_CACHE", str(tmp_path / "cache"))
    StubModel.exports = 0
    return StubModel()


@pytest.fixture(scope="module")
def texts(tmp_path_factory, articles):
    """The three articles without their example questions and settings: the encoder is the
    same whatever the corpus, and a fit of the 384-dimensional adapter on 1,600 example
    questions took most of these tests' time."""
    folder = tmp_path_factory.mktemp("texts")
    for f in sorted(articles.glob("*.txt")):
        shutil.copy(f, folder)
    assert len(list(folder.iterdir())) == 3
    return folder


def _corrupt(path, at=4096, n=4096):
    raw = bytearray(path.read_bytes())
    raw[at:at + n] = b"\xff" * len(raw[at:at + n])
    path.write_bytes(bytes(raw))


def test_damage_to_one_index_encoder_reaches_no_other(tmp_path, texts, stub):
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        build_index([texts], root, embedder=stub, progress=False)
    cache = encoder_cache_dir(stub)
    assert StubModel.exports == 1  # exported once, copied twice
    inodes = {(d / "model.onnx").stat().st_ino for d in (a / "encoder", b / "encoder", cache)}
    assert len(inodes) == 3  # copies, not hard links

    _corrupt(a / "encoder" / "model.onnx")
    assert encoder_damage(b / "encoder") is None and encoder_damage(cache) is None
    assert isinstance(embedder_for_index(load_index(b).manifest, b), OnnxEmbedder)
    fallback = embedder_for_index(load_index(a).manifest, a)
    assert not isinstance(fallback, OnnxEmbedder)  # the damaged export is never run
    assert "damaged" in fallback.warning and "quotewise ingest" in fallback.warning


def test_unchanged_reingest_repairs_the_encoder(tmp_path, texts, stub):
    root = tmp_path / "ix"
    build_index([texts], root, embedder=stub, progress=False)
    _corrupt(root / "encoder" / "model.onnx")
    rep = build_index([texts], root, embedder=stub, progress=False)
    assert len(rep.unchanged) == 3 and not rep.changed
    assert encoder_damage(root / "encoder") is None
    assert (root / "encoder" / "model.onnx").read_bytes() == bytes(range(256)) * 64


def test_damaged_cache_is_exported_again_before_copying(tmp_path, texts, stub):
    build_index([texts], tmp_path / "a", embedder=stub, progress=False)
    _corrupt(encoder_cache_dir(stub) / "model.onnx")
    build_index([texts], tmp_path / "b", embedder=stub, progress=False)
    assert StubModel.exports == 2 and encoder_damage(tmp_path / "b" / "encoder") is None


def test_unloadable_encoder_is_a_one_line_error(tmp_path):
    enc = tmp_path / "encoder"
    enc.mkdir()
    (enc / "model.onnx").write_bytes(b"\x08\x07garbage, truncated")
    (enc / "tokenizer.json").write_text("{}")
    with pytest.raises(IndexDamagedError, match="quotewise ingest") as err:
        OnnxEmbedder(enc).embed_query("hello")
    assert "\n" not in str(err.value)


@pytest.mark.slow
def test_truncated_real_encoder_falls_back_and_reingest_repairs(real_index, tmp_path, articles):
    from assistant import Assistant

    root = tmp_path / "ix"
    shutil.copytree(real_index, root)
    model = root / "encoder" / "model.onnx"
    model.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    qa = Assistant.load(root)
    assert "quotewise ingest" in qa.warning
    assert qa.ask("how do I get him to trust me again").quotes  # same model, slower path
    build_index([articles], root, progress=False)
    assert encoder_damage(root / "encoder") is None
    assert Assistant.load(root).warning is None
