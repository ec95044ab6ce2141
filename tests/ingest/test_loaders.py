"""Loading files and folders: exact text, ids, sources, and one warning line per skipped file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import pytest

from ingest import Document, InputError, chunk_sentences, load_paths, split_sentences

from .conftest import A000, A002, A003, ARTICLES, ROOT

GOOD = "A Title\n\nSome advice. More advice.\n"


def _only_warning(warnings: list[str], name: str) -> str:
    hits = [w for w in warnings if name in w]
    assert len(hits) == 1, warnings
    assert "\n" not in hits[0]
    return hits[0]


def test_the_articles_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    docs, warnings = load_paths(["data/articles"])
    assert warnings == []
    assert [d.doc_id for d in docs] == [A000, A002, A003]
    for d in docs:
        assert d.source == f"data/articles/{d.doc_id}.txt"
        with open(d.source, encoding="utf-8") as f:
            assert d.text == f.read()
        assert d.sha256 == hashlib.sha256((ARTICLES / f"{d.doc_id}.txt").read_bytes()).hexdigest()


def test_a_single_file_by_str_or_path(monkeypatch):
    monkeypatch.chdir(ROOT)
    by_str, _ = load_paths([f"data/articles/{A002}.txt"])
    by_path, _ = load_paths([ARTICLES / f"{A002}.txt"])
    assert by_str[0].doc_id == by_path[0].doc_id == A002
    assert by_str[0].source == f"data/articles/{A002}.txt"
    assert by_path[0].source == (ARTICLES / f"{A002}.txt").as_posix()


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    for rel in ["b.txt", "a/z.md", "a/b/c.htm", "c.html", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"<p>Text of {rel}.</p>" if "htm" in rel else f"Text of {rel}.")
    docs, warnings = load_paths([str(tmp_path)])
    assert warnings == []  # hidden files and folders are silently ignored
    assert [d.doc_id for d in docs] == ["a/b/c", "a/z", "b", "c"]
    assert docs[1].source == f"{tmp_path.as_posix()}/a/z.md"


def test_text_is_exactly_what_open_read_returns(tmp_path):
    raw = "Title\r\n\r\nLine one.\rLine two.\r\r\nLast \u2028line.\n\ufeff\r"
    (tmp_path / "win.txt").write_bytes(raw.encode("utf-8"))
    docs, _ = load_paths([tmp_path])
    with open(tmp_path / "win.txt", encoding="utf-8") as f:
        assert docs[0].text == f.read()
    assert "\r" not in docs[0].text


def test_bad_files_are_skipped_with_one_line_each(tmp_path):
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / "b_copy.md").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.md").write_text(" \n\t\n")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["a_good"]
    assert len(warnings) == 7
    d = tmp_path.as_posix()
    assert f"skipped {d}/b_copy.md: duplicate of {d}/a_good.txt" in warnings
    assert "empty" in _only_warning(warnings, "empty.txt")
    assert "empty" in _only_warning(warnings, "blank.md")
    assert "binary" in _only_warning(warnings, "binary.txt")
    assert "not UTF-8" in _only_warning(warnings, "latin1.txt")
    assert "unsupported" in _only_warning(warnings, "image.png")
    assert "unsupported" in _only_warning(warnings, "notes.docx")


def test_an_unsupported_file_named_explicitly_is_a_warning(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n")
    docs, warnings = load_paths([tmp_path / "data.csv"])
    assert docs == [] and "unsupported" in _only_warning(warnings, "data.csv")


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=f"no such file or folder: {tmp_path / 'nope'}"):
        load_paths([tmp_path / "nope"])


def test_files_over_20_mb_are_skipped_unread(tmp_path, monkeypatch):
    with open(tmp_path / "big.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)  # sparse: no disk used
    (tmp_path / "ok.txt").write_text(GOOD)
    real_read, read = os.read, []

    def counted(fd, n):
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted)
    docs, warnings = load_paths([tmp_path])
    assert sum(read) < 1024, "the size is checked before reading"
    assert [d.doc_id for d in docs] == ["ok"]
    assert "larger than 20 MB" in _only_warning(warnings, "big.txt")


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    # tests run as root, who can read a chmod 000 file: make opening it refuse instead
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text("Other text.\n")
    real_open = os.open

    def guarded(path, *a, **k):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(os, "open", guarded)
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["a"]
    assert "permission denied" in _only_warning(warnings, "secret.txt")


def test_symlinks_leading_outside_the_folder_are_skipped(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("Private notes.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    os.symlink(outside / "private.txt", corpus / "link.txt")
    os.symlink(outside, corpus / "linked_dir")
    os.symlink(corpus / "a.txt", corpus / "same.txt")  # inside: just a duplicate
    docs, warnings = load_paths([corpus])
    assert [d.doc_id for d in docs] == ["a"]
    assert "outside" in _only_warning(warnings, "link.txt")
    assert "outside" in _only_warning(warnings, "linked_dir")
    assert "duplicate of" in _only_warning(warnings, "same.txt")


def test_files_beside_an_article_that_lead_outside_the_folder_are_not_read(tmp_path):
    """An article's example questions, and the corpus's settings and out-of-scope questions,
    as links out of the folder: their lines were read into the index (any file the operator
    could read), while the same link as an article was refused."""
    from ingest.examples import load_out_of_scope
    from ingest.profile import find_corpus_files

    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.jsonl"
    secret.write_text('{"question": "SECRET-TOKEN-1234 outside the folder", "gold": ["Some advice."]}\n')
    (outside / "settings.toml").write_text('about = "SECRET settings"\n')
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    os.symlink(secret, corpus / "a.questions.jsonl")
    os.symlink(outside / "settings.toml", corpus / "quotewise.toml")
    os.symlink(secret, corpus / "out-of-scope.questions.jsonl")
    docs, warnings = load_paths([corpus])
    assert [d.doc_id for d in docs] == ["a"] and not docs[0].examples
    assert "symlink points outside" in _only_warning(warnings, "a.questions.jsonl")
    profile = find_corpus_files([corpus])["quotewise.toml"]
    assert profile[0] is None and "symlink points outside" in profile[2][0]
    questions, _, problems = load_out_of_scope([corpus])
    assert not questions and "symlink points outside" in problems[0]


def test_a_fifo_or_a_device_in_the_folder_is_skipped_at_once(tmp_path):
    """A FIFO blocked ingest forever (holding the index's lock), and a device such as
    /dev/zero was read until memory ran out."""
    import threading

    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "zz.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")  # inside the folder by name, a device
    result = []
    worker = threading.Thread(target=lambda: result.append(load_paths([tmp_path])),
                              daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "ingest blocked on a FIFO"
    docs, warnings = result[0]
    assert [d.doc_id for d in docs] == ["a"]
    assert "not a regular file" in _only_warning(warnings, "zz.txt")
    assert _only_warning(warnings, "zero.txt")


@pytest.mark.parametrize("swapped", ["notes/b.txt", "notes"])
def test_a_file_swapped_for_a_link_out_of_the_folder_during_ingest_is_not_read(
        tmp_path, monkeypatch, swapped):
    """Someone who can write in the folder swaps an article, or its folder, for a link out of
    it after ingest looked where it leads and before it is opened (while earlier files are
    read, which may take long): it was read into the index."""
    outside = tmp_path / "outside"
    (outside / "notes").mkdir(parents=True)
    (outside / "notes" / "b.txt").write_text("SECRET-TOKEN-4242 lives outside the folder.\n")
    corpus = tmp_path / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "notes" / "b.txt").write_text(GOOD)
    real_open, done = os.open, []

    def swap_then_open(path, *args, **kwargs):
        if not done:  # the first file opened: the check is made, the swap comes now
            done.append(swapped)
            os.rename(corpus / swapped, tmp_path / "away")
            os.symlink(outside / swapped, corpus / swapped)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", swap_then_open)
    docs, warnings = load_paths([corpus])
    assert done and not docs
    assert "symlink points outside" in _only_warning(warnings, "b.txt")


def test_same_id_from_two_files_is_reported(tmp_path):
    (tmp_path / "tips.txt").write_text(GOOD)
    (tmp_path / "tips.md").write_text("Other Title\n\nOther advice.\n")
    docs, warnings = load_paths([tmp_path])
    assert len(docs) == 1 and "same id 'tips'" in _only_warning(warnings, "tips.txt")


PAGE = """<!doctype html><html><head>
<title>Trust &amp; You | Some Site</title>
<meta property="og:title" content="Trust &amp; You">
<meta name="author" content="Jo Lee">
<meta property="article:published_time" content="2023-05-15T08:00:00+00:00">
<link rel="canonical" href="https://example.com/trust">
<style>p { color: red }</style><script>alert(1)</script>
</head><body>
<h1>Trust &amp; You</h1>
<p>Be   patient.<br>Talk &lt;openly&gt;&nbsp;&nbsp;and
often.</p>
<script>document.write('x')</script><noscript>Enable JS</noscript>
<ul><li>Listen first</li><li>Keep your word</li></ul>
<p>Second &#8220;paragraph&#8221;.</p>
</body></html>"""


def test_an_untitled_article_is_shown_by_a_readable_form_of_its_file_name(tmp_path):
    """A tester's .txt opening with a sentence was named "choosingtherapy_death_of_a_parent" in
    answers; its id stays the file's."""
    from ingest.model import title_label

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "choosingtherapy_death_of_a_parent.txt").write_text(
        "Coping with the death of a parent can be one of the most challenging experiences a "
        "person faces during their lifetime. With the right support, many people heal.\n")
    (tmp_path / "titled-page.txt").write_text(GOOD)
    docs, _ = load_paths([tmp_path])
    untitled, titled = docs
    assert untitled.title is None and untitled.doc_id == "sub/choosingtherapy_death_of_a_parent"
    assert untitled.meta()["doc_id"] == "sub/choosingtherapy_death_of_a_parent"
    assert title_label(untitled.title, untitled.doc_id) == "Choosingtherapy death of a parent"
    assert title_label(titled.title, titled.doc_id) == "A Title"
    assert title_label(None, "my-notes") == "My notes"


def test_html_is_its_visible_text(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    docs, warnings = load_paths([tmp_path / "page.html"])
    d = docs[0]
    assert warnings == []
    assert d.text == (
        "Trust & You\n\nBe patient.\nTalk <openly> and often.\n\n• Listen first\n\n"
        "• Keep your word\n\nSecond “paragraph”.\n"
    )
    assert (d.title, d.author, d.date, d.url) == (
        "Trust & You",
        "Jo Lee",
        "2023-05-15",
        "https://example.com/trust",
    )
    assert [(s.text, s.is_heading) for s in split_sentences(d)] == [
        ("Trust & You", True),
        ("Be patient.", False),
        ("Talk <openly> and often.", False),
        ("Listen first", False),
        ("Keep your word", False),
        ("Second “paragraph”.", False),
    ]


def test_html_without_visible_text_is_skipped(tmp_path):
    (tmp_path / "blank.html").write_text(
        "<html><head><title>T</title></head><body><script>x()</script></body></html>"
    )
    docs, warnings = load_paths([tmp_path])
    assert docs == [] and "no visible text" in _only_warning(warnings, "blank.html")


def test_documents_survive_a_round_trip_through_json_records(docs):
    for doc in docs.values():
        assert Document.from_dict(doc.to_dict()) == doc


def test_ingesting_the_articles_is_quick():
    start = time.process_time()
    loaded, _ = load_paths([ARTICLES])
    for doc in loaded:
        chunk_sentences(doc, split_sentences(doc))
    assert time.process_time() - start < 0.5  # about 10 ms on a laptop; generous for CI


def test_importing_ingest_loads_no_torch_or_numpy():
    code = (
        "import sys, ingest; ingest.load_paths(['data/articles']); "
        "assert 'torch' not in sys.modules and 'numpy' not in sys.modules, 'heavy import'"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr


def test_an_article_of_many_date_lines_loads_in_linear_time(tmp_path):
    """An upload may be 2 MB; 400 KB of byline/date lines took 21 s when every paragraph
    looked at every byline."""
    article = tmp_path / "dates.txt"
    article.write_text("June 8, 2022 by April\n" * 18_000, encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([article])
    assert len(docs) == 1 and not warnings
    assert time.process_time() - start < 3


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_saved_pages_long_lines_load_in_linear_time(tmp_path, suffix):
    """The saved-page rules (bylines in parts, photo credits, breadcrumbs, captions printed
    twice, "#" titles, a breadcrumb's "1.") on 60 KB lines built to make them backtrack."""
    lines = ["ADOBE STOCK " * 5_000, "Medically reviewed by " + "Jane Doe, " * 6_000,
             "a › " * 15_000, "1. " + "a" * 60_000 + " b c d", "Jane Doe · " * 6_000,
             "# " + "a? " * 20_000, "some links " * 6_000 + "are affiliate links",
             "Get started " * 5_000 + "»", "word " * 12_000 + "the",
             "Thursday 22 September 2016 18:17 · " * 2_000]
    lines += ["Fungus Gnat\nFungus Gnat\nMealy bugs\n" * 2_000]
    body = "\n\n".join(lines) + "\n\nSome body text here.\n"
    if suffix == ".html":
        body = "<h1>T</h1>" + "".join(f"<h2>{x[:100]}</h2><p>{x}</p>" for x in lines)
    article = tmp_path / f"long{suffix}"
    article.write_text(body, encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([article])
    assert len(docs) == 1 and not warnings
    assert time.process_time() - start < 2


def test_date_lines_padded_with_spaces_load_at_once(tmp_path):
    """The byline rules split a run of spaces in many ways: a 160-character line of "date", 20
    spaces, "05/04/02", 20 spaces and "·" (three times) took 80 ms, 1 s for every 2 KB of an
    article. A byline padded with spaces still gives its date and author."""
    stamp = ("date" + " " * 20 + "05/04/02" + " " * 20 + "·") * 3 + "x"
    _loads_at_once(tmp_path / "stamps.txt", "Sleep tips\n\n" + (stamp + "\n") * 100)  # it took 3 s
    padded = tmp_path / "padded.txt"
    padded.write_text("Sleep tips\n\nPosted on   May 15, 2023   by   Jane Doe\n\n"
                      "Keep a regular bedtime every night.\n", encoding="utf-8")
    doc = load_paths([padded])[0][0]
    assert (doc.date, doc.author) == ("2023-05-15", "Jane Doe")


def test_a_long_line_of_short_sentences_loads_in_linear_time(tmp_path):
    """Each sentence of a paragraph looked for a quotation's attribution in the rest of its
    line, read to the paragraph's end: 2 MB of "Go. " on one line took 22 s."""
    article = tmp_path / "run-on.txt"
    article.write_text("Sleep tips\n\nHere’s what works.\n\n" + "Keep a regular bedtime. " * 50_000
                       + "\n", encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([article])
    assert len(docs) == 1 and not warnings
    assert time.process_time() - start < 3  # 0.25 s; it took 5 s


def test_many_pairs_of_one_line_questions_load_in_linear_time(tmp_path):
    """Each run of one-line questions looked through every heading found so far for the line
    above it (whether it hands the questions to the reader as a list): 160 KB of "Go." / "A?" /
    "B?" paragraphs took 15 s, and 2 MB would take half an hour."""
    article = tmp_path / "asked.txt"
    article.write_text("Sleep tips\n\nHere’s what works.\n\n" + "Go.\n\nA?\n\nB?\n\n" * 12_000,
                       encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([article])
    assert len(docs) == 1 and not warnings
    assert time.process_time() - start < 6  # 1.8 s; it took 15 s


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_an_author_is_cut_to_200_and_an_overlong_address_dropped(tmp_path, suffix):
    """Sixteenth audit: front matter's "author:" or a page's <meta name="author"> was kept
    whole, and shown with every answer quoting the article and in the Library table every page
    load draws: a 1.9 MB author made a 60-byte question's answer 3.8 MB."""
    long = "Jane Doe " * 20_000
    url = "https://example.com/" + "a" * 100_000
    if suffix == ".md":
        body = f"---\ntitle: Notes\nauthor: {long}\nurl: {url}\n---\nKeep a regular bedtime.\n"
    else:
        body = (f'<html><head><title>Notes</title><meta name="author" content="{long}">'
                f'<link rel="canonical" href="{url}"></head>'
                "<body><p>Keep a regular bedtime.</p></body></html>")
    article = tmp_path / f"notes{suffix}"
    article.write_text(body, encoding="utf-8")
    doc = load_paths([article])[0][0]
    assert len(doc.author) <= 200 and doc.author.startswith("Jane Doe Jane")
    assert doc.author.endswith("Doe…")
    assert doc.url is None
    short = tmp_path / "short"
    short.mkdir()
    (short / f"notes{suffix}").write_text(
        body.replace(long, "Jane Doe").replace(url, "https://example.com/a"), encoding="utf-8")
    doc = load_paths([short])[0][0]
    assert (doc.author, doc.url) == ("Jane Doe", "https://example.com/a")


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_heading_over_200_characters_is_text_and_a_title_is_cut_to_300(tmp_path, suffix):
    """A heading is shown beside every quote under it, and a title with every answer from its
    article: an upload whose "# " and "## " lines were 900 KB each made a 60-byte question's
    answer 8 MB. A marked heading over 200 characters reads as body text; a title is cut at a
    word to 300."""
    long = "Trust " + "patience " * 2_000
    if suffix == ".md":
        body = (f"---\ntitle: {long}\n---\n# {long}\n\nKeep a regular bedtime every night.\n\n"
                f"## {long}\n\nTell the truth even when it is hard.\n\n## Be honest\n\nSay so.\n")
    else:
        body = (f"<title>{long}</title><h1>{long}</h1><p>Keep a regular bedtime every night.</p>"
                f"<h2>{long}</h2><p>Tell the truth even when it is hard.</p>"
                "<h2>Be honest</h2><p>Say so.</p>")
    article = tmp_path / f"long{suffix}"
    article.write_text(body, encoding="utf-8")
    doc = load_paths([article])[0][0]
    assert len(doc.title) <= 300 and doc.title.startswith("Trust patience")
    assert doc.title.endswith("patience…")
    assert [s.display for s in doc.sections if s.kind != "intro"] == ["Be honest"]
    assert long.strip() in doc.text
    assert max(len(s.section) for s in split_sentences(doc)) <= 200


def test_picture_credits_of_names_padded_with_spaces_load_at_once(tmp_path):
    """A picture's credit names up to three sources between slashes, and a name may hold
    spaces: "Photo: a", 58 spaces, "/" (three times) and "Getty" had every split of each run of
    spaces tried, 0.15 s a line, 7 s for a 10 KB article (twenty-third audit). A credit is still
    a credit."""
    from ingest.metadata import is_photo_credit

    credit = "Photo: " + ("a" + " " * 58 + "/") * 3 + "Getty"
    _loads_at_once(tmp_path / "credits.txt", "Sleep tips\n\n" + (credit + "\n\n") * 50)  # it took 7 s
    assert is_photo_credit("John Howard / Digital Vision /  Getty Images")
    assert is_photo_credit("Photo: Jane Doe/AP") and is_photo_credit("Fuse/Getty Images")
    assert not is_photo_credit("a / b / c / d / Getty Images")  # at most three names before it


def test_a_run_of_spaces_before_a_credits_name_is_read_once(tmp_path):
    """Where a name of a picture's credit starts in the run of spaces after "Photo:" or a slash
    was tried at each of its spaces, each reading on to the run's end: a 300-character line of
    "Photo: a/b/" and spaces took 30 ms, read several times a line (a 30 KB article of them
    3.8 s, a 2 MB upload some four minutes); 16,000 spaces 23 s (twenty-fifth audit). Names that
    are only spaces are read as before."""
    from ingest.metadata import _PHOTO_CREDIT, is_photo_credit
    from tests.timing import assert_linear

    line = "Photo: a/b/" + " " * 288 + "x"
    _loads_at_once(tmp_path / "credits.txt", "Sleep tips\n\n" + (line + "\n\n") * 100)  # 3.8 s
    for head in ("Photo: a/", "a/", "Credit: A /"):
        assert_linear(lambda t: _PHOTO_CREDIT.match(head + t), " ", 3_000, suffix="x")
    assert is_photo_credit("Photo:  /Getty Images") and is_photo_credit("a/ /AP")
    assert is_photo_credit("Photo: Jane   Doe /  AP") and not is_photo_credit("a/\n/AP")


def test_a_line_of_a_word_and_a_run_of_spaces_loads_at_once(tmp_path):
    """An article's first line "Source", 6,000 spaces and "X" is read as a site menu's line,
    at any length, and asked whether it is a web address: the spaces around the colon of
    "Source:" were split every way, 1.5 s (16,000 spaces 11 s; twenty-fifth audit)."""
    from ingest.metadata import url_of

    _loads_at_once(tmp_path / "source.txt", "Source" + " " * 6_000
                   + "X\nSleep tips\n\nKeep a regular bedtime. It helps a lot.\n")
    assert url_of("Source:   https://example.com/a") == "https://example.com/a"
    assert url_of("Originally published at <https://example.com/b>") == "https://example.com/b"


def test_tag_lines_of_pictures_left_open_load_in_linear_time(tmp_path):
    """A paragraph of short lines near the top is the page's tags unless a line holds a
    Markdown picture: looking for one read on from every "![" to the next "]" (and from every
    "](" to the next ")"): two 30 KB lines of "![)" took 1.5 s, the square of their length
    (twenty-fifth audit)."""
    for unit in ("![)", "![]("):
        line = unit * (30_000 // len(unit))
        _loads_at_once(tmp_path / "tags.txt", f"Sleep tips\n\n{line}\n{line}\n\n"
                       "Keep a regular bedtime. It helps a lot. More advice here, and more.\n")
    from ingest.structure import _PICTURE_LINE, _holds_picture

    for line in ("![a [b] c](p.png)", "x ![a](b) y", "![a]( b", "![a] (b)", "![a\n](b)",
                 "[a](b) ![c", "![a]b](c)", "![x ![a](b", "](x) ![a](", "!![a]()"):
        assert _holds_picture(line) == bool(_PICTURE_LINE.search(line)), line


def test_newsletter_calls_padded_with_spaces_load_at_once(tmp_path):
    """A newsletter's call ("Get the Kitchn Daily in your inbox.") names what is sent between
    runs of spaces: a line of "get", 596 spaces and "!" had every split of the run among them
    tried, 0.8 s a line as page furniture (lines up to 600 characters), and one of 2,000 spaces
    under a question, read as a banner's button at any length, 17 s (twenty-fourth audit). A
    call is still a call."""
    from ingest.metadata import is_call_to_action, is_furniture

    padded = "get" + " " * 596 + "!"
    _loads_at_once(tmp_path / "calls.txt", "Sleep tips\n\nKeep a regular bedtime.\n\n"
                   + (padded + "\n\n") * 10)  # it took 14 s
    _loads_at_once(tmp_path / "button.txt", "Sleep tips\n\nKeep a regular bedtime.\n\n"
                   + ("Is it?\nget" + " " * 2_000 + "!\n\n") * 2)  # it took 34 s
    for call in ("Get the Kitchn Daily in your inbox.", "Receive our tips delivered to your inbox!",
                 "get   to your inbox"):
        assert is_call_to_action(call) and is_furniture(call)
    for line in ("Get 8 hours of sleep. It helps to your inbox", "get  to your inbox",
                 "get\n\n\nto your inbox"):
        assert not is_call_to_action(line) and not is_furniture(line)


def _loads_at_once(article, text: str) -> None:
    """``text`` written to ``article`` loads as one document, no warning, in under 0.5 s of CPU."""
    article.write_text(text, encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([article])
    assert len(docs) == 1 and not warnings
    assert time.process_time() - start < 0.5
