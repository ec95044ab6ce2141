"""`quotewise eval`: options wired into the main CLI, summary, compare and gate exit codes."""

from __future__ import annotations

import json

import pytest

from assistant.api import Assistant
from quotewise.cli import build_parser
from eval.cli import DEFAULT_OUT, run
from eval.loader import DEFAULT_SET
from ingest.errors import InputError
from tests.eval.fakes import scenario


@pytest.fixture
def eval_set(tmp_path, monkeypatch):
    """The scenario's questions in a JSONL file, and Assistant.load returning its fake."""
    questions, qa = scenario()
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(q.to_dict()) + "\n" for q in questions))
    loaded = []
    monkeypatch.setattr(
        Assistant,
        "load",
        classmethod(lambda cls, index_dir=None, **kw: loaded.append(index_dir) or qa),
    )
    return path, loaded


def parse(*argv):
    return build_parser("eval").parse_args(["eval", *argv])


def test_defaults():
    args = parse()
    assert (args.questions, args.out, args.k, args.compare, args.fail_under, args.index) == (
        DEFAULT_SET,
        DEFAULT_OUT,
        10,
        None,
        None,
        None,
    )


def test_prints_a_summary_and_passes_gates(eval_set, tmp_path, capsys):
    path, loaded = eval_set
    out = tmp_path / "run"
    code = run(
        parse(
            "--questions",
            str(path),
            "--out",
            str(out),
            "--index",
            "IDX",
            "--fail-under",
            "fidelity=1.0,hit_rate=0.5,false_abstain_rate<=0.25",
        )
    )
    printed = capsys.readouterr().out
    assert code == 0 and loaded == ["IDX"]
    assert "hit_rate" in printed and "0.500" in printed and "recall@10" in printed
    assert f"to {out}" in printed and (out / "report.html").exists()
    assert "gate failed" not in printed


def test_a_failed_gate_exits_1_with_one_line_each(eval_set, tmp_path, capsys):
    path, _ = eval_set
    code = run(
        parse(
            "--questions",
            str(path),
            "--out",
            str(tmp_path / "run"),
            "--fail-under",
            "hit_rate=0.9,missed_abstain_rate<=0.1,fidelity=1",
        )
    )
    failures = [line for line in capsys.readouterr().out.splitlines() if "gate failed" in line]
    assert code == 1 and failures == [
        "gate failed: hit_rate = 0.5000, required >= 0.9",
        "gate failed: missed_abstain_rate = 0.5000, required <= 0.1",
    ]


def test_compare_prints_changes(eval_set, tmp_path, capsys):
    path, _ = eval_set
    run(parse("--questions", str(path), "--out", str(tmp_path / "old")))
    capsys.readouterr()
    run(
        parse(
            "--questions",
            str(path),
            "--out",
            str(tmp_path / "new"),
            "--compare",
            str(tmp_path / "old"),
        )
    )
    printed = capsys.readouterr().out
    assert "changes against" in printed and "0.500 ->      0.500" in printed
    # the same answers: no question flipped either way
    assert "hit now, missed before: 0; missed now, hit before: 0" in printed


def test_bad_input_fails_before_loading_the_index(eval_set, tmp_path):
    path, loaded = eval_set
    with pytest.raises(InputError, match="unknown metric"):
        run(parse("--questions", str(path), "--fail-under", "speed=1"))
    with pytest.raises(InputError, match="no metrics.json"):
        run(parse("--questions", str(path), "--compare", str(tmp_path / "nothing")))
    with pytest.raises(InputError, match="--k must be at least 1"):
        run(parse("--questions", str(path), "--k", "0"))
    with pytest.raises(InputError, match="no eval set"):
        run(parse("--questions", str(tmp_path / "missing.jsonl")))
    assert loaded == []
