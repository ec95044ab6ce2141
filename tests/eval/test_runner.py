"""run_eval with a fake assistant: the four files, their content, and early input errors."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from eval.loader import EvalQuestion, Gold
from eval.metrics import DEFINITIONS
from eval.runner import OUTPUTS, run_eval
from ingest.errors import InputError
from tests.eval.fakes import DOC, GUILT, FakeAssistant, answer, scenario


class Tags(HTMLParser):
    """The page's real tags and attributes (escaped text is not a tag)."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def run(tmp_path):
    questions, qa = scenario()
    out = tmp_path / "deep" / "out"
    metrics = run_eval(qa, questions, out, progress=False, k=5)
    return out, metrics, qa


def test_writes_the_four_files_into_a_new_folder(run):
    out, metrics, qa = run
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert qa.searched_k == [5] * 6
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["primary_metric"] == "hit_rate" and saved["k"] == 5
    assert saved["metrics"]["hit_rate"] == metrics["hit_rate"] == 0.5
    assert "recall@10" not in saved["metrics"] and "recall@5" in saved["metrics"]
    assert saved["by_kind"]["unanswerable"]["hit_rate"] is None  # NaN is written as null


def test_results_rows_hold_answer_metrics_and_hit_ids(run):
    out, _, _ = run
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "s1", "u1", "u2", "a3"]
    a1 = rows[0]
    assert a1["kind"] == "answerable" and a1["verdict"] == "hit"
    assert a1["answer"]["quotes"][0]["text"] == GUILT and a1["answer"]["timings_ms"]["total"] == 1
    assert a1["metrics"]["quote_hit"] == [True, False] and a1["metrics"]["recall@3"] == 1.0
    assert a1["hits"] == [h for h in a1["hits"] if h.startswith(DOC)] and len(a1["hits"]) == 2
    assert a1["metrics"]["wall_ms"] >= 0
    assert [r["verdict"] for r in rows[3:]] == [
        "abstained",
        "answered (should abstain)",
        "abstained (should answer)",
    ]


def test_report_md_has_definitions_by_kind_and_worst_questions(run):
    md = (run[0] / "report.md").read_text()
    for name in ("hit_rate", "quote_fidelity", "false_abstain_rate", "recall@5", "mrr"):
        assert f"| {name} |" in md
    assert DEFINITIONS["false_abstain_rate"] in md and "## By kind" in md
    worst = md.split("worst questions")[1]
    # answerable misses (a2, a3) come before the missed abstention (u2) and the partial hit (s1)
    order = [worst.index(f"### {i}. {qid}") for i, qid in enumerate(["a2", "a3", "u2", "s1"], 1)]
    assert order == sorted(order)
    assert "✓ “Of course he would feel guilt" in md or "✓ [1] “Of course" in md


def test_report_html_is_self_contained_escaped_and_charted(tmp_path):
    questions, qa = scenario()
    sneaky = "<script>alert(1)</script> & <img src=https://evil.example/x.png>"
    questions.append(EvalQuestion("x<1>", sneaky, True, "answerable", (Gold(DOC, GUILT),)))
    qa.answers[sneaky] = answer(sneaky, GUILT)
    run_eval(qa, questions, tmp_path, progress=False)
    page = (tmp_path / "report.html").read_text()
    assert page.startswith("<!doctype html>") and page.count("<svg") >= 4
    tags = Tags(page).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "link", "iframe", "object", "embed", "image", "use"}
    links = [
        a[k] for _, a in tags for k in ("src", "href", "srcset", "action", "xlink:href") if k in a
    ]
    assert links and all(v.startswith("#") for v in links)  # only in-page anchors
    assert "@import" not in page and "url(" not in page
    assert "&lt;script&gt;" in page and "id='x&lt;1&gt;'" in page
    for badge in (
        ">hit<",
        ">miss<",
        ">abstained<",
        ">answered (should abstain)<",
        ">abstained (should answer)<",
        ">safety<",
    ):
        assert badge in page


def test_unknown_gold_article_or_quote_fails_before_asking(tmp_path):
    qa = FakeAssistant({})  # asking anything would raise KeyError
    bad_doc = [EvalQuestion("a", "q", True, "answerable", (Gold("nope", "x"),))]
    with pytest.raises(InputError, match="question a: gold article 'nope' is not in the index"):
        run_eval(qa, bad_doc, tmp_path, progress=False)
    edited = [EvalQuestion("b", "q", True, "answerable", (Gold(DOC, "words the article lacks"),))]
    with pytest.raises(InputError, match="question b: gold quote not found in 000_"):
        run_eval(qa, edited, tmp_path, progress=False)


def test_bad_depth_and_unwritable_folder_are_input_errors(tmp_path):
    questions, qa = scenario()
    with pytest.raises(InputError, match="--k must be at least 1"):
        run_eval(qa, questions, tmp_path, k=0)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        run_eval(qa, questions, tmp_path / "file", progress=False)


def test_piped_runs_print_progress_lines(tmp_path, capsys, monkeypatch):
    import eval.runner as runner

    monkeypatch.setattr(runner, "PROGRESS_EVERY", 2)
    questions, qa = scenario()
    run_eval(qa, questions, tmp_path / "out", progress=True, k=5)  # pytest's stderr is no tty
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("eval: ")]
    assert lines[0] == f"eval: 2/{len(questions)} questions"
    assert lines[-1] == f"eval: {len(questions)}/{len(questions)} questions"
