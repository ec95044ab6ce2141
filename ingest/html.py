"""Visible text and metadata of an HTML page, with the standard library's `html.parser`.

Script, style, noscript, template and head contents are dropped; block elements become
paragraphs (blank lines), ``<br>`` a line break; entities are unescaped and runs of spaces
collapsed. The result is the document's canonical text: offsets refer to it, not to the markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.metadata import parse_date

_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas"}
)
_BLOCK = frozenset(  # a column of quoted words would read worse than one string
    "address article aside blockquote caption dd details div dl dt "  # noqa: SIM905
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section summary table tr ul".split()
)
_CELL = frozenset({"td", "th"})
_TITLE_KEYS = ("og:title", "twitter:title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_DATE_KEYS = (  # the first one present wins
    *("article:published_time", "datepublished", "date", "pubdate", "publishdate"),
    *("publish-date", "dc.date", "dc.date.issued", "dcterms.date", "og:published_time"),
)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # open invisible elements
        self.pre = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href", "")
        elif tag == "title":
            self.in_title = True
        elif tag == "body":
            self.hidden = [t for t in self.hidden if t != "head"]  # an unclosed <head> ends here
        if tag in _INVISIBLE:
            self.hidden.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            self.pre += tag == "pre"
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INVISIBLE:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _INVISIBLE:
            if tag in self.hidden:
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag)]
        elif tag in _BLOCK:
            self.parts.append("\n\n")
            self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.hidden:
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(raw: str) -> tuple[str, dict[str, str | None]]:
    """(visible text, ``{"title", "author", "date", "url"}``) of an HTML page.

    >>> html_to_text("<title>T</title><p>Tom &amp; Jo<script>x()</script></p>")[0]
    'Tom & Jo\\n'
    """
    p = _Extractor()
    p.feed(raw)
    p.close()
    lines = [line.strip(" \t") for line in "".join(p.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    text = text + "\n" if text else ""

    def first(keys: tuple[str, ...]) -> str | None:
        return next((p.meta[k] for k in keys if p.meta.get(k)), None)

    title = " ".join((first(_TITLE_KEYS) or p.title).split()) or None
    author = first(_AUTHOR_KEYS)
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    when = first(_DATE_KEYS)
    url = p.canonical or first(("og:url",))
    return text, {
        "title": title,
        "author": author,
        "date": parse_date(when) if when else None,
        "url": url or None,
    }
