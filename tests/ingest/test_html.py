"""A web page saved as .html: its article is read, its menus, banners, share bars and comments
are not."""

from __future__ import annotations

import time

from ingest import load_paths
from ingest.html import html_to_text
from ingest.structure import detect_structure

SAVED_PAGE = """<!doctype html><html><head><title>Sleep Well | Site</title>
<meta property="og:title" content="Sleep Well"></head><body>
<div class="cookie-banner">We use cookies to improve things. <button>Accept</button></div>
<header class="site-header"><a href="/">Home</a> <a href="/blog">Blog</a></header>
<nav><ul><li>Health</li><li>Sleep</li></ul></nav>
<main><article><header><h1>Sleep Well</h1><p>By Jo Lee</p></header>
<p>Keep a regular <b>schedule</b>.</p>
<div class="share-buttons"><a>Tweet this</a> <a>Share on Facebook</a></div>
<div><div class="entry-content"><p>Dim the lights an hour before bed.</p></div></div>
</article>
<section class="related-posts"><h2>You may also like</h2><p>Ten foods for better sleep</p></section>
<div id="comments"><p>Great post, thanks!</p></div></main>
<aside class="sidebar"><p>Subscribe to our newsletter</p></aside>
<div hidden><p>Hidden promo</p></div>
<footer><p>© 2024 Site. All rights reserved.</p></footer></body></html>"""


def test_a_saved_page_is_read_as_its_article(tmp_path):
    (tmp_path / "sleep.html").write_text(SAVED_PAGE, encoding="utf-8")
    docs, warnings = load_paths([tmp_path])
    assert warnings == []
    assert docs[0].text == ("Sleep Well\n\nBy Jo Lee\n\nKeep a regular schedule.\n\n"
                            "Dim the lights an hour before bed.\n")
    assert docs[0].title == "Sleep Well"


def test_without_a_marked_article_menus_sidebars_and_share_bars_are_dropped():
    page = ("<body><div class='menu'><a>Home</a></div><nav>Topics</nav>"
            "<p>Body text of the article, long enough to be the page.</p>"
            "<div class='social-share'>Share</div><div role='navigation'>Next post</div>"
            "<p style='display: none'>Invisible</p><aside>Ad</aside><footer>Footer</footer></body>")
    assert html_to_text(page)[0] == "Body text of the article, long enough to be the page.\n"


def test_a_class_name_never_drops_most_of_the_page():
    """A wrapper called "has-sidebar" holds the article: class names alone are distrusted."""
    page = ("<body><div class='has-sidebar'><p>All the text of the article is here, and it is "
            "long.</p><p>A second paragraph of it.</p></div><nav>Menu</nav><p>End.</p></body>")
    text = html_to_text(page)[0]
    assert "All the text of the article" in text and "second paragraph" in text
    assert "Menu" not in text


def test_a_page_that_is_all_chrome_is_read_whole(tmp_path):
    assert html_to_text("<body><nav><p>Only a list of links</p></nav></body>")[0] == (
        "Only a list of links\n")
    page = "<body><form id='aspnetForm'><div id='main'><p>Article in a form.</p></div></form>"
    assert html_to_text(page)[0] == "Article in a form.\n"  # a form wrapping a page is not chrome


def test_self_closed_elements_end_where_they_start():
    page = "<body><div class='menu'/><p>Text after a self-closed menu.</p></body>"
    assert html_to_text(page)[0] == "Text after a self-closed menu.\n"


def test_rules_and_line_breaks_still_separate_text():
    page = "<body><p>One</p>text<hr>after rule<br>next line<hr/>end</body>"
    assert html_to_text(page)[0] == "One\n\ntext\n\nafter rule\nnext line\n\nend\n"


def test_nested_invisible_elements_read_in_linear_time():
    """An upload may be 2 MB; 110 KB of nested <svg> closed by <body> tags took 3.5 s (a list
    of the open elements was rebuilt, or searched, at every tag)."""
    for page in ("<p>Text.</p>" + "<svg>" * 10_000 + "<body>" * 10_000,
                 "<p>Text.</p>" + "<svg>" * 10_000 + "</svg>" * 10_000 + "<p>After.</p>"):
        start = time.perf_counter()
        text = html_to_text(page)[0]
        assert time.perf_counter() - start < 1
        assert text.startswith("Text.")
    assert html_to_text("<svg><svg></svg>hidden</svg>shown<p>x</p>")[0] == "shown\n\nx\n"


def test_markup_left_open_at_the_end_is_read_as_text_in_linear_time():
    """Python's HTMLParser rescans an unclosed tail from every "<" (CVE-2025-6069): 35 KB of
    ``<a b=c `` took 10 s. The tail reads as text, as it always did."""
    start = time.perf_counter()
    html_to_text("<p>Text.</p>" + "<a b=c " * 5_000)
    assert time.perf_counter() - start < 1
    assert html_to_text("<p>Keep calm</p>and 2 <3 you")[0] == "Keep calm\n\nand 2 <3 you\n"
    assert html_to_text("<p>x</p> a<b c=d e")[0] == "x\n\na<b c=d e\n"


def test_a_page_the_parser_cannot_read_is_skipped(tmp_path):
    """Python's HTMLParser raises AssertionError on a bad "<![" declaration: one file is
    skipped, not the whole ingest."""
    (tmp_path / "bad.html").write_text("<p>Some text.</p><![ >", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Some other text.\n", encoding="utf-8")
    docs, warnings = load_paths([tmp_path])
    assert [d.doc_id for d in docs] == ["good"]
    assert len(warnings) == 1 and "bad.html: not readable as HTML" in warnings[0]


def test_only_a_web_address_becomes_the_articles_url():
    """A page's canonical link or og:url is the article's address in answers (`sources[].url`),
    which clients may show as a link: a "javascript:" or relative one is dropped."""
    def url_of(head):
        return html_to_text(f"<html><head>{head}</head><body><p>Text.</p></body></html>")[1]["url"]

    assert url_of('<link rel="canonical" href="javascript:alert(1)">') is None
    assert url_of('<meta property="og:url" content=" JavaScript:alert(1)">') is None
    assert url_of('<link rel="canonical" href="/posts/sleep">') is None
    assert url_of('<link rel="canonical" href="https://example.org/sleep">') == \
        "https://example.org/sleep"


def test_the_site_name_beside_a_pages_title_is_left_out():
    """A page titled "<headline> | <site>" (or "<site> – <headline>") is the headline's article:
    the site's name would stand beside every citation. A title the page doesn't show as a line
    of its own stays whole."""
    page = ("<html><head><title>{}</title></head><body><article><h1>Sleep Through the Night</h1>"
            "<p>Keep a regular bedtime routine every single evening.</p></article></body></html>")
    for title in ("Sleep Through the Night | Family Blog", "Family Blog – Sleep Through the Night",
                  "Sleep Through the Night - Family Blog"):
        assert html_to_text(page.format(title))[1]["title"] == "Sleep Through the Night"
    assert html_to_text(page.format("Toddlers | Sleep"))[1]["title"] == "Toddlers | Sleep"


def _read_page(tmp_path, page: str) -> tuple[str, list[str], list[str]]:
    """A saved page ingested as users do: its text as read, its section headings and its
    boilerplate lines."""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    docs, _ = load_paths([tmp_path])
    text = docs[0].text
    sections, boiler = detect_structure(text)
    return text, [s.heading for s in sections], [text[a:b] for a, b in boiler]


def test_a_pictures_caption_is_not_read_as_a_heading(tmp_path):
    """A photo credit under the headline ("Getty Images") was cited as the section of the
    article's first paragraphs."""
    page = ("<html><body><article><h1>Supporting Those Who Grieve</h1>"
            "<p>By Fredda Wasserman, Contributor</p>"
            "<figure><img src='grief.jpg' alt='grief'><figcaption>Getty Images</figcaption></figure>"
            "<p>When someone we care about is grieving, we often do not know what to say, so we "
            "say nothing at all and stay away.</p></article></body></html>")
    text, sections, boiler = _read_page(tmp_path, page)
    assert "Getty Images" not in text
    assert boiler == ["By Fredda Wasserman, Contributor"]
    assert sections == ["Supporting Those Who Grieve"]


def test_a_heading_that_ends_in_a_full_stop_is_still_a_heading(tmp_path):
    """<h2>Set up a one-on-one meeting.</h2> was quoted as an answer and lost as a section."""
    page = ("<html><body><article><h1>Burned Out? Here's How to Tell Your Boss</h1>"
            "<h2>Set up a one-on-one meeting.</h2>"
            "<p>If you already have regular check-ins with your manager, you can raise the topic "
            "there; if not, ask for half an hour of their time for a meeting alone.</p>"
            "<p>Mr. Smith agreed.</p></article></body></html>")
    text, sections, _ = _read_page(tmp_path, page)
    assert sections[-1] == "Set up a one-on-one meeting"
    assert "Mr. Smith agreed." in text  # a paragraph's full stop stays
