"""Example questions: how people ask for what an article says, and which sentences answer them.

An article may come with a sidecar file beside it, named like the article with
``.questions.jsonl`` in place of its extension (``000_x.txt`` -> ``000_x.questions.jsonl``).
Each line holds one question and the verbatim sentences of the article that answer it::

    {"question": "should i just let her read my texts so she calms down",
     "quotes": ["But none of these actions actually lead to a more trusting relationship, ..."]}

The index embeds the questions and fits a query adapter on them (doc2query, written ahead of
time), so a new question phrased the way worried people phrase it finds the sentences an
example question like it was answered with. Quotes are located in the article text here, once:
a quote that is not a verbatim slice of the article is skipped with a warning, never guessed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ingest.files import read_file

SUFFIX = ".questions.jsonl"
# The corpus-level file of questions the articles do NOT answer ({"question": "..."} lines):
# the abstention model compares a new question with them (`load_out_of_scope`).
OUT_OF_SCOPE = "out-of-scope" + SUFFIX
MAX_QUESTION_CHARS = 2000
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ExampleQuestion:
    """A question the article answers, with the ``(start, end)`` spans that answer it."""

    question: str
    spans: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict:
        return {"question": self.question, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, d: dict) -> ExampleQuestion:
        return cls(d["question"], tuple((int(a), int(b)) for a, b in d["spans"]))


def is_sidecar(path: Path) -> bool:
    """An article's example questions, or the corpus's out-of-scope questions."""
    return path.name.lower().endswith(SUFFIX)


def sidecar_for(article: Path) -> Path:
    """``data/articles/000_x.txt`` -> ``data/articles/000_x.questions.jsonl``."""
    return article.with_name(article.stem + SUFFIX)


def article_stem(sidecar: Path) -> str:
    return sidecar.name[: -len(SUFFIX)]


def _questions(data: bytes, problems: list[str]):
    """(line number, question, the line's JSON object) for each line of a questions file
    with a usable question; a problem is noted for every other non-blank line."""
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("not UTF-8 text")
        return
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"line {n}: not JSON")
            continue
        if not isinstance(row, dict):
            problems.append(f"line {n}: not a JSON object")
            continue
        question = row.get("question")
        if not isinstance(question, str) or not question.strip():
            problems.append(f"line {n}: no question")
            continue
        question = " ".join(question.split())
        if len(question) > MAX_QUESTION_CHARS:
            problems.append(f"line {n}: question longer than {MAX_QUESTION_CHARS:,} characters")
            continue
        yield n, question, row


def parse_examples(data: bytes, text: str) -> tuple[list[ExampleQuestion], str, list[str]]:
    """The example questions in a sidecar's bytes, located in the article ``text``.

    Returns (examples, sha256 of the bytes, problems); a problem is "line N: why" for each line
    that was skipped. Lines without any usable quote are skipped; a quote that is not found
    verbatim in the article is dropped from its line.
    """
    examples: list[ExampleQuestion] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, question, row in _questions(data, problems):
        quotes = row.get("quotes")
        if not isinstance(quotes, list) or not quotes:
            problems.append(f"line {n}: no quotes")
            continue
        spans = []
        for quote in quotes:
            at = text.find(quote) if isinstance(quote, str) and quote.strip() else -1
            if at < 0:
                problems.append(f"line {n}: a quote is not a verbatim part of the article")
                continue
            spans.append((at, at + len(quote)))
        if not spans:
            continue
        if question.lower() in seen:
            problems.append(f"line {n}: repeats an earlier question")
            continue
        seen.add(question.lower())
        examples.append(ExampleQuestion(question, tuple(sorted(set(spans)))))
    return examples, hashlib.sha256(data).hexdigest(), problems


def parse_out_of_scope(data: bytes) -> tuple[list[str], str, list[str]]:
    """The questions in an out-of-scope file: (questions, sha256 of the bytes, problems).
    A repeated question is kept once, silently."""
    questions: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for _, question, _ in _questions(data, problems):
        if question.lower() not in seen:
            seen.add(question.lower())
            questions.append(question)
    return questions, hashlib.sha256(data).hexdigest(), problems


def load_out_of_scope(paths) -> tuple[list[str], str, list[str]] | None:
    """The out-of-scope questions of the first ingested folder that has an
    ``out-of-scope.questions.jsonl`` at its top, as (questions, sha256, warnings); None when
    no folder has one. A file that cannot be read, or has lines but no usable question, gives
    an empty sha256 and its warning (the index then keeps the questions it has)."""
    for p in paths:
        f = Path(p) / OUT_OF_SCOPE
        if Path(p).is_dir() and (f.is_file() or f.is_symlink()):
            data = read_file(f, MAX_FILE_BYTES, within=Path(p))
            if isinstance(data, str):
                return [], "", [f"skipped {f.as_posix()}: {data}"]
            questions, sha, problems = parse_out_of_scope(data)
            if problems and not questions:  # nothing usable: not a reason to drop the old set
                return [], "", [f"skipped {f.as_posix()}: {problems[0]}"]
            warnings = ([f"{f.as_posix()}: {len(problems)} problem(s), first {problems[0]}; "
                         f"{len(questions)} out-of-scope questions kept"] if problems else [])
            return questions, sha, warnings
    return None
