"""Pack sentences into chunks: sentence-aligned, inside one section, within the model's window.

A chunk never holds a heading or boilerplate, never crosses a section, and is at most
``max_tokens`` tokens as the model counts them (200 by default, safely inside all-MiniLM-L6-v2's
256 even with the heading prepended at embedding time), so nothing is silently truncated.
Consecutive chunks of a section share ``overlap`` sentences; a chunk that is already half full
ends at a paragraph break rather than straddling two paragraphs.
"""

from __future__ import annotations

import re
from typing import Callable

from ingest.model import Chunk, Document, Sentence


def estimate_tokens(text: str) -> int:
    """A conservative stand-in for the model's tokenizer (used when none is injected):
    WordPiece splits words and punctuation, so ~1.6 tokens a word plus [CLS]/[SEP]."""
    return int(len(text.split()) * 1.6) + 2


def _split_long(doc: Document, s: Sentence, count: Callable[[str], int], max_tokens: int) -> list[tuple[int, int]]:
    """Word-boundary pieces of a sentence longer than the window, each an exact slice."""
    pieces, start = [], s.start
    words = [m.end() + s.start for m in re.finditer(r"\S+", s.text)]
    last_ok = None
    for end in words:
        if count(doc.text[start:end]) <= max_tokens:
            last_ok = end
            continue
        if last_ok is None:  # a single enormous "word": cut by characters
            cut = start + max(1, (end - start) // 2)
            while count(doc.text[start:cut]) > max_tokens and cut - start > 1:
                cut = start + (cut - start) // 2
            last_ok = cut
        pieces.append((start, last_ok))
        start = last_ok
        while start < s.end and doc.text[start].isspace():
            start += 1
        last_ok = end if count(doc.text[start:end]) <= max_tokens else None
    if start < s.end:
        pieces.append((start, s.end))
    return pieces


def chunk_sentences(
    doc: Document,
    sentences: list[Sentence],
    *,
    count_tokens: Callable[[str], int] | None = None,
    max_tokens: int = 200,
    overlap: int = 1,
) -> list[Chunk]:
    """Chunks of ``doc`` from its ``sentences`` (as returned by `split_sentences`)."""
    count = count_tokens or estimate_tokens
    text = doc.text

    # runs of retrievable body sentences inside one section
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for s in sentences:
        if s.is_heading or not s.retrievable or (current and current[-1][2] != s.section):
            if current:
                runs.append(current)
            current = []
            if s.is_heading or not s.retrievable:
                continue
        spans = [(s.start, s.end)] if count(s.text) <= max_tokens else _split_long(doc, s, count, max_tokens)
        current.extend((a, b, s.section) for a, b in spans)
    if current:
        runs.append(current)

    chunks: list[Chunk] = []
    for run in runs:
        cost = [max(count(text[a:b]) - 2, 1) for a, b, _ in run]  # without [CLS]/[SEP]
        i = 0
        while i < len(run):
            j, tokens = i, 2
            while j < len(run) and tokens + cost[j] <= max_tokens:
                tokens += cost[j]
                j += 1
                # end at a paragraph break once the chunk is at least half full
                if j < len(run) and tokens >= max_tokens // 2 and "\n" in text[run[j - 1][1]:run[j][0]]:
                    break
            j = max(j, i + 1)
            a, b = run[i][0], run[j - 1][1]
            chunks.append(Chunk(f"{doc.doc_id}#c{a}-{b}", doc.doc_id, a, b, text[a:b], run[i][2],
                                tuple((x, y) for x, y, _ in run[i:j])))
            if j >= len(run):
                break
            i = max(j - overlap, i + 1)
    return chunks
