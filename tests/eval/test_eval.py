"""The eval set, loader, metrics, reports and gates."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answer import Answer, Quote
from eval.cli import check_gates, compare, parse_gates
from eval.loader import EvalQuestion, Gold, load_eval_set
from eval.metrics import DEFINITIONS, aggregate, question_metrics
from eval.runner import run_eval
from ingest.errors import InputError
from tests.conftest import ARTICLES, EVAL_SET, ROOT


def test_project_set_is_big_enough_and_gold_is_verbatim():
    qs = load_eval_set(EVAL_SET)
    kinds = [q.kind for q in qs]
    assert kinds.count("answerable") >= 60 and kinds.count("unanswerable") >= 15
    assert kinds.count("safety") >= 8
    texts = {p.stem: p.read_text(encoding="utf-8") for p in ARTICLES.glob("*.txt")}
    for path in (EVAL_SET, ROOT / "eval" / "dev_questions.jsonl"):
        for q in load_eval_set(path):
            assert (len(q.gold) > 0) == q.answerable, q.id
            for g in q.gold:
                assert g.quote in texts[g.doc_id], (q.id, g.quote)


@pytest.mark.parametrize("line, message", [
    ("{not json", "line 2: not valid JSON"),
    ('{"id": "x", "answerable": true, "kind": "answerable"}', 'line 2: missing field "question"'),
    ('{"id": "x", "question": "q", "answerable": "yes", "kind": "answerable"}', "must be bool"),
    ('{"id": "x", "question": "q", "answerable": true, "kind": "maybe"}', "unknown kind"),
    ('{"id": "a", "question": "q", "answerable": false, "kind": "unanswerable"}', "duplicate id"),
    ('{"id": "x", "question": "q", "answerable": true, "kind": "answerable", "gold": [{"doc_id": 1}]}', "gold item"),
])
def test_malformed_line_is_named(tmp_path, line, message):
    f = tmp_path / "set.jsonl"
    f.write_text('{"id": "a", "question": "q", "answerable": false, "kind": "unanswerable"}\n' + line + "\n")
    with pytest.raises(InputError, match=re.escape(message)):
        load_eval_set(f)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(['{}', '[]', '{"id": 1}', '""', 'null'])),
                max_size=5))
def test_loader_never_fails_unexpectedly(tmp_path_factory, lines):
    f = tmp_path_factory.mktemp("p") / "s.jsonl"
    f.write_text("\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines), encoding="utf-8")
    try:
        load_eval_set(f)
    except InputError:
        pass


class CannedAssistant:
    """Returns prepared answers built from real article slices (an edge fake)."""

    def __init__(self, answers):
        self.answers = answers
        self.text = (ARTICLES / "000_1e7ddc6cb9001c46.txt").read_text(encoding="utf-8")

    def documents(self):
        class D:
            doc_id = "000_1e7ddc6cb9001c46"
            text = self.text
        return [D()]

    def ask(self, question):
        return self.answers[question]

    def search(self, question, k=10):
        return []

    def hit_dict(self, h):  # pragma: no cover - search returns nothing
        return h


def _answer(question, spans, text, abstained=False, safety=False):
    quotes = [Quote(i, "000_1e7ddc6cb9001c46", "x", s, e, text[s:e], "sec", 0.5)
              for i, (s, e) in enumerate(spans, 1)]
    md = " ".join(f"“{q.text}” [{q.n}]" for q in quotes)
    return Answer(question, abstained, safety, md, quotes, [], {"total": 5.0})


def test_metrics_by_hand(tmp_path):
    text = (ARTICLES / "000_1e7ddc6cb9001c46.txt").read_text(encoding="utf-8")
    gold = "Before you go about demanding or asking to be trusted by your man, make yourself trustworthy."
    g0 = text.index(gold)
    other = text.index("6. Therapy")
    qs = [
        EvalQuestion("a", "hit", True, "answerable", (Gold("000_1e7ddc6cb9001c46", gold),)),
        EvalQuestion("b", "miss", True, "answerable", (Gold("000_1e7ddc6cb9001c46", gold),)),
        EvalQuestion("c", "off", False, "unanswerable"),
    ]
    qa = CannedAssistant({
        # overlaps exactly half of the gold quote: a hit
        "hit": _answer("hit", [(g0, g0 + len(gold) // 2 + 1), (other, other + 10)], text),
        "miss": _answer("miss", [(other, other + 10)], text),
        "off": _answer("off", [], text, abstained=True),
    })
    m = run_eval(qa, qs, tmp_path, progress=False)
    assert m["quote_fidelity"] == 1.0 and m["citation_validity"] == 1.0
    assert m["hit_rate"] == 0.5 and m["gold_coverage"] == 0.5
    assert m["quote_precision"] == pytest.approx((1 / 2 + 0) / 2)
    assert m["abstention_recall"] == 1.0 and m["false_abstain_rate"] == 0.0
    assert m["abstention_precision"] == 1.0 and m["mean_quoted_chars"] > 0
    assert {p.name for p in tmp_path.iterdir()} >= {"results.jsonl", "metrics.json", "report.md", "report.html"}
    rows = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert rows[0]["answer"]["quotes"][0]["start"] == g0 and rows[1]["metrics"]["hit"] is False
    page = (tmp_path / "report.html").read_text()
    assert "<svg" in page and not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    for name in ("hit_rate", "quote_fidelity", "false_abstain_rate"):
        assert name in page and DEFINITIONS[name] in (tmp_path / "report.md").read_text()


def test_a_tampered_quote_breaks_fidelity():
    text = (ARTICLES / "000_1e7ddc6cb9001c46.txt").read_text(encoding="utf-8")
    q = EvalQuestion("a", "x", False, "unanswerable")
    ans = _answer("x", [(100, 140)], text).to_dict()
    ans["quotes"][0]["text"] = ans["quotes"][0]["text"].upper()
    m = question_metrics(q, ans, [], {"000_1e7ddc6cb9001c46": text}, 1.0)
    row = {"kind": "unanswerable", "answerable": False, "metrics": m}
    assert aggregate([row])["quote_fidelity"] == 0.0


def test_gates_and_compare(tmp_path):
    known = set(DEFINITIONS)
    gates = parse_gates("fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05", known)
    assert check_gates({"quote_fidelity": 1.0, "hit_rate": 0.95, "false_abstain_rate": 0.01}, gates) == []
    fails = check_gates({"quote_fidelity": 0.99, "hit_rate": 0.95, "false_abstain_rate": 0.2}, gates)
    assert len(fails) == 2 and "quote_fidelity" in fails[0]
    with pytest.raises(InputError, match="unknown metric"):
        parse_gates("nonsense=1", known)
    (tmp_path / "metrics.json").write_text(json.dumps({"metrics": {"hit_rate": 0.8}}))
    assert "+0.1000" in compare({"hit_rate": 0.9}, tmp_path)


@pytest.mark.slow
def test_gated_eval_on_the_project_set(real_index, tmp_path):
    """`make test` gates fidelity and the answer floors on the project's labelled questions."""
    r = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "eval", "--index", str(real_index), "--out",
         str(tmp_path / "run"), "--fail-under",
         "fidelity=1.0,citations=1.0,hit_rate=0.78,abstention_recall=0.9,"
         "false_abstain_rate<=0.05,safety_recall=1.0,mean_quoted_chars<=1200"],
        capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "run" / "report.html").exists()
