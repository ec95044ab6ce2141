"""Answer and Quote: the result types of `Assistant.ask`, with the JSON of DESIGN.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Quote:
    """A verbatim slice of an article: ``document.text[start:end] == text``."""

    n: int
    doc_id: str
    source: str
    start: int
    end: int
    text: str
    section: str
    score: float

    def to_dict(self) -> dict:
        d = asdict(self)
        d["score"] = round(float(self.score), 4)
        return d


@dataclass
class Answer:
    """A grounded answer.

    ``markdown`` cites ``[n]`` numbered 1.. in order of first appearance, mapping 1:1 to
    ``quotes``. An abstained answer has no quotes; ``closest`` then holds passages shown to the
    person as "closest passages, not an answer" (not part of the JSON contract's ``quotes``).

    ``coverage`` says how well the articles address this asker's question: "direct",
    "partial" (quotes, but ``scope_note`` says what the articles don't address) or "none"
    (abstained). ``scope_note`` is one plain sentence, shown first, whenever it isn't direct.
    """

    question: str
    abstained: bool
    safety: bool
    markdown: str
    quotes: list[Quote] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    closest: list[Quote] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    composer: str = "extractive"
    coverage: str = ""  # "direct" | "partial" | "none"; set from ``abstained`` when left empty
    scope_note: str | None = None

    def __post_init__(self):
        if not self.coverage:
            self.coverage = "none" if self.abstained else "direct"
        if self.abstained != (self.coverage == "none"):
            raise ValueError(f"coverage {self.coverage!r} contradicts abstained={self.abstained}")

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "abstained": self.abstained,
            "safety": self.safety,
            "markdown": self.markdown,
            "quotes": [q.to_dict() for q in self.quotes],
            "sources": [dict(s) for s in self.sources],
            "timings_ms": {k: round(float(v), 2) for k, v in self.timings_ms.items()},
            "closest": [q.to_dict() for q in self.closest],
            "notices": list(self.notices),
            "composer": self.composer,
            "coverage": self.coverage,
            "scope_note": self.scope_note,
        }
