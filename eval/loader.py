"""Load an eval set: JSONL, one labelled question per line (format in DESIGN.md).

A malformed line is an `InputError` naming the file and line, e.g.
``questions.jsonl line 7: missing field "question"``, so a hand-edited set is quick to fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.retriever import clean_query
from ingest.errors import InputError

KINDS = ("answerable", "unanswerable", "safety")
DEFAULT_SET = Path(__file__).resolve().parent / "questions.jsonl"
_FIELDS = (("id", str), ("question", str), ("answerable", bool), ("kind", str), ("gold", list))
_TYPE_NAMES = {str: "a string", bool: "true or false", list: "a list"}


@dataclass(frozen=True)
class Gold:
    """A passage a good answer should quote: a verbatim substring of article ``doc_id``."""

    doc_id: str
    quote: str


@dataclass(frozen=True)
class EvalQuestion:
    """One labelled question.

    >>> q = EvalQuestion("q01", "do cheaters feel guilt", True, "answerable",
    ...                  (Gold("000_1e7ddc6cb9001c46", "Of course he would feel guilt, even pain as well."),))
    >>> q.to_dict()["gold"][0]["doc_id"]
    '000_1e7ddc6cb9001c46'
    """

    id: str
    question: str
    answerable: bool
    kind: str
    gold: tuple[Gold, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "question": self.question,
            "answerable": self.answerable,
            "kind": self.kind,
            "gold": [{"doc_id": g.doc_id, "quote": g.quote} for g in self.gold],
        }


def read_jsonl(path: str | Path, *, kind: str, items: str) -> list[tuple[str, dict]]:
    """(where, object) for each non-blank line of a JSONL file, where is "NAME line N"; every
    problem is an `InputError` naming the file (``kind``, e.g. "eval set") and line, and a
    file without lines holds no ``items``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no {kind} at {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {kind} {path}: {type(e).__name__}") from None
    out = []
    # JSONL lines end at "\n" only: str.splitlines() would also split at U+2028 and friends,
    # which JSON allows unescaped inside strings.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg})") from None
        except RecursionError:
            raise InputError(f"{where}: JSON nested too deeply") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        out.append((where, obj))
    if not out:
        raise InputError(f"{kind} {path} holds no {items}")
    return out


def unique_ids(records: list[tuple[str, object]]) -> None:
    """Refuse a second record with the same ``id``, naming its line."""
    seen: set[str] = set()
    for where, record in records:
        if record.id in seen:
            raise InputError(f"{where}: duplicate id {record.id!r}")
        seen.add(record.id)


def load_eval_set(path: str | Path = DEFAULT_SET) -> list[EvalQuestion]:
    """The questions of a JSONL eval set; blank lines are ignored, ids must be unique."""
    parsed = [(where, parse_question(obj, where))
              for where, obj in read_jsonl(path, kind="eval set", items="questions")]
    unique_ids(parsed)
    return [q for _, q in parsed]


def parse_question(obj: dict, where: str) -> EvalQuestion:
    """One labelled question from its JSON object (``where`` names it in errors)."""
    for name, typ in _FIELDS:
        if name not in obj:
            raise InputError(f'{where}: missing field "{name}"')
        if not isinstance(obj[name], typ):
            raise InputError(
                f'{where}: field "{name}" must be {_TYPE_NAMES[typ]}, '
                f"got {type(obj[name]).__name__}"
            )
    if not obj["id"].strip():
        raise InputError(f'{where}: field "id" is blank')
    try:  # the same rule `ask` applies, checked up front so a bad line fails before the run
        clean_query(obj["question"])
    except InputError:
        raise InputError(
            f'{where}: field "question" is blank (or only control characters)'
        ) from None
    kind, answerable = obj["kind"], obj["answerable"]
    if kind not in KINDS:
        raise InputError(f"{where}: unknown kind {kind!r} (use {', '.join(KINDS)})")
    if answerable != (kind != "unanswerable"):
        raise InputError(
            f'{where}: kind "{kind}" needs "answerable": '
            f"{'false' if kind == 'unanswerable' else 'true'}"
        )
    gold = tuple(_parse_gold(item, i, where) for i, item in enumerate(obj["gold"], 1))
    if kind == "answerable" and not gold:  # a safety question may have none: nothing fits,
        #                                      only the safety notice is judged
        raise InputError(f'{where}: an answerable question needs at least one "gold" quote')
    if not answerable and gold:
        raise InputError(f'{where}: an unanswerable question must have "gold": []')
    return EvalQuestion(obj["id"], obj["question"], answerable, kind, gold)


def _parse_gold(item, i: int, where: str) -> Gold:
    if not isinstance(item, dict):
        raise InputError(
            f'{where}: "gold" item {i} must be an object {{"doc_id": ..., "quote": ...}}'
        )
    for name in ("doc_id", "quote"):
        if not isinstance(item.get(name), str) or not item[name]:
            raise InputError(f'{where}: "gold" item {i} needs a non-empty string "{name}"')
    return Gold(item["doc_id"], item["quote"])
