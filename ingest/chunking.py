"""Pack sentences into chunks: sentence-aligned, inside one section, within the model's window.

A chunk holds consecutive retrievable body sentences of one section: never a heading, never
boilerplate. Its token count, measured on the chunk's own text with the injected
``count_tokens``, is at most ``max_tokens``, so nothing is silently truncated at embedding time;
a sentence too long on its own is cut at word boundaries into pieces that each fit. Consecutive
chunks of a section share ``overlap`` sentences, and a chunk that is already half full ends at a
paragraph break rather than running into the next paragraph.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Sequence

from ingest.model import Chunk, Document, Sentence
from ingest.sentences import paragraph_breaks, trim

TokenCounter = Callable[[str], int]
_WORD = re.compile(r"\S+")


def estimate_tokens(text: str) -> int:
    """A conservative stand-in for the model's tokenizer, used when none is injected.

    WordPiece splits words and punctuation, so ~1.6 tokens a word, plus [CLS] and [SEP].
    """
    return math.ceil(len(text.split()) * 1.6) + 2


def chunk_sentences(
    doc: Document,
    sentences: list[Sentence],
    *,
    count_tokens: TokenCounter | None = None,
    max_tokens: int = 200,
    overlap: int = 1,
) -> list[Chunk]:
    """Chunks of ``doc`` from its ``sentences`` (as returned by `split_sentences`).

    ``count_tokens`` should be the embedding model's tokenizer (special tokens included); without
    one, `estimate_tokens` errs on the high side.

    ``Chunk.sentences`` lists the spans packed into the chunk: whole sentences, or the pieces
    of one that was too long for a chunk by itself.
    """
    if max_tokens < 1 or overlap < 0:
        raise ValueError("max_tokens must be positive and overlap not negative")
    count = count_tokens or estimate_tokens
    chunks: list[Chunk] = []
    for section, spans in _runs(doc, sentences, count, max_tokens):
        chunks.extend(_pack(doc, section, spans, count, max_tokens, overlap))
    return chunks


def _runs(
    doc: Document, sentences: list[Sentence], count: TokenCounter, max_tokens: int
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Maximal runs of retrievable body sentences inside one section, as (section, spans)."""
    starts = sorted(s.start for s in doc.sections)
    runs: list[tuple[str, list[tuple[int, int]]]] = []
    key = None
    for s in sentences:
        if s.is_heading or not s.retrievable:
            key = None
            continue
        section_index = bisect.bisect_right(starts, s.start) - 1
        if key != section_index:
            key = section_index
            runs.append((s.section, []))
        if count(s.text) <= max_tokens:
            runs[-1][1].append((s.start, s.end))
        else:
            runs[-1][1].extend(split_long(doc.text, s.start, s.end, count, max_tokens))
    return runs


def _pack(
    doc: Document,
    section: str,
    spans: list[tuple[int, int]],
    count: TokenCounter,
    max_tokens: int,
    overlap: int,
) -> list[Chunk]:
    """Greedy packing of one run; each chunk is checked with ``count`` on its exact text."""
    text = doc.text
    out: list[Chunk] = []
    i = fresh = 0  # spans[i:fresh] are overlap from the previous chunk
    while i < len(spans):
        j = i + 1  # spans[i:j] is the chunk; a single span always fits
        tokens = count(text[spans[i][0] : spans[i][1]])
        while j < len(spans):
            paragraph_ends = paragraph_breaks(text, spans[j - 1][1], spans[j][0])
            if paragraph_ends and j > fresh and tokens * 2 >= max_tokens:
                break
            longer = count(text[spans[i][0] : spans[j][1]])
            if longer > max_tokens:
                break
            tokens, j = longer, j + 1
        a, b = spans[i][0], spans[j - 1][1]
        out.append(
            Chunk(f"{doc.doc_id}#c{a}-{b}", doc.doc_id, a, b, text[a:b], section, tuple(spans[i:j]))
        )
        if j == len(spans):
            break
        # overlap with the chunk just made, but only as much as still leaves room for new text
        back = min(overlap, j - i - 1)
        while back and count(text[spans[j - back][0] : spans[j][1]]) > max_tokens:
            back -= 1
        i, fresh = j - back, j
    return out


def split_long(
    text: str, start: int, end: int, count: TokenCounter, max_tokens: int
) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at word boundaries into trimmed pieces that each fit.

    A single word too long by itself is cut between characters; a ``max_tokens`` too small for
    even one character is an error rather than a silent truncation.
    """
    word_ends = [m.end() for m in _WORD.finditer(text, start, end)]
    pieces: list[tuple[int, int]] = []
    pos, k = start, 0
    while pos < end:
        while k < len(word_ends) and word_ends[k] <= pos:
            k += 1

        def fits(e: int, piece_start: int = pos) -> bool:
            return count(text[piece_start:e]) <= max_tokens

        best = _last_fitting(fits, word_ends, k)
        if best is not None:
            cut = word_ends[best]
        else:
            chars = range(pos + 1, word_ends[k])
            best = _last_fitting(fits, chars, 0)
            if best is None:
                raise ValueError(f"max_tokens={max_tokens} cannot hold even {text[pos]!r}")
            cut = chars[best]
        pieces.append((pos, cut))
        pos = trim(text, cut, end)[0]
    return pieces


def _last_fitting(fits: Callable[[int], bool], ends: Sequence[int], lo: int) -> int | None:
    """Largest ``i >= lo`` with ``fits(ends[i])``, assuming longer text never fits better.

    Galloping, then bisecting, keeps the number of token counts logarithmic in the length.
    """
    if lo >= len(ends) or not fits(ends[lo]):
        return None
    good, bad, step = lo, len(ends), 1
    while good + step < bad:
        if not fits(ends[good + step]):
            bad = good + step
            break
        good, step = good + step, step * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        if fits(ends[mid]):
            good = mid
        else:
            bad = mid
    return good
