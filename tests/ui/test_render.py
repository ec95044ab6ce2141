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


def test_a_card_and_the_article_view_show_a_bounded_part_around_the_quote():
    """A 1.9 MB upload of one paragraph made every answer's card and article view 1.9 MB each
    (3.8 MB per answer: sixteenth audit, left open). The card shows at most
    CARD_CONTEXT_CHARS of the paragraph either side of the quote, the article view at most
    ARTICLE_CONTEXT_CHARS; the quote is marked whole, and what is not shown is said."""
    para = "Keep a regular bedtime, even on weekends. " * 45_000  # 1.9 MB, no blank line
    text = "Sleep\n\n" + para + "Dim the lights an hour before bed & <rest>. " + para
    doc = Document("big", "big.txt", "Sleep", None, None, None, text)
    s = text.index("Dim the lights")
    e = text.index("<rest>. ") + 7
    quote = {"n": 1, "doc_id": "big", "start": s, "end": e, "section": None}
    card = citation_html(doc, quote)
    article = article_html(doc, s, e)
    assert len(card) < 3_000  # 2 x CARD_CONTEXT_CHARS, the quote, the card's facts
    assert len(article) < 62_000  # 2 x ARTICLE_CONTEXT_CHARS
    for out in (card, article):
        assert ">Dim the lights an hour before bed &amp; &lt;rest&gt;.</mark>" in out
        assert "<rest>" not in out
    assert "more characters before this" in article and "more characters after this" in article
    # cut at a space, not inside a word
    shown = article.split("<div class='qw-article-text'>")[1].split("</div>")[0]
    words = set(para.split())
    assert shown.split()[0] in words and shown.split()[-1] in words


def test_a_short_article_is_shown_whole():
    s = TEXT.index("Second")
    out = article_html(Document("t", "t.txt", "Title", None, None, None, TEXT), s, s + 6)
    assert "Third para here." in out and "First para." in out and "not shown" not in out
    doc = Document("t", "t.txt", "Title", None, None, None, TEXT)
    card = citation_html(doc, {"n": 1, "doc_id": "t", "start": s, "end": s + 6, "section": None})
    assert "First para. <mark" in card and "&amp; co.</div>" in card
