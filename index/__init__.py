"""Embedding, storage and incremental builds of the Quotewise index."""

from index.build import BuildReport, build_index
from index.embedder import (
    MODEL_ID,
    Embedder,
    FakeEmbedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
)
from index.store import IndexData, SectionRecord, load_index, resolve_index_dir

__all__ = [
    "MODEL_ID",
    "BuildReport",
    "Embedder",
    "FakeEmbedder",
    "IndexData",
    "OnnxEmbedder",
    "SectionRecord",
    "SentenceTransformerEmbedder",
    "build_index",
    "load_index",
    "resolve_index_dir",
]
