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
