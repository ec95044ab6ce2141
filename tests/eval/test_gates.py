"""--fail-under specs: parsing, unknown names, and the failure lines."""

from __future__ import annotations

import math

import pytest

from eval.gates import Gate, check_gates, parse_gates
from eval.metrics import metric_names
from ingest.errors import InputError

KNOWN = metric_names(10)


def test_parses_the_documented_example():
    gates = parse_gates("fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05", KNOWN)
    assert gates == [
        Gate("quote_fidelity", ">=", 1.0),
        Gate("hit_rate", ">=", 0.9),
        Gate("false_abstain_rate", "<=", 0.05),
    ]
    assert parse_gates(" recall@5 >= 0.7 , mrr=.5,", KNOWN) == [
        Gate("recall@5", ">=", 0.7),
        Gate("mrr", ">=", 0.5),
    ]


@pytest.mark.parametrize(
    "spec, message",
    [
        ("nonsense=1", "unknown metric 'nonsense'"),
        ("recall@20=0.5", "unknown metric 'recall@20'"),
        ("hit_rate>0.9", "bad gate 'hit_rate>0.9'"),
        ("hit_rate=high", "'high' is not a number"),
        ("hit_rate=nan", "'nan' is not a number"),
        ("hit_rate", "bad gate"),
        (" , ", "no gates"),
    ],
)
def test_bad_specs_are_input_errors(spec, message):
    with pytest.raises(InputError, match=message):
        parse_gates(spec, KNOWN)


def test_recall_at_the_run_depth_is_a_known_metric():
    assert parse_gates("recall@20=0.5", metric_names(20)) == [Gate("recall@20", ">=", 0.5)]


def test_check_reports_one_line_per_failed_gate():
    gates = parse_gates("fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05,safety_recall=1", KNOWN)
    passing = {
        "quote_fidelity": 1.0 - 1e-12,
        "hit_rate": 0.9,
        "false_abstain_rate": 0.05,
        "safety_recall": 1.0,
    }
    assert check_gates(passing, gates) == []
    failing = dict(passing, hit_rate=0.8512, false_abstain_rate=0.2, safety_recall=math.nan)
    assert check_gates(failing, gates) == [
        "gate failed: hit_rate = 0.8512, required >= 0.9",
        "gate failed: false_abstain_rate = 0.2000, required <= 0.05",
        "gate failed: safety_recall = n/a (undefined in this run), required >= 1",
    ]
