"""Ingest: files -> `Document` -> sections and sentences -> `Chunk`s. Pure Python, no torch.

>>> docs, warnings = load_paths(["data/articles"])  # doctest: +SKIP
>>> sents = split_sentences(docs[0])  # doctest: +SKIP
>>> chunks = chunk_sentences(docs[0], sents, max_tokens=200, overlap=1)  # doctest: +SKIP
>>> docs[0].text[chunks[0].start:chunks[0].end] == chunks[0].text  # doctest: +SKIP
True

Pass the embedding model's tokenizer as ``count_tokens=`` (text -> token count); without it a
conservative word-based estimate is used (`estimate_tokens`).
"""

from ingest.chunking import chunk_sentences, estimate_tokens
from ingest.errors import InputError, QuotewiseError
from ingest.loaders import load_paths
from ingest.model import Chunk, Document, Section, Sentence, section_display, section_label
from ingest.sentences import split_sentences

__all__ = [
    "Chunk",
    "Document",
    "InputError",
    "QuotewiseError",
    "Section",
    "Sentence",
    "chunk_sentences",
    "estimate_tokens",
    "load_paths",
    "section_display",
    "section_label",
    "split_sentences",
]
