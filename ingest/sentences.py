"""A rule-based sentence splitter that keeps exact offsets.

Sentences never cross a heading or a blank line; a line starting with a bullet (•, ·, -, *) or a
number starts a new sentence, and a bullet marker is not part of the sentence. A sentence ends at
. ! ? or … (closing quotes and brackets stay with it) when the next word starts a sentence, and
not after common abbreviations.
"""

from __future__ import annotations

import re

from ingest.model import Document, Sentence
from ingest.structure import blocks, section_display, sentence_is_boilerplate

_BULLET = re.compile(r"^[ \t\u00a0]*([•·▪◦‣*-]|\d{1,2}[.)])[ \t\u00a0]+")
_END = re.compile(r"(?:[.!?…]+)[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9•·])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|etc|Inc|Ltd|Co|No|Fig|approx)|\be\.g|\bi\.e|\bU\.S|\b[A-Z])\.$"
)


def _segments(text: str, start: int, end: int):
    """Line groups inside one block: a new line starts a segment unless it continues a sentence
    (begins lowercase) — soft-wrapped prose stays together, list items do not."""
    pos = start
    seg_start = start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        nxt = text[nl + 1 : end].lstrip(" \t\u00a0")
        if not nxt or not (nxt[0].islower() and not _BULLET.match(text[nl + 1 : end])):
            yield seg_start, nl
            seg_start = nl + 1
        pos = nl + 1
    yield seg_start, end
    _ = pos


def _split_segment(text: str, a: int, b: int):
    seg = text[a:b]
    bullet = _BULLET.match(seg)
    offset = bullet.end() if bullet and not re.match(r"^\s*\d", seg) else 0
    cur = offset
    for m in _END.finditer(seg, offset):
        if _ABBREV.search(seg[cur : m.start() + 1]) and seg[m.start()] == ".":
            continue
        yield a + cur, a + m.end()
        cur = m.end()
    yield a + cur, b


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of ``doc`` in order (headings included, flagged ``is_heading``)."""
    text = doc.text
    out: list[Sentence] = []
    sections = sorted(doc.sections, key=lambda s: s.start)
    heads = {s.start: s for s in sections}

    def section_of(pos: int) -> str:
        name = ""
        for s in sections:
            if s.start <= pos:
                name = section_display(s.heading)
            else:
                break
        return name

    def overlaps_boiler(a: int, b: int) -> bool:
        return any(x < b and a < y for x, y in doc.boilerplate)

    def emit(a: int, b: int, *, heading: bool = False) -> None:
        a, b = _trim(text, a, b)
        if a >= b:
            return
        t = text[a:b]
        retrievable = not heading and not overlaps_boiler(a, b) and not sentence_is_boilerplate(t)
        out.append(Sentence(f"{doc.doc_id}#s{a}-{b}", doc.doc_id, a, b, t, section_of(a),
                            retrievable, heading))

    for blk in blocks(text):
        start = blk.start
        sec = heads.get(blk.start)
        if sec is not None and sec.kind != "intro":
            emit(sec.start, sec.heading_end, heading=True)
            start = sec.heading_end
            if start < blk.end and text[start] == ":":
                start += 1
        for sa, sb in _segments(text, start, blk.end):
            for a, b in _split_segment(text, sa, sb):
                emit(a, b)
    return out
