"""`IndexView`: the lookup tables every query reads, derived once per loaded index version.

Retrieval and evidence selection both need to know which sentence rows may be quoted, which
chunk and section each row sits in, which rows are paragraph neighbours, how rare each word is,
and which rows answer each example question. Those rules live here and nowhere else; the view
is built on first use and cached on the `IndexData` object it describes, so a reload builds a
new one.

>>> view = IndexView.of(data)                         # doctest: +SKIP
>>> view.chunk_rows[0]                               # doctest: +SKIP
array([0, 1, 2])
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

from index.lexical import content_terms
from index.store import IndexData
from ingest.sentences import paragraph_breaks

HEADING_KINDS = ("tip", "question", "heading")  # sections with a real heading (not title/intro)


@dataclass
class IndexView:
    """Per-row and per-chunk tables of one index version (arrays indexed by row or position).

    - ``quotable[r]``: an answer may quote sentence row ``r`` (`Sentence.quotable`);
    - ``chunk_rows[p]``: the rows chunk ``p`` holds, whole or in part, in order;
    - ``row_chunk[r]``: the first chunk holding row ``r`` (-1: none);
    - ``row_section[r]`` / ``chunk_section[p]``: index into ``data.sections`` found by
      position, not by heading text (two equal headings in one article stay apart);
    - ``section_is_heading[s]``: the section has a heading of its own; ``section_body[s]``: its
      quotable rows;
    - ``next_row[r]`` / ``prev_row[r]``: the neighbour in the same paragraph, or -1;
    - ``terms[r]``, ``idf``, ``unseen_idf``: content words and their rarity among the rows;
    - ``example_rows[e]``: quotable rows that answer example question ``e``;
    - ``window_vecs[r]``: the row's vector blended with half of each paragraph neighbour's;
    - ``adapted[r]``: the row's article has example questions, so the query adapter (fitted
      on them) applies to it;
    - `rows_overlapping`: the rows a span of an article touches, found by offset.
    """

    data: IndexData
    quotable: np.ndarray
    chunk_rows: list[np.ndarray]
    row_chunk: np.ndarray
    row_section: np.ndarray
    chunk_section: np.ndarray
    section_is_heading: np.ndarray
    section_body: dict[int, list[int]]
    next_row: np.ndarray
    prev_row: np.ndarray
    terms: list[set[str]]
    idf: dict[str, float]
    unseen_idf: float
    example_rows: list[np.ndarray]
    window_vecs: np.ndarray
    adapted: np.ndarray
    positions: "_Positions"

    def rows_overlapping(self, doc_id: str, start: int, end: int) -> list[int]:
        """Sentence rows of ``doc_id`` that overlap ``[start, end)``, in order."""
        return self.positions.rows_between(doc_id, start, end)

    @classmethod
    def of(cls, data: IndexData) -> "IndexView":
        """The view of ``data``, built once and cached on that very object (a copy made with
        `dataclasses.replace`, say without some example questions, gets its own)."""
        view = data.__dict__.get("_view")
        if view is None:
            view = data.__dict__["_view"] = cls._build(data)
        return view

    @classmethod
    def _build(cls, data: IndexData) -> "IndexView":
        sents = data.sentences
        n = len(sents)
        quotable = np.array([s.quotable for s in sents], dtype=bool)
        finder = _Positions(data)
        chunk_rows = [finder.rows_of_chunk(c) for c in data.chunks]
        row_chunk = np.full(n, -1, dtype=np.int64)
        for pos in range(len(chunk_rows) - 1, -1, -1):
            row_chunk[chunk_rows[pos]] = pos
        row_section = np.array([finder.section_at(s.doc_id, s.start) for s in sents],
                               dtype=np.int64)
        chunk_section = np.array([finder.section_at(c.doc_id, c.start) for c in data.chunks],
                                 dtype=np.int64)
        section_is_heading = np.array([x.kind in HEADING_KINDS for x in data.sections],
                                      dtype=bool)
        section_body: dict[int, list[int]] = {}
        for r in np.where(quotable & (row_section >= 0))[0]:
            section_body.setdefault(int(row_section[r]), []).append(int(r))
        next_row = np.full(n, -1, dtype=np.int64)
        for i in range(n - 1):
            a, b = sents[i], sents[i + 1]
            if (a.doc_id == b.doc_id and row_section[i] == row_section[i + 1]
                    and not a.is_heading and not b.is_heading):
                text = data.documents[a.doc_id].text
                # nothing but space between them, and no paragraph break (the rules that split
                # the sentences: a blank line, or a line that ends a paragraph of its own)
                if not text[a.end:b.start].strip() and not paragraph_breaks(text, a.end, b.start):
                    next_row[i] = i + 1
        prev_row = np.full(n, -1, dtype=np.int64)
        for i, j in enumerate(next_row):
            if j >= 0:
                prev_row[j] = i
        terms = [content_terms(s.text) for s in sents]
        df: dict[str, int] = {}
        for t in terms:
            for w in t:
                df[w] = df.get(w, 0) + 1
        rows = max(n, 1)
        idf = {w: math.log(1 + rows / d) for w, d in df.items()}
        win = data.sent_vecs.astype(np.float32, copy=True)
        for i in range(n):
            for j in (prev_row[i], next_row[i]):
                if j >= 0:
                    win[i] += 0.5 * data.sent_vecs[j]
        norms = np.linalg.norm(win, axis=1, keepdims=True) if n else win
        return cls(
            data=data, quotable=quotable, chunk_rows=chunk_rows, row_chunk=row_chunk,
            row_section=row_section, chunk_section=chunk_section,
            section_is_heading=section_is_heading, section_body=section_body,
            next_row=next_row, prev_row=prev_row, terms=terms, idf=idf,
            unseen_idf=math.log(1 + rows),
            example_rows=[np.array(r, dtype=np.int64) for r in data.example_rows()],
            window_vecs=win / np.where(norms > 0, norms, 1.0),
            adapted=np.array([bool(data.documents[s.doc_id].examples) for s in sents],
                             dtype=bool),
            positions=finder,
        )


class _Positions:
    """Finds, by offset, the sentence rows a span lies in and the section an offset is in."""

    def __init__(self, data: IndexData):
        self.data = data
        self.rows: dict[str, tuple[list[int], list[int]]] = {}
        for i, s in enumerate(data.sentences):
            starts, rows = self.rows.setdefault(s.doc_id, ([], []))
            starts.append(s.start)
            rows.append(i)
        self.sections: dict[str, tuple[list[int], list[int]]] = {}
        for i, x in sorted(enumerate(data.sections), key=lambda t: (t[1].doc_id, t[1].start)):
            starts, ids = self.sections.setdefault(x.doc_id, ([], []))
            starts.append(x.start)
            ids.append(i)

    def rows_of_chunk(self, chunk) -> np.ndarray:
        starts, rows = self.rows.get(chunk.doc_id, ([], []))
        out: list[int] = []
        for a, _ in chunk.sentences:  # a span may be a piece of a sentence cut to fit
            k = bisect.bisect_right(starts, a) - 1
            if k >= 0 and self.data.sentences[rows[k]].end > a and rows[k] not in out:
                out.append(rows[k])
        return np.array(out, dtype=np.int64)

    def rows_between(self, doc_id: str, start: int, end: int) -> list[int]:
        starts, rows = self.rows.get(doc_id, ([], []))
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        out = []
        while k < len(starts) and starts[k] < end:
            if self.data.sentences[rows[k]].end > start:
                out.append(rows[k])
            k += 1
        return out

    def section_at(self, doc_id: str, offset: int) -> int:
        starts, ids = self.sections.get(doc_id, ([], []))
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and offset < self.data.sections[ids[k]].end:
            return ids[k]
        return -1
