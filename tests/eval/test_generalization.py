"""Gated quality on the held-out sets that look like users (slow tier, real model): real
people's questions, the extra corpora alone and beside the shipped articles, and the
conversations. Floors sit a little under the values measured when they were set (the
figures and commands are in docs/BENCHMARKS.md); they guard against regressions."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLES, ROOT, build_real

pytestmark = pytest.mark.slow

CORPORA = ROOT / "eval" / "corpora"
NAMES = ("jealousy-insecurity", "money-couples", "parenting-teens", "trust-issues",
         "workplace-conflict")


def metrics(qa, path, out):
    from eval.loader import load_eval_set
    from eval.runner import run_eval

    return run_eval(qa, load_eval_set(path), out, progress=False)


@pytest.fixture(scope="session")
def beside(tmp_path_factory, real_embedder):
    """One index of the shipped articles and every extra corpus (built once per run). Its
    texts are the articles' and each corpus's own, which the articles' index (`real_index`) and
    each corpus's (`alone`) embed anyway: those are built first (here, unless another worker is
    building one: then it does and this one waits), and this index takes the model's vectors
    from them (`shared_vectors`) instead of embedding every text a second time."""
    from assistant import Assistant

    parts = [("real", ARTICLES)] + [(f"alone-{n}", CORPORA / n / "articles") for n in NAMES]
    waiting = [(name, path) for name, path in parts
               if build_real(tmp_path_factory, real_embedder, name, [path], wait=False) is None]
    for name, path in waiting:
        build_real(tmp_path_factory, real_embedder, name, [path])
    return Assistant.load(build_real(
        tmp_path_factory, real_embedder, "beside",
        [ARTICLES, *(CORPORA / n / "articles" for n in NAMES)], reuse=True))


@pytest.fixture(scope="session")
def alone(tmp_path_factory, real_embedder):
    """Each extra corpus's own index, built when a test first asks for it (once per run), so
    the tests of different corpora can run on different workers."""
    from assistant import Assistant

    loaded = {}

    def get(name):
        if name not in loaded:
            loaded[name] = Assistant.load(build_real(
                tmp_path_factory, real_embedder, f"alone-{name}", [CORPORA / name / "articles"]))
        return loaded[name]

    return get


def test_real_peoples_questions(real_assistant, tmp_path):
    m = metrics(real_assistant, ROOT / "eval" / "real" / "test.jsonl", tmp_path)
    assert m["quote_fidelity"] == 1.0 and m["citation_validity"] == 1.0
    assert m["hit_rate"] >= FLOORS["real"]["hit_rate"], m
    assert m["not_direct_rate"] >= FLOORS["real"]["not_direct_rate"], m
    assert m["false_abstain_rate"] <= 0.06 and m["false_partial_rate"] <= 0.15, m
    assert m["safety_recall"] >= FLOORS["real"]["safety_recall"], m
    assert m["safety_false_positive_rate"] <= FLOORS["real"]["safety_false_positives"], m
    assert m["mean_quoted_chars"] <= 1200, m


def test_real_peoples_questions_labelled_later(real_assistant, tmp_path):
    """The test extension: real letters labelled after the test split (PROVENANCE.md)."""
    m = metrics(real_assistant, ROOT / "eval" / "real" / "test_extension.jsonl", tmp_path)
    floors = FLOORS["real-extension"]
    assert m["quote_fidelity"] == 1.0 and m["citation_validity"] == 1.0
    assert m["hit_rate"] >= floors["hit_rate"], m
    assert m["not_direct_rate"] >= floors["not_direct_rate"], m
    assert m["false_abstain_rate"] <= 0.06 and m["false_partial_rate"] <= 0.15, m
    assert m["safety_recall"] >= floors["safety_recall"], m
    assert m["safety_false_positive_rate"] <= floors["safety_false_positives"], m
    assert m["mean_quoted_chars"] <= 1200, m


def test_real_peoples_questions_beside_other_articles(beside, tmp_path):
    """Articles added beside the shipped ones must not cost the shipped articles' questions
    much (issue: not at all; docs/BENCHMARKS.md has the figures)."""
    m = metrics(beside, ROOT / "eval" / "real" / "test.jsonl", tmp_path)
    assert m["quote_fidelity"] == 1.0 and m["mean_quoted_chars"] <= 1200, m
    assert m["hit_rate"] >= FLOORS["real"]["beside"], m
    print(f"real beside every corpus: {m['hit_rate']:.3f}")


@pytest.mark.parametrize("name", NAMES)
def test_extra_corpus_alone_and_beside_the_shipped_articles(name, alone, beside, tmp_path):
    path = CORPORA / name / "test.jsonl"
    by_itself = metrics(alone(name), path, tmp_path / "alone")
    mixed = metrics(beside, path, tmp_path / "beside")
    for m in (by_itself, mixed):
        assert m["quote_fidelity"] == 1.0 and m["mean_quoted_chars"] <= 1200, m
    assert by_itself["hit_rate"] >= FLOORS[name]["alone"], by_itself
    assert mixed["hit_rate"] >= FLOORS[name]["beside"], mixed
    print(f"{name}: alone {by_itself['hit_rate']:.3f}, beside {mixed['hit_rate']:.3f}")


def test_conversations(real_assistant, tmp_path):
    from eval.conversations import load_conversations, run_conversations

    folder = ROOT / "eval" / "conversations"  # the test split and the test extension
    conversations = [c for name in ("test.jsonl", "test_extension.jsonl")
                     for c in load_conversations(folder / name)]
    m = run_conversations(real_assistant, conversations, tmp_path)
    assert m["quote_fidelity"] == 1.0
    assert m["followup_hit_rate"] >= FLOORS["conversations"]["followup_hit_rate"], m
    assert m["repeated_quote_rate"] <= 0.10, m


# measured 2026-12-01, fifth session (docs/BENCHMARKS.md, "Real people's questions and other
# articles"): real test hit 0.571, not direct 0.510, safety recall 0.765 with false positives
# 0.096; in this file's one index of all four corpora beside the shipped articles (the fit
# answering only the shipped articles' questions): the real questions 0.429; money-couples
# alone 0.621, beside 0.586; parenting-teens alone 0.719, beside 0.750; trust-issues (the
# shipped articles' own topic) alone 0.842, beside 0.632; workplace-conflict alone 0.800,
# beside 0.800; conversations follow-ups 0.540. Each floor sits about one question under its
# figure (set when first measured; none was raised). Sixth session: the conversations' test
# extension joined their gate (66 conversations): follow-ups 0.525, then 0.602 once a
# follow-up's sentences were also scored against its own words (floor 0.50 -> 0.57). The
# "partial" band, refitted on the real dev letters by its own rule (bench/calibrate_scope.py),
# moved real test not direct 0.510 -> 0.429 (floor 0.43 -> 0.40) and wrongly partial
# 0.078 -> 0.059; the real letters' test extension reads hit 0.636, not direct 0.481, wrongly
# partial 0.147, safety recall 0.769 with false positives 0.104. Seventh session: the real
# dev letters became example questions of the shipped articles; real test hit 0.551 -> 0.837
# (floor 0.52 -> 0.81), the extension 0.636 -> 0.697 (floor 0.60 -> 0.66). Eighth session:
# the safety rules written again from 68 new public dev letters; safety recall on test 0.765 ->
# 0.882 (floor 0.70 -> 0.82), on the extension 0.769 -> 0.846 with false positives 0.104 ->
# 0.062 (floors 0.69 -> 0.76 and 0.15 -> 0.09). Ninth session: the shipped articles' scope
# model (bench/fit_scope_model.py) in place of the probability band; near-topic letters not
# "direct" 0.449 -> 0.551 on test (floor 0.40 -> 0.53), 0.481 -> 0.556 on the extension
# (floor 0.44 -> 0.52), answerable wrongly "partial" 0.059 -> 0.078 and 0.147 -> 0.147.
# Tenth session: in an index holding others beside the shipped articles, their adapted
# cosines on the model's scale; in this file's index of all four corpora the real questions
# read 0.571 (floor 0.40 -> 0.55), money-couples beside 0.586, parenting-teens 0.812,
# trust-issues 0.526 (0.632 when its floor was set; 0.52 leaves no question to spare now),
# workplace-conflict 0.800. Eleventh session: a fifth corpus joined this file's index,
# jealousy-insecurity (the shipped topic again), and routing asks the shipped scope model whom
# the articles speak to: in the index of all five corpora the real questions read 0.531 (floor
# 0.55 -> 0.51; in the index of the four corpora before it, 0.551 with this code: one question
# to the routing, one to the second corpus on their own topic; beside each corpus alone the
# bench reads the tenth session's figures), jealousy-insecurity alone 0.821, beside 0.571,
# money-couples beside 0.586, parenting-teens 0.812, trust-issues 0.579, workplace-conflict
# 0.800.
FLOORS = {
    "real": {"hit_rate": 0.81, "not_direct_rate": 0.53, "safety_recall": 0.82,
             "safety_false_positives": 0.12, "beside": 0.51},
    "real-extension": {"hit_rate": 0.66, "not_direct_rate": 0.52, "safety_recall": 0.76,
                       "safety_false_positives": 0.09},
    "jealousy-insecurity": {"alone": 0.78, "beside": 0.53},
    "money-couples": {"alone": 0.55, "beside": 0.52},
    "parenting-teens": {"alone": 0.68, "beside": 0.65},
    "trust-issues": {"alone": 0.78, "beside": 0.52},
    "workplace-conflict": {"alone": 0.76, "beside": 0.76},
    "conversations": {"followup_hit_rate": 0.57},
}
