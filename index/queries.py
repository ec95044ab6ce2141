"""How a question is turned into text for the model: the same at query time and for the example
questions embedded at ingest, so the two are compared like with like.

Texting shorthand people type into a chat box is spelled out (the model and BM25 know
"girlfriend", not "gf"); a long message's questions are moved to its front (people tell the
story first and ask at the end); the model reads its first `EMBED_CHARS` characters, normalised
as for matching (`normalize_text`).
"""

from __future__ import annotations

import re

from index.lexical import normalize_text

# Only unambiguous tokens (no "2", "4", "u r" digits).
SHORTHAND = {
    "gf": "girlfriend", "bf": "boyfriend", "hubby": "husband", "wifey": "wife",
    "u": "you", "ur": "your", "r": "are", "y": "why", "hw": "how", "wat": "what", "wht": "what",
    "abt": "about", "b4": "before", "pls": "please", "plz": "please", "cuz": "because",
    "coz": "because", "bc": "because", "bcoz": "because", "tho": "though", "rn": "right now",
    "idk": "I don't know", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "cant": "can't", "wont": "won't", "isnt": "isn't", "im": "I'm", "ive": "I've",
    "thats": "that's", "whats": "what's", "shes": "she's", "hes": "he's",
    "shud": "should", "shld": "should", "wud": "would", "cud": "could", "wen": "when",
}
# A whole token that is a SHORTHAND key, its ASCII letters in any case, not inside "U.S." or
# "I'm". Matching the keys alone, rather than every token to look it up, takes about half the
# time on a letter of 1,500 characters (80 µs, not 150).
_SHORTHAND_TOKEN = re.compile(
    r"(?<![\w.'’])(?ai:" + "|".join(map(re.escape, SHORTHAND)) + r")(?![\w.'’])")


def expand_shorthand(query: str) -> str:
    """``"hw do i get my gf to trust me"`` -> ``"how do i get my girlfriend to trust me"``."""
    return _SHORTHAND_TOKEN.sub(lambda m: SHORTHAND[m.group(0).lower()], query)


def embedding_text(question: str) -> str:
    """The text the model embeds for a question (shorthand already spelled out)."""
    return normalize_text(question)


EMBED_CHARS = 400  # of a question, what the model embeds (chosen on eval/real/dev.jsonl)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_ASKS = re.compile(
    r"^(so |but |and |now |please |honestly,? )*(should|shall|can|could|would|do|does|did|is|"
    r"are|am|was|will|how|what|why|when|where|which|who|any|help|advice|please)\b|"
    r"\b(what (should|do|can|would) i|how (do|can|should|would) i|should i|is it (ok|okay|"
    r"normal|wrong|fair)|am i (wrong|crazy|overreacting|being)|do you think|any (advice|ideas|"
    r"suggestions|tips)|what would you|how do we|what do we)\b",
    re.IGNORECASE,
)
LONG_QUESTION_CHARS = 400  # past this, a message is a story with a question in it


def _sentences(text: str) -> list[str]:
    return [x for x in _SENTENCE_END.split(text) if x.strip()]


def _asks(sentences: list[str], max_asks: int) -> list[int]:
    """Positions of the last ``max_asks`` sentences that ask (a question or a request)."""
    return [i for i, x in enumerate(sentences)
            if x.rstrip().endswith("?") or _ASKS.search(x)][-max_asks:]


def lead_with_the_ask(text: str, *, max_asks: int = 2) -> str:
    """A long message with its questions moved to the front: people tell the story first and
    ask at the end, and the model reads only the first 256 tokens. Short text is unchanged.

    >>> lead_with_the_ask("We met in May. " * 40 + "He checks my phone. Should I let him?")[:18]
    'Should I let him? '
    """
    if len(text) <= LONG_QUESTION_CHARS:
        return text
    sentences = _sentences(text)
    chosen = _asks(sentences, max_asks)
    if not chosen:
        return text
    lead = " ".join(sentences[i] for i in chosen)
    rest = " ".join(x for i, x in enumerate(sentences) if i not in chosen)
    return f"{lead} {rest}"


def asked(text: str, *, max_asks: int = 2) -> str:
    """What a message asks: a short one whole, a long one its asks only (the story around them
    may mention anything), or whole when no sentence asks.

    >>> asked("We met in May. " * 40 + "He checks my phone. Should I let him?")
    'Should I let him?'
    """
    if len(text) <= LONG_QUESTION_CHARS:
        return text
    sentences = _sentences(text)
    chosen = _asks(sentences, max_asks)
    return " ".join(sentences[i] for i in chosen) if chosen else text


def situation_asks(text: str, *, max_asks: int = 2) -> str | None:
    """What a message asks when it also tells its situation, whatever its length ("My husband
    wants every penny accounted for and I hate it. Should we each get some money to spend?" ->
    the second sentence); None when no sentence asks or every one does (nothing to set apart).

    >>> situation_asks("He checks my phone. Should I let him?")
    'Should I let him?'
    """
    sentences = _sentences(" ".join(text.split()))
    chosen = _asks(sentences, max_asks)
    if not chosen or len(chosen) == len(sentences):
        return None
    return " ".join(sentences[i] for i in chosen)


def question_embedding_text(question: str) -> str:
    """What the model reads of ``question``, at query time and for an example question alike:
    shorthand spelled out, a long message's asks first, its first `EMBED_CHARS` characters."""
    text = lead_with_the_ask(expand_shorthand(" ".join(question.split())))
    return embedding_text(text[:EMBED_CHARS])
