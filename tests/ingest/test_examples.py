"""Example questions: read from an article's sidecar, located verbatim, bad lines reported."""

from __future__ import annotations

import json

from ingest import load_paths
from ingest.examples import OUT_OF_SCOPE, ExampleQuestion, load_out_of_scope, parse_examples

from .conftest import A000, A002, A003, ARTICLES

TEXT = "Advice\n\nBe patient with him. Trust takes time.\nTalk to a therapist together.\n"


def _lines(*rows) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows).encode()


def test_quotes_are_located_as_exact_spans():
    examples, sha, problems = parse_examples(
        _lines({"question": "how long will it take", "quotes": ["Trust takes time."]},
               {"question": "should we see  someone", "quotes": ["Talk to a therapist together.",
                                                               "Be patient with him."]}),
        TEXT,
    )
    assert problems == [] and len(sha) == 64
    assert [e.question for e in examples] == ["how long will it take", "should we see someone"]
    for e in examples:
        for a, b in e.spans:
            assert TEXT[a:b] in ("Trust takes time.", "Talk to a therapist together.",
                                 "Be patient with him.")
    assert examples[1].spans == tuple(sorted(examples[1].spans))


def test_bad_lines_are_skipped_and_named():
    examples, _, problems = parse_examples(
        _lines("not json",
               ["a list"],
               {"question": "", "quotes": ["Trust takes time."]},
               {"question": "no quotes here", "quotes": []},
               {"question": "a paraphrase", "quotes": ["Trust needs time."]},
               {"question": "half right", "quotes": ["Trust needs time.", "Trust takes time."]},
               {"question": "Half right", "quotes": ["Trust takes time."]},
               ""),
        TEXT,
    )
    assert [e.question for e in examples] == ["half right"]
    assert examples[0].spans == ((TEXT.index("Trust takes"), TEXT.index("Trust takes") + 17),)
    assert problems == [
        "line 1: not JSON",
        "line 2: not a JSON object",
        "line 3: no question",
        "line 4: no quotes",
        "line 5: a quote is not a verbatim part of the article",
        "line 6: a quote is not a verbatim part of the article",
        "line 7: repeats an earlier question",
    ]


def test_round_trip_through_json():
    e = ExampleQuestion("why", ((1, 5), (9, 12)))
    assert ExampleQuestion.from_dict(json.loads(json.dumps(e.to_dict()))) == e


def test_the_articles_come_with_example_questions():
    docs, warnings = load_paths([ARTICLES])
    assert warnings == []
    by_id = {d.doc_id: d for d in docs}
    assert set(by_id) == {A000, A002, A003}  # the sidecars are not articles
    for d in docs:
        assert len(d.examples) >= 100, d.doc_id
        for e in d.examples:
            assert e.spans and all(0 <= a < b <= len(d.text) for a, b in e.spans)


def test_sidecar_beside_an_article_is_attached(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.questions.jsonl").write_bytes(
        _lines({"question": "how long", "quotes": ["Trust takes time."]},
               {"question": "bad", "quotes": ["not in it"]}))
    (tmp_path / "b.txt").write_text("Other\n\nNothing to ask.\n")
    docs, warnings = load_paths([tmp_path])
    a, b = docs
    assert [e.question for e in a.examples] == ["how long"] and a.examples_sha256
    assert b.examples == [] and b.examples_sha256 == ""
    assert len(warnings) == 1 and "a.questions.jsonl" in warnings[0]
    assert "1 problem(s)" in warnings[0] and "1 example questions kept" in warnings[0]
    # a single named article picks up its sidecar too
    single, _ = load_paths([tmp_path / "a.txt"])
    assert single[0].examples == a.examples


def test_sidecar_without_its_article_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "gone.questions.jsonl").write_bytes(
        _lines({"question": "q", "quotes": ["Trust takes time."]}))
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["a"]
    assert len(warnings) == 1 and "gone.questions.jsonl" in warnings[0]
    assert "not being ingested" in warnings[0]


def test_unreadable_sidecar_leaves_the_article_indexed(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.questions.jsonl").write_bytes(b"\xff\xfe not utf-8")
    docs, warnings = load_paths([tmp_path])
    assert docs[0].examples == [] and docs[0].text == TEXT
    assert len(warnings) == 1 and "not UTF-8" in warnings[0]


def test_out_of_scope_questions_are_read_from_the_folder_top(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / OUT_OF_SCOPE).write_bytes(
        _lines({"question": "who pays on a first date"}, {"question": "Who pays  on a first date"},
               "oops", {"question": ""}, {"question": "best sourdough starter"}))
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["a"] and warnings == []  # not an article, no warning
    questions, sha, problems = load_out_of_scope([tmp_path])
    assert questions == ["who pays on a first date", "best sourdough starter"] and len(sha) == 64
    assert len(problems) == 1 and "2 problem(s), first line 3: not JSON" in problems[0]
    assert load_out_of_scope([tmp_path / "a.txt"]) is None
    assert load_out_of_scope([ARTICLES])[0]  # the project's articles come with some


def test_an_oversized_out_of_scope_file_is_skipped_with_a_warning(tmp_path, monkeypatch):
    import ingest.examples as ex

    (tmp_path / OUT_OF_SCOPE).write_bytes(_lines({"question": "who pays on a first date"}))
    monkeypatch.setattr(ex, "MAX_FILE_BYTES", 10)
    questions, _, warnings = load_out_of_scope([tmp_path])
    assert questions == [] and len(warnings) == 1 and "larger than" in warnings[0]
