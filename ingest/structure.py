"""Headings, sections and boilerplate of an article, by simple, readable rules.

Headings are whole lines (paragraphs of one line): the title line; numbered tips ("1. Be
trustworthy", and the inline form "4.       You Give In: Sometimes you…" whose heading is the
part before the colon); short question lines ("Can a relationship survive without trust?"); and
short Title Case lines without sentence punctuation. Boilerplate (image captions, "About the
Author", bylines, sign-offs, comment/share prompts) is marked, never removed, and is conservative:
a real advice sentence is never marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.metadata import is_date_line
from ingest.model import Section

_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$", re.S)
_INLINE_TIP = re.compile(r"^(\d{1,2}[.)]\s+[^:\n]{2,80}?):\s")
_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "if", "in", "of", "on", "or", "the",
          "to", "with", "vs", "is", "are", "it", "this", "be", "from", "into", "when", "not"}

_BOILER_LINE = [
    re.compile(r"^Featured image for\b", re.I),
    re.compile(r"^(Image|Photo)( credit| source)?:", re.I),
]
_BOILER_SENTENCE = [
    re.compile(r"\bthat'?s'?\s+it for today", re.I),
    re.compile(r"\b(comment section|leave a comment|comments? below|share this (article|post)|"
               r"please share|subscribe to (our|my)|sign up for (our|my) newsletter)\b", re.I),
]
_ABOUT = re.compile(r"^About the Author\s*$", re.I)


@dataclass(frozen=True)
class Block:
    """A paragraph: text between blank lines, trimmed; ``start``/``end`` are offsets."""

    start: int
    end: int
    text: str


def blocks(text: str) -> list[Block]:
    out, pos = [], 0
    for m in list(_BLOCK_SPLIT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        seg = text[pos:end]
        stripped = seg.strip()
        if stripped:
            lead = len(seg) - len(seg.lstrip())
            s = pos + lead
            out.append(Block(s, s + len(stripped), stripped))
        pos = m.end() if m else len(text)
    return out


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line)]
    if not words:
        return False
    big = [w for w in words if w.lower() not in _SMALL]
    caps = sum(1 for w in big if w[0].isupper())
    return bool(big) and caps / len(big) >= 0.75 and words[0][0].isupper()


def heading_span(block: Block, *, first: bool) -> tuple[int, str] | None:
    """(length of the heading inside the block, kind), or None when the block is not a heading."""
    t = block.text
    inline = _INLINE_TIP.match(t)
    if inline and "\n" not in inline.group(1):
        return len(inline.group(1)), "tip"
    if "\n" in t:
        return None
    n = len(t)
    words = len(t.split())
    if first and n <= 150 and not t.endswith((".", ",", ";")) and not is_date_line(t):
        return n, "title"
    m = _NUMBERED.match(t)
    if m and n <= 90 and not re.search(r"[.!?]\s+\S", m.group(2)) and not t.endswith((".", ",")):
        return n, "tip"
    if t.endswith("?") and words <= 16 and n <= 120 and t[0].isupper():
        return n, "question"
    if (n <= 120 and words <= 18 and _title_case(t) and not is_date_line(t)
            and (not t.endswith((".", ",", ";", ":", "!")) or t.endswith("...") or
                 (t.endswith("!") and _title_case(t)))):
        return n, "heading"
    return None


def detect_structure(text: str, *, title: str | None = None) -> tuple[list[Section], list[tuple[int, int]]]:
    """(sections, boilerplate spans) of ``text``."""
    heads: list[tuple[int, int, str]] = []  # (start, heading_end, kind)
    boiler: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if line and (is_date_line(line) or any(rx.match(line) for rx in _BOILER_LINE)):
            lead = len(m.group()) - len(m.group().lstrip())
            boiler.append((m.start() + lead, m.start() + lead + len(line)))
    bl = blocks(text)
    for i, b in enumerate(bl):
        if any(a <= b.start and b.end <= e for a, e in boiler):
            continue
        hs = heading_span(b, first=(i == 0))
        if hs:
            heads.append((b.start, b.start + hs[0], hs[1]))
    sections: list[Section] = []
    for j, (s, he, kind) in enumerate(heads):
        end = heads[j + 1][0] if j + 1 < len(heads) else len(text)
        heading = text[s:he].rstrip()
        sections.append(Section(heading, s, end, s + len(heading), kind))
        if _ABOUT.match(heading):
            boiler.append((s, end))  # the author box: heading and bio
    if sections and sections[0].start > 0 and text[: sections[0].start].strip():
        sections.insert(0, Section("", 0, sections[0].start, 0, "intro"))
    elif not sections:
        sections.append(Section("", 0, len(text), 0, "intro"))
    return sections, sorted(boiler)


def sentence_is_boilerplate(sentence: str) -> bool:
    return any(rx.search(sentence) for rx in _BOILER_SENTENCE)


def section_display(heading: str) -> str:
    """Heading as shown to people: whitespace collapsed, trailing colon dropped."""
    return " ".join(heading.split()).rstrip(":").strip()
