"""Load an eval set (JSONL, format in DESIGN.md); a malformed line is an error naming it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import InputError

KINDS = ("answerable", "unanswerable", "safety")
DEFAULT_SET = Path(__file__).resolve().parent / "questions.jsonl"


@dataclass(frozen=True)
class Gold:
    doc_id: str
    quote: str


@dataclass(frozen=True)
class EvalQuestion:
    """One labelled question. ``gold`` quotes are verbatim substrings of their articles."""

    id: str
    question: str
    answerable: bool
    kind: str
    gold: tuple[Gold, ...] = field(default_factory=tuple)


def _parse(obj, where: str) -> EvalQuestion:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object")
    for name, typ in (("id", str), ("question", str), ("answerable", bool), ("kind", str)):
        if name not in obj:
            raise InputError(f'{where}: missing field "{name}"')
        if not isinstance(obj[name], typ):
            raise InputError(f'{where}: field "{name}" must be {typ.__name__}')
    if not obj["question"].strip():
        raise InputError(f"{where}: the question is blank")
    if obj["kind"] not in KINDS:
        raise InputError(f'{where}: unknown kind {obj["kind"]!r} (use {", ".join(KINDS)})')
    gold = obj.get("gold", [])
    if not isinstance(gold, list):
        raise InputError(f'{where}: "gold" must be a list')
    parsed = []
    for g in gold:
        if (not isinstance(g, dict) or not isinstance(g.get("doc_id"), str)
                or not isinstance(g.get("quote"), str) or not g["quote"]):
            raise InputError(f'{where}: each gold item needs "doc_id" and a non-empty "quote"')
        parsed.append(Gold(g["doc_id"], g["quote"]))
    return EvalQuestion(obj["id"], obj["question"], obj["answerable"], obj["kind"], tuple(parsed))


def load_eval_set(path: str | Path | None = None) -> list[EvalQuestion]:
    """Questions from a JSONL file (blank lines ignored; ids must be unique)."""
    path = Path(path) if path else DEFAULT_SET
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"no eval set at {path}") from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as e:
        raise InputError(f"cannot read eval set {path}: {type(e).__name__}") from None
    out, seen = [], set()
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name} line {i}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not valid JSON ({e.msg})") from None
        q = _parse(obj, where)
        if q.id in seen:
            raise InputError(f"{where}: duplicate id {q.id!r}")
        seen.add(q.id)
        out.append(q)
    if not out:
        raise InputError(f"{path} holds no questions")
    return out
