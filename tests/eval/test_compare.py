"""Comparing a run with an earlier run's metrics.json."""

from __future__ import annotations

import json

import pytest

from eval.compare import compare, load_metrics
from ingest.errors import InputError


def write_old(folder, metrics):
    folder.mkdir(exist_ok=True)
    (folder / "metrics.json").write_text(json.dumps({"metrics": metrics}))
    return folder


def test_deltas_per_metric_with_direction(tmp_path):
    old = write_old(
        tmp_path / "old",
        {
            "hit_rate": 0.8,
            "false_abstain_rate": 0.02,
            "latency_p50_ms": 10.0,
            "abstain_rate": 0.1,
            "safety_recall": None,
            "dropped_metric": 1.0,
        },
    )
    new = {
        "hit_rate": 0.85,
        "false_abstain_rate": 0.05,
        "latency_p50_ms": 8.0,
        "abstain_rate": 0.2,
        "safety_recall": 1.0,
        "mrr": 0.7,
    }
    lines = {line.split()[0]: line for line in compare(new, old).splitlines()[1:]}
    assert lines["hit_rate"].split()[1:] == ["0.800", "->", "0.850", "+0.050", "better"]
    assert lines["false_abstain_rate"].split()[1:] == ["0.020", "->", "0.050", "+0.030", "worse"]
    assert lines["latency_p50_ms"].split()[1:] == ["10.0", "->", "8.0", "-2.0", "better"]
    assert lines["abstain_rate"].split()[1:] == ["0.100", "->", "0.200", "+0.100"]  # no direction
    assert lines["safety_recall"].split()[1:] == ["n/a", "->", "1.000", "n/a"]
    assert lines["mrr"].split()[-1] == "(new)" and lines["dropped_metric"].split()[-1] == "(gone)"


def test_accepts_the_metrics_file_itself(tmp_path):
    old = write_old(tmp_path, {"hit_rate": 0.8})
    assert load_metrics(old / "metrics.json") == {"hit_rate": 0.8}


def test_missing_or_foreign_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no metrics.json to compare with"):
        compare({}, tmp_path)
    (tmp_path / "metrics.json").write_text('{"something": "else"}')
    with pytest.raises(InputError, match="not an eval metrics.json"):
        compare({}, tmp_path)


def test_the_sign_test_says_how_uneven_a_split_is():
    from eval.compare import sign_test

    assert sign_test(0, 0) == 1.0 and sign_test(3, 3) == 1.0
    assert sign_test(5, 0) == pytest.approx(2 / 32)  # five of five: p = 0.0625
    assert sign_test(1, 10) == sign_test(10, 1) == pytest.approx(2 * 12 / 2048)


def test_flips_count_the_questions_that_changed(tmp_path):
    """Two runs with the same hit rate can differ in which questions they hit."""
    from eval.compare import flips

    def run(folder, verdicts):
        folder.mkdir()
        rows = [{"id": q, "gold": [{"doc_id": "a", "quote": "x"}], "verdict": v}
                for q, v in verdicts.items()]
        rows.append({"id": "no-gold", "gold": [], "verdict": "abstained"})  # not graded
        (folder / "results.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
        return folder

    old = run(tmp_path / "old", {"q1": "hit", "q2": "miss", "q3": "hit", "q4": "miss"})
    new = run(tmp_path / "new", {"q1": "miss", "q2": "hit", "q3": "hit", "q4": "abstained",
                                 "q5": "hit"})
    assert flips(new, old) == ("questions hit now, missed before: 1; missed now, hit before: 1 "
                               "(of 4 graded in both; sign test p = 1.00)")
    assert flips(new, tmp_path / "nowhere") is None
