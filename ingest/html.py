"""Visible text and metadata from HTML, with the standard library only.

Scripts, styles and other invisible elements are dropped; block elements become line breaks,
paragraphs blank lines. The extracted text is the document's canonical text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
          "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table",
          "tr", "figure", "figcaption", "hr", "dl", "dt", "dd", "title", "form"}


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or "").lower()
            if key in ("author", "article:author"):
                self.meta.setdefault("author", a.get("content", ""))
            elif key in ("og:title",):
                self.meta.setdefault("og_title", a.get("content", ""))
            elif key in ("date", "article:published_time", "pubdate", "dc.date"):
                self.meta.setdefault("date", a.get("content", ""))
            elif key == "og:url":
                self.meta.setdefault("url", a.get("content", ""))
        elif tag == "link" and "canonical" in a.get("rel", "").lower():
            self.meta.setdefault("url", a.get("href", ""))
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if not self.skip:
            self.parts.append(data)


def html_to_text(raw: str) -> tuple[str, dict]:
    """(visible text, {"title", "author", "date", "url"}) of an HTML page."""
    p = _Extractor()
    p.feed(raw)
    p.close()
    text = "".join(p.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    title = " ".join((p.meta.get("og_title") or p.title).split()) or None
    meta = {"title": title, "author": p.meta.get("author") or None,
            "date": p.meta.get("date") or None, "url": p.meta.get("url") or None}
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # the title heads the text so sections can start with it
    return text, meta
