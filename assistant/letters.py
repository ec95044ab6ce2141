"""Readers' letters inside articles: the situation, not the advice.

Advice columns print a reader's letter and then the answer ("Dear Amanda: I'm in a relationship
with a man who is very controlling with money... What should I do?" / "Your gut feeling is 100
percent correct."). The letter reads like the asker's own message, so it matches it best, but
it is another reader's story: quoted back, it only tells the asker what they just said. A letter
is never quoted; the reply that follows it is read in its light (the letter is the reply's
context, as a heading is its section's).

A letter is found from its salutation:

- a line of its own ("Dear Amanda:", "Dear Jenny Jackson", "Hi everyone,") followed by
  paragraphs in the first person (more "I / me / my" than "you / your"): those paragraphs;
- a paragraph opening with a salutation ("DEAR HARRIETTE: When I was straightening up my son's
  room...", "Dear Carolyn: I've known...") or a column's "Q:" ("Q.", "**Q:**") and written in
  the first person:
  it and the first-person paragraphs after it, up to a signature ("... -- Don't Vape") or, after
  a "Q:", the answer's label ("A:", or the columnist's name: "Gillespie: From nightmares...");
- a column's lead-in on a line of its own ("A reader asks:", "Reader question:") counts as a
  salutation line;
- a salutation followed by the reply ("Dear Worried:" / "No one should be allowed..."): the
  first-person paragraphs right before it, back to the heading.

A one-line paragraph without an end mark just before a letter is its title ("Help, my teen has
stopped communicating"). The reply is the quotable lines after the letter, up to `REPLY_ROWS`,
until the next salutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.store import IndexData
from index.view import IndexView
from ingest.sentences import ENDS_SENTENCE

REPLY_ROWS = 25  # lines after a letter read in its light (a column's reply, list and all)
# a salutation, or a column's lead-in to the letter: "A reader asks:", "Reader question:"
_SALUTATION_LINE = re.compile(
    r"^(dear|hi|hello|hey)\s+[\w’'.,&\- ]{1,40}?[:,!]?\s*$"
    r"|^(an?|one|this|our) (\w+ )?(reader|listener|viewer|subscriber|follower)"
    r" (asks|asked|writes|wrote|writes in|wrote in)\s*[:.]?\s*$"
    r"|^(a )?(reader|listener)['’]?s? (question|letter)\s*:?\s*$",
    re.IGNORECASE)
# "DEAR HARRIETTE: When I...", "Dear Carolyn: I've known...", and a column's "Q: Ever since our
# manager..." (a letter still has to be written in the first person to count)
# A column's label, in Markdown's emphasis or not ("**Q:** My two-year-old...", "__A__: ...") and
# with a colon or a full stop ("Q. The owner in the unit downstairs from me...")
_EMPHASIS = r"[*_]{0,2}"


def _label(words: str) -> str:
    return rf"^{_EMPHASIS}({words}){_EMPHASIS}\s*(:|\.(?={_EMPHASIS}\s)){_EMPHASIS}"


_SALUTATION_INLINE = re.compile(r"^(DEAR|Dear) [A-Z][\w’'.&\- ]{0,40}:\s"
                                + "|" + _label("Q|QUESTION|Question")
                                + r"\s*(?=[A-Z“\"‘'])")  # "Q:My..."
_REPLY = re.compile(_label("A|ANSWER|Answer") + r"\s")  # a column's answer after its "Q:" letter
_ASKED = re.compile(_label("Q|QUESTION|Question"))
# after a "QUESTION:" letter, the columnist's name as the reply's label ("Gillespie: From
# nightmares about getting lost to ...")
_NAMED_REPLY = re.compile(r"^[A-Z][\w’'.\-]+( [A-Z][\w’'.\-]+)?\s*:\s")
# the writer, alone or with their family ("My sister was married recently... Our family feels
# embarrassed because we hosted the wedding")
_FIRST = re.compile(r"\b(i|me|my|mine|myself|i['’](m|ve|d|ll)|we|us|our|ours|ourselves"
                    r"|we['’](re|ve|d|ll))\b", re.IGNORECASE)
_SECOND = re.compile(r"\b(you|your|yours|yourself|you['’](re|ve|d|ll))\b", re.IGNORECASE)
_SIGNED = re.compile(r"(--|—|–)\s*[A-Z][\w’' .,]{0,40}$")


@dataclass(frozen=True)
class Letters:
    """The readers' letters of an index: ``rows`` are never quoted; ``of_row[r]`` is the letter
    row ``r`` belongs to and ``reply[r]`` the letter whose reply row ``r`` stands in;
    ``chunks[n]`` are the chunk positions holding letter ``n`` and ``replies[n]`` its reply rows."""

    rows: frozenset[int] = frozenset()
    reply: dict[int, int] = field(default_factory=dict)
    chunks: list[np.ndarray] = field(default_factory=list)
    replies: list[list[int]] = field(default_factory=list)
    of_row: dict[int, int] = field(default_factory=dict)


def _paragraphs(view: IndexView, n: int) -> list[list[int]]:
    """Rows grouped into paragraphs, in order (a heading is a paragraph of its own)."""
    out: list[list[int]] = []
    for r in range(n):
        if view.prev_row[r] < 0:
            out.append([r])
        else:
            out[-1].append(r)
    return out


def reader_letters(data: IndexData, view: IndexView) -> Letters:
    """The readers' letters in ``data``'s articles and the replies to them (module docstring)."""
    sents = data.sentences
    pars = _paragraphs(view, len(sents))
    text = [" ".join(sents[r].text for r in p) for p in pars]
    doc = [sents[p[0]].doc_id for p in pars]
    heading = [len(p) == 1 and sents[p[0]].is_heading for p in pars]
    line = [len(p) == 1 and bool(_SALUTATION_LINE.match(sents[p[0]].text.strip())) for p in pars]
    inline = [bool(_SALUTATION_INLINE.match(t)) for t in text]

    def person(i: int) -> tuple[int, int]:
        return len(_FIRST.findall(text[i])), len(_SECOND.findall(text[i]))

    def writes_of_self(i: int, opening: bool = False) -> bool:
        first, second = person(i)
        return first >= (2 if opening else 1) and first > second

    def in_letter(i: int, at: int, after_salutation: bool = False) -> bool:
        # right after "Dear Carolyn:" one "my" opens a letter ("My fiance's parents divorced
        # ... they have not seen each other"); read back from a salutation, it takes two
        return (doc[i] == doc[at] and not heading[i] and not line[i]
                and writes_of_self(i, opening=i == at and not after_salutation))

    rows: set[int] = set()
    of_row: dict[int, int] = {}
    reply_of: dict[int, int] = {}
    chunks: list[np.ndarray] = []
    replies: list[list[int]] = []
    i = 0
    while i < len(pars):
        if not (line[i] or inline[i]):
            i += 1
            continue
        j = i + 1 if line[i] else i
        start = j
        asked = bool(_ASKED.match(text[i]))
        while (j < len(pars) and in_letter(j, start, after_salutation=True)
               and (j == i or not inline[j])
               and not _REPLY.match(text[j])
               and not (asked and j > i and _NAMED_REPLY.match(text[j]))):
            j += 1
            if _SIGNED.search(text[j - 1]):
                break
        if j > start:  # the salutation opens the letter
            first, end = i, j
        else:  # it opens the reply: the letter is what comes before it
            k = i
            while (k > 0 and in_letter(k - 1, k - 1) and not inline[k - 1]
                   and pars[k - 1][0] not in rows):  # not a letter found already
                k -= 1
            if k == i:
                i += 1
                continue
            first, end = k, i + 1 if line[i] else i
        if first > 0 and doc[first - 1] == doc[first] and len(pars[first - 1]) == 1 \
                and not ENDS_SENTENCE.search(text[first - 1]):
            first -= 1  # the letter's title
        letter = [r for p in pars[first:end] for r in p]
        reply: list[int] = []
        for p in range(end, len(pars)):
            if doc[p] != doc[first] or (p > end and (line[p] or inline[p])):
                break
            reply += [r for r in pars[p] if view.quotable[r]]
            if len(reply) >= REPLY_ROWS:
                break
        reply = reply[:REPLY_ROWS]
        n = len(chunks)
        chunks.append(np.unique([view.row_chunk[r] for r in letter
                                 if view.row_chunk[r] >= 0]).astype(np.int64))
        replies.append(reply)
        of_row.update((r, n) for r in letter)
        for r in reply:
            reply_of.setdefault(r, n)
        rows.update(letter)
        i = max(end, i + 1)
    # a salutation on a line of its own is never an answer ("Dear Carolyn:", "Dear Anonymous,")
    rows.update(pars[i][0] for i in range(len(pars)) if line[i])
    return Letters(frozenset(rows), reply_of, chunks, replies, of_row)
