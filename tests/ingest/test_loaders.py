"""Bad files are skipped with one warning line naming them; the rest is ingested."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys

import pytest

import ingest.loaders as loaders
from ingest import load_paths, split_sentences
from ingest.errors import InputError

GOOD = "A Title\n\nSome advice. More advice.\n"


def _warn_for(warnings, name):
    hits = [w for w in warnings if name in w]
    assert len(hits) == 1, warnings
    return hits[0]


def test_bad_files_are_skipped_with_one_line_each(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "copy.md").write_text(GOOD)
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["copy"] or [d.doc_id for d in docs] == ["good"]
    assert "empty" in _warn_for(warnings, "empty.txt")
    assert "binary" in _warn_for(warnings, "binary.txt")
    assert "UTF-8" in _warn_for(warnings, "latin1.txt")
    assert "unsupported" in _warn_for(warnings, "image.png")
    assert "duplicate of" in " ".join(warnings)
    assert all("\n" not in w for w in warnings)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load_paths([tmp_path / "nope"])


def test_huge_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_BYTES", 10)
    (tmp_path / "big.txt").write_text(GOOD)
    docs, warnings = load_paths([tmp_path])
    assert docs == [] and "larger than" in _warn_for(warnings, "big.txt")


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text("Other text.\n")
    real_open = builtins.open

    def guarded(path, *a, **k):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", guarded)
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["a"]
    assert "permission denied" in _warn_for(warnings, "secret.txt")


def test_symlink_outside_the_folder_is_skipped(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Private notes.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    os.symlink(outside, corpus / "link.txt")
    docs, warnings = load_paths([corpus])
    assert [d.doc_id for d in docs] == ["a"]
    assert "outside" in _warn_for(warnings, "link.txt")


def test_nested_doc_ids_and_crlf(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "win.txt").write_bytes(b"Title\r\n\r\nLine one. Line two.\r\n")
    docs, _ = load_paths([tmp_path])
    assert docs[0].doc_id == "sub/win"
    assert docs[0].text == open(tmp_path / "sub" / "win.txt", encoding="utf-8").read()


def test_html_is_text_only(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Trust &amp; You</title><meta name='author' content='Jo Lee'>"
        "<style>p{color:red}</style><script>alert(1)</script></head>"
        "<body><h1>Trust &amp; You</h1><p>Be patient.<br>Talk &lt;openly&gt;.</p>"
        "<script>document.write('x')</script><p>Second paragraph.</p></body></html>")
    docs, warnings = load_paths([tmp_path / "page.html"])
    d = docs[0]
    assert warnings == [] and d.title == "Trust & You" and d.author == "Jo Lee"
    assert "alert" not in d.text and "color:red" not in d.text and "document.write" not in d.text
    assert "Talk <openly>." in d.text
    assert [s.text for s in split_sentences(d) if not s.is_heading] == [
        "Be patient.", "Talk <openly>.", "Second paragraph."]


def test_ingest_imports_no_torch_or_numpy():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, ingest; ingest.load_paths(['data/articles']); "
         "print([m for m in ('torch', 'numpy') if m in sys.modules])"],
        capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert out.stdout.strip() == "[]", out.stderr
