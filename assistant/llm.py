"""Optional LLM composer: connective prose around numbered evidence, verified or discarded.

Any LangChain chat model may write a short answer from the numbered quotes. The answer is kept
only if every sentence cites ``[n]`` of a provided quote and every text inside quotation marks is
verbatim in a quote that sentence cites. Otherwise Quotewise falls back to the extractive answer
and says so (``Answer.composer == "extractive-fallback"`` plus a notice).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer import Answer, Quote
from assistant.composer import compose_markdown, md_escape
from ingest.model import Document
from ingest.profile import Profile

SYSTEM = (
    "You answer a question from {scope}. Using ONLY the numbered "
    "evidence, write 2 to 4 short sentences of advice. End every sentence with the citation of "
    "the evidence it relies on, like [1] or [2][3]. If you quote, copy the words exactly and put "
    "them in double quotation marks. Never add facts that are not in the evidence."
)

_CITE = re.compile(r"\[(\d+)\]")
# Quotation marks a reader takes as quoting, in any of their shapes. A quotation is found in the
# whole text, not per sentence: one that runs over a sentence's end ("Do X. Then Y.") was split
# in two halves holding one mark each, and passed unchecked.
_MARKS = "\"“”„‟«»‹›「」『』"
_QUOTED = re.compile(f"[{_MARKS}]([^{_MARKS}]*)[{_MARKS}]")
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘‚‛](?=\S)(.+?)(?<=\S)['’‛](?!\w)")  # not an apostrophe
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


class CompositionError(ValueError):
    """The LLM's text failed verification."""


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").split()).lower()


def build_messages(question: str, quotes: list[Quote],
                   profile: Profile | None = None) -> list[tuple[str, str]]:
    """The chat messages: the rules (naming what the articles are about, from the corpus
    profile) and the question with its numbered evidence."""
    evidence = "\n".join(f"[{q.n}] “{' '.join(q.text.split())}”" for q in quotes)
    system = SYSTEM.format(scope=(profile or Profile()).describe())
    return [("system", system), ("human", f"Question: {question}\n\nEvidence:\n{evidence}")]


def verify(text: str, quotes: list[Quote]) -> list[int]:
    """Check the LLM's prose; returns cited numbers in order of first appearance."""
    text = text.strip()
    if not text:
        raise CompositionError("the model returned no text")
    by_n = {q.n: q for q in quotes}
    order: list[int] = []
    sentences = []  # (start, end, cited numbers)
    start = 0
    for gap in [*_SENT_SPLIT.finditer(text), None]:
        end = gap.start() if gap else len(text)
        sentence = text[start:end]
        cited = [int(n) for n in _CITE.findall(sentence)]
        if not cited:
            raise CompositionError(f"a sentence cites nothing: {sentence[:60]!r}")
        for n in cited:
            if n not in by_n:
                raise CompositionError(f"it cites [{n}], but there are {len(quotes)} quotes")
            if n not in order:
                order.append(n)
        sentences.append((start, end, cited))
        start = gap.end() if gap else end
    if sum(text.count(m) for m in _MARKS) % 2:
        raise CompositionError("a quotation mark is left open")
    for match in [*_QUOTED.finditer(text), *_SINGLE_QUOTED.finditer(text)]:
        quoted = _CITE.sub("", match.group(1))
        # the sentences the quotation runs through cite where it comes from
        cited = {n for a, b, ns in sentences if a < match.end() and b > match.start() for n in ns}
        if _norm(quoted) and not any(_verbatim(quoted, by_n[n].text) for n in cited):
            raise CompositionError(f"quoted text is not verbatim in its source: {quoted[:60]!r}")
    return order


def _verbatim(quoted: str, source: str) -> bool:
    """Whether ``quoted`` is whole words of ``source`` ("safe to stay" is not in "unsafe to
    stay"), read with spacing, case and apostrophes' shapes aside."""
    words = _norm(quoted)
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", _norm(source)) is not None


def compose_with_llm(llm, answer: Answer, documents: dict[str, Document], *,
                     profile: Profile | None = None) -> Answer:
    """Rewrite ``answer`` with verified LLM prose, or return it marked as a fallback."""
    if answer.abstained or not answer.quotes:
        return answer
    try:
        msg = llm.invoke(build_messages(answer.question, answer.quotes, profile))
        text = msg.content if hasattr(msg, "content") else str(msg)
        if not isinstance(text, str):
            raise CompositionError("the model returned non-text content")
        order = verify(text, answer.quotes)
    except Exception as err:  # noqa: BLE001 - any model failure falls back to the extractive answer
        reason = str(err) if isinstance(err, CompositionError) else type(err).__name__
        return replace(
            answer,
            composer="extractive-fallback",
            notices=answer.notices + [f"The written answer failed verification ({reason}); "
                                      "showing the quoted evidence instead."],
        )
    # renumber so citations count 1.. in order of first appearance, prose first
    order += [q.n for q in answer.quotes if q.n not in order]
    new_n = {old: i for i, old in enumerate(order, 1)}
    by_n = {q.n: q for q in answer.quotes}
    quotes = [replace(by_n[old], n=new_n[old]) for old in order]
    prose = _defused(_CITE.sub(lambda m: f"[{new_n[int(m.group(1))]}]", md_escape_prose(text)))
    body = compose_markdown(quotes, documents, framing="The quoted evidence:")
    notice_block = ""
    if answer.safety and answer.markdown.startswith("> ⚠️"):
        notice_block = answer.markdown.split("\n\n", 1)[0] + "\n\n"
    return replace(answer, quotes=quotes, markdown=f"{notice_block}{prose}\n\n{body}",
                   composer="llm")


# The prose's citations stay "[n]" (everything else in it is escaped), so two shapes of them
# would be Markdown of their own: "[1]: https://..." opening a line defines "[1]" as a link
# (every citation in the answer, the quoted evidence's too, would point there) and "![1]" shows
# that address as an image, which the reader's browser fetches (the question in its address).
_DEFINITION = re.compile(r"(?m)^( {0,3})\[(\d+)\](?=\s*:)")
_IMAGE = re.compile(r"!(?=\[\d+\])")


def _defused(prose: str) -> str:
    """``prose`` with no citation that defines a link or shows an image."""
    return _IMAGE.sub(r"\\!", _DEFINITION.sub(r"\1\\[\2\\]", prose))


def md_escape_prose(text: str) -> str:
    """Escape the LLM's prose like article text, but keep its [n] citations working."""
    parts = _CITE.split(text)
    out = []
    for i, part in enumerate(parts):
        out.append(f"[{part}]" if i % 2 else md_escape(part, one_line=False))
    return "".join(out).strip()
