"""What a Markdown article's markup means for people: its front matter, and its words as read.

A .md file's canonical text stays the file's exact contents (DESIGN.md), so offsets and quotes
keep pointing into it. Two things are read from the markup on top:

- **Front matter.** A block of ``key: value`` lines between ``---`` lines at the very top
  (YAML front matter, as static-site generators and note apps write it) states the title,
  author, date and url. It is metadata, not prose: it is never quoted or searched.
- **Headings.** ``#`` lines (ATX headings, outside fenced code) are the article's own
  headings, whatever their punctuation (`headings`); the first ``#`` one is its title. A short
  paragraph wholly in bold or italics over prose is a sub-heading too (`emphasized_lines`).
- **The words as read.** ``**same time**`` reads "same time" and ``[body clock](https://…)``
  reads "body clock". `visible` gives a quote's text as the article's reader sees it, so an
  answer doesn't show asterisks, brackets and link targets. The quote's ``text`` field stays
  the exact span.
"""

from __future__ import annotations

import re

from ingest.metadata import parse_date, web_address

MARKDOWN_SUFFIXES = (".md", ".markdown")
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<body>(?:.*\n){0,60}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)"
)
# A value is matched whole and stripped by `_scalar`: a lazy value before ``\s*$`` rescanned a
# run of spaces at every step (``title: a``, 100,000 spaces, ``b`` took 38 s to read).
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?P<value>.*)$")
_KEYS = {  # front matter key -> metadata field; the first key present wins
    "title": "title",
    "author": "author", "authors": "author", "byline": "author",
    "date": "date", "published": "date", "pubdate": "date", "publishdate": "date",
    "url": "url", "link": "url", "source": "url", "canonical_url": "url", "original_url": "url",
}
_LIST_ITEM = re.compile(r"^\s*-\s+(?P<value>.+)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+\S[^\n]*", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)
# Undoing emphasis takes time quadratic in a line's length ("*a " repeated: each "*" looks for
# its closing one to the line's end): 40 KB took 10 s. A line longer than this (no heading,
# title or quote is) is left as typed.
MAX_MARKUP_LINE = 2000

# inline markup -> the words it shows, in the order they must be undone
_INLINE = (
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), ""),  # an image shows no words in the text
    (re.compile(r"!\[([^\]\n]*)\]\[[^\]\n]*\]"), ""),
    (re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),  # [words](target)
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [words][ref]
    (re.compile(r"\[\^[^\]\n]+\]"), ""),  # a footnote mark
    (re.compile(r"<(https?://[^\s<>]+)>"), r"\1"),  # <https://…>
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(?<!\\)(\*\*\*|___)(?=\S)(.+?)(?<=[^\s\\])\1"), r"\2"),
    (re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1"), r"\2"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"(?<!\\)\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # a blockquote's marks
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # a backslash escape shows its character
)


def is_markdown(source: str) -> bool:
    """Whether a document's source file is Markdown (by its suffix)."""
    return source.lower().endswith(MARKDOWN_SUFFIXES)


def front_matter(text: str) -> tuple[dict[str, str | None], int] | None:
    """(metadata, end offset) of the front matter opening ``text``, or None without one.

    >>> front_matter('---\\ntitle: "Sleep better"\\ndate: 2024-03-02\\n---\\nBody')
    ({'title': 'Sleep better', 'author': None, 'date': '2024-03-02', 'url': None}, 47)
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return None
    found: dict[str, str | None] = {"title": None, "author": None, "date": None, "url": None}
    lines = m.group("body").split("\n")
    for i, line in enumerate(lines):
        f = _FIELD.match(line)
        if not f or _KEYS.get(f.group("key").lower()) is None:
            continue
        name, value = _KEYS[f.group("key").lower()], _scalar(f.group("value"))
        if not value and name == "author":  # authors:\n  - Jane Doe
            item = _LIST_ITEM.match(lines[i + 1]) if i + 1 < len(lines) else None
            value = _scalar(item.group("value")) if item else ""
        if name == "date":
            value = parse_date(value) if value else None
        elif name == "url":
            value = web_address(value)
        if value and found[name] is None:
            found[name] = value
    return found, m.end()


def headings(text: str) -> list[tuple[int, int, int]]:
    """(start, end, level) of each ``#`` heading line of a Markdown text, outside fenced code.

    >>> headings("# Homesick? Here's what to do\\n\\nText.\\n\\n## Is it normal:\\n")
    [(0, 29, 1), (38, 54, 2)]
    """
    fences = [m.start() for m in _FENCE.finditer(text)]
    out, f = [], 0
    for m in _HEADING.finditer(text):
        while f < len(fences) and fences[f] < m.start():
            f += 1
        if f % 2:  # inside an open fence
            continue
        out.append((m.start() + len(m.group()) - len(m.group().lstrip()),
                    m.start() + len(m.group().rstrip()), len(m.group(1))))
    return out


# a line wholly in bold or italics: "**Remember they genuinely don't know.**", "*Why it works*"
_EMPHASIZED_LINE = re.compile(
    r"^ {0,3}(?P<mark>\*\*|__|\*|_)(?=[^\s*_])(?P<words>[^\n]{1,150}?)(?<=[^\s*_])(?P=mark)"
    r"[ \t]*$", re.MULTILINE)
_INNER_BREAK = re.compile(r"[.!?…]\s+\S")
# a numbered point's number in front of a bold headline ("**1. Accept that it is over.**"): its
# stop ends no sentence, so the line is one headline, not two sentences (each run of spaces is
# taken whole: trying every split of a long run between the two took time quadratic in its length)
_NUMBER_LEAD = re.compile(r"[ \t]*+(?:\*\*|__|\*|_)?[ \t]*+\d{1,2}[.)][ \t]+")
EMPHASIZED_WORDS = 16  # a sub-heading in bold is at most this long
# ...and one written in labels ("Level II. Situation Heating up. Adult Intervention Might Be
# Helpful") has no piece between its stops longer than this: a sentence has
LABEL_WORDS = 6


def emphasized_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each short line of a Markdown text that is wholly in bold or italics,
    outside fenced code: one phrase or sentence of at most `EMPHASIZED_WORDS` words
    ("**Remember they genuinely don't know they have dementia.**"). Such a line standing as a
    paragraph of its own over prose is a sub-heading, as a "###" line would be
    (`ingest.structure.detect_structure`); a bold lead-in opening a paragraph ("**Be
    patient.** Trust takes time...") or a list item ("- **Call him**") is not such a line.
    A line of labels broken by stops ("**Level II. Situation Heating up**", `_labels`) is one
    too: it heads a list only (`ingest.structure._emphasized_headings`).

    >>> emphasized_lines("Intro.\n\n**Be kind.**\n\nText **a** and **b**\n")
    [(8, 20)]
    """
    fences = [m.start() for m in _FENCE.finditer(text)]
    out, f = [], 0
    for m in _EMPHASIZED_LINE.finditer(text):
        while f < len(fences) and fences[f] < m.start():
            f += 1
        words = m.group("words")
        headline = unnumbered(words)
        if (f % 2 or m.group("mark")[0] in words or len(words.split()) > EMPHASIZED_WORDS
                or (_INNER_BREAK.search(headline) and not _labels(headline))):
            continue
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append((start, m.start() + len(m.group().rstrip())))
    return out


def unnumbered(line: str) -> str:
    """``line`` without a numbered point's number in front ("**1. Accept it.**" -> "Accept
    it.**"): the number's stop is no sentence's end."""
    m = _NUMBER_LEAD.match(line)
    return line[m.end():] if m else line


# (a word holds no stop and no space: read in one pass, never backtracking)
_LABEL = rf"[A-Z][^\s.!?…]*(?:[ \t]+[^\s.!?…]+){{0,{LABEL_WORDS - 1}}}"
_LABELS = re.compile(rf"{_LABEL}(?:[.!?…]+[ \t]+{_LABEL})*[.!?…]*")


def _labels(words: str) -> bool:
    """Whether ``words``, broken by stops, are a heading's labels, not sentences: each piece at
    most `LABEL_WORDS` words and opening with a capital ("Level I. Normal Bickering")."""
    return _LABELS.fullmatch(words) is not None


def _scalar(value: str) -> str:
    """A one-line YAML value as text: quotes dropped, a flow list's first item, no comment."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1].split(",")[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return re.sub(r"(?<=\s)#.*$", "", value).strip()  # not "\s+#": it rescans a run of spaces


def visible(text: str) -> str:
    """``text`` as a reader of the rendered Markdown sees it: emphasis, links, images, code
    marks, blockquote marks and backslash escapes undone; HTML is left as typed.

    >>> visible("Go to bed at the **same time**; it sets your [body clock](https://x.org).")
    'Go to bed at the same time; it sets your body clock.'
    """
    return "\n".join(_visible_line(line) if len(line) <= MAX_MARKUP_LINE else line
                     for line in text.split("\n"))


# private-use marks set around a quote inside its lines, to find it again once they are read
_FROM, _TO = "\ue000", "\ue001"


def visible_span(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as a reader of the rendered Markdown sees it, read inside its
    paragraph: a quote that starts or ends inside a span of emphasis opened or closed outside
    it ("...have a question? Send it to us!*", its "*" opened a sentence before) shows none of
    that emphasis's marks, as `visible` shows a whole span's. The paragraph's other lines are
    read as one with it (emphasis runs on over a line break). Falls back to `visible` of the
    span alone when the marks around it cannot be found again (an image's words swallowed it).

    >>> t = "*Note: write to us. Have a question? Send it in!*"
    >>> visible_span(t, t.index("Have"), len(t))
    'Have a question? Send it in!'
    """
    if not 0 <= start <= end <= len(text):
        return visible(text[start:end])
    a = 0
    for gap in PARAGRAPH_GAP.finditer(text, max(0, start - MAX_MARKUP_LINE), start):
        a = gap.end()
    b = PARAGRAPH_GAP.search(text, end, min(len(text), end + MAX_MARKUP_LINE))
    b = b.start() if b else min(len(text), end + MAX_MARKUP_LINE)
    a = max(a, start - MAX_MARKUP_LINE)
    before, after = text[a:start], text[end:b]
    if any(_FROM in x or _TO in x for x in (before, text[start:end], after)):
        return visible(text[start:end])
    if len(before) + (end - start) + len(after) <= MAX_MARKUP_LINE:  # read as one line
        before, after = _ONE_LINE.sub(" ", before), _ONE_LINE.sub(" ", after)
    shown = visible(before + _FROM + text[start:end] + _TO + after)
    i, j = shown.find(_FROM), shown.find(_TO)
    if i < 0 or j < i or shown.count(_FROM) != 1 or shown.count(_TO) != 1:
        return visible(text[start:end])
    return shown[i + 1:j]


PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n")
# a line break, and a blockquote's mark after it
_ONE_LINE = re.compile(r"\n(?:[ \t]{0,3}>[ \t]?)?")


def _visible_line(line: str) -> str:
    for pattern, repl in _INLINE:  # none of them spans a line break
        line = pattern.sub(repl, line)
    return line


__all__ = ["MARKDOWN_SUFFIXES", "emphasized_lines", "front_matter", "headings", "is_markdown",
           "unnumbered", "visible", "visible_span"]
