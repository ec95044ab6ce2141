"""A rule-based sentence splitter that keeps exact offsets.

Sentences never cross a paragraph break (``\\n\\s*\\n``, or any line break in a text written one
paragraph per line, as a web page pasted into a file is), a heading or the edge of a boilerplate
span. A line starting with a bullet (•, ·, -, *, or "1.") starts a new sentence, and so does an
inline • or ·; the bullet mark itself is left out (numbers are kept). A sentence ends at
. ! ? … (runs like "?!" or "…..", with closing quotes and brackets) when whitespace and a capital,
a digit, an opening quote or a bullet follow, but not after common abbreviations (Mr. e.g. etc.)
or a title before a name ("the Rev. John Paris"), nor at "No." "Vol." "pp." before the number
they name ("The No. 1 reason"), nor inside a bracket the sentence opened that closes soon after in
the same paragraph ("(A good rule of thumb? Ask your doctor.)" is one sentence, so no quote ends
in a stray ")").
A run-on longer than ``MAX_SENTENCE_CHARS`` (text with no full stops) is cut at clause
boundaries (; : dashes , then spaces), so no sentence, and so no quote, outgrows what a person
reads in an answer.

>>> text = "Be kind. Dr. Who agrees!\\n• Call him\\n\\nNext one"
>>> [text[a:b] for a, b in sentence_spans(text, 0, 35)]
['Be kind.', 'Dr. Who agrees!', 'Call him']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from ingest.model import BULLET_MARKS, Document, Sentence, section_names

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n\s*")
# text that ends a sentence, closing quotes or brackets allowed ("...he said.”")
ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# a footnote mark right after a sentence's full stop ("listen.1 Then", "done.[2]", "so.¹"): the
# sentence ends at the stop and the mark is in neither sentence
_FOOTNOTE_MARK = r"(?:\d{1,3}(?:,\d{1,3})*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])"
_FOOTNOTE = re.compile(_FOOTNOTE_MARK + r"(?=\s|$)")
PARAGRAPH_END = re.compile(r"(?:[.!?…:;\"'”’)\]]|(?<=[^\W\d_])[.!?…][\"'”’)\]]*"
                           + _FOOTNOTE_MARK + r")\s*$")
SHORT_LINE_WORDS = 12  # a line this short may be a paragraph of its own (a heading)
PER_LINE_SHARE = 0.8  # share of lines that must end like a paragraph
MAX_SENTENCE_CHARS = 500  # longer "sentences" are run-ons: cut at clause boundaries
# where a run-on may be cut, best first: after ; or :, at a dash, after a comma, at any space
_CLAUSE_CUTS = (re.compile(r"[;:](?=\s)"), re.compile(r"\s[-–—]+(?=\s)"), re.compile(r",(?=\s)"),
                re.compile(r"\s"))
# a newline whose next line opens with a bullet or a list number
_BULLET_LINE = re.compile(rf"\n(?=[ \t\u00a0]*(?:[{BULLET_MARKS}]|\d{{1,3}}[.)])\s)")
_INLINE_BULLET = re.compile(r"(?<=\s)[•·](?=\s)")
_LEADING_MARK = re.compile(rf"[{BULLET_MARKS}](?=\s|$)")
_TERMINATOR = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*")
_CJK_STOPS = frozenset("。！？")
_OPENERS = frozenset("\"'“‘«([•·")
# titles before a name ("the Rev. John Paris", "Sen. Warren"), capitalised as they are there
TITLE_ABBREVIATIONS = "Rev Hon Sen Rep Gov Pres Capt Sgt Lt Col Gen Maj Cpl Adm Fr"
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[Mm]rs?|[Mm]s|[Dd]r|[Pp]rof|[Ss]r|[Jj]r|[Ss]t|[Mm]t|vs|etc|[Ii]nc|[Ll]td|"
    rf"[Ff]ig|approx|e\.g|i\.e|U\.S|U\.K|a\.m|p\.m|{'|'.join(TITLE_ABBREVIATIONS.split())}|"
    r"[A-HJ-Z])\Z"  # initials, but "I." ends
)
# abbreviations before the number they name ("The No. 1 reason", "Vol. 2", "pp. 10-12"); "Fig."
# is one wherever it stands
_BEFORE_NUMBER = re.compile(r"(?<![\w.])(?:[Nn]os?|[Vv]ol|pp)\Z")
# a bracket a sentence opens holds its own stops: "(A good rule of thumb? If ... either.)" is one
# sentence, not "(A good rule of thumb?" and "If ... either.)". Only when it closes within this
# many characters of the stop: a bracket left open, or one that runs on, splits as text does (and
# each stop reads a bounded stretch ahead, so splitting stays linear)
BRACKET_REACH = 300
_BRACKETS = {"(": ")", "[": "]"}
# ...a list's number before a capital ("... a guy's Snapchat. 3) He's very handsome") closes none
_BRACKET = re.compile(r"[(\[\]]|(?<=\s)(?P<number>\d{1,2}|[A-Za-z])\)(?=[ \t]+[A-Z“\"‘'])|\)")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank paragraphs of ``text``, without surrounding whitespace: split at blank lines,
    and at every line break too when the text is written one paragraph per line."""
    out, pos = [], 0
    for m in paragraph_breaks(text):
        out.append(trim(text, pos, m.start()))
        pos = m.end()
    out.append(trim(text, pos, len(text)))
    return [(a, b) for a, b in out if a < b]


# a paragraph holding one of these characters (not space, not a list's mark) is at least one
# sentence of `split_sentences`; a line holding one, one per line (`min_sentences`)
_SOLID = re.compile(rf"[^\s{re.escape(BULLET_MARKS)}]")
_SOLID_LINE = re.compile(rf"^[^\S\n]*(?:[{re.escape(BULLET_MARKS)}][^\S\n]*)*[^\s{re.escape(BULLET_MARKS)}]",
                         re.MULTILINE)


# A stop that ends a sentence wherever it stands, whatever the article's boilerplate and
# outside its headings (`sure_stops`): ".", "!" or "?" right after a letter and a small letter,
# then spaces or tabs and a capital on the same line; a "." not after any word `_ABBREVIATION`
# knows, in either case, as a word or a word's end ("Mr.", "etc.", "Prof.")
_ABBREVIATED = ("mr mrs ms dr prof sr jr st mt vs etc inc ltd fig approx "
                + TITLE_ABBREVIATIONS.lower()).split()
_NOT_ABBREVIATED = "".join(  # one look-behind per length, which Python's patterns need
    rf"(?<!\b(?:{'|'.join(w for x in _ABBREVIATED if len(x) == n for w in (x, x.capitalize()))})\.)"
    for n in sorted({len(x) for x in _ABBREVIATED}))
# (the stop first: the pattern is tried only where one stands)
_SURE_DOT = re.compile(rf"\.(?=[ \t]+[A-Z])(?<=[A-Za-z][a-z].){_NOT_ABBREVIATED}")
_SURE_MARK = re.compile(r"[!?](?=[ \t]+[A-Z])(?<=[A-Za-z][a-z].)")
# Where a heading read from the text alone may hold such a stop (`ingest.structure.heading_at`,
# `_step_title`): a "#" line, a step's title (the line after a bare number's), and a line of at
# most 150 characters for "!" and "?" (a Title Case heading or a headline may tease with a
# question: "In the red before you wed? Talk debt with your partner"); every other heading
# kind holds none ("." breaks a title, a tip, a question or a plain heading). Headings the
# markup marks are given. No ")" or "]" may follow within `BRACKET_REACH` (`_Brackets.holds`).
_HASH_LINE = re.compile(r"^[^\S\n]*+#[^\n]*", re.MULTILINE)
_STEP_TITLE_LINE = re.compile(r"^[^\S\n]*+\d{1,2}[^\S\n]*\n(?=(?:[^\S\n]*\n)*+([^\n]*))",
                              re.MULTILINE)  # (a bare number's line, the title's line in group 1)
_HEADING_LINE_CHARS = 151  # past this many characters from its first, a line is no such heading
_LONG_LINE = re.compile(rf"^[^\S\n]*+(?=[^\n]{{{_HEADING_LINE_CHARS + 1}}})", re.MULTILINE)


def sure_stops(text: str, marked: Iterable[tuple[int, int]] = ()) -> int:
    """How many stops of ``text`` end a sentence whatever its boilerplate and whichever
    headings it is read to have, given the spans its markup marks as headings or may
    (``marked``: an HTML page's ``<h1>``-``<h6>``, a Markdown file's ``#`` and bold lines): each
    adds a sentence to its paragraph (`min_sentences`). Linear: a pass of each pattern (2 MB of
    "Go. " on one line: about 0.5 s, where its split took 18 s; twentieth audit)."""
    import numpy as np

    at = [m.end() for m in _SURE_DOT.finditer(text)]
    for line in _LONG_LINE.finditer(text):
        end = text.find("\n", line.end())
        at += (m.end() for m in _SURE_MARK.finditer(
            text, line.end() + _HEADING_LINE_CHARS, len(text) if end < 0 else end))
    if not at:
        return 0
    stops = np.array(sorted(at), dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    closes = np.append(np.flatnonzero((codes == ord(")")) | (codes == ord("]"))),
                       len(text) + BRACKET_REACH)
    keep = closes[np.searchsorted(closes, stops)] - stops >= BRACKET_REACH
    zones = sorted([*((a, b) for a, b in marked if a < b),
                    *(m.span() for m in _HASH_LINE.finditer(text)),
                    *(m.span(1) for m in _STEP_TITLE_LINE.finditer(text))])
    if zones:  # the stop's character (at end - 1) in a zone: a heading may hold it
        merged: list[list[int]] = []
        for a, b in zones:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        spans = np.array(merged, dtype=np.int64)
        i = np.searchsorted(spans[:, 0], stops - 1, side="right") - 1
        keep &= ~((i >= 0) & (stops - 1 < spans[np.maximum(i, 0), 1]))
    return int(keep.sum())


def min_sentences(text: str, enough: int | None = None,
                  marked: Iterable[tuple[int, int]] | None = None) -> int:
    """A lower bound on ``len(split_sentences(doc))`` for any ``doc`` whose text is ``text``,
    whatever its headings and boilerplate: each of its paragraphs (`paragraph_spans`) that holds
    a character other than space and a list's mark is one sentence at least (a heading over it
    is one, and the body beside a heading is one or more). Read in one pass of a pattern per
    line or per paragraph: it says early that an upload of 500,000 short lines is too many rows
    to index, where parsing it took two minutes (nineteenth audit). With ``enough``, a count
    past it may stop being exact (one per line rather than per paragraph is counted only when
    the line count is over ``enough``).

    >>> min_sentences("Be kind.\\n\\n- \\n\\n# Why\\nIt works.")
    2
    """
    blocks = sum(1 for block in PARAGRAPH_BREAK.split(text) if _SOLID.search(block))
    if enough is not None and blocks > enough:
        return blocks
    # ...and, the headings its markup marks known (``marked``: none for a plain text), a
    # paragraph holding k stops that surely end a sentence is k + 1 sentences at least (2 MB of
    # "Go. " on one line took 18 s to split, to be refused; twentieth audit)
    sure = 0 if marked is None else sure_stops(text, marked)
    if enough is not None and blocks + sure > enough:
        return blocks + sure
    lines = len(_SOLID_LINE.findall(text))
    if lines <= blocks or (enough is not None and lines + sure <= enough):
        return blocks + sure
    return (lines if one_paragraph_per_line(text) else blocks) + sure


def paragraph_breaks(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """The paragraph breaks of ``text[start:end]`` (see `paragraph_spans`): blank lines, every
    line break of a text written one paragraph per line, and in a text whose lines wrap within
    paragraphs the line breaks that still end one (`line_ends_paragraph`)."""
    end = len(text) if end is None else end
    if one_paragraph_per_line(text):
        return list(_LINE_BREAK.finditer(text, start, end))
    found = list(PARAGRAPH_BREAK.finditer(text, start, end))
    ends = _line_paragraph_ends(text)
    if not ends:
        return found
    lo, hi = bisect.bisect_left(ends, start), bisect.bisect_left(ends, end)
    found += [m for m in (_LINE_BREAK.match(text, at, end) for at in ends[lo:hi]) if m]
    return sorted(found, key=lambda m: m.start())


# How pages are written, not any page's words: in a text whose lines wrap within paragraphs, a
# line that ends without a sentence's punctuation and well short of the lines around it, over a
# line that opens a sentence (a capital) or a list item, was not wrapped: it ends a paragraph of
# its own. A short line so set apart is a heading or a title ("Top tips to prevent noise
# nuisance" between "...considerate of your neighbours." and "- keep music low"), a list item so
# ended is followed by the article's next sentence ("- ask them to make regular checks of the
# property" / "DIY jobs can create a lot of noise."). A line a writer or a program wrapped ends
# where the next word would not fit, so it never ends that far short of its paragraph's widest
# line (`WRAP_SLACK`), and one that ends in a comma or a word that goes on ("and", "the") is
# never an end.
WRAP_SLACK = 10  # characters: a line ending this much shorter than its paragraph's widest one...
_GOES_ON = re.compile(r"(?:[,(/&+=–—-]|\b(?i:a|an|the|and|or|but|nor|of|to|in|on|at|by|for|from"
                      r"|with|as|that|than|if|is|are|was|were|be|my|your|his|her|their|our|its"
                      r"|this|these|those|such|not|very|so))\Z")
_OPENS_ITEM = re.compile(rf"(?:[{BULLET_MARKS}]|\d{{1,3}}[.)])\s")
_OPENS_SENTENCE = re.compile(r"[\"'“‘(]?[A-Z]")


def line_ends_paragraph(line: str, nxt: str, width: int, *, after_end: bool) -> str | None:
    """How the wrapped text's ``line`` (stripped) ends, read with the line ``nxt`` under it
    (unstripped) in a paragraph whose widest line is ``width`` characters: ``"line"`` when it is
    a short line of its own (a heading, a title: at most `SHORT_LINE_WORDS` words, with
    ``after_end``, the line above ends a sentence or there is none), ``"item"`` when it is the
    end of a list item followed by prose, else None. Neither ends in sentence punctuation, a
    colon or a word that goes on, nor could the next line's first word have followed it within
    ``width`` less `WRAP_SLACK`."""
    following = nxt.strip()
    if (not line or not following or PARAGRAPH_END.search(line) or _GOES_ON.search(line)
            or len(line) + 1 + len(following.split()[0]) + WRAP_SLACK > width):
        return None
    item = _OPENS_ITEM.match(line) is not None
    if item:  # the next line ends it when it opens a sentence, not an item or an indented part
        indented = len(nxt) - len(nxt.lstrip()) > 0
        return ("item" if not indented and not _OPENS_ITEM.match(following)
                and _OPENS_SENTENCE.match(following) else None)
    if (after_end and len(line.split()) <= SHORT_LINE_WORDS
            and (_OPENS_ITEM.match(following) or _OPENS_SENTENCE.match(following))):
        return "line"
    return None


@lru_cache(maxsize=16)
def _line_paragraph_ends(text: str) -> tuple[int, ...]:
    """Where the line breaks that end a paragraph within a wrapped text's blocks (no blank line
    between) start (`line_ends_paragraph`): after a line of its own and before it, after a list
    item followed by prose. Linear in the text."""
    out: list[int] = []
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(text), None]:
        stop = m.start() if m else len(text)
        lines, at = [], pos
        for line in text[pos:stop].split("\n"):
            lines.append((at, line))
            at += len(line) + 1
        pos = m.end() if m else len(text)
        if len(lines) < 2:
            continue
        width = max(len(x.strip()) for _, x in lines)
        after_end = True  # the block's first line has no line above it
        for (a, line), (_, nxt) in pairwise(lines):
            s = line.strip()
            kind = line_ends_paragraph(s, nxt, width, after_end=after_end)
            brk = a + len(line)  # the "\n" after the line
            if kind == "line":
                if a > lines[0][0] and (not out or out[-1] != a - 1):
                    out.append(a - 1)  # the break above the line of its own
                out.append(brk)
            elif kind == "item":
                out.append(brk)
            after_end = bool(kind) or bool(ENDS_SENTENCE.search(s))
    return tuple(sorted(set(out)))


@lru_cache(maxsize=16)
def one_paragraph_per_line(text: str) -> bool:
    """Whether single line breaks end paragraphs (a web page copied as text: headings and
    paragraphs on lines of their own) rather than wrap long lines (a letter wrapped at 70
    characters): most lines end where a paragraph could, after sentence punctuation or as a
    short line, and the text has more single line breaks than blank lines."""
    raw = text.split("\n")
    singles = sum(1 for a, b in pairwise(raw) if a.strip() and b.strip())
    if singles < 3 or singles <= len(PARAGRAPH_BREAK.findall(text)):
        return False
    kept = [x.strip() for x in raw if x.strip()]
    lines = kept[:-1]
    # a wrap goes on to a paragraph's end: lines over small letters that never reach one are a
    # list of small-letter items one a line ("unexplained injuries or lost belongings" /
    # "frequent headaches before school" / "Talk to your child..."), not a paragraph wrapped
    stops = [bool(PARAGRAPH_END.search(x)) for x in kept]
    wrapped = [False] * len(lines)
    ended = stops[-1]  # the line under, or a wrap of it, ends one
    for i in range(len(lines) - 1, -1, -1):
        wrapped[i] = ended and wraps_on(lines[i], kept[i + 1])
        ended = wrapped[i] or stops[i]
    ends = sum(stop or (len(x.split()) <= SHORT_LINE_WORDS and not w)
               for x, stop, w in zip(lines, stops, wrapped))
    return ends >= PER_LINE_SHARE * len(lines)


# A line that ends without punctuation, over a line that opens with a small letter, was wrapped
# however short it is: a column set narrow ("…follow these three steps:" / "1. Be confident in
# your topic. Your audience already" / "believes that you're the expert…") wraps at 60
# characters, under the words a line of its own may hold. A short line of a few words over a
# small letter is no wrap (a list of small-letter items one a line, a picture's alt text).
WRAP_MIN_WORDS = 5


def wraps_on(line: str, nxt: str) -> bool:
    """Whether the stripped ``line`` goes on in the stripped line ``nxt`` under it: it ends in
    no punctuation that ends a paragraph, holds `WRAP_MIN_WORDS` words at least and ``nxt``
    opens with a small letter."""
    return (len(line.split()) >= WRAP_MIN_WORDS and nxt[:1].islower()
            and not PARAGRAPH_END.search(line))


def sentence_spans(
    text: str, start: int, end: int, breaks: Iterable[int] = ()
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (one paragraph, or part of one) as trimmed spans.

    ``breaks`` are extra offsets no sentence may cross (edges of boilerplate spans).
    """
    cuts = {start, end}
    cuts.update(m.end() for m in _BULLET_LINE.finditer(text, start, end))
    cuts.update(m.start() for m in _INLINE_BULLET.finditer(text, start, end))
    cuts.update(b for b in breaks if start < b < end)
    bounds = sorted(cuts)
    out: list[tuple[int, int]] = []
    for a, b in pairwise(bounds):
        a, b = trim(text, a, b)
        mark = _LEADING_MARK.match(text, a, b)
        if mark:
            a, b = trim(text, mark.end(), b)
        for x, y in _split_at_terminators(text, a, b):
            out.extend(cap_length(text, x, y))
    return out


def cap_length(text: str, start: int, end: int,
               limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as trimmed pieces of at most ``limit`` characters, each cut at the
    best clause boundary in the second half of the allowed length (linear in the length).

    >>> t = "one, two; three, four"
    >>> [t[a:b] for a, b in cap_length(t, 0, len(t), limit=12)]
    ['one, two;', 'three, four']
    """
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        lo, hi = pos + limit // 2, pos + limit
        cut = hi  # no boundary at all: cut between characters
        for pattern in _CLAUSE_CUTS:
            found = [m.end() for m in pattern.finditer(text, lo, hi)]
            if found:
                cut = found[-1]
                break
        a, b = trim(text, pos, cut)
        if a < b:
            out.append((a, b))
        pos = trim(text, cut, end)[0]
    a, b = trim(text, pos, end)
    if a < b:
        out.append((a, b))
    return out


def _split_at_terminators(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    cur = start
    brackets = _Brackets(text, start, end)
    for m in _TERMINATOR.finditer(text, start, end):
        after = m.end()
        note = _footnote(text, m, end)
        if note is not None and (note == end or _ends_sentence(text, m, end, note)):
            after = note
        elif not (m.end() < end and _ends_sentence(text, m, end)
                  and not _list_number(text, start, m)):
            continue
        if brackets.holds(cur, m.end()):
            continue  # "(A good rule of thumb? Ask ...)": the bracket's stops are inside it
        a, b = trim(text, cur, m.end())
        if a < b:
            yield a, b
        cur = after
    a, b = trim(text, cur, end)
    if a < b:
        yield a, b


class _Brackets:
    """The brackets of ``text[start:end]``, matched as they nest (a closing one that matches no
    open one, "1) first", is passed over), read once, in order, as the splitter asks."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.events = [(m.start(), m.group()) for m in _BRACKET.finditer(text, start, end)
                       if not m.group("number")]
        self.closes: dict[int, int] = {}  # where each bracket that closes opens -> closes
        stack: list[tuple[int, str]] = []
        for at, c in self.events:
            if c in _BRACKETS:
                stack.append((at, _BRACKETS[c]))
            elif stack and stack[-1][1] == c:
                self.closes[stack.pop()[0]] = at
        self.next = 0  # the next event to read
        self.open: list[tuple[int, str]] = []  # (where, closing mark) open so far, innermost last

    def holds(self, sentence: int, stop: int) -> bool:
        """Whether the stop ending at ``stop`` stands inside a bracket opened in the sentence
        that starts at ``sentence`` and closed within `BRACKET_REACH` characters after it."""
        events, opened = self.events, self.open
        while self.next < len(events) and events[self.next][0] < stop:
            at, c = events[self.next]
            if c in _BRACKETS:
                opened.append((at, _BRACKETS[c]))
            elif opened and opened[-1][1] == c:
                opened.pop()
            self.next += 1
        k = bisect.bisect_left(opened, (sentence, ""))  # the outermost opened in the sentence
        if k == len(opened):
            return False
        close = self.closes.get(opened[k][0])
        return close is not None and close - stop < BRACKET_REACH


def _footnote(text: str, m: re.Match, end: int) -> int | None:
    """Where a footnote mark right after the terminator run ``m`` ends, or None: only after a
    word ("listen.1"), never in a number ("3.5"), a list number ("1.") or after "No." ("No.1")."""
    if (m.start() == 0 or not text[m.start() - 1].isalpha()
            or _BEFORE_NUMBER.search(text, max(0, m.start() - 8), m.start())):
        return None
    note = _FOOTNOTE.match(text, m.end(), end)
    return note.end() if note else None


def _ends_sentence(text: str, m: re.Match, end: int, nxt: int | None = None) -> bool:
    """Whether the terminator run ``m`` ends a sentence, judged by what follows it (from
    ``nxt``, past a footnote mark, when given)."""
    nxt = m.end() if nxt is None else nxt
    if not text[nxt].isspace():
        # CJK full stops need no space after them
        return any(c in _CJK_STOPS for c in m.group())
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt == end:
        return True
    c = text[nxt]
    starts = c.isupper() or c.istitle() or c.isdigit() or c in _OPENERS
    caseless_letter = c.isalpha() and not c.islower() and not c.isupper()
    if not (starts or caseless_letter):
        return False
    if c in _QUOTE_OPENERS and _between_quotations(text, m):
        return False
    if m.group() == ".":
        before = max(0, m.start() - 8)
        return not (_ABBREVIATION.search(text, before, m.start())
                    or c.isdigit() and _BEFORE_NUMBER.search(text, before, m.start()))
    return True


# A run of quoted examples strung on ellipses ('euphemisms such as "passed away" … "gone to a
# better place" … "not with us any more" …etc.'): an ellipsis right after a quotation closes and
# right before the next one opens leaves the sentence running on, as a comma would
_QUOTE_OPENERS = frozenset("\"“‘'")
_ELLIPSIS = re.compile(r"(?:…|\.{3})[ \t]*\Z")
_CLOSED_QUOTATION = re.compile(r"[^\s\"“”‘’'][\"”’'][ \t]*\Z")


def _between_quotations(text: str, m: re.Match) -> bool:
    """Whether the terminator run ``m`` is an ellipsis after a closing quotation mark (the next
    opens one: the caller knows), its words in between a run of quoted examples."""
    if not _ELLIPSIS.match(m.group()):
        return False
    before = max(0, m.start() - 8)  # a few characters back: linear
    return _CLOSED_QUOTATION.search(text, before, m.start()) is not None


def _list_number(text: str, start: int, m: re.Match) -> bool:
    """Whether ``m`` is the dot of a list number ("1.") opening the line, not a full stop."""
    return m.group() in ".)" and 0 < m.start() - start <= 3 and text[start : m.start()].isdigit()


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed to exclude leading and trailing whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of ``doc`` in order, headings included (flagged ``is_heading``).

    A sentence overlapping ``doc.boilerplate`` is kept but not ``retrievable``.
    """
    text = doc.text
    sections = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in sections]
    names = section_names([s.heading for s in sections])
    heads = [(s.start, s.heading_end) for s in sections if s.heading_end > s.start]
    boiler = _merge(doc.boilerplate)
    boiler_starts = [a for a, _ in boiler]
    breaks = sorted({x for span in doc.boilerplate for x in span})

    def make(a: int, b: int, heading: bool) -> Sentence:
        i = bisect.bisect_right(starts, a) - 1
        section = names[i] if i >= 0 and a < sections[i].end else ""
        j = bisect.bisect_right(boiler_starts, b - 1) - 1  # last boilerplate span starting < b
        retrievable = not (j >= 0 and boiler[j][1] > a)
        return Sentence(
            f"{doc.doc_id}#s{a}-{b}", doc.doc_id, a, b, text[a:b], section, retrievable, heading
        )

    def body(a: int, b: int) -> list[Sentence]:
        lo, hi = bisect.bisect_right(breaks, a), bisect.bisect_left(breaks, b)
        return [make(x, y, False) for x, y in sentence_spans(text, a, b, breaks[lo:hi])]

    out: list[Sentence] = []
    h = 0
    for pa, pb in paragraph_spans(text):
        pos = pa
        while h < len(heads) and heads[h][1] <= pa:
            h += 1
        while h < len(heads) and heads[h][0] < pb:
            hs, he = max(heads[h][0], pos), min(heads[h][1], pb)
            out.extend(body(pos, hs))
            a, b = trim(text, hs, he)
            if a < b:
                out.append(make(a, b, True))
            pos = max(pos, he)
            if heads[h][1] > pb:
                break
            h += 1
        out.extend(body(pos, pb))
    return out


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of ``spans``."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(s for s in spans if s[0] < s[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# a line that hands the reader questions to ask ("Ask yourself the following questions to get
# started.", "...the questions below", "Consider these questions:" ends in a colon, read apart):
# the one-line questions right under it are its list, not headings and not rhetorical questions
HANDS_QUESTIONS = re.compile(
    r"\bask(ing)? (yourself|yourselves|each other|one another)\b"
    r"|\b(the )?following questions\b|\bquestions (below|like these|such as)\b"
    r"|\b(these|a few|some|several) questions\W*$", re.IGNORECASE)
