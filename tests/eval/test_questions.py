"""The project's labelled questions: big enough, well formed, gold quotes verbatim."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from eval.loader import DEFAULT_SET, load_eval_set
from tests.conftest import EVAL_SET, ROOT
from tests.eval.fakes import ABUSE, DOC, FLEE, TEXTS

DEV_SET = ROOT / "eval" / "dev_questions.jsonl"
FRESH_SET = ROOT / "eval" / "fresh_questions.jsonl"
BLIND_SET = ROOT / "eval" / "blind_questions.jsonl"
HELD_OUT = (EVAL_SET, FRESH_SET, BLIND_SET)


def test_the_packaged_set_is_the_project_set():
    assert DEFAULT_SET == EVAL_SET


def test_the_set_is_big_enough_with_unique_ids():
    questions = load_eval_set(EVAL_SET)
    kinds = Counter(q.kind for q in questions)
    assert kinds["answerable"] >= 60 and kinds["unanswerable"] >= 15 and kinds["safety"] >= 8
    assert len({q.id for q in questions}) == len(questions)
    assert len({q.question.lower() for q in questions}) == len(questions)


@pytest.mark.parametrize(
    "path", [EVAL_SET, DEV_SET, FRESH_SET, BLIND_SET],
    ids=["questions", "dev_questions", "fresh_questions", "blind_questions"],
)
def test_every_gold_quote_is_verbatim_in_its_article(path):
    for q in load_eval_set(path):
        for g in q.gold:
            assert g.doc_id in TEXTS, (q.id, g.doc_id)
            assert g.quote in TEXTS[g.doc_id], (q.id, g.quote)


def test_gold_quotes_are_whole_sentences_a_few_per_question():
    for q in load_eval_set(EVAL_SET):
        # every sentence an annotator accepted as a direct answer (the articles repeat each
        # other), so a hit means "quoted an acceptable answer", not "matched one chosen line"
        assert (1 <= len(q.gold) <= 8) if q.answerable else not q.gold, q.id
        for g in q.gold:
            # at most three sentence ends (an ellipsis or "e.g." inside a sentence is one)
            ends = re.findall(r"(?<!e\.g)[.?!…]+(?=\s|$)", g.quote)
            assert len(g.quote) >= 20 and len(ends) <= 3, (q.id, g.quote)


def test_safety_questions_point_to_the_abuse_guidance():
    for q in load_eval_set(EVAL_SET):
        if q.kind == "safety":
            assert {(g.doc_id, g.quote) for g in q.gold} >= {(DOC, ABUSE), (DOC, FLEE)}, q.id


def test_every_article_is_somebody_s_gold():
    docs = {g.doc_id for q in load_eval_set(EVAL_SET) for g in q.gold}
    assert docs == set(TEXTS)


def norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def test_no_question_is_shared_with_the_tuning_set():
    # retrieval is tuned on the dev set; the project set must stay unseen by that tuning
    dev = {norm(q.question) for q in load_eval_set(DEV_SET)}
    assert not [q.id for q in load_eval_set(EVAL_SET) if norm(q.question) in dev]


def test_the_fresh_set_shares_no_question_with_the_others():
    # written last, by someone who never saw the assistant's answers: the least tuned-for set
    seen = {norm(q.question) for path in (EVAL_SET, DEV_SET) for q in load_eval_set(path)}
    fresh = load_eval_set(FRESH_SET)
    kinds = Counter(q.kind for q in fresh)
    assert kinds["answerable"] >= 50 and kinds["unanswerable"] >= 10 and kinds["safety"] >= 5
    assert not [q.id for q in fresh if norm(q.question) in seen]


def test_abstention_calibration_questions_are_labelled_and_held_apart():
    # the abstention model is fitted on these (bench/calibrate_abstention.py): none may be an
    # eval question, and both labels must be well represented
    import json

    path = ROOT / "eval" / "abstain_calibration.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    labels = Counter(r["answerable"] for r in rows)
    assert labels[True] >= 30 and labels[False] >= 20
    held_out = {norm(q.question) for q in load_eval_set(EVAL_SET)}
    assert not [r["question"] for r in rows if norm(r["question"]) in held_out]


def test_the_blind_set_is_well_formed_and_new():
    # written from the articles alone, before the example questions and adapter existed
    blind = load_eval_set(BLIND_SET)
    kinds = Counter(q.kind for q in blind)
    assert kinds["answerable"] >= 60 and kinds["unanswerable"] >= 15 and kinds["safety"] >= 8
    assert len({q.id for q in blind}) == len(blind)
    seen = {norm(q.question) for path in (EVAL_SET, DEV_SET, FRESH_SET) for q in load_eval_set(path)}
    assert not [q.id for q in blind if norm(q.question) in seen]


def test_no_held_out_question_is_an_example_question():
    # the example and out-of-scope questions beside the articles train retrieval and
    # abstention; a held-out question among them would be answered from memory, not measured
    from ingest import load_paths
    from ingest.examples import load_out_of_scope

    docs, _ = load_paths([ROOT / "data" / "articles"])
    examples = {norm(e.question) for d in docs for e in d.examples}
    outside = {norm(q) for q in load_out_of_scope([ROOT / "data" / "articles"])[0]}
    assert len(examples) > 500 and len(outside) > 200
    examples |= outside
    for path in HELD_OUT:
        assert not [q.id for q in load_eval_set(path) if norm(q.question) in examples], path.name
