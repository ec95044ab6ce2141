"""Multi-turn evaluation: conversations of follow-ups, each turn labelled like an eval question.

Input (JSONL, one conversation a line; the shipped sets are in ``eval/conversations/``)::

    {"id": "c01", "turns": [{"question": "...", "answerable": true, "kind": "answerable",
                             "gold": [{"doc_id": "...", "quote": "..."}],
                             "standalone": "...", "repeat_ok": false}, ...]}

Each turn is validated with `eval.loader`'s rules (kind, answerable, gold). Every turn after
the first (a *follow-up*) also needs ``standalone``: the same turn rewritten as a
self-contained question. ``repeat_ok`` (default false) is true only when the turn asks to hear
something again or to say more about something already quoted.

`run_conversations` asks turn by turn, passing the earlier turns as
``history=[{"question": ..., "answer": <Answer JSON>}, ...]`` (DESIGN.md), asks each follow-up's
standalone form with no history, scores every answer with `eval.metrics.question_metrics`
and writes ``results.jsonl``, ``metrics.json`` and ``report.md``. Definitions: `DEFINITIONS`.
"""

from __future__ import annotations

import inspect
import json
import math
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.retriever import clean_query
from eval.loader import EvalQuestion, parse_question, read_jsonl, unique_ids
from eval.metrics import QuestionMetrics, _mean, question_metrics
from eval.report import fmt
from eval.runner import _check_gold, _fetch_texts, _prepare
from ingest.errors import InputError

OUTPUTS = ("results.jsonl", "metrics.json", "report.md")
DEFAULT_DIR = Path(__file__).resolve().parent / "conversations"

DEFINITIONS = {
    "conversations": "Number of conversations.",
    "turns": "Number of turns (questions asked in a conversation).",
    "followup_turns": "Turns after the first of their conversation (asked with a history).",
    "history_passed": (
        "1 when the assistant's ask() accepts `history` and got the earlier turns; 0 when it "
        "does not, so every turn was asked on its own and follow-ups lack their context."
    ),
    "quote_fidelity": (
        "Share of all quotes shown in the conversations (answer quotes and an abstention's "
        "closest passages) equal to their article's text[start:end]. Must be 1.0."
    ),
    "citation_validity": "Share of conversation answers whose [n] citations map 1:1 to quotes.",
    "hit_rate": (
        "Share of answerable turns with gold (all turns, incl. safety) where some answer quote "
        "overlaps some gold quote, in the same article, by at least half of the gold quote's "
        "characters."
    ),
    "first_turn_hit_rate": "hit_rate over first turns only.",
    "followup_hit_rate": "PRIMARY. hit_rate over follow-up turns only, asked with history.",
    "standalone_hit_rate": (
        "hit_rate of the same follow-up turns' `standalone` rewrites, asked with no history. "
        "The reference a follow-up should match once it is understood in context."
    ),
    "followup_minus_standalone": (
        "followup_hit_rate - standalone_hit_rate: below 0, follow-ups lose answers their "
        "self-contained form gets."
    ),
    "followup_only_hits": "Follow-up turns hit with history whose standalone form missed.",
    "standalone_only_hits": "Follow-up turns whose standalone form hit but the follow-up missed.",
    "followup_gold_coverage": (
        "Mean over graded follow-up turns of the share of their gold quotes hit."
    ),
    "standalone_gold_coverage": "The same for their standalone forms.",
    "repeated_quote_rate": (
        "Of the follow-up turns with repeat_ok false, the share whose answer quotes a span "
        "overlapping a quote shown in an earlier turn's answer of the same conversation (same "
        "article) by at least half of the smaller of the two spans. Lower is better."
    ),
    "abstention_recall": (
        "Of the turns that leave the articles (answerable false), the share abstained on."
    ),
    "standalone_abstention_recall": (
        "Of the follow-up turns that leave the articles, the share whose standalone form was "
        "abstained on."
    ),
    "false_abstain_rate": (
        "Of the answerable turns (incl. safety), the share abstained on. Lower is better."
    ),
    "followup_false_abstain_rate": "false_abstain_rate over answerable follow-up turns.",
    "standalone_false_abstain_rate": (
        "false_abstain_rate of the standalone forms of the answerable follow-up turns."
    ),
    "mean_quoted_chars": "Mean quoted characters per conversation answer that did not abstain.",
}
PRIMARY_METRIC = "followup_hit_rate"
LOWER_IS_BETTER = frozenset(
    {"repeated_quote_rate", "false_abstain_rate", "followup_false_abstain_rate",
     "standalone_false_abstain_rate", "standalone_only_hits"}
)


@dataclass(frozen=True)
class Turn:
    """One turn: its labels as an `EvalQuestion` (id ``<conversation>.t<n>``), its 1-based
    position, its self-contained rewrite (follow-ups only) and whether repeating is asked for."""

    question: EvalQuestion
    index: int
    standalone: str | None = None
    repeat_ok: bool = False

    @property
    def followup(self) -> bool:
        return self.index > 1

    def standalone_question(self) -> EvalQuestion:
        """The same labels on the standalone text."""
        q = self.question
        return EvalQuestion(f"{q.id}.standalone", self.standalone or q.question, q.answerable,
                            q.kind, q.gold)


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]


# -- loading ---------------------------------------------------------------------------------


def load_conversations(path: str | Path) -> list[Conversation]:
    """The conversations of a JSONL file; blank lines are ignored, ids must be unique. A bad
    line is an `InputError` naming the file, the line and (for a bad turn) the turn."""
    parsed = [(where, _parse_conversation(obj, where)) for where, obj in
              read_jsonl(path, kind="conversations file", items="conversations")]
    unique_ids(parsed)
    return [c for _, c in parsed]


def _parse_conversation(obj: dict, where: str) -> Conversation:
    cid, turns = obj.get("id"), obj.get("turns")
    if not isinstance(cid, str) or not cid.strip():
        raise InputError(f'{where}: field "id" must be a non-blank string')
    if not isinstance(turns, list) or not turns:
        raise InputError(f'{where}: field "turns" must be a non-empty list')
    return Conversation(cid, tuple(_parse_turn(t, cid, n, where) for n, t in
                                   enumerate(turns, 1)))


def _parse_turn(turn, cid: str, n: int, where: str) -> Turn:
    at = f"{where} turn {n}"
    if not isinstance(turn, dict):
        raise InputError(f"{at}: expected a JSON object, got {type(turn).__name__}")
    # the eval-set rules for question, kind, answerable and gold, with the turn's own id
    question = parse_question({**turn, "id": f"{cid}.t{n}"}, at)
    standalone = turn.get("standalone")
    if n > 1 or standalone is not None:
        if not isinstance(standalone, str):
            raise InputError(f'{at}: a follow-up needs a string "standalone" (the turn '
                             "rewritten as a self-contained question)")
        try:
            clean_query(standalone)
        except InputError:
            raise InputError(f'{at}: field "standalone" is blank') from None
    repeat_ok = turn.get("repeat_ok", False)
    if not isinstance(repeat_ok, bool):
        raise InputError(f'{at}: field "repeat_ok" must be true or false')
    return Turn(question, n, standalone, repeat_ok)


# -- running ---------------------------------------------------------------------------------


def accepts_history(assistant) -> bool:
    """Whether ``assistant.ask`` takes a ``history`` argument (or any keyword)."""
    try:
        params = inspect.signature(assistant.ask).parameters
    except (TypeError, ValueError):
        return False
    return "history" in params or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()
    )


def repeated_quotes(
    quotes: Sequence[Mapping], earlier: Sequence[tuple[int, Mapping]]
) -> list[dict]:
    """The pairs (this answer's quote, an earlier turn's quote) in the same article that
    overlap by at least half of the smaller span; ``earlier`` holds (turn index, quote)."""
    pairs = []
    for q in quotes:
        for turn, e in earlier:
            if q.get("doc_id") != e.get("doc_id"):
                continue
            overlap = min(q["end"], e["end"]) - max(q["start"], e["start"])
            smaller = min(q["end"] - q["start"], e["end"] - e["start"])
            if overlap > 0 and overlap >= smaller / 2:
                pairs.append({"n": q.get("n"), "turn": turn, "earlier_n": e.get("n")})
    return pairs


@dataclass
class TurnResult:
    conversation: str
    turn: Turn
    history_len: int
    answer: dict
    metrics: QuestionMetrics
    repeated: list[dict]
    standalone_answer: dict | None = None
    standalone_metrics: QuestionMetrics | None = None

    def to_dict(self) -> dict:
        q = self.turn.question
        row = {
            "conversation": self.conversation,
            "turn": self.turn.index,
            "id": q.id,
            "question": q.question,
            "kind": q.kind,
            "answerable": q.answerable,
            "followup": self.turn.followup,
            "repeat_ok": self.turn.repeat_ok,
            "history_len": self.history_len,
            "gold": q.to_dict()["gold"],
            "verdict": verdict(q, self.metrics),
            "repeated": self.repeated,
            "answer": self.answer,
            "metrics": self.metrics.to_dict(ks=()),
            "standalone": None,
        }
        if self.standalone_answer is not None:
            row["standalone"] = {
                "question": self.turn.standalone,
                "verdict": verdict(q, self.standalone_metrics),
                "answer": self.standalone_answer,
                "metrics": self.standalone_metrics.to_dict(ks=()),
            }
        return row


def verdict(q: EvalQuestion, m: QuestionMetrics) -> str:
    if not q.answerable:
        return "abstained" if m.abstained else "answered (should abstain)"
    if m.abstained:
        return "abstained (should answer)"
    if m.hit is None:
        return "answered"
    return "hit" if m.hit else "miss"


def run_conversations(
    assistant, conversations: Sequence[Conversation], out_dir: str | Path, *,
    progress: bool = True,
) -> dict[str, float]:
    """Ask every conversation turn by turn with its history (and each follow-up's standalone
    form with none), score, write `OUTPUTS` into ``out_dir`` and return the metrics."""
    if not conversations:
        raise InputError("no conversations to evaluate")
    out = _prepare(out_dir)
    texts: dict[str, str] = {}
    _check_gold(assistant, [t.question for c in conversations for t in c.turns], texts)
    with_history = accepts_history(assistant)
    results: list[TurnResult] = []
    for i, conv in enumerate(conversations, 1):
        history: list[dict] = []
        shown: list[tuple[int, Mapping]] = []  # (turn index, quote) of earlier answers
        for turn in conv.turns:
            q = turn.question
            t0 = time.perf_counter()
            if with_history:
                answer = assistant.ask(q.question, history=list(history)).to_dict()
            else:
                answer = assistant.ask(q.question).to_dict()
            wall_ms = (time.perf_counter() - t0) * 1e3
            metrics = _score(assistant, q, answer, texts, wall_ms)
            quotes = list(answer.get("quotes") or [])
            result = TurnResult(conv.id, turn, len(history), answer, metrics,
                                repeated_quotes(quotes, shown) if turn.followup else [])
            if turn.followup:
                sq = turn.standalone_question()
                t0 = time.perf_counter()
                sa = assistant.ask(sq.question).to_dict()
                result.standalone_answer = sa
                result.standalone_metrics = _score(assistant, sq, sa, texts,
                                                   (time.perf_counter() - t0) * 1e3)
            results.append(result)
            history.append({"question": q.question, "answer": answer})
            shown.extend((turn.index, x) for x in quotes)
        if progress and (i % 10 == 0 or i == len(conversations)):
            print(f"conversations: {i}/{len(conversations)}", file=sys.stderr, flush=True)
    metrics = aggregate_conversations(results, history_passed=with_history)
    _write(out, results, metrics, with_history)
    return metrics


def _score(assistant, q: EvalQuestion, answer: dict, texts: dict, wall_ms: float):
    quoted = list(answer.get("quotes") or []) + list(answer.get("closest") or [])
    _fetch_texts(assistant, {x.get("doc_id") for x in quoted}, texts)
    return question_metrics(q, answer, [], texts, wall_ms=wall_ms)


def aggregate_conversations(
    results: Sequence[TurnResult], *, history_passed: bool = True
) -> dict[str, float]:
    """The metrics in `DEFINITIONS` (NaN where undefined, e.g. no unanswerable turns)."""
    every = [r.metrics for r in results]
    graded = [r for r in results if r.turn.question.gold]
    first = [r for r in graded if not r.turn.followup]
    follow = [r for r in graded if r.turn.followup]
    answerable = [r for r in results if r.turn.question.answerable]
    follow_answerable = [r for r in answerable if r.turn.followup]
    leave = [r for r in results if not r.turn.question.answerable]
    follow_leave = [r for r in leave if r.turn.followup]
    judged_repeat = [r for r in results if r.turn.followup and not r.turn.repeat_ok]
    shown = sum(m.shown for m in every)
    f_hit = _mean(r.metrics.hit for r in follow)
    s_hit = _mean(r.standalone_metrics.hit for r in follow)
    return {
        "conversations": float(len({r.conversation for r in results})),
        "turns": float(len(results)),
        "followup_turns": float(sum(r.turn.followup for r in results)),
        "history_passed": float(history_passed),
        "quote_fidelity": sum(m.faithful for m in every) / shown if shown else 1.0,
        "citation_validity": _mean(m.citations_valid for m in every),
        "hit_rate": _mean(r.metrics.hit for r in graded),
        "first_turn_hit_rate": _mean(r.metrics.hit for r in first),
        "followup_hit_rate": f_hit,
        "standalone_hit_rate": s_hit,
        "followup_minus_standalone": f_hit - s_hit,
        "followup_only_hits": float(sum(
            r.metrics.hit and not r.standalone_metrics.hit for r in follow)),
        "standalone_only_hits": float(sum(
            r.standalone_metrics.hit and not r.metrics.hit for r in follow)),
        "followup_gold_coverage": _mean(r.metrics.gold_coverage for r in follow),
        "standalone_gold_coverage": _mean(r.standalone_metrics.gold_coverage for r in follow),
        "repeated_quote_rate": _mean(bool(r.repeated) for r in judged_repeat),
        "abstention_recall": _mean(r.metrics.abstained for r in leave),
        "standalone_abstention_recall": _mean(
            r.standalone_metrics.abstained for r in follow_leave),
        "false_abstain_rate": _mean(r.metrics.abstained for r in answerable),
        "followup_false_abstain_rate": _mean(r.metrics.abstained for r in follow_answerable),
        "standalone_false_abstain_rate": _mean(
            r.standalone_metrics.abstained for r in follow_answerable),
        "mean_quoted_chars": _mean(m.quoted_chars for m in every if not m.abstained),
    }


# -- output ----------------------------------------------------------------------------------


def _finite(d: Mapping[str, float]) -> dict[str, float | None]:
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in d.items()}


def _write(out: Path, results: Sequence[TurnResult], metrics: dict, with_history: bool) -> None:
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
    summary = {
        "primary_metric": PRIMARY_METRIC,
        "history_passed": with_history,
        "metrics": _finite(metrics),
        "definitions": DEFINITIONS,
    }
    (out / "metrics.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "report.md").write_text(render_report(results, metrics, with_history),
                                   encoding="utf-8")


COUNTS = frozenset({"conversations", "turns", "followup_turns", "history_passed",
                    "followup_only_hits", "standalone_only_hits"})


def fmt_metric(name: str, value: float | None) -> str:
    """Counts whole, the rest as `eval.report.fmt` does."""
    if name in COUNTS and value is not None and not math.isnan(value):
        return str(int(value))
    return fmt(name, value)


def _cell(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_report(results: Sequence[TurnResult], metrics: Mapping[str, float],
                  with_history: bool, *, limit: int = 15) -> str:
    """A short Markdown report: metrics with definitions, then the turns to read first."""
    lines = ["# Quotewise conversation eval", ""]
    if not with_history:
        lines += ["**Warning:** the assistant's `ask()` takes no `history`, so every turn was "
                  "asked on its own; follow-up numbers measure a system without context.", ""]
    lines += ["| metric | value | definition |", "|---|---:|---|"]
    lines += [f"| {name} | {fmt_metric(name, v)} | {DEFINITIONS[name]} |"
              for name, v in metrics.items()]
    lost = [r for r in results if r.turn.followup and r.standalone_metrics
            and r.standalone_metrics.hit and not r.metrics.hit]
    repeats = [r for r in results if r.repeated and not r.turn.repeat_ok]
    wrong = [r for r in results if verdict(r.turn.question, r.metrics).startswith(
        ("answered (should", "abstained (should"))]
    for title, rows in (
        ("Follow-ups that missed while their standalone form hit", lost),
        ("Follow-ups repeating an earlier turn's quote (repeat_ok false)", repeats),
        ("Wrong abstention decisions", wrong),
    ):
        lines += ["", f"## {title} ({len(rows)})", ""]
        if not rows:
            lines.append("None.")
            continue
        lines += ["| turn | question | standalone | verdict |", "|---|---|---|---|"]
        lines += [f"| {r.turn.question.id} | {_cell(r.turn.question.question)} | "
                  f"{_cell(r.turn.standalone or '')} | "
                  f"{verdict(r.turn.question, r.metrics)} |" for r in rows[:limit]]
        if len(rows) > limit:
            lines.append(f"\n… and {len(rows) - limit} more in results.jsonl.")
    return "\n".join(lines) + "\n"


__all__ = [
    "DEFAULT_DIR", "DEFINITIONS", "OUTPUTS", "PRIMARY_METRIC", "Conversation", "Turn",
    "TurnResult", "accepts_history", "aggregate_conversations", "fmt_metric", "load_conversations",
    "repeated_quotes", "run_conversations", "verdict",
]
