"""Follow-up questions: what a turn means in its conversation, and what was already shown.

``ask(question, history=[{"question": ..., "answer": <Answer JSON>}, ...])`` (DESIGN.md).
A turn is a follow-up when it leans on the conversation: it opens like one ("and if...",
"what about...", "why?", "say more about...") or is short. A follow-up is searched together
with what the conversation was about (so "that", "it", "the therapy part" find what they
refer to). Its sentences are scored against that, mixed with what the last answer said (its
first quotes: "say more", "he says he'll only trust me if i quit the gym" go on from them),
and that reading is averaged with the turn's own words (so "can therapy help with that?" is
answered about therapy); a standalone question mid-conversation is answered on its own words.

Whether the articles cover a follow-up is judged on the turn itself when it brings a topic of
its own ("ok, and what's a good anniversary gift?" leaves the articles), and on the combined
question when it is elliptical ("why?", "what if it's my wife?") or its form leans on what was
said, whatever its words ("he refuses to go. is that a red flag?", "and if nothing has changed
after a year?", "she had a rough childhood if that matters").

A turn that swaps one thing of the conversation for another ("what if it's my wife, not my
boyfriend?", "and if it was a coworker instead of an ex?") is the earlier question with the
swap made: it is searched and judged as "my wife doesn't trust me...".

Safety reads the same text as the coverage judgement, so an elliptical follow-up to a turn that
describes danger ("is that abuse?", "what should i do") keeps the safety notice and guidance,
while a turn that leaves the articles is declined as usual.

Quotes already shown in the conversation are not repeated, unless the turn asks for them
again ("say that again", "repeat") or asks about one of them (below), whether the turn is a
follow-up or not. A short turn that
asks to hear something again ("say the part about her dad again", "sorry, can you repeat that")
is answered from what was shown: the shown quotes closest to its own words, or, with none of
its own, the last answer's. A bare request to go on ("go on", "tell me more", "and then?")
prefers the lines that follow the last answer's quotes in their articles. A turn that asks
about a part of what was shown ("say more about the therapy part", "what do you mean reach
him") names that part (``about``): the answer quotes the shown line it names first, then
lines not shown yet, so "more" is read beside what it is more of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.query import MAX_QUERY_CHARS
from ingest.errors import InputError
from index.lexical import content_terms
from index.queries import expand_shorthand

MAX_TURNS = 6  # earlier turns considered (the most recent ones)
_OPENERS = re.compile(
    r"^\s*(and|but|so|ok(ay)?|also|then|what if|what about|how about|why|how come|how long|"
    r"how so|say more|tell me more|more on|more about|and if|even if|what else|anything else|"
    r"is that|does that|will that|would that|should i do that|can you explain|explain|"
    r"what do you mean|meaning)\b",
    re.IGNORECASE,
)
_REPEAT = re.compile(r"\b(again|repeat|one more time|remind me what)\b", re.IGNORECASE)
# asking to hear it again, not a question that says "again" ("how do i get him to trust me again")
_SAY_AGAIN = re.compile(
    r"\b(say|tell me|read|give me|show me|go over|what was)\b.{0,50}\b(again|one more time)\b"
    r"|\brepeat\b|\bremind me what\b", re.IGNORECASE)
# a request to go on, with no words of its own
# (runs of spaces taken whole: "and", 2,000 spaces and "x" split the run between the last word
# and its end every way, 30 ms a question, the square of its length; twenty-fifth audit)
_CONTINUE = re.compile(
    r"^\s*+((ok(ay)?|so|and|but|yes|yeah|right|hmm+|mhm),?\s++)*(go on|continue|keep going|tell me more|"
    r"say more|more|more please|and then|then what|what then|and after that|after that|what next|"
    r"what else|anything else|like what|such as|what more|and)\s*+[?.!…]*\s*$", re.IGNORECASE)
# "what if it's my wife, not my boyfriend?" -> new="my wife", old="my boyfriend"
_SWAP = re.compile(
    r"^\s*(?:and |but |so |ok(?:ay)?,? )?(?:what if|how about|what about|if)\s+"
    r"(?:it(?:'|’)?s |its |it is |it was |they(?:'|’)?re |they are |they were |he(?:'|’)?s |"
    r"he is |he was |she(?:'|’)?s |she is |she was )?(?P<new>(?:my|a|an|the|our) "
    r"[\w'’-]+(?: [\w'’-]+)?),? (?:and )?(?:not|instead of|rather than) "
    r"(?P<old>(?:(?:my|a|an|the|our) )?[\w'’-]+(?: [\w'’-]+)?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:my|a|an|the|our) ", re.IGNORECASE)
# asking about a part of what was said, named after the ask: "say more about the therapy
# part", "tell me more about understanding his past", "what do you mean he needs to do the work"
_ABOUT_PART = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|and|but|well|wait|sorry|hm+),?\s+)*"
    r"(?:(?:can|could) (?:you|u) |pls |please )?"
    r"(?:(?:say|tell me|talk) (?:a bit |a little )?more (?:about|on)|more (?:about|on)"
    r"|what do (?:you|u) mean(?: by)?|explain|elaborate on|expand on)\s+(?P<what>\S.*)$",
    re.IGNORECASE)
# a turn whose form leans on the conversation even when it has words of its own: it asks why,
# goes on from what was said ("and if...", "so should i..."), asks about a part of it ("tell me
# more about the ... part"), asks whether "that" is normal, or adds a detail "if that matters"
_LEANS = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|and|but|well),?\s+)*(?:why|how come|and if|even if|if so|so should|"
    r"tell me more|say more|more about|what about the|what do (?:you|u) mean)\b"
    r"|\bif (?:that|it) (?:matters|helps)\b"
    r"|\b(?:is|was|isn['’]?t) that (?:a |an |normal|ok|okay|bad|wrong|healthy|abuse|fair|true|right)",
    re.IGNORECASE,
)
SHORT_WORDS = 12  # a turn this short leans on the conversation
CONTEXT_TURNS = 3  # earlier questions a follow-up may lean on
OWN_TOPIC_TERMS = 3  # content words a follow-up needs to be judged on its own


@dataclass(frozen=True)
class Turn:
    """How to answer one turn: ``search`` is the text retrieval uses; ``judge`` the text the
    abstention model judges; ``shown`` the (doc_id, start, end) spans already quoted."""

    search: str
    judge: str
    follow_up: bool = False
    shown: tuple[tuple[str, int, int], ...] = ()
    repeat: bool = False
    recall: bool = False  # asks to hear something shown again: answered from ``shown``
    goes_on: bool = False  # asks to go on from ``last``, the latest answer's quotes
    last: tuple[tuple[str, int, int], ...] = ()
    own: str = ""  # the turn's own words, scored beside ``search`` (a follow-up read in context)
    said: str = ""  # everything the asker wrote in the conversation, this turn included
    about: str = ""  # the part of what was shown the turn asks more about ("the therapy part")


def parse_history(history) -> list[dict]:
    """The validated history: a list of {"question": str, "answer": dict (optional)}."""
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise InputError("history must be a list of {\"question\": ..., \"answer\": ...} turns")
    turns = []
    for i, t in enumerate(history, 1):
        if not isinstance(t, dict) or not isinstance(t.get("question"), str):
            raise InputError(f"history turn {i} needs a \"question\" string")
        answer = t.get("answer") or {}
        if not isinstance(answer, dict):
            raise InputError(f"history turn {i}: \"answer\" must be the Answer JSON object")
        if not isinstance(answer.get("quotes") or [], list):  # a number here was a 500
            raise InputError(f"history turn {i}: \"quotes\" must be the Answer JSON's list")
        # read as far as a question is: a client may send any text as an earlier turn
        turns.append({"question": t["question"][:MAX_QUERY_CHARS], "answer": answer})
    return turns[-MAX_TURNS:]


def _shown(turns: list[dict]) -> tuple[tuple[str, int, int], ...]:
    """The (doc_id, start, end) spans the answers of ``turns`` quoted, in order."""
    spans = []
    for t in turns:
        for q in t["answer"].get("quotes") or []:
            if (isinstance(q, dict) and isinstance(q.get("doc_id"), str)
                    and isinstance(q.get("start"), int) and isinstance(q.get("end"), int)):
                spans.append((q["doc_id"], q["start"], q["end"]))
    return tuple(spans)


def is_follow_up(question: str) -> bool:
    """Whether ``question`` leans on an earlier turn."""
    return bool(_OPENERS.match(question)) or len(question.split()) <= SHORT_WORDS


def context_of(turns: list[dict]) -> str:
    """What the latest turn was about: its question, and the ones before it back to the last
    question that stood on its own ("my boyfriend doesn't trust me" / "why?" / "how do i fix
    it" -> the first two)."""
    context: list[str] = []
    for t in reversed(turns[-CONTEXT_TURNS:]):
        context.insert(0, t["question"])
        if not is_follow_up(t["question"]):
            break
    return " ".join(context)


def _own_topic(question: str, previous: str) -> bool:
    """Whether a follow-up brings a topic of its own ("ok, and what's a good anniversary
    gift?"), rather than leaning on ``previous`` ("why?", "he refuses to go. is that a red
    flag?")."""
    own = content_terms(question) - content_terms(previous)
    return len(own) >= OWN_TOPIC_TERMS and not _LEANS.search(question)


def swapped(question: str, previous: str) -> str | None:
    """``previous`` with the swap ``question`` asks for made ("what if it's my wife, not my
    boyfriend?" after "my boyfriend doesn't trust me" -> "my wife doesn't trust me"); None when
    ``question`` is no swap or what it replaces isn't in ``previous``."""
    m = _SWAP.match(expand_shorthand(question))
    if not m:
        return None
    new, old = (_DETERMINER.sub("", m.group(g)) for g in ("new", "old"))
    pattern = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE)
    if new.lower() == old.lower() or not pattern.search(previous):
        return None
    # A swap changes a few words: the turn is read as far as what it rewrites and one question
    # more. A 2,000-character word put for each of the 3,000 "a"s of the turns before made a
    # 6 MB question that every safety rule read (half a second a request). Past that length
    # no more words are put in (each puts in at least one character), so none is built.
    most = len(previous) + MAX_QUERY_CHARS
    return pattern.sub(lambda _: new, previous, count=most // len(new) + 1)[:most]


def resolve(question: str, history) -> Turn:
    """How to answer ``question`` after ``history`` (see the module docstring)."""
    turns = parse_history(history)
    if not turns:
        return Turn(question, question, said=question)
    shown, repeat = _shown(turns), bool(_REPEAT.search(question))
    said = " ".join([t["question"] for t in turns] + [question])
    if not is_follow_up(question):
        return Turn(question, question, shown=shown, repeat=repeat, said=said)
    last = _shown(turns[-1:])
    previous = context_of(turns)
    rewritten = swapped(question, previous)
    if rewritten:
        return Turn(rewritten, rewritten, follow_up=True, shown=shown, repeat=repeat, last=last,
                    said=said)
    combined = f"{question} {previous}"  # the turn first: its intent ("why?") leads
    judge = question if _own_topic(question, previous) else combined
    goes_on = bool(last and _CONTINUE.match(question))
    about = _ABOUT_PART.match(question) if shown and not goes_on else None
    return Turn(combined, judge, follow_up=True, shown=shown, repeat=repeat, last=last,
                recall=bool(shown and _SAY_AGAIN.search(question)), goes_on=goes_on,
                own="" if goes_on else question, said=said,
                about=about.group("what").strip(" ?.!") if about else "")
