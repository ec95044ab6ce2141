"""Fitted settings are written as data with their provenance (bench/tuning_file.py)."""

from __future__ import annotations

import json

from bench.tuning_file import write_fit

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def test_a_setting_fitted_on_its_own_joins_its_section_and_keeps_the_rest(tmp_path):
    write_fit("abstain", {"coef": [1.0, 2.0], "intercept": -1.0}, fitted_on="set A",
              model_id=MODEL, corpus=tmp_path)
    path = write_fit("abstain", {"partial_probability": 0.55}, fitted_on="set B",
                     model_id=MODEL, corpus=tmp_path, merge=True)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["abstain"] == {"coef": [1.0, 2.0], "intercept": -1.0, "partial_probability": 0.55}
    assert raw["provenance"]["abstain"]["fitted_on"] == "set A"
    assert raw["provenance"]["abstain.partial_probability"]["fitted_on"] == "set B"


def test_a_refit_of_a_whole_section_replaces_it(tmp_path):
    write_fit("abstain", {"coef": [1.0], "partial_probability": 0.55}, fitted_on="old",
              model_id=MODEL, corpus=tmp_path)
    path = write_fit("abstain", {"coef": [2.0]}, fitted_on="new", model_id=MODEL,
                     corpus=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["abstain"] == {"coef": [2.0]}
