"""The `quotewise` command as a user runs it: fast help, JSON output, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None, timeout=120):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "quotewise", *args], capture_output=True,
                          text=True, cwd=ROOT, env=e, timeout=timeout)


def test_help_imports_no_heavy_package_and_no_surface():
    r = run("--help")
    assert r.returncode == 0 and "ingest" in r.stdout and "ask" in r.stdout
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys; from quotewise.cli import build_parser; build_parser(); "
         "print(sorted(m for m in ('torch', 'gradio', 'langchain_core', 'sentence_transformers', "
         "'eval', 'ui', 'faiss') if m in sys.modules))"],
        capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip() == "[]", probe.stderr


def test_eval_help_lists_its_own_options():
    r = run("eval", "--help")
    assert r.returncode == 0 and "--questions" in r.stdout and "--index" in r.stdout


def test_missing_index_is_one_line_exit_2(tmp_path):
    r = run("ask", "hello", "--index", str(tmp_path / "none"))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "quotewise ingest" in r.stderr
    assert "Traceback" not in r.stderr


def test_blank_question_exit_2(fake_index):
    r = run("ask", "   ", "--index", str(fake_index))
    assert r.returncode == 2 and "blank" in r.stderr and "Traceback" not in r.stderr


def test_bad_ingest_path_exit_2(tmp_path):
    r = run("ingest", str(tmp_path / "missing"), "--index", str(tmp_path / "ix"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr


def test_search_json_hits_are_exact_slices(fake_index):
    r = run("search", "give him my passwords", "--json", "--k", "3", "--index", str(fake_index))
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    assert len(hits) == 3
    for h in hits:
        assert set(h) >= {"chunk_id", "doc_id", "source", "start", "end", "text", "section", "score"}
        text = (ROOT / h["source"]).read_text(encoding="utf-8") if not os.path.isabs(h["source"]) \
            else Path(h["source"]).read_text(encoding="utf-8")
        assert text[h["start"]:h["end"]] == h["text"]


def test_ask_json_matches_design_contract(fake_index):
    r = run("ask", "how do I reassure him", "--json", "--index", str(fake_index))
    assert r.returncode == 0, r.stderr
    ans = json.loads(r.stdout)
    assert set(ans) >= {"question", "abstained", "safety", "markdown", "quotes", "sources", "timings_ms"}
    assert set(ans["timings_ms"]) == {"retrieve", "compose", "total"}


def test_long_question_gets_a_notice_not_a_crash(fake_index):
    r = run("ask", "trust " * 600, "--json", "--index", str(fake_index))
    assert r.returncode == 0, r.stderr
    assert any("long" in n for n in json.loads(r.stdout)["notices"])


@pytest.mark.slow
def test_ingest_then_search_passwords_top2(tmp_path):
    """The issue's acceptance check, with the real model, through the CLI."""
    ix = str(tmp_path / "ix")
    r = run("ingest", "--index", ix, timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("3 documents: 3 added")
    r = run("search", "--json", "should I give him my passwords so he stops worrying", "--index", ix)
    hits = json.loads(r.stdout)
    for h in hits:
        assert (ROOT / h["source"]).read_text(encoding="utf-8")[h["start"]:h["end"]] == h["text"]
    assert any("passwords" in h["text"] for h in hits[:2])
    r2 = run("ingest", "--index", ix, "--json", timeout=600)
    report = json.loads(r2.stdout)
    assert len(report["unchanged"]) == 3 and not report["added"] + report["updated"]
    assert report["embedded"] == 0  # nothing re-embedded


def test_piped_answer_is_clean_markdown(fake_index):
    question = "he keeps spying on me and accusing me of cheating, is that abuse?"
    piped = run("ask", question, "--index", str(fake_index))
    assert piped.returncode == 0, piped.stderr
    assert "\\(" not in piped.stdout and "\\!" not in piped.stdout and "\x1b[" not in piped.stdout
    answer = json.loads(run("ask", question, "--json", "--index", str(fake_index)).stdout)
    plain = [q["text"] for q in answer["quotes"] if not set(q["text"]) & set("\\`*_[]<~$")]
    assert plain and all(" ".join(t.split()) in piped.stdout for t in plain)
    titles = [s["title"] for s in answer["sources"]]
    assert titles and all(f"*{t}*" in piped.stdout for t in titles)  # "Tips (8)", not "\\(8\\)"
    assert any("(" in t for t in titles)


def test_chat_answers_turn_by_turn_in_context(fake_index):
    e = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "quotewise", "chat", "--json", "--index",
                        str(fake_index)], input="should I give him my passwords?\nwhy?\n\n",
                       capture_output=True, text=True, cwd=ROOT, env=e, timeout=120)
    assert r.returncode == 0, r.stderr
    decoder, turns, text = json.JSONDecoder(), [], r.stdout.strip()
    while text:
        obj, end = decoder.raw_decode(text)
        turns.append(obj)
        text = text[end:].strip()
    assert [t["question"] for t in turns] == ["should I give him my passwords?", "why?"]
    first = {(q["doc_id"], q["start"]) for q in turns[0]["quotes"]}
    assert turns[1]["quotes"] and not first & {(q["doc_id"], q["start"]) for q in turns[1]["quotes"]}


def test_terminal_escapes_in_an_article_are_not_printed(tmp_path):
    """An article (an upload, an HTML page's "&#27;") holding terminal escapes: printed as they
    are, they retitle, clear or rewrite the terminal of whoever runs `ask` or `search`."""
    from tests.conftest import assistant_over

    escape = "\x1b]0;owned\x07\x1b[2J\x9b31m"
    text = ("Trust\n\nBe patient with him while he learns to trust you again. " + escape
            + "Keep your promises, every single day.\n")
    qa = assistant_over(tmp_path, {"trust.txt": text})
    index = str(qa.index_root)
    for args in (("ask", "how do I keep my promises and be patient"), ("search", "promises")):
        out = run(*args, "--index", index)
        assert out.returncode == 0, out.stderr
        assert "Keep your promises" in out.stdout and "owned" in out.stdout
        assert not set(out.stdout) & {"\x1b", "\x07", "\x9b"}
        as_json = run(*args, "--index", index, "--json")
        assert as_json.returncode == 0, as_json.stderr
        assert not set(as_json.stdout) & {"\x1b", "\x07", "\x9b"}
        assert "\\u009b31m" in as_json.stdout and json.loads(as_json.stdout)  # escaped, not lost


def test_a_file_name_holding_terminal_escapes_is_not_printed_by_ingest(tmp_path, monkeypatch):
    """A folder someone shared may hold a file named with escapes: ingest's warning about it
    names the file without them."""
    from index import build_index
    from tests.index.test_encoder import StubModel

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text("Trust\n\nKeep your promises, every single day.\n")
    # ok.txt indexed already (as by the real model: its id, fake vectors, a stand-in encoder
    # in a cache of this test's own), so this ingest reads the folder, warns and embeds nothing
    # (loading torch and the model was most of this test's time)
    monkeypatch.setenv("QUOTEWISE_CACHE", str(tmp_path / "cache"))
    build_index([folder], tmp_path / "ix", embedder=StubModel(), progress=False)
    (folder / "bad\x1b]0;owned\x07.txt").write_bytes(b"\x00\x01\x02 binary")
    out = run("ingest", str(folder), "--index", str(tmp_path / "ix"))
    assert out.returncode == 0, out.stderr
    assert "owned" in out.stderr  # the warning names the file...
    assert not set(out.stderr + out.stdout) & {"\x1b", "\x07"}  # ...without its escapes
