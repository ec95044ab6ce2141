"""Loading eval sets: good lines load, a malformed line is an InputError naming its line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eval.loader import EvalQuestion, Gold, load_eval_set
from ingest.errors import InputError

GOOD = {
    "id": "q01",
    "question": "do cheaters feel guilt",
    "answerable": True,
    "kind": "answerable",
    "gold": [{"doc_id": "000_1e7ddc6cb9001c46", "quote": "Of course he would feel guilt"}],
}
OFF = {
    "id": "q02",
    "question": "how do i bake bread",
    "answerable": False,
    "kind": "unanswerable",
    "gold": [],
}


def write(tmp_path, *lines) -> str:
    path = tmp_path / "questions.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_loads_questions_and_skips_blank_lines(tmp_path):
    qs = load_eval_set(write(tmp_path, GOOD, "", "   ", OFF))
    assert qs == [
        EvalQuestion(
            "q01",
            "do cheaters feel guilt",
            True,
            "answerable",
            (Gold("000_1e7ddc6cb9001c46", "Of course he would feel guilt"),),
        ),
        EvalQuestion("q02", "how do i bake bread", False, "unanswerable", ()),
    ]
    assert qs[0].to_dict() == GOOD


def test_a_line_separator_inside_a_string_is_not_a_new_line(tmp_path):
    # JSON allows U+2028 unescaped in strings; splitting on it would break the line in two.
    q = dict(OFF, question="bread\u2028recipe")
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(q, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_eval_set(path)[0].question == "bread\u2028recipe"


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "questions.jsonl line 3: not valid JSON"),
        ("[1, 2]", "questions.jsonl line 3: expected a JSON object, got list"),
        (
            {k: v for k, v in GOOD.items() if k != "question"},
            'questions.jsonl line 3: missing field "question"',
        ),
        ({k: v for k, v in GOOD.items() if k != "gold"}, 'line 3: missing field "gold"'),
        (dict(GOOD, id=7), 'line 3: field "id" must be a string, got int'),
        (dict(GOOD, answerable="yes"), 'line 3: field "answerable" must be true or false'),
        (dict(GOOD, gold="quote"), 'line 3: field "gold" must be a list'),
        (dict(GOOD, question="  "), 'line 3: field "question" is blank'),
        (dict(GOOD, question="\u200b\u200d\x07"), 'line 3: field "question" is blank'),
        (dict(GOOD, kind="maybe"), "line 3: unknown kind 'maybe'"),
        (dict(GOOD, kind="unanswerable"), 'line 3: kind "unanswerable" needs "answerable": false'),
        (dict(GOOD, id="q02"), "line 3: duplicate id 'q02'"),
        (dict(GOOD, gold=["just a string"]), 'line 3: "gold" item 1 must be an object'),
        (
            dict(GOOD, gold=[{"doc_id": "x"}]),
            'line 3: "gold" item 1 needs a non-empty string "quote"',
        ),
        (
            dict(GOOD, gold=[{"doc_id": 1, "quote": "q"}]),
            '"gold" item 1 needs a non-empty string "doc_id"',
        ),
        (dict(GOOD, gold=[]), "line 3: an answerable question needs at least one"),
        (
            dict(OFF, id="q9", gold=GOOD["gold"]),
            'line 3: an unanswerable question must have "gold": []',
        ),
    ],
)
def test_a_malformed_line_is_named(tmp_path, line, message):
    path = write(tmp_path, OFF, "", line)  # the blank line still counts: the bad one is line 3
    with pytest.raises(InputError) as err:
        load_eval_set(path)
    assert message in str(err.value)


def test_missing_empty_and_binary_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no eval set at"):
        load_eval_set(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match="holds no questions"):
        load_eval_set(tmp_path / "empty.jsonl")
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InputError, match="cannot read"):
        load_eval_set(tmp_path / "bin.jsonl")
    with pytest.raises(InputError, match="cannot read"):
        load_eval_set(tmp_path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = st.sampled_from(["id", "question", "answerable", "kind", "gold", "doc_id", "quote"])
NEAR_MISSES = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.sampled_from(["q1", "q2", ""]), JSON_VALUES),
        "question": st.one_of(st.text(max_size=10), JSON_VALUES),
        "answerable": st.one_of(st.booleans(), JSON_VALUES),
        "kind": st.one_of(st.sampled_from(["answerable", "unanswerable", "safety"]), JSON_VALUES),
        "gold": st.one_of(
            st.lists(st.dictionaries(FIELDS, JSON_VALUES, max_size=2), max_size=2), JSON_VALUES
        ),
    },
).map(json.dumps)
LINES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    JSON_VALUES.map(json.dumps),
    NEAR_MISSES,
    st.sampled_from(["[" * 5000, '{"id": "x"', "\ufeff{}", "NaN", "\x00"]),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINES, max_size=6))
def test_arbitrary_lines_load_or_raise_input_error(tmp_path, lines):
    path = tmp_path / "junk.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        questions = load_eval_set(path)
    except InputError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert all(isinstance(q, EvalQuestion) for q in questions)
        assert len({q.id for q in questions}) == len(questions)


def test_a_safety_question_may_have_no_gold_when_nothing_fits(tmp_path):
    unfit = dict(GOOD, id="s9", kind="safety", gold=[])
    assert load_eval_set(write(tmp_path, GOOD, unfit))[1].gold == ()
