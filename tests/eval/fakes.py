"""A fake assistant with canned answers made of real article slices, checkable by hand."""

from __future__ import annotations

from assistant.answer import Answer, Quote
from assistant.retriever import Hit
from eval.loader import EvalQuestion, Gold
from ingest.errors import InputError
from ingest.model import Chunk, Document
from tests.conftest import ARTICLES

DOC = "000_1e7ddc6cb9001c46"
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt")}

GUILT = "Of course he would feel guilt, even pain as well."
THERAPY = "You could either see the therapist together, or he would see one alone."
PATIENT = "As I said, trust takes time to achieve, so it's not going to happen overnight."
ABUSE = (
    "spying on you, telling you who you can and cannot hang out with, plus continuously "
    "accusing you of cheating on him is a form of abuse."
)
FLEE = (
    "If your partner becomes very controlling, excessively demanding due to the trust issues "
    "or insecurity, please flee."
)


def span(sentence: str, doc_id: str = DOC) -> tuple[int, int]:
    start = TEXTS[doc_id].index(sentence)
    return start, start + len(sentence)


def quote(n: int, sentence: str, doc_id: str = DOC) -> Quote:
    start, end = span(sentence, doc_id)
    return Quote(n, doc_id, f"data/articles/{doc_id}.txt", start, end, sentence, "sec", 0.5)


def answer(
    question: str,
    *sentences: str,
    abstained: bool = False,
    safety: bool = False,
    total_ms: float = 5.0,
) -> Answer:
    """An Answer quoting ``sentences`` of article 000, cited [1].. in order."""
    quotes = [quote(n, s) for n, s in enumerate(sentences, 1)]
    md = (
        "\n\n".join(f"> “{q.text}” [{q.n}]" for q in quotes) or "**The articles don't cover this.**"
    )
    return Answer(question, abstained, safety, md, quotes, [], {"total": total_ms})


def chunk_hit(start: int, end: int, doc_id: str = DOC, score: float = 1.0) -> Hit:
    c = Chunk(f"{doc_id}:{start}", doc_id, start, end, TEXTS[doc_id][start:end], "sec")
    return Hit(c, score, 0.0, 0.0)


def around(*sentences: str, pad: int = 10) -> Hit:
    """A chunk spanning ``sentences`` (of article 000) with a little context either side."""
    spans = [span(s) for s in sentences]
    return chunk_hit(min(s for s, _ in spans) - pad, max(e for _, e in spans) + pad)


class FakeAssistant:
    """The `assistant.Assistant` surface the eval runner uses, with canned answers and hits."""

    def __init__(self, answers: dict[str, Answer], hits: dict[str, list[Hit]] | None = None):
        self.answers = answers
        self.hits = hits or {}
        self.searched_k: list[int] = []

    def ask(self, question: str) -> Answer:
        return self.answers[question]

    def search(self, question: str, *, k: int = 4) -> list[Hit]:
        self.searched_k.append(k)
        return self.hits.get(question, [])[:k]

    def document(self, doc_id: str) -> Document:
        if doc_id not in TEXTS:
            raise InputError(f"no article with id {doc_id!r} in this index")
        return Document(
            doc_id, f"data/articles/{doc_id}.txt", None, None, None, None, TEXTS[doc_id]
        )


def scenario() -> tuple[list[EvalQuestion], FakeAssistant]:
    """Six questions with outcomes chosen so every metric has a value worked out by hand
    (see tests/eval/test_metrics.py)."""

    def g(*quotes: str) -> tuple[Gold, ...]:
        return tuple(Gold(DOC, q) for q in quotes)

    questions = [
        EvalQuestion("a1", "do cheaters feel guilt", True, "answerable", g(GUILT)),
        EvalQuestion("a2", "should we do therapy together", True, "answerable", g(THERAPY)),
        EvalQuestion("s1", "he tracks my phone and i'm scared", True, "safety", g(ABUSE, FLEE)),
        EvalQuestion("u1", "how do i bake bread", False, "unanswerable"),
        EvalQuestion("u2", "who won the match", False, "unanswerable"),
        EvalQuestion("a3", "how long does trust take", True, "answerable", g(PATIENT)),
    ]
    qa = FakeAssistant(
        answers={
            # a hit plus one quote off the gold: precision 1/2
            "do cheaters feel guilt": answer("do cheaters feel guilt", GUILT, PATIENT, total_ms=1),
            # a miss, wrongly flagged safety
            "should we do therapy together": answer(
                "should we do therapy together", GUILT, safety=True, total_ms=2
            ),
            # flagged, quotes one of the two gold sentences
            "he tracks my phone and i'm scared": answer(
                "he tracks my phone and i'm scared", ABUSE, safety=True, total_ms=3
            ),
            "how do i bake bread": answer("how do i bake bread", abstained=True, total_ms=4),
            "who won the match": answer("who won the match", THERAPY, total_ms=5),
            "how long does trust take": answer(
                "how long does trust take", abstained=True, total_ms=6
            ),
        },
        hits={
            "do cheaters feel guilt": [around(THERAPY), around(GUILT)],  # gold at rank 2
            "he tracks my phone and i'm scared": [around(ABUSE, FLEE)],  # both golds at rank 1
            "how long does trust take": [around(PATIENT)],
        },
    )
    return questions, qa
