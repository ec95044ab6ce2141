"""Visible text and metadata of an HTML page, with the standard library's `html.parser`.

Script, style, noscript, template and head contents are dropped; block elements become
paragraphs (blank lines), ``<br>`` a line break; entities are unescaped and runs of spaces
collapsed; a list item opens with a bullet ("• "), as the page shows it. Two inline elements
side by side are two pieces of the page, set apart as it shows them: ``<span>Yahoo</span><span>4
days ago</span>`` reads "Yahoo 4 days ago", where a word's own parts (``<b>W</b>ord``) and a
footnote's ``<sup>`` stay joined. The result is the document's canonical text: offsets refer to
it, not to the markup.

A page saved from the web is mostly not its article: menus, cookie banners, share buttons,
"related posts", comments and footers. As readers (and Mozilla's Readability) tell them apart,
so does this: when the page marks its article (``<main>``, ``<article>``, ``role="main"``),
only that is kept; page chrome is dropped wherever it is (``<nav>``, ``<aside>``, ``<footer>``,
buttons, a ``<header>`` outside the article, ARIA navigation/banner/complementary/contentinfo
roles, hidden elements, and elements whose class or id names a menu, sidebar, share bar,
newsletter, cookie notice, comments, related links or a call to action). A picture's caption
is not the article either: a ``<figcaption>``, an element whose class names a caption
(``<p class="caption">``), and an element whose words only repeat the alternative text of the
picture right beside it (``<img alt="A girl with a meal"><p>A girl with a meal</p>``; never a
heading). A class name alone never drops most of a page, and a page that is all chrome by these
rules is read whole.

The page's ``<h1>``-``<h6>`` are its headings: `read_html` gives where each stands in the text,
for `ingest.structure.detect_structure`, which then need not guess them from the words.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from ingest.metadata import BARE_NAME, parse_byline, parse_date, web_address

_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas"}
)
_BLOCK = frozenset(  # a column of quoted words would read worse than one string
    "address article aside blockquote caption dd details div dl dt "  # noqa: SIM905
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section summary table tr ul".split()
)
_CELL = frozenset({"td", "th"})
# inline elements that hold a piece of the page's words: two side by side are set apart by a space
# when a word or figure ends the first and starts the second ("<span>Yahoo</span><span>4 days
# ago</span>"); <sup>, <sub> and the like, which join what they follow ("well-being.<sup>1</sup>"),
# are not among them
_PIECES = frozenset({"a", "abbr", "b", "bdi", "cite", "data", "dfn", "em", "font", "i", "label",
                     "mark", "q", "s", "small", "span", "strong", "time", "u"})
# elements that may be a picture's caption printed under it, words only repeating its alternative
# text (``<img alt="Photo of a girl with a meal"><p class="x">Photo of a girl with a meal</p>``)
_CAPTION_TAGS = frozenset(
    "p div span small em i b strong cite font figcaption".split()  # noqa: SIM905
)
_ALT_CHARS = 300  # a picture's alternative text read as a caption fits in this
_CAPTION_PARTS = 64  # the caption above a picture is among the last pieces of text read
# what opens a list item's first line, as a list shows it and as a text's lists are written
# ("• Did they sleep well last night?" under "When a tantrum or meltdown is occurring, ask
# yourself:"): the sentences, and the answers quoting them, know an item from a paragraph by it
BULLET = "• "
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset(  # elements that never hold text or close
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
# chrome, and a picture's caption (a photo credit such as "Getty Images" read as a heading over
# the article's first paragraphs)
_CHROME_TAGS = frozenset(
    {"nav", "aside", "footer", "button", "select", "dialog", "menu", "figcaption"}
)
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "complementary", "contentinfo", "search", "dialog", "menu"}
)
# class/id words of page chrome, after Readability's "unlikely candidates"
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|widget|share|sharing|social|"
    r"newsletter|subscribe|subscription|signup|cookies?|consent|gdpr|banner|popup|modal|"
    r"comments?|disqus|related|recommended|promo|advert|ads?|sponsored|footer|masthead|"
    r"skip-link|author-box|pagination|cta|caption|"
    # the post's tags ("tags", "post-tags", "tag-list") and a site's bar over its masthead
    # ("top-bar": a phone number, "Sign in")
    r"tags?|tag[-_]?list|top[-_]?bar|"
    # how pages name the box about who wrote the page and how to reach them, and the legal
    # small print under it: an author's card or bio ("author-card", "author-bio", "bio"), a
    # contact card, a breadcrumb trail ("crumbs"), a disclaimer
    r"crumbs?|author[-_](?:card|bio|info|profile|details|about)|about[-_]the[-_]author|"
    r"bio|biography|contact[-_](?:card|box|info|details)|profile[-_]card|disclaimer)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
# class/id words of a standfirst: the line that sums the article up under its headline ("Handle
# meltdowns and even prevent them with these simple tips!", "Expert answers to everyday
# questions"), read as the page's, not the article's, before the article's first paragraph
_STANDFIRST_NAMES = re.compile(
    r"(?:^|[\s_-])(?:standfirst|subtitle|sub-title|subheadline|dek|strapline)(?:$|[\s_-])",
    re.IGNORECASE)
STANDFIRST_WORDS = 20  # a standfirst this long, of two sentences or more, opens the article
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"“‘'(]?[A-Z]")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_NOT_CHROME = re.compile(r"article|body|column|content|main|shadow",
                         re.IGNORECASE)  # "sidebar-layout content" wraps the article
_MAIN_TAGS = frozenset({"main", "article"})
# the element that names the article's author, when no <meta> does: ``rel="author"``,
# ``itemprop="author"``, or a class "author" (``<a class="author">Kim Gregory</a>``, ``<span
# class="author">By Property Desk</span>``)
_AUTHOR_NAMES = re.compile(r"(?:^|\s)(?:author|author[-_]name|byline[-_]{1,2}author)(?:\s|$)",
                           re.IGNORECASE)
_AUTHOR_CHARS = 80  # an author's name fits in this
# a block of links to other pages, wherever it stands and whatever its class: a "Recent Posts"
# box ("What Is Workplace Mediation? See All" / "How Much Does Family Mediation Cost?"), a "More
# to Explore" list, a share bar. Its words are mostly its links' (as Readability's link density
# says), and it holds a few links at least; a paragraph or an item is never one. A block left
# with nothing but a heading once its block of links is dropped ("More to Explore") goes with it
_LINK_BLOCKS = frozenset("div section ul ol dl table".split())  # noqa: SIM905
# a box of its own that speaks of the publication, not of the article's subject: a series' or a
# newsletter's promo ("Losing a parent feels insurmountable at any age. Our series helps you face
# it ― from the practical logistics to..."), "Sign up for our weekly email": one short paragraph
# in a <div> or <section>, whatever its class, that says "our series", "this newsletter", "sign
# up" or "subscribe". Never a heading's box, nor a paragraph of the article (a <p>)
_BOX_TAGS = frozenset({"div", "section"})
_PROMO_CHARS = 400  # non-space characters at most: a line or two (read only that far: linear)
_PROMO_PARTS = 64  # ...in as many pieces of text at most (nested boxes read it again)
_PROMO = re.compile(
    r"(?i)\b(?:our|this)\s+(?:(?:new|weekly|daily|monthly|free|special)\s+)?(?:series|newsletters?"
    r"|podcast|e-?mail\s+list)\b|\bsign\s+up\b|\bsubscribe\b")


def _promo(words: str) -> bool:
    """Whether a box's ``words`` are a promo for the publication (`_PROMO`): one paragraph."""
    words = _MARKS.sub("", words).strip()
    return "\n\n" not in words and _PROMO.search(words) is not None

LINK_SHARE = 0.8
LINK_BLOCK_LINKS = 2
# Where an <h1>-<h6> starts (one mark per level) and ends, written into the text as it is read:
# noncharacters, which no page has any business holding (any it holds are dropped).
_OPEN_MARKS = "\ufdd1\ufdd2\ufdd3\ufdd4\ufdd5\ufdd6"
_CLOSE_MARK = "\ufdd0"
_MARKS = re.compile("[\ufdd0-\ufdd6]")
_EDGE = re.compile("[ \t\ufdd0-\ufdd6]*")  # spaces and marks at a line's edges
_TITLE_KEYS = ("og:title", "twitter:title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_DATE_KEYS = (  # the first one present wins
    *("article:published_time", "datepublished", "date", "pubdate", "publishdate"),
    *("publish-date", "dc.date", "dc.date.issued", "dcterms.date", "og:published_time"),
)


class _Extractor(HTMLParser):
    def __init__(self, strip: str = "names") -> None:
        super().__init__(convert_charrefs=True)
        self.strip = strip  # "names": chrome by tag, role and class/id; "tags": not by
        #                     class/id; "none": the whole visible page
        self.parts: list[str] = []
        # open invisible elements, counted by tag: a list, filtered at every <body> and
        # searched at every end tag, made 220 KB of <svg> then <body> tags take 14 s
        self.hidden: Counter[str] = Counter()
        self.pre = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.chrome: list = []  # [tag, depth] of the page chrome being skipped
        self.main: list = []  # [tag, depth] of the marked article being read
        self.main_parts: list[str] = []  # the text inside it (one marked article or more)
        self.marked = False
        self.named = False  # chrome was skipped by a class or id: "tags" would read otherwise
        self.fed = 0  # characters of markup fed to the parser (`_read`)
        self.heading: tuple[int, int] | None = None  # where the open <h1>-<h6>'s text begins
        # the open blocks that may be a block of links (`_LINK_BLOCKS`): [tag, where its text
        # begins in parts and in main_parts, its characters, its links' characters, its links,
        # its headings' characters, whether a block of links inside it was dropped]
        self.blocks: list[list] = []
        self.open_blocks: Counter[str] = Counter()  # ...counted by tag
        self.links = 0  # open <a href> elements
        self.bullet = False  # an <li> opened: its first words get the bullet a list shows
        self.begun = False  # the article's first paragraph, item or sub-heading has been read
        self.author: list = []  # [tag, depth] of the element naming the author, while read
        self.author_text = ""  # ...and its words (the first such element's)
        self.piece_closed = False  # an inline piece (`_PIECES`) just closed after a word
        self.space_due = False  # ...and another opened right after it: a space before its words
        self.written = 0  # characters written into parts (never decreased)
        self.image: str | None = None  # the alternative text of a picture, with no words since
        # the element opened right after that picture: [tag, depth, where its text begins in
        # parts and in main_parts, written then, the picture's alternative text]
        self.caption: list = []
        # the standfirst being read: [tag, depth, where its text begins in parts and main_parts]
        self.standfirst: list = []

    def _track(self, frame: list, tag: str, opening: bool) -> bool:
        """Count ``tag`` inside ``frame`` ([root tag, depth]); True when the root closes."""
        if frame and tag == frame[0]:
            frame[1] += 1 if opening else -1
            return frame[1] == 0
        return False

    def _is_chrome(self, tag: str, a: dict[str, str]) -> bool:
        if self.strip == "none":
            return False
        if tag in _CHROME_TAGS or (tag == "header" and not self.main):
            return True
        if a.get("role", "").lower() in _CHROME_ROLES or "hidden" in a:
            return True
        if a.get("aria-hidden", "").lower() == "true":
            return True
        if "style" in a and _DISPLAY_NONE.search(a["style"]):
            return True
        if not (a.get("class") or a.get("id")):
            return False
        names = f" {a.get('class', '')} {a.get('id', '')} "
        named = (self.strip == "names" and tag not in _MAIN_TAGS
                 and bool(_CHROME_NAMES.search(names)) and not _NOT_CHROME.search(names))
        self.named = self.named or named
        return named

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.written += len(text)
        if self.main:
            self.main_parts.append(text)

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
            self.hidden.pop("head", None)  # an unclosed <head> ends here
        # a piece opening right after one that closed after a word, or inside such a piece
        due = tag in _PIECES and (self.piece_closed or self.space_due)
        self.piece_closed = False
        if tag in _INVISIBLE:
            self.hidden[tag] += 1
            return
        self.space_due = due and not self.pre
        if self.author:
            self._track(self.author, tag, True)
        elif not self.author_text and tag not in _VOID and (
                "author" in (a.get("rel", "").lower(), a.get("itemprop", "").lower())
                or _AUTHOR_NAMES.search(a.get("class", ""))):
            self.author = [tag, 1]
        if tag in _VOID:  # nothing inside, no end tag: only a line or paragraph break
            if not self.chrome and tag in ("br", "hr"):
                self._emit("\n" if tag == "br" else "\n\n")
            elif not self.chrome and not self.hidden and tag == "img":
                self._picture(" ".join(a.get("alt", "").split()))
            return
        if self.chrome:
            self._track(self.chrome, tag, True)
            return
        if self._is_chrome(tag, a):
            self.chrome = [tag, 1]
            return
        if self.standfirst:
            self._track(self.standfirst, tag, True)
        elif self._opens_standfirst(tag, a):
            self.standfirst = [tag, 1, len(self.parts), len(self.main_parts)]
        if self.caption:
            self._track(self.caption, tag, True)
        elif self.image and tag in _CAPTION_TAGS and not self.hidden:
            self.caption = [tag, 1, len(self.parts), len(self.main_parts), self.written,
                            self.image]
        self.image = None
        if self.main:
            self._track(self.main, tag, True)
        elif tag in _MAIN_TAGS or a.get("role", "").lower() == "main":
            self.main, self.marked = [tag, 1], True
        if tag == "a" and "href" in a:
            self.links += 1
            if self.blocks:
                self.blocks[-1][5] += 1
        if tag in _LINK_BLOCKS and self.strip != "none":
            self.blocks.append([tag, len(self.parts), len(self.main_parts), 0, 0, 0, 0, False])
            self.open_blocks[tag] += 1
        if tag in _BLOCK:
            self._emit("\n\n")
            self.pre += tag == "pre"
            self.begun = self.begun or tag in ("p", "li") or tag in _HEADINGS and tag != "h1"
            self.bullet = tag == "li" or self.bullet and tag not in _HEADINGS
            if tag in _HEADINGS:
                if self.heading is not None:  # one left open ends where the next begins
                    self._emit(_CLOSE_MARK)
                self.heading = (len(self.parts), len(self.main_parts))
                self._emit(_OPEN_MARKS[int(tag[1]) - 1])
        elif tag in _CELL:
            self._emit(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INVISIBLE:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:  # <div/> closes itself
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _INVISIBLE:
            if self.hidden[tag] > 1:
                self.hidden[tag] -= 1
            else:
                self.hidden.pop(tag, None)
            return
        if self.author and self._track(self.author, tag, False):
            self.author = []
            self.author_text = self.author_text.strip() or " "  # read: the first one only
        if self.chrome:
            if self._track(self.chrome, tag, False):
                self.chrome = []
            return
        closed, self.piece_closed = self.piece_closed, False
        if tag in _PIECES:  # "<span>Yahoo</span><span>4 days ago</span>"
            self.piece_closed = closed or bool(self.parts and self.parts[-1][-1:].isalnum())
        if self.caption and self._track(self.caption, tag, False):
            self._drop_caption()
        if tag == "a" and self.links:
            self.links -= 1
        if tag in _HEADINGS and self.heading is not None:
            _drop_full_stop(self.parts, self.heading[0])
            _drop_full_stop(self.main_parts, self.heading[1])
            self._emit(_CLOSE_MARK)
            self.heading = None
        if self.open_blocks[tag]:
            self._close_block(tag)
        if tag in _BLOCK:
            self._emit("\n\n")
            self.pre -= tag == "pre" and self.pre > 0
            self.bullet = False
        if self._track(self.main, tag, False):
            self.main = []
        if self.standfirst and self._track(self.standfirst, tag, False):
            self._drop_standfirst()

    def _opens_standfirst(self, tag: str, a: dict[str, str]) -> bool:
        """Whether ``tag`` opens a standfirst the page marks (`_STANDFIRST_NAMES`) before the
        article's first paragraph."""
        if self.strip == "none" or self.begun or tag in _HEADINGS or tag in _MAIN_TAGS:
            return False
        return bool(_STANDFIRST_NAMES.search(f" {a.get('class', '')} {a.get('id', '')} "))

    def _drop_standfirst(self) -> None:
        """A standfirst has closed: a line that sums the article up ("Handle meltdowns and even
        prevent them with these simple tips!", "Expert answers to everyday questions") is the
        page's, not the article's, and is dropped. How pages are written: a standfirst of more
        than one sentence and `STANDFIRST_WORDS` words or more is the article's opening
        paragraph set in larger type ("The proportion of stepfamilies in the UK is growing
        fast, with one in three people now involved... We suggest ways to help you make it
        work for everyone."), and stays."""
        _, _, at, main_at = self.standfirst
        self.standfirst = []
        words = _MARKS.sub("", "".join(self.parts[at:]))
        if (len(words.split()) >= STANDFIRST_WORDS
                and len(_SENTENCE_BREAK.findall(words.strip())) >= 1):
            return
        del self.parts[at:]
        del self.main_parts[main_at:]
        if self.blocks and self.blocks[-1][1] <= at:
            self.blocks[-1][3] -= len(words) - sum(c.isspace() for c in words)

    def _close_block(self, tag: str) -> None:
        """Close the innermost open ``tag`` of `blocks` (and the blocks left open inside it,
        each counted into the one around it); drop what it wrote when it is a block of links.
        Each block is closed once: linear in the page, however its tags nest."""
        while True:
            frame = self.blocks.pop()
            self.open_blocks[frame[0]] -= 1
            _, at, main_at, chars, linked, links, headed, held = frame
            if ((links >= LINK_BLOCK_LINKS and chars and linked >= LINK_SHARE * chars
                 or held and chars == headed
                 or frame[0] in _BOX_TAGS and 0 < chars <= _PROMO_CHARS and not headed
                 and len(self.parts) - at <= _PROMO_PARTS and _promo("".join(self.parts[at:])))
                    and (self.heading is None or self.heading[0] < at)):
                del self.parts[at:]
                del self.main_parts[main_at:]
                if self.blocks:
                    self.blocks[-1][7] = True
            elif self.blocks:
                outer = self.blocks[-1]
                for k in range(3, 7):
                    outer[k] += frame[k]
            if frame[0] == tag:
                return

    def _picture(self, alt: str) -> None:
        """A picture with alternative text ``alt`` is read: the element right above it whose words
        only repeat it is its caption, and so is the one opened right after it (`_drop_caption`)."""
        self.image = alt if 2 < len(alt) <= _ALT_CHARS else None
        self.caption = []
        self.piece_closed = self.space_due = False
        if not self.image:
            return
        parts, k = self.parts, len(self.parts)
        low = max(0, k - _CAPTION_PARTS)  # a few parts back only: linear however pictures nest
        closed = False  # the element above has closed: not words of the paragraph it stands in
        while k > low and not parts[k - 1].strip():  # the blank lines after the element above
            closed = closed or "\n\n" in parts[k - 1]
            k -= 1
        words = []
        length = 0
        while k > low and "\n" not in parts[k - 1] and length <= len(alt):
            k -= 1
            words.append(parts[k])
            length += len(parts[k])
        above = "".join(reversed(words))
        if not (closed and k and parts[k - 1].endswith("\n\n") and _same_words(above, alt)):
            return
        tail = len(parts) - k  # the element's words, and the blank lines after them
        if self.main and len(self.main_parts) >= tail and all(
                x is y for x, y in zip(self.main_parts[-tail:], parts[k:])):
            del self.main_parts[-tail:]
        del parts[k:]
        if self.blocks and self.blocks[-1][1] <= k:
            self.blocks[-1][3] -= len(above) - sum(c.isspace() for c in above)

    def _drop_caption(self) -> None:
        """The element opened right after a picture has closed: drop its words when they only
        repeat the picture's alternative text (a caption printed under it). A heading stays."""
        _, _, at, main_at, written, alt = self.caption
        self.caption = []
        if self.written - written > 2 * len(alt) + 40:  # more than a caption: not read again
            return
        words = "".join(self.parts[at:])
        if not _MARKS.search(words) and _same_words(words, alt):
            del self.parts[at:]
            del self.main_parts[main_at:]
            if self.blocks and self.blocks[-1][1] <= at:
                self.blocks[-1][3] -= len(words) - sum(c.isspace() for c in words)

    def handle_data(self, data: str) -> None:
        if self.author and not self.hidden and len(self.author_text) <= _AUTHOR_CHARS:
            self.author_text += data
        if self.in_title:
            self.title += data
        elif not self.hidden and not self.chrome:
            data = _MARKS.sub("", data)
            if data.strip():
                self.image = None
            if self.space_due and data[:1].isalnum():
                self._emit(" ")
            self.piece_closed = self.space_due = False
            if self.blocks:
                chars = len(data) - sum(c.isspace() for c in data)
                self.blocks[-1][3] += chars
                self.blocks[-1][4] += chars if self.links else 0
                self.blocks[-1][6] += chars if self.heading is not None else 0
            if self.bullet and not data.isspace():
                self._emit(BULLET)
                data = data.lstrip()
                self.bullet = False
            self._emit(data if self.pre else re.sub(r"\s+", " ", data))


def _same_words(words: str, alt: str) -> bool:
    """Whether ``words`` say what ``alt`` says, whatever the case, spacing or a full stop."""
    def norm(x: str) -> str:
        return " ".join(x.split()).rstrip(".").casefold()
    return bool(alt) and norm(words) == norm(alt)


def _drop_full_stop(parts: list[str], start: int) -> None:
    """Drop the full stop that ends the heading written into ``parts[start:]``: a page's
    ``<h2>Set up a one-on-one meeting.</h2>`` is its section's heading, which the text alone
    shows only without it (a line ending a sentence reads as prose)."""
    for i in range(len(parts) - 1, start - 1, -1):
        part = _MARKS.sub("", parts[i]).rstrip()
        if not part:
            continue
        if part.endswith(".") and not part.endswith(".."):
            parts[i] = parts[i].rstrip()[:-1]
        return


# A comment and a marked section (``<![CDATA[``, MS Word's ``<![if …]>``) where they open, and
# the end Python's HTMLParser (3.11.7) searches the rest of the page for from there.
_UNCLOSED = (
    (re.compile(r"<(?=!--)"), re.compile(r"--\s*>")),
    (re.compile(r"<(?=!\[(?i:cdata|temp|ignore|include|rcdata)(?![-_.a-zA-Z0-9]))"),
     re.compile(r"]\s*]\s*>")),
    (re.compile(r"<(?=!\[(?i:if|else|endif)(?![-_.a-zA-Z0-9]))"), re.compile(r"]\s*>")),
)


def _closed_tail(raw: str) -> str:
    """``raw`` with the markup the page never closes written as text (its ``<`` as ``&lt;``):
    every ``<`` after the last ``>``, and every comment or marked section opened after the last
    end of its kind. It reads as text, as the parser reads it at the end anyway, but at once.
    Python's HTMLParser (3.11.7 here; CVE-2025-6069) searches the rest of the page from each
    one: a 70 KB tail of ``<a b=c `` took 19 s to parse, and 200 KB of ``<!--x>`` 17 s."""
    cut = raw.rfind(">") + 1
    raw = raw[:cut] + raw[cut:].replace("<", "&lt;")
    for opens, closes in _UNCLOSED:
        last = max((m.end() for m in closes.finditer(raw)), default=0)
        raw = raw[:last] + opens.sub("&lt;", raw[last:])
    return raw


Heading = tuple[int, int, int]  # (start, end, level) of an <h1>-<h6> in the text as read


def _read(raw: str, strip: str) -> tuple[_Extractor, str, list[Heading]]:
    p = _Extractor(strip)
    fed = _closed_tail(raw)
    p.fed = len(fed)  # no reading of a page is longer, but for a closing newline (`read_html`)
    p.feed(fed)
    p.close()
    article = p.marked and _MARKS.sub("", "".join(p.main_parts)).strip()
    return (p, *_joined(p.main_parts if article else p.parts))


def _joined(parts: list[str]) -> tuple[str, list[Heading]]:
    """The text of ``parts`` (each line stripped, runs of blank lines made one, none at the
    ends) and where its headings' marks put them."""
    lines: list[str] = []
    carry = ""  # the marks of blank lines, kept for the next line of text
    blank = False
    for line in "".join(parts).split("\n"):
        lead = _EDGE.match(line)
        rest = line[lead.end():]
        if not rest:
            carry += "".join(_MARKS.findall(line))
            blank = bool(lines)
            continue
        tail = len(rest) - len(rest.rstrip(" \t\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4\ufdd5\ufdd6"))
        body, after = rest[:len(rest) - tail], rest[len(rest) - tail:]
        if blank:
            lines.append("")
        lines.append(carry + "".join(_MARKS.findall(lead.group())) + body
                     + "".join(_MARKS.findall(after)))
        carry, blank = "", False
    if lines:
        lines[-1] += carry
    marked = "\n".join(lines)
    text: list[str] = []
    headings: list[Heading] = []
    pos = last = 0
    opened: tuple[int, int] | None = None  # (offset, level) of the heading being read
    for m in _MARKS.finditer(marked):
        text.append(marked[last:m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group() != _CLOSE_MARK:
            opened = (pos, _OPEN_MARKS.index(m.group()) + 1)
        elif opened is not None:
            headings.append((opened[0], pos, opened[1]))
            opened = None
    text.append(marked[last:])
    out = "".join(text)
    spans = []
    for a, b, level in headings:
        while a < b and out[a].isspace():
            a += 1
        while b > a and out[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b, level))
    return (out + "\n" if out else ""), spans


# what sets a site's name off a page's title: "How to X | Family Blog", "Family Blog – How to X"
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")
_HEADLINE_LINES = 40  # the page's headline is among its first lines
_TITLE_PARTS = 8  # a title of more parts than this is not searched run by run


def _without_site_name(title: str, text: str, headline: str | None = None) -> str:
    """``title`` without the site's name beside it, when the rest is the page's headline (a
    line of its own near the top of ``text``): "How to Get Your Toddler to Sleep | Family Blog"
    -> "How to Get Your Toddler to Sleep", "Feeling Lonely | Set to Go | The Jed Foundation" ->
    "Feeling Lonely". A title whose headline the page prints shorter, as its ``<h1>``
    (``headline``), is the part that opens with it, without the site's name: "Noise Complaint:
    Dealing with Noisy Neighbours | Apollo Cover Magazine" over the <h1> "Noise Complaint" ->
    "Noise Complaint: Dealing with Noisy Neighbours" (a page's <title> is its stated title; the
    site's name beside it is not). Left whole when the page shows no such line.

    >>> _without_site_name("Sleep Tips | Family Blog", "Sleep Tips\\nBy Dana\\n")
    'Sleep Tips'
    """
    lines = {line.strip() for line in text.split("\n", _HEADLINE_LINES)[:_HEADLINE_LINES]}
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            parts = [p.strip() for p in title.split(sep)]
            # the longest run of parts first: "A | B" over "A" when the page shows "A | B"
            runs = ([sep.join(parts[k:k + n]) for n in range(len(parts) - 1, 0, -1)
                     for k in range(len(parts) - n + 1)] if len(parts) <= _TITLE_PARTS
                    else [sep.join(parts[:-1]), sep.join(parts[1:])])
            for part in runs:
                if part and part in lines:
                    return part
    head = " ".join((headline or "").split()).casefold()
    if not head:
        return title
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            parts = [p.strip() for p in title.split(sep)][:_TITLE_PARTS]
            # the shortest run of parts first: "Headline: more | Section | Site" -> "Headline: more"
            for n in range(1, len(parts)):
                part = sep.join(parts[:n])
                low = part.casefold()
                if low.startswith(head) and (len(low) == len(head) or not low[len(head)].isalnum()):
                    return part
    return title


def _author_named(words: str) -> str | None:
    """The author's name in the words of the element the page marks as its author's: a byline
    ("By Property Desk") or a bare name ("Kim Gregory")."""
    words = " ".join(words.split())
    if not words or len(words) > _AUTHOR_CHARS:
        return None
    named = (parse_byline(words) or (None, None))[0]
    return named or (words if BARE_NAME.fullmatch(words) else None)


def html_to_text(raw: str) -> tuple[str, dict[str, str | None]]:
    """(visible text, ``{"title", "author", "date", "url"}``) of an HTML page.

    >>> html_to_text("<title>T</title><p>Tom &amp; Jo<script>x()</script></p>")[0]
    'Tom & Jo\\n'
    """
    text, meta, _ = read_html(raw)
    return text, meta


def read_html(raw: str) -> tuple[str, dict[str, str | None], list[Heading]]:
    """`html_to_text`, and the ``(start, end, level)`` of each ``<h1>``-``<h6>`` in the text
    (the page's own headings, for `ingest.structure.detect_structure`).

    >>> read_html("<h1>Sleep Well</h1><p>Keep a schedule.</p><h2>Why it works:</h2>")[2]
    [(0, 10, 1), (30, 43, 2)]
    """
    p, text, marked = _read(raw, "names")
    # (a page no class or id made chrome reads the same by tags: not read twice, which was half
    # the time a 2 MB upload of short paragraphs took to be refused; twentieth audit)
    # ...nor when what it read is a third of the page or more: reading by tags can't then find
    # three times as much, as no reading is longer than the page and a closing newline (each tag
    # gives at most its own length of breaks, marks or bullet, each character of text at most
    # one: `_Extractor`).
    # (2 MB of <p>A</p> under a <div class=nav>: read twice, 12 s, to be refused; twenty-first
    # audit)
    if not p.marked and p.named and 3 * len(text) < p.fed + 1:
        # a class name alone may be wrong ("has-sidebar" wrapping the article): when it would
        # drop most of the page, only tags and roles say what is chrome
        _, by_tags, tag_marked = _read(raw, "tags")
        if len(text) < len(by_tags) / 3:
            text, marked = by_tags, tag_marked
    if not text:  # a page that is all "chrome" by these rules is read whole
        _, text, marked = _read(raw, "none")

    def first(keys: tuple[str, ...]) -> str | None:
        return next((p.meta[k] for k in keys if p.meta.get(k)), None)

    headline = next((text[a:b] for a, b, level in marked if level == 1), None)  # its <h1>
    title = _without_site_name(" ".join((first(_TITLE_KEYS) or p.title).split()), text,
                               headline) or None
    author = first(_AUTHOR_KEYS)
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    author = author or _author_named(p.author_text)
    when = first(_DATE_KEYS)
    # a "javascript:" or relative link must not become the article's address
    url = web_address(p.canonical or first(("og:url",)))
    return text, {
        "title": title,
        "author": author,
        "date": parse_date(when) if when else None,
        "url": url,
    }, marked
