"""The dataclasses every stage passes around.

Every span-carrying object satisfies ``document.text[x.start:x.end] == x.text``; tests check it
everywhere, including a hypothesis property test on arbitrary Unicode. How a section and an
article are named where they are shown (`section_display`, `section_label`, `title_label`) is
decided here, once.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ingest.examples import ExampleQuestion

BULLET_MARKS = "•·▪◦‣●*–—-"  # what opens a list item ("• Call him", "- Two Days Out")
# what opens a heading's line without being its words: Markdown's "#" marks, or a bullet
_HEADING_MARK = re.compile(rf"^(?:#{{1,6}}|[{re.escape(BULLET_MARKS)}])\s+")
# a heading wholly in Markdown's bold ("**Level II. Situation Heating up**"): the marks are not
# its words (a single "*" may be the writer's own: "*Note*")
_EMPHASIS_MARKS = re.compile(r"^(\*\*|__)(?=\S)(.+?)(?<=\S)\1$")
# a line wholly in bold or italics under a Markdown heading's line, read with it as its strapline
# (`ingest.structure.with_straplines`): "**Discreet and easy to use**"; shown after the heading
_STRAPLINE = re.compile(r"(\*\*|__|\*|_)(?=[^\s*_])([^\n]*?)(?<=[^\s*_])\1")
# a heading that only labels an advice column's parts ("QUESTION", "Answer", "Q", "Our reply"):
# it names no section of the article; what stands under it is shown under the section before
_QA_LABEL = re.compile(r"(?i)(?:(?:the|our|your|a|reader['’]?s?|expert['’]?s?)\s+)?"
                       r"(?:question|answer|reply|response|q|a)")


def section_display(heading: str) -> str:
    """A heading as people see it: whitespace (non-breaking spaces too) collapsed, Markdown
    ``#`` marks and bold marks around it, a leading bullet ("• Two Days Out") and a trailing
    colon dropped
    (``"4.    You Give In:"`` -> ``"4. You Give In"``); a Markdown heading read with its strapline
    shows it after a dash (``"## Gum\\n**Good control**"`` -> ``"Gum — Good control"``).

    Sentences and chunks carry this form in their ``section`` field.
    """
    first, _, rest = heading.strip().partition("\n")
    straps = [_STRAPLINE.fullmatch(line.strip()) for line in rest.split("\n")] if rest else []
    if straps and all(straps) and _HEADING_MARK.match(first):
        # "## Inhalator" and its strapline under it: "Inhalator — Good if you miss the ritual
        # of smoking", the strapline's marks dropped
        heading = " — ".join([first.rstrip().rstrip(":")] + [m.group(2).strip() for m in straps])
    words = " ".join(_HEADING_MARK.sub("", heading.strip()).split())
    emphasized = _EMPHASIS_MARKS.match(words)
    if emphasized:
        words = emphasized.group(2).strip()
    return words.rstrip(":").rstrip()


def section_names(headings: list[str]) -> list[str]:
    """The names shown for sections in order (`section_display`), where a heading that only
    labels an advice column's question or answer ("ANSWER") takes the name of the section
    before it: a reply quoted "under ANSWER" says nothing of where it stands."""
    out: list[str] = []
    for h in headings:
        name = section_display(h)
        out.append(out[-1] if out and _QA_LABEL.fullmatch(name) else name)
    return out


def section_label(section: str | None) -> str:
    """What a passage's section is called where it is shown: its heading, or "Introduction"
    for text before the first heading."""
    return section or "Introduction"


# a listicle heading ("5 signs you're being bullied at work", "7 ways to split the bills"): its
# number is part of it
LISTICLE = re.compile(r"\d{1,2} (signs?|ways?|tips?|things?|reasons?|steps?|rules?|questions?"
                      r"|mistakes?|strategies|habits?|ideas?|warning signs?)\b", re.IGNORECASE)
# a file name's leading ordering number ("02_", "2-", "002 "): the folder's order, not the title
# (a year, "2024 tax guide", is not one)
_ORDER_NUMBER = re.compile(r"(?:\d{1,3}|0\d{3}) (?=\S)")


def title_label(title: str | None, doc_id: str) -> str:
    """What an article is called where it is shown: its title, or for an article that states
    none a readable form of its file's name ("choosingtherapy_death_of_a_parent" ->
    "Choosingtherapy death of a parent"), without a number that orders the folder's files
    ("02_stayhubs_common_roommate_conflicts" -> "Stayhubs common roommate conflicts"; a
    listicle's "7 ways to split the bills" keeps its). Its ``doc_id`` stays as it is."""
    if title:
        return title
    name = " ".join(re.split(r"[_\s-]+", doc_id.rsplit("/", 1)[-1])).strip()
    order = _ORDER_NUMBER.match(name)
    if order and not LISTICLE.match(name):
        name = name[order.end():]
    return name[:1].upper() + name[1:] if name else doc_id


@dataclass(frozen=True)
class Section:
    """A detected heading and the span it governs.

    ``start``/``end`` cover the heading line and its body up to the next heading;
    ``heading`` is the heading text exactly as ``text[start:heading_end]``.
    ``kind`` is ``"title"``, ``"tip"`` (numbered), ``"question"``, ``"heading"`` or ``"intro"``
    (text before the first heading, heading "").
    """

    heading: str
    start: int
    end: int
    heading_end: int
    kind: str = "heading"

    @property
    def display(self) -> str:
        """The heading as shown to people (see `section_display`)."""
        return section_display(self.heading)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading line, or bullet) with its offsets in the document.

    ``retrievable`` is False for boilerplate (bylines, share prompts, the author box);
    ``section`` is the display form of its section's heading ("" before any heading).
    """

    sent_id: str
    doc_id: str
    start: int
    end: int
    text: str
    section: str
    retrievable: bool = True
    is_heading: bool = False

    @property
    def quotable(self) -> bool:
        """Whether an answer may quote this sentence (and so whether it is embedded): body
        text, not boilerplate, a heading or a stray mark (a line of marks with no letter or
        digit: "**", "****", "* * *")."""
        return (self.retrievable and not self.is_heading and len(self.text) >= 3
                and any(c.isalnum() for c in self.text))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Chunk:
    """A sentence-aligned window inside one section; ``sentences`` are ``(start, end)`` spans."""

    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    section: str
    sentences: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["sentences"] = [list(s) for s in self.sentences]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Chunk:
        return cls(**{**d, "sentences": tuple(tuple(s) for s in d.get("sentences", ()))})


@dataclass
class Document:
    """A loaded article. ``text`` is canonical: for .txt/.md it is the file's exact contents.

    ``boilerplate`` lists ``(start, end)`` spans (share prompts, "About the Author", image
    captions) that keep their offsets but are never retrieved. ``examples`` are the questions
    the article answers, from its ``.questions.jsonl`` sidecar (`ingest.examples`), and
    ``examples_sha256`` the hash of that file ("" without one).
    """

    doc_id: str
    source: str
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    text: str
    sections: list[Section] = field(default_factory=list)
    sha256: str = ""
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    examples: list[ExampleQuestion] = field(default_factory=list)
    examples_sha256: str = ""

    def section_at(self, offset: int) -> Section | None:
        """The section containing ``offset`` (None before any section)."""
        for s in self.sections:
            if s.start <= offset < s.end:
                return s
        return None

    def meta(self) -> dict:
        """The source record of the Answer JSON."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "source": self.source,
        }

    def to_dict(self) -> dict:
        d = asdict(self)
        d["boilerplate"] = [list(b) for b in self.boilerplate]
        d["examples"] = [e.to_dict() for e in self.examples]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Document:
        d = dict(d)
        d["sections"] = [Section(**s) for s in d.get("sections", [])]
        d["boilerplate"] = [tuple(b) for b in d.get("boilerplate", [])]
        d["examples"] = [ExampleQuestion.from_dict(e) for e in d.get("examples", [])]
        return cls(**d)
