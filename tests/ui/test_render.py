"""Citation rendering: exact highlight, paragraph context, and article text that stays text."""

from ingest.model import Document
from ui.render import article_html, citation_html, highlight, paragraph_bounds

TEXT = "Title\n\nFirst para. Second <b>bold</b> & co.\n\nThird para here.\n"


def test_paragraph_bounds_stop_at_blank_lines():
    s = TEXT.index("Second")
    a, b = paragraph_bounds(TEXT, s, s + 6)
    assert TEXT[a:b] == "First para. Second <b>bold</b> & co."


def test_highlight_marks_exactly_the_quote_and_escapes_everything():
    s = TEXT.index("Second")
    e = TEXT.index(" co.") + 4
    out = highlight(TEXT, s, e)
    assert '<mark id="qw-quote">Second &lt;b&gt;bold&lt;/b&gt; &amp; co.</mark>' in out
    assert "<b>" not in out


def test_hostile_article_is_inert():
    text = "Evil\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:x)\n"
    doc = Document("evil", "evil.txt", "<i>Evil</i>", "<b>me</b>", None, None, text)
    s = text.index("<script>")
    quote = {"n": 1, "doc_id": "evil", "start": s, "end": s + 25, "section": "<u>x</u>"}
    for out in (citation_html(doc, quote), article_html(doc, s, s + 25)):
        assert "<script" not in out and "<img" not in out and "<i>" not in out and "<u>" not in out
        assert "&lt;script&gt;" in out
