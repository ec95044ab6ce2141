"""Conversation eval: loader errors, metric definitions worked out by hand on a fake, the
shipped dev/test sets, and `quotewise eval --conversations` on the fake-embedder index."""

from __future__ import annotations

import json
import math
import random

import pytest

from eval.cli import run
from eval.conversations import (
    DEFAULT_DIR,
    DEFINITIONS,
    OUTPUTS,
    accepts_history,
    load_conversations,
    repeated_quotes,
    run_conversations,
)
from eval.loader import Gold
from ingest.errors import InputError
from quotewise.cli import build_parser
from tests.conftest import ARTICLES
from tests.eval.fakes import (
    ABUSE,
    DOC,
    FLEE,
    GUILT,
    PATIENT,
    THERAPY,
    FakeAssistant,
    answer,
)


def turn(question, *gold, kind=None, standalone=None, repeat_ok=None):
    kind = kind or ("answerable" if gold else "unanswerable")
    t = {"question": question, "answerable": kind != "unanswerable", "kind": kind,
         "gold": [{"doc_id": DOC, "quote": g} for g in gold]}
    if standalone is not None:
        t["standalone"] = standalone
    if repeat_ok is not None:
        t["repeat_ok"] = repeat_ok
    return t


def write(path, *lines):
    path.write_text("".join(ln if isinstance(ln, str) else json.dumps(ln) for ln in
                            (x for line in lines for x in (line, "\n"))), encoding="utf-8")
    return path


GOOD = {"id": "c1", "turns": [turn("do cheaters feel guilt", GUILT),
                              turn("why?", THERAPY, standalone="why would he feel guilt")]}


# -- loader ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "line 3: not valid JSON"),
        ('["a list"]', "line 3: expected a JSON object"),
        ({"id": "c2"}, 'line 3: field "turns" must be a non-empty list'),
        ({"id": "c2", "turns": []}, 'line 3: field "turns" must be a non-empty list'),
        ({"id": " ", "turns": [turn("q", GUILT)]}, 'line 3: field "id"'),
        ({"id": "c1", "turns": [turn("q", GUILT)]}, "line 3: duplicate id 'c1'"),
        ({"id": "c2", "turns": [{"answerable": True, "kind": "answerable", "gold": []}]},
         'line 3 turn 1: missing field "question"'),
        ({"id": "c2", "turns": [turn("q", GUILT), turn("and?", THERAPY)]},
         'line 3 turn 2: a follow-up needs a string "standalone"'),
        ({"id": "c2", "turns": [turn("q", GUILT), turn("and?", THERAPY, standalone=" ")]},
         'line 3 turn 2: field "standalone" is blank'),
        ({"id": "c2", "turns": [turn("q", GUILT), {"question": "gift?", "answerable": True,
                                                   "kind": "unanswerable", "gold": [],
                                                   "standalone": "gift?"}]},
         'line 3 turn 2: kind "unanswerable" needs "answerable": false'),
        ({"id": "c2", "turns": [turn("q", GUILT), turn("gift?", standalone="gift?",
                                                      kind="answerable")]},
         "line 3 turn 2: an answerable question needs at least one"),
        ({"id": "c2", "turns": [turn("q", GUILT, repeat_ok="yes")]},
         'line 3 turn 1: field "repeat_ok" must be true or false'),
        ({"id": "c2", "turns": ["q"]}, "line 3 turn 1: expected a JSON object"),
    ],
)
def test_loader_errors_name_the_line_and_turn(tmp_path, bad, message):
    path = write(tmp_path / "convs.jsonl", GOOD, "", bad)  # line 2 is blank: skipped
    with pytest.raises(InputError) as e:
        load_conversations(path)
    assert str(e.value).startswith("convs.jsonl ") and message in str(e.value)


def test_loader_reads_turns_with_ids_and_defaults(tmp_path):
    (conv,) = load_conversations(write(tmp_path / "c.jsonl", GOOD))
    first, second = conv.turns
    assert [t.question.id for t in conv.turns] == ["c1.t1", "c1.t2"]
    assert (first.followup, second.followup, second.repeat_ok) == (False, True, False)
    assert second.standalone == "why would he feel guilt"
    assert second.question.gold == (Gold(DOC, THERAPY),)
    assert second.standalone_question().question == "why would he feel guilt"


def test_loader_rejects_a_missing_or_empty_file(tmp_path):
    with pytest.raises(InputError, match="no conversations file"):
        load_conversations(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="holds no conversations"):
        load_conversations(write(tmp_path / "e.jsonl", ""))


# -- metrics on a fake, by hand --------------------------------------------------------------


class HistoryFake(FakeAssistant):
    """FakeAssistant whose ask takes a history, recording each call."""

    def __init__(self, answers):
        super().__init__(answers)
        self.calls: list[tuple[str, list | None]] = []

    def ask(self, question, history=None):
        self.calls.append((question, history))
        return self.answers[question]


def scenario(tmp_path, fake_cls=HistoryFake):
    convs = [
        {"id": "A", "turns": [
            turn("a1", GUILT),                                         # hit
            turn("a2", THERAPY, standalone="s2"),                      # repeats GUILT, miss
            turn("a3", PATIENT, standalone="s3", repeat_ok=True),      # repeats (ok), hit
        ]},
        {"id": "B", "turns": [
            turn("b1", PATIENT),                                       # false abstention
            turn("b2", standalone="s-b2"),                             # leaves the articles
            turn("b3", ABUSE, FLEE, standalone="s-b3"),                # hit, no repeat
        ]},
    ]
    answers = {
        "a1": answer("a1", GUILT),
        "a2": answer("a2", GUILT),
        "s2": answer("s2", THERAPY),
        "a3": answer("a3", GUILT, PATIENT),
        "s3": answer("s3", abstained=True),
        "b1": answer("b1", abstained=True),
        "b2": answer("b2", abstained=True),
        "s-b2": answer("s-b2", THERAPY),
        "b3": answer("b3", ABUSE, FLEE),
        "s-b3": answer("s-b3", GUILT),
    }
    qa = fake_cls(answers)
    return load_conversations(write(tmp_path / "c.jsonl", *convs)), qa


def test_metric_definitions_by_hand(tmp_path):
    convs, qa = scenario(tmp_path)
    m = run_conversations(qa, convs, tmp_path / "out", progress=False)
    assert set(m) == set(DEFINITIONS)
    expected = {
        "conversations": 2, "turns": 6, "followup_turns": 4, "history_passed": 1,
        "quote_fidelity": 1.0, "citation_validity": 1.0,
        "hit_rate": 3 / 5,                  # a1, a3, b3 of a1 a2 a3 b1 b3
        "first_turn_hit_rate": 1 / 2,       # a1 of a1 b1
        "followup_hit_rate": 2 / 3,         # a3, b3 of a2 a3 b3
        "standalone_hit_rate": 1 / 3,       # s2 of s2 s3 s-b3
        "followup_minus_standalone": 1 / 3,
        "followup_only_hits": 2,            # a3, b3
        "standalone_only_hits": 1,          # a2
        "followup_gold_coverage": 2 / 3,    # a2 0, a3 1, b3 2/2
        "standalone_gold_coverage": 1 / 3,
        "repeated_quote_rate": 1 / 3,       # a2 of a2 b2 b3 (a3 is repeat_ok)
        "abstention_recall": 1.0,           # b2
        "standalone_abstention_recall": 0.0,  # s-b2 answered
        "false_abstain_rate": 1 / 5,        # b1
        "followup_false_abstain_rate": 0.0,
        "standalone_false_abstain_rate": 1 / 3,  # s3
    }
    for name, value in expected.items():
        assert m[name] == pytest.approx(value), name
    chars = [len(GUILT), len(GUILT), len(GUILT) + len(PATIENT), len(ABUSE) + len(FLEE)]
    assert m["mean_quoted_chars"] == pytest.approx(sum(chars) / 4)


def test_history_is_passed_and_standalone_asked_without(tmp_path):
    convs, qa = scenario(tmp_path)
    run_conversations(qa, convs, tmp_path / "out", progress=False)
    calls = dict(qa.calls)
    assert [c[0] for c in qa.calls] == ["a1", "a2", "s2", "a3", "s3", "b1", "b2", "s-b2",
                                        "b3", "s-b3"]
    assert calls["a1"] == [] and calls["b1"] == []  # a new conversation starts empty
    assert [h["question"] for h in calls["a3"]] == ["a1", "a2"]
    assert calls["a3"][1]["answer"] == answer("a2", GUILT).to_dict()
    assert all(calls[s] is None for s in ("s2", "s3", "s-b2", "s-b3"))


def test_falls_back_to_ask_without_history(tmp_path):
    convs, qa = scenario(tmp_path, fake_cls=FakeAssistant)
    assert not accepts_history(qa) and accepts_history(HistoryFake({}))
    m = run_conversations(qa, convs, tmp_path / "out", progress=False)
    assert m["history_passed"] == 0 and m["followup_hit_rate"] == pytest.approx(2 / 3)
    assert "takes no `history`" in (tmp_path / "out" / "report.md").read_text()


def test_results_rows_and_files(tmp_path):
    convs, qa = scenario(tmp_path)
    out = tmp_path / "out"
    run_conversations(qa, convs, out, progress=False)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["A.t1", "A.t2", "A.t3", "B.t1", "B.t2", "B.t3"]
    a2 = rows[1]
    assert a2["verdict"] == "miss" and a2["standalone"]["verdict"] == "hit"
    assert a2["repeated"] == [{"n": 1, "turn": 1, "earlier_n": 1}] and a2["history_len"] == 1
    assert rows[0]["standalone"] is None and rows[4]["verdict"] == "abstained"
    assert rows[4]["standalone"]["verdict"] == "answered (should abstain)"
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["primary_metric"] == "followup_hit_rate" and saved["history_passed"] is True
    report = (out / "report.md").read_text()
    assert "A.t2" in report and "repeated_quote_rate" in report


def test_undefined_metrics_are_null_in_json(tmp_path):
    path = write(tmp_path / "c.jsonl", {"id": "c", "turns": [turn("a1", GUILT)]})
    qa = HistoryFake({"a1": answer("a1", GUILT)})
    m = run_conversations(qa, load_conversations(path), tmp_path / "o", progress=False)
    assert math.isnan(m["followup_hit_rate"]) and math.isnan(m["abstention_recall"])
    saved = json.loads((tmp_path / "o" / "metrics.json").read_text())["metrics"]
    assert saved["followup_hit_rate"] is None and saved["hit_rate"] == 1.0


def test_a_gold_quote_missing_from_its_article_fails_before_asking(tmp_path):
    path = write(tmp_path / "c.jsonl", {"id": "c", "turns": [turn("a1", "not in the article")]})
    qa = HistoryFake({})
    with pytest.raises(InputError, match="c.t1: gold quote not found"):
        run_conversations(qa, load_conversations(path), tmp_path / "o", progress=False)
    assert qa.calls == []


@pytest.mark.parametrize(
    "span, other, repeated",
    [
        ((0, 10), (5, 25), True),     # overlap 5 = half of the smaller (10)
        ((0, 10), (6, 30), False),    # overlap 4 < 5
        ((100, 140), (90, 200), True),  # contained: overlap is the whole smaller span
        ((0, 10), (10, 20), False),   # touching, no overlap
        ((0, 0), (0, 0), False),      # empty spans never repeat
    ],
)
def test_repeated_quote_rule(span, other, repeated):
    q = {"n": 1, "doc_id": DOC, "start": span[0], "end": span[1]}
    e = {"n": 2, "doc_id": DOC, "start": other[0], "end": other[1]}
    assert bool(repeated_quotes([q], [(1, e)])) is repeated
    assert bool(repeated_quotes([e], [(1, q)])) is repeated  # symmetric
    assert repeated_quotes([q], [(1, dict(e, doc_id="other"))]) == []


# -- the shipped sets ------------------------------------------------------------------------


def test_shipped_sets_load_and_gold_is_verbatim():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt")}
    every = load_conversations(DEFAULT_DIR / "all.jsonl")
    dev = load_conversations(DEFAULT_DIR / "dev.jsonl")
    test = load_conversations(DEFAULT_DIR / "test.jsonl")
    assert len(every) >= 44 and all(2 <= len(c.turns) <= 4 for c in every)
    ids = [c.id for c in every]
    assert {c.id for c in dev} | {c.id for c in test} == set(ids)
    assert not {c.id for c in dev} & {c.id for c in test}
    shuffled = list(ids)  # the split rule in PROVENANCE.md
    random.seed(15)
    random.shuffle(shuffled)
    assert {c.id for c in dev} == set(shuffled[: round(0.4 * len(ids))])
    by_id = {c.id: c for c in every}
    assert all(by_id[c.id] == c for c in dev + test)
    for conv in every:
        for t in conv.turns:
            for g in t.question.gold:
                assert g.quote in texts[g.doc_id], (t.question.id, g.quote[:50])
            assert t.followup == (t.standalone is not None), t.question.id
            assert not t.repeat_ok or t.followup
    turns = [t for c in every for t in c.turns]
    assert sum(not t.question.answerable for t in turns) >= 10
    assert sum(t.repeat_ok for t in turns) >= 5
    # written later, each for one split only: dev's and test's own extensions
    dev_ext = load_conversations(DEFAULT_DIR / "dev_extension.jsonl")
    test_ext = load_conversations(DEFAULT_DIR / "test_extension.jsonl")
    for extension in (dev_ext, test_ext):
        assert len(extension) >= 30 and not {c.id for c in extension} & set(ids)
        for conv in extension:
            for t in conv.turns:
                for g in t.question.gold:
                    assert g.quote in texts[g.doc_id], (t.question.id, g.quote[:50])
                assert t.followup == (t.standalone is not None), t.question.id
    assert not {c.id for c in dev_ext} & {c.id for c in test_ext}


# -- CLI -------------------------------------------------------------------------------------


def parse(*argv):
    return build_parser("eval").parse_args(["eval", *argv])


def test_cli_runs_conversations_on_the_fake_index(fake_index, tmp_path, capsys):
    lines = (DEFAULT_DIR / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    code = run(parse("--conversations", str(path), "--out", str(out), "--index",
                     str(fake_index)))
    printed = capsys.readouterr().out
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert "followup_hit_rate" in printed and "repeated_quote_rate" in printed
    assert f"to {out}" in printed
    turns = sum(len(json.loads(x)["turns"]) for x in lines)
    rows = (out / "results.jsonl").read_text().splitlines()
    assert len(rows) == turns
    metrics = json.loads((out / "metrics.json").read_text())["metrics"]
    assert metrics["conversations"] == 2 and metrics["quote_fidelity"] == 1.0


def test_cli_conversations_defaults_and_refusals(tmp_path):
    assert parse().conversations is None
    path = write(tmp_path / "c.jsonl", GOOD)
    with pytest.raises(InputError, match="do not apply to --conversations"):
        run(parse("--conversations", str(path), "--fail-under", "hit_rate=0.5"))
    with pytest.raises(InputError, match="line 1"):
        run(parse("--conversations", str(write(tmp_path / "bad.jsonl", "{"))))
