"""The extractive Markdown: numbered citations that map 1:1 to quotes, article text escaped."""

import re

from assistant.answer import Quote
from assistant.composer import compose_markdown, md_escape, order_quotes
from ingest.model import Document


def _doc(doc_id, title="T"):
    return Document(doc_id, f"{doc_id}.txt", title, "Ann", "2022-06-08", None, "x" * 500)


def _q(doc_id, start, section, text="some words here"):
    return Quote(0, doc_id, f"{doc_id}.txt", start, start + len(text), text, section, 0.5)


def test_quotes_grouped_by_section_and_numbered_in_order_of_appearance():
    quotes = order_quotes([_q("a", 100, "2. Be patient"), _q("b", 5, "Intro"),
                           _q("a", 50, "2. Be patient")])
    assert [(q.doc_id, q.start, q.n) for q in quotes] == [("a", 50, 1), ("a", 100, 2), ("b", 5, 3)]
    md = compose_markdown(quotes, {"a": _doc("a"), "b": _doc("b", "U")}, framing="Here:")
    body = md.split("**Sources**")[0]
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    assert cited == [1, 2, 3]
    assert md.count("**2. Be patient**") == 1  # one heading for the group
    sources = md.split("**Sources**")[1]
    # quotes in a row from the same section share one source line
    assert "[1] [2] *T* — Ann — 2022-06-08 — section “2. Be patient”" in sources
    assert sources.count("section “2. Be patient”") == 1
    assert "[3] *U* — Ann — 2022-06-08 — section “Intro”" in sources


def test_two_articles_of_the_same_title_are_told_apart_by_site_or_file():
    """A tester's running folder: two pages both called "Shin Splints" were cited alike."""
    from dataclasses import replace

    docs = {"a": replace(_doc("a", "Shin Splints"), url="https://www.nhs.uk/shin-splints/"),
            "b": replace(_doc("b", "Shin Splints"), url="https://harrisonclinic.example/ss"),
            "c": _doc("c", "Shin Splints"), "d": _doc("d", "Running")}
    quotes = order_quotes([_q("a", 5, "Causes"), _q("b", 5, "Causes"), _q("c", 5, "Shin Splints"),
                           _q("d", 5, "Start")])
    md = compose_markdown(quotes, docs, framing="Here:")
    sources = md.split("**Sources**")[1]
    assert "[1] *Shin Splints (nhs.uk)* — Ann" in sources
    assert "[2] *Shin Splints (harrisonclinic.example)* — Ann" in sources
    assert "[3] *Shin Splints (c.txt)* — Ann — 2022-06-08  " in sources  # its title: no section
    assert "[4] *Running* — Ann" in sources
    assert "**Causes** · *Shin Splints (nhs.uk)*" in md
    # one article of a title is named as before
    md = compose_markdown(order_quotes([_q("a", 5, "Causes"), _q("d", 5, "Start")]), docs,
                          framing="Here:")
    assert "*Shin Splints* — Ann" in md and "(nhs.uk)" not in md


def test_article_markup_is_escaped():
    from markdown_it import MarkdownIt

    text = "<script>alert(1)</script> [click](http://x) **bold**"
    esc = md_escape(text)
    assert not re.search(r"(?<!\\)<", esc)  # every "<" escaped: no HTML tag can open
    assert "**" not in esc and "\\<script>" in esc
    for hostile in (text, "![pixel](http://x/p.png)", "[a][b] [c [d](http://x) e",
                    "[x]\n\n[x]: http://x/definition"):
        md = "> “" + md_escape(hostile, one_line=False) + "” [1]"
        html = MarkdownIt("commonmark").render(md)
        assert "<a " not in html and "<img" not in html and "http://x" in html, hostile


def test_a_link_whose_text_holds_brackets_or_runs_over_a_line_stays_text():
    """Sixteenth audit: "[a [b] c](url)" kept its "[" (the next "]" is not before "("), so an
    article's sentence became a live link, and "![a [b] c](url)" an image every reader's
    browser fetched; a quote's link text running over one of its lines did the same."""
    from markdown_it import MarkdownIt

    from assistant.composer import compose_abstention

    for hostile in ("see [the [full] guide](https://evil.example/x) now",
                    "x ![a [b] c](http://evil.example/p.png) y",
                    "[a [b [c] d] e](http://evil.example/x)",
                    "read [this\nguide](http://evil.example/x) today",
                    "[a [b] c][ref] and [ref]: http://evil.example/x"):
        q = Quote(1, "a", "a.txt", 0, len(hostile), hostile, "", 0.5)
        doc = Document("a", "a.txt", "T", None, None, None, hostile)
        for md in (compose_markdown([q], {"a": doc}, framing="Here:"),
                   compose_abstention([q], {"a": doc}),
                   "*" + md_escape(hostile) + "*"):  # a title, an author, a section
            html = MarkdownIt("commonmark").render(md)
            assert "<a " not in html and "<img" not in html, (hostile, md)
            assert "evil.example" in html


def test_brackets_in_an_article_sentence_show_without_backslashes():
    """A tester's piped answer read "…your last employer \\[source: Fisher\\]."; brackets that
    open no link are left as written, a citation look-alike ("[2]") is still escaped."""
    text = "Never badmouth your last employer [source: Fisher]. Smile [sic] and nod."
    assert md_escape(text) == text
    assert md_escape("as in [2] above") == "as in \\[2] above"


def test_escaping_leaves_no_stray_backslashes():
    text = "My Boyfriend Doesn’t Trust Me (8 Sensible Tips) - love! #1 + more | 50% & co."
    assert md_escape(text) == text
    assert md_escape("&amp; *x* `y`") == "&amp;amp; \\*x\\* \\`y\\`"
    # an underscore inside a word opens no emphasis: a file's name as its title stays as typed
    assert md_escape("save_overwatered_plant") == "save_overwatered_plant"
    assert md_escape("_quiet_ time") == "\\_quiet\\_ time"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]),
                          st.integers(0, 400),
                          st.sampled_from(["1. Tip", "", "Why?", "<b>x</b> [y](z)"]),
                          st.text(min_size=1, max_size=40)), min_size=1, max_size=8))
def test_citations_always_valid(items):
    quotes = order_quotes([Quote(0, d, f"{d}.txt", s, s + len(t), t, sec, 0.5)
                           for d, s, sec, t in items])
    md = compose_markdown(quotes, {d: _doc(d) for d in "abc"}, framing="Here:")
    body = md.split("**Sources**")[0]
    cited = [int(n) for n in re.findall(r"(?<!\\)\[(\d+)\](?!\()", body)]
    assert list(dict.fromkeys(cited)) == list(range(1, len(quotes) + 1)) == [q.n for q in quotes]


def test_a_quote_of_several_lines_keeps_them_apart():
    """A list's lead-in and its items were run together into one line ("...these situations:
    During dormancy: ... When stressed: ..."); a line of an article never opens a heading."""
    from markdown_it import MarkdownIt

    text = ("Avoid repotting in these situations:\n\nDuring dormancy: Most plants rest.\n\n"
            "# When stressed\n\n---\n\n- Keep it brief")
    q = Quote(1, "a", "a.txt", 0, len(text), text, "Repotting", 0.5)
    md = compose_markdown([q], {"a": _doc("a")}, framing="Here:")
    html = MarkdownIt("commonmark").render(md)
    assert "situations:<br />\nDuring dormancy" in html  # a line each, in one quote
    assert "<h1>" not in html and "<hr" not in html and "<h2>" not in html
    assert html.count("<blockquote>") == 1 and "Keep it brief” [1]" in html


def test_a_quote_opening_with_a_quotation_mark_gets_no_second_one():
    """...when that quotation is the whole quote; one closed before the quote's end (“Bright
    indirect light” is the most...) is only its start, and the quote gets its outer marks
    (a tester's “Play fighting by mutual consent only.” (If it’s not fun...) read as the
    parenthesis standing outside the quote)."""
    text = "“Bright indirect light is the most repeated phrase in plant care.”"
    q = Quote(1, "a", "a.txt", 0, len(text), text, "Light", 0.5)
    md = compose_markdown([q], {"a": _doc("a")}, framing="Here:")
    assert "> “Bright indirect light is the most repeated phrase in plant care.” [1]" in md
    assert "““" not in md
    text = "“Bright indirect light” is the most repeated phrase in plant care."
    q = Quote(1, "a", "a.txt", 0, len(text), text, "Light", 0.5)
    md = compose_markdown([q], {"a": _doc("a")}, framing="Here:")
    assert "> ““Bright indirect light” is the most repeated phrase in plant care.” [1]" in md
    text = "Bright indirect light is the most repeated phrase in plant care."
    heading = Quote(1, "a", "a.txt", 0, len(text), text, "“I’m not going if he’s bringing her.”",
                    0.5)
    md = compose_markdown([heading], {"a": _doc("a")}, framing="Here:")
    assert "section “I’m not going if he’s bringing her.”" in md and "““" not in md


def test_closest_passages_of_an_article_without_headings_name_no_section():
    from assistant.composer import compose_abstention

    q = Quote(1, "a", "a.txt", 0, 15, "some words here", "", 0.2)
    md = compose_abstention([q], {"a": _doc("a", title="Gnats")})
    assert "— *Gnats*" in md and "Introduction" not in md


def test_an_untitled_article_is_named_by_its_file_name_in_words():
    """A tester's answers named an article "choosingtherapy_death_of_a_parent"."""
    text = "Grief comes in waves, and it is normal to feel numb at first."
    doc = _doc("choosingtherapy_death_of_a_parent", title=None)
    q = Quote(1, doc.doc_id, doc.source, 0, len(text), text, "", 0.5)
    md = compose_markdown([q], {doc.doc_id: doc}, framing="Here:")
    assert "Choosingtherapy death of a parent" in md
    assert "choosingtherapy_death" not in md.replace("\\_", "_")


def test_an_articles_addresses_are_no_links_and_read_as_written_when_piped():
    """An article's "https://…", "www.…" and e-mail address showed as links in the chat (the
    browser test checks the page); piped to a file they read as the article writes them."""
    from assistant.composer import as_piped

    text = ("See https://evil.example/x or www.evil.example, ftp://e.example/f, or write to "
            "help@evil.example at 10 a.m.")
    escaped = md_escape(text)
    for address in ("https://", "ftp://", "www.evil", "help@evil"):
        assert address not in escaped
    assert as_piped(escaped) == text


def test_an_amount_reads_as_written_when_piped_but_stays_escaped_in_the_chat():
    """"We've spent about \\$6,000 so far" showed its backslash in a piped answer; in the chat
    "$...$" would read as maths, so there it stays escaped."""
    from assistant.composer import as_piped

    text = 'We\'ve spent about $6,000 so far, and $ signs like $x$ stay text.'
    escaped = md_escape(text)
    assert "\\$6,000" in escaped and "\\$x\\$" in escaped
    assert as_piped(escaped) == 'We\'ve spent about $6,000 so far, and \\$ signs like \\$x\\$ stay text.'


def test_an_asterisk_that_opens_no_emphasis_reads_as_written_when_piped():
    """"Diane\\* walked in" kept its backslash in a piped answer (a name marked as changed); an
    asterisk that could open emphasis stays escaped, so the file shows no stray italics."""
    from assistant.composer import as_piped

    text = "Diane* walked in to see her mother, Elaine,* (names changed*). A *starred* word, a \\* here."
    piped = as_piped(md_escape(text))
    assert "Diane* walked" in piped and "Elaine,* (" in piped and "changed*)" in piped
    assert "\\*starred" in piped  # could open emphasis: escaped
    assert piped.endswith("a \\\\* here.")  # the article's own backslash, escaped, then "*"


def test_a_line_wrapped_in_mid_sentence_reads_as_one_line():
    """A Markdown article wrapped at 70 columns showed "refuse to try new" / "foods or even eat"
    as two lines of the quote; lines that are lines of their own stay apart."""
    from markdown_it import MarkdownIt

    text = ("Most toddlers will at times refuse to try new\nfoods or even eat, and this is a\n"
            "normal part of growing up.\nTry these:\nOffer one food they like\nKeep portions small")
    q = Quote(1, "a", "a.md", 0, len(text), text, "Food", 0.5)
    html = MarkdownIt("commonmark").render(compose_markdown([q], {"a": _doc("a")}, framing="H:"))
    assert "try new foods or even eat, and this is a normal part of growing up.<br />" in html
    assert "Try these:<br />\nOffer one food they like<br />\nKeep portions small" in html


def test_titles_that_differ_only_in_case_or_punctuation_are_told_apart():
    from dataclasses import replace

    docs = {"a": replace(_doc("a", "How to make friends when you have social anxiety"),
                         url="https://anxiety.example/friends"),
            "b": replace(_doc("b", "How To Make Friends When You Have Social Anxiety!"),
                         url="https://selfhelp.example/friends")}
    md = compose_markdown(order_quotes([_q("a", 5, "Start"), _q("b", 5, "Start")]), docs,
                          framing="Here:")
    sources = md.split("**Sources**")[1]
    assert "(anxiety.example)" in sources and "(selfhelp.example)" in sources


def test_a_quote_starting_or_ending_inside_emphasis_shows_no_lone_mark():
    """A quote from a Markdown article that starts inside an italic span ("...Have a question?
    Send it to us!*", the "*" opened a sentence before) showed its lone closing "*" as "\\*":
    emphasis marks never reach a quote's displayed text, whatever span it starts or ends in."""
    text = ("# Column\n\n*Editor's note: the column answers you. Have a question? Send it in!*\n\n"
            "**A:** Many couples never talk about it. *Most assume. They are* wrong, often.\n")
    doc = Document("a", "a.md", "Column", None, None, None, text)
    for piece in ("Send it in!*", "Many couples never talk about it.", "They are* wrong, often.",
                  "*Most assume."):
        start = text.index(piece)
        q = Quote(1, "a", "a.md", start, start + len(piece), piece, "Column", 0.5)
        md = compose_markdown([q], {"a": doc}, framing="Here:")
        line = next(x for x in md.split("\n") if x.startswith("> "))
        assert "*" not in line.replace("\\*", "*").strip("> ").split("[1]")[0], (piece, line)
    # a whole span, as before; an asterisk that opens no emphasis stays
    start = text.index("*Most")
    q = Quote(1, "a", "a.md", start, text.index(" wrong"), text[start:text.index(" wrong")],
              "Column", 0.5)
    assert "Most assume. They are" in compose_markdown([q], {"a": doc}, framing="Here:")
    plain = "Names were changed* for privacy.\n"
    d2 = Document("b", "b.md", "B", None, None, None, plain)
    q = Quote(1, "b", "b.md", 0, len(plain) - 1, plain[:-1], "", 0.5)
    assert "changed\\* for" in compose_markdown([q], {"b": d2}, framing="Here:")
