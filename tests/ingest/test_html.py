"""A web page saved as .html: its article is read, its menus, banners, share bars and comments
are not."""

from __future__ import annotations

from ingest import load_paths
from ingest.html import html_to_text

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
