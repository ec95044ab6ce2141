"""Markdown articles: front matter is metadata, and quotes read as their readers see them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer import Quote
from assistant.composer import compose_abstention, compose_markdown
from ingest import chunk_sentences, load_paths, split_sentences
from ingest.markdown import front_matter, visible

ARTICLE = """---
title: "How to Sleep Better"
authors:
  - Jane Doe
date: 2024-03-02
canonical_url: https://example.org/sleep
tags: [sleep, health]
---

# Five Habits for Good Sleep

Go to bed and wake up at the **same time** every day. A regular schedule sets your
[body clock](https://example.org/clock) so you feel sleepy at the right time.

## Limit *caffeine* after noon

- Coffee stays in your blood for up to *six hours*.
- Try decaf in the afternoon.
"""


@pytest.fixture
def doc(tmp_path):
    (tmp_path / "sleep.md").write_text(ARTICLE, encoding="utf-8")
    docs, warnings = load_paths([tmp_path])
    assert warnings == []
    return docs[0]


def test_front_matter_states_title_author_date_and_url(doc):
    assert (doc.title, doc.author, doc.date, doc.url) == (
        "How to Sleep Better", "Jane Doe", "2024-03-02", "https://example.org/sleep")
    assert doc.text == ARTICLE  # the canonical text is still the file's exact contents


def test_front_matter_is_never_searched_or_quoted(doc):
    sentences = split_sentences(doc)
    quotable = " ".join(s.text for s in sentences if s.retrievable)
    assert "title:" not in quotable and "canonical_url" not in quotable and "---" not in quotable
    assert "same time" in quotable
    chunks = chunk_sentences(doc, sentences)
    assert chunks and not any("Jane Doe" in c.text or "tags:" in c.text for c in chunks)
    for s in sentences:
        assert doc.text[s.start:s.end] == s.text
    assert [s.display for s in doc.sections][:2] == ["Five Habits for Good Sleep",
                                                     "Limit *caffeine* after noon"]


def test_without_a_title_key_the_first_heading_is_the_title(tmp_path):
    (tmp_path / "a.md").write_text("---\nauthor: Ann Lee\n---\n# Calm **Mornings**\n\n"
                                   "Wake slowly.\n")
    (tmp_path / "b.md").write_text("---\ntitle: only metadata\n---\n")
    docs, warnings = load_paths([tmp_path])
    assert [(d.title, d.author) for d in docs] == [("Calm Mornings", "Ann Lee")]
    assert len(warnings) == 1 and "b.md" in warnings[0] and "front matter" in warnings[0]


def test_dashes_that_are_not_front_matter_are_text(tmp_path):
    """A .txt opening with a rule, or a .md whose "---" never closes, is read as before."""
    (tmp_path / "rule.txt").write_text("---\ntitle: x\n---\nKeep promises.\n")
    (tmp_path / "open.md").write_text("---\nKeep promises every day.\n")
    docs, _ = load_paths([tmp_path])
    assert {d.doc_id: d.boilerplate for d in docs}["rule"] == []
    assert front_matter("---\nKeep promises every day.\n") is None


@pytest.mark.parametrize("raw, seen", [
    ("the **same time** and __every__ day", "the same time and every day"),
    ("up to *six hours* or _more_", "up to six hours or more"),
    ("your [body clock](https://x.org/a_(b)) and [notes][1]", "your body clock and notes"),
    ("see ![a bed](bed.png)the room", "see the room"),
    ("run `sleep 8` now~~ish~~", "run sleep 8 nowish"),
    ("> “Rest,” says Dr. Smith.", "“Rest,” says Dr. Smith."),
    (r"a \*literal\* star and 5 * 3 * 2", "a *literal* star and 5 * 3 * 2"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("<b>HTML</b> is left as typed", "<b>HTML</b> is left as typed"),
])
def test_visible_reads_markup_as_its_words(raw, seen):
    assert visible(raw) == seen


def _quote(doc, phrase: str, last: str = ".", n: int = 1) -> Quote:
    start = doc.text.index(phrase)
    end = doc.text.index(last, start) + len(last)
    return Quote(n, doc.doc_id, doc.source, start, end, doc.text[start:end], "", 1.0)


def test_answers_show_a_markdown_quote_without_its_markup(doc):
    q = _quote(doc, "Go to bed")
    md = compose_markdown([q], {doc.doc_id: doc}, framing="Quoted:")
    assert "“Go to bed and wake up at the same time every day.” [1]" in md
    assert "*" not in md.split("“")[1].split("”")[0]
    assert q.text == doc.text[q.start:q.end] and "**same time**" in q.text  # the span is exact
    coffee = _quote(doc, "Coffee stays")
    md = compose_markdown([replace(coffee, section=doc.sections[1].display)], {doc.doc_id: doc},
                          framing="Quoted:")
    assert "**Limit caffeine after noon**" in md and "section “Limit caffeine after noon”" in md
    closest = compose_abstention([_quote(doc, "A regular", "right time.")], {doc.doc_id: doc})
    assert "sets your body clock so" in closest and "example.org/clock" not in closest


def test_a_text_article_keeps_its_characters(tmp_path):
    (tmp_path / "plain.txt").write_text("Stars\n\nRate it 5 *stars* today.\n")
    docs, _ = load_paths([tmp_path])
    d = docs[0]
    md = compose_markdown([_quote(d, "Rate it")], {d.doc_id: d}, framing="Quoted:")
    assert r"“Rate it 5 \*stars\* today.”" in md


def test_long_markup_lines_cost_linear_time(tmp_path):
    """Undoing emphasis is quadratic in a line's length: a 30 KB front-matter title of "*a "
    took 3.5 s to ingest (a 2 MB upload: hours), and a 30 KB "#" heading as long on every
    answer quoting under it. Such a line is left as typed."""
    import time

    line = "*a " * 10_000
    (tmp_path / "long.md").write_text(f"---\ntitle: {line}\n---\nSleep is good for you.\n",
                                      encoding="utf-8")
    start = time.process_time()
    docs, _ = load_paths([tmp_path / "long.md"])
    assert time.process_time() - start < 1
    assert docs[0].title == line[:299] + "…"  # as typed, cut at a word to 300 characters

    start = time.process_time()
    assert visible(f"**{line}**\n**same time**") == f"**{line}**\nsame time"
    assert time.process_time() - start < 1


def test_a_bold_headlines_number_is_found_in_linear_time():
    """A numbered point's number is looked for after a run of spaces, then a bold mark, then
    another run: splitting a long run between the two each way took 3.4 s for 20,000 spaces.
    The bold lines read today are short, but the rule is shared."""
    import time

    from ingest.markdown import unnumbered

    start = time.process_time()
    assert unnumbered(" " * 20_000 + "x") == " " * 20_000 + "x"
    assert unnumbered("\t" * 20_000 + "**" + " " * 20_000 + "12." + " " * 5) == ""
    assert time.process_time() - start < 0.5  # at once; it took 3.4 s
    assert unnumbered("**1. Accept that it is over.**") == "Accept that it is over.**"
    assert unnumbered("  _ 2) Go.") == "Go."
    assert unnumbered("123. Go.") == "123. Go."


def test_front_matter_padded_with_spaces_is_read_at_once(tmp_path):
    """A front-matter value holding a run of spaces: each step of its lazy match rescanned the
    run (``title: a``, 100,000 spaces, ``b``: 38 s to read; a 2 MB upload: hours, twice). The
    title reads "a b", and the author under it as before."""
    import time

    notes = tmp_path / "notes.md"
    notes.write_text("---\ntitle: a" + " " * 50_000 + "b\nauthors:\n  - Jane Doe" + " " * 50_000
                     + "\n---\n# Sleep tips\n\nKeep a regular bedtime every night.\n",
                     encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([notes])
    assert time.process_time() - start < 0.5  # 0.01 s; it took 8 s
    assert not warnings and (docs[0].title, docs[0].author) == ("a b", "Jane Doe")


# a Wix page saved as Markdown: the page's furniture above its "# Title", a list of signs
SAVED_AS_MARKDOWN = """top of page

- Black Facebook Icon
- Black Instagram Icon

Search

# Mastering the Handover: A Dad's Guide to Smooth Transitions

- AA
- Sep 24, 2024
- 2 min read

Having gone through a divorce, I have learned that handovers can be quite challenging.

## Legal Aspects: Clarity is Key

First things first: get everything in writing.

### Emotional Signs

- Feeling trapped
- Depression
- Resentment toward the person you care for

Dealing With It
## Do this first.
Talk to someone you trust every single day, even when it feels like too much.

```
# a comment in a code block
```
"""


def test_a_markdown_files_hash_headings_are_its_headings_and_its_title(tmp_path):
    """"top of page" was the article's title and "Search" and "- Depression" its sections: the
    file marks its headings with "#", whatever their punctuation, and no other line is one."""
    (tmp_path / "handover.md").write_text(SAVED_AS_MARKDOWN, encoding="utf-8")
    doc = load_paths([tmp_path])[0][0]
    assert doc.title == "Mastering the Handover: A Dad's Guide to Smooth Transitions"
    assert [(s.display, s.kind) for s in doc.sections] == [
        ("", "intro"),
        ("Mastering the Handover: A Dad's Guide to Smooth Transitions", "title"),
        ("Legal Aspects: Clarity is Key", "heading"), ("Emotional Signs", "heading"),
        ("Do this first.", "heading")]
    sentences = {s.text: s for s in split_sentences(doc)}
    assert sentences["Resentment toward the person you care for"].section == "Emotional Signs"
    assert sentences["Talk to someone you trust every single day, even when it feels like too "
                     "much."].section == "Do this first."
    boiler = [doc.text[a:b] for a, b in doc.boilerplate]
    assert boiler == ["top of page", "- Black Facebook Icon", "- Black Instagram Icon",
                      "Search", "- Sep 24, 2024", "- 2 min read"]


@pytest.mark.parametrize("title", [
    "Feeling Homesick in Your First Year? Here’s what to do",
    "Stressed? Tired? Read this first",
])
def test_a_hash_title_with_a_question_in_it_is_the_title(tmp_path, title):
    (tmp_path / "homesick.md").write_text(
        f"# {title}\n\nMoving to a university campus is a huge change.\n\n"
        "## Is it normal to be homesick at university?\n\nYes! Homesickness is normal.\n",
        encoding="utf-8")
    doc = load_paths([tmp_path])[0][0]
    assert doc.title == title
    assert [s.display for s in doc.sections][1] == "Is it normal to be homesick at university?"


def test_a_line_padded_with_spaces_under_the_front_matters_title_is_read_at_once(tmp_path):
    """The title printed again under the front matter is looked for in the first line: a line
    of 1,000 spaces, "a", 1,000 spaces and "b" there took 46 s to read (every split of the
    runs of spaces was tried; twenty-third audit). The title line is still the heading."""
    import time

    padded = tmp_path / "padded.md"
    padded.write_text("---\ntitle: a\n---\n" + " " * 1000 + "a" + " " * 1000 + "b\n\n"
                      "Keep a regular bedtime every night.\n", encoding="utf-8")
    start = time.process_time()
    docs, warnings = load_paths([padded])
    assert time.process_time() - start < 0.5  # 0.01 s; it took 46 s
    assert not warnings and docs[0].title == "a"
    from ingest.loaders import _title_line

    body = "\n   Sleep tips  \n\nKeep a regular bedtime every night.\n"
    assert _title_line(body, 0, "Sleep tips") == [(4, 14, 1)]
    assert _title_line(body.replace("\n\nKeep", "\nKeep"), 0, "Sleep tips") == []
