"""Title, author, date and url as the article itself states them; None where it doesn't.

Only what is written is taken: a byline ("Last updated on June 8, 2022 by April Maccario",
"By Jane Doe", "Posted on 2023-05-15", a web page's "Jane Doe · Jan 4, 2026 · 10 min read") or a
bare date line near the top, a URL line near the top or bottom, and the first line as the title
when it looks like one. Nothing is guessed (a bare "About the Author" line names nobody). A
page's furniture is never its title: a skip link ("top of page"), a breadcrumb over the headline
("1. Health"), a banner cut mid-phrase ("Trusted Leaders In the").
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

_MONTH_ABBREVIATIONS = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_MONTHS = {m: i for i, m in enumerate(_MONTH_ABBREVIATIONS, 1)}  # "jan" -> 1
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|del|der|van|von|la|le)){0,4}"
_WHEN = (r"(?i:(?:last\s+)?(?:updated|modified|posted|published|written)(?:\s+on|\s+date)?|date)"
         r"\s*:?\s*")
_SEP = r"\s*(?:[|·•—–,-]|(?i:by|on))\s*"
# "June 8, 2022", "Last updated on June 8, 2022 by April Maccario", "Posted on 2023-05-15"
_DATE_LINE = re.compile(rf"(?:{_WHEN})?(?P<date>{_DATE})(?:{_SEP}(?P<author>{_NAME}))?")
# what may follow a name: credentials or a role ("Jane Doe, PhD, RD", "Fredda Wasserman,
# Contributor")
_CREDENTIALS = r"(?:,\s*[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){0,2}){0,4}"
# "By Jane Doe", "Written by: Jane Doe | May 15, 2023", "By Fredda Wasserman, Contributor",
# "Writer: Amanda Babcock"
_BY_LINE = re.compile(
    rf"(?i:by|written\s+by|posted\s+by|author|writer)\s*:?\s+(?P<author>{_NAME}){_CREDENTIALS}"
    rf"(?:{_SEP}(?:{_WHEN})?(?P<date>{_DATE}))?"
    # the blog's category after the name ("Posted by Dr. Jen · Behavior")
    r"(?:\s*[|·•]\s*[A-Z][\w&'’ -]{0,30})?"
)
# a byline whose name or date the page filled in with nothing: "in Legal Issues on by",
# "Updated by , Attorney"
_EMPTY_BYLINE = re.compile(
    r"(?i:(?:(?:posted|updated|written|published|edited|reviewed)\s+)?"
    r"(?:in\s+[\w&'’ -]{1,40}?\s+)?(?:on\s+)?by\s*(?:,\s*[\w. ]{1,30})?)"
)
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")  # Markdown's bold and italics around a name
# who reviewed, checked or edited the article, not who wrote it: "Medically reviewed by Jane
# Doe, PharmD and John Roe, PhD", "Edited By: Kristen Osborne", "Fact checked by Jane Doe"
_CREDIT_LINE = re.compile(
    rf"(?i:(?:medically|clinically|expertly|professionally|fact)[\s-]+)?"
    rf"(?i:reviewed|checked|fact[\s-]+checked|edited|illustrated|photographed)\s+(?i:by)\s*:?\s+"
    rf"{_NAME}{_CREDENTIALS}(?:\s+(?i:and|&)\s+{_NAME}{_CREDENTIALS})?"
    rf"(?:{_SEP}(?:{_WHEN})?{_DATE})?"
)
# ...and such a credit with the reviewer's biography run on ("Medically reviewed by Jane Doe,
# Certified Dementia PractitionerJane Doe is the owner of..."): the qualifier says so, where a
# plain "Reviewed by her therapist, the plan made sense." stays prose
_QUALIFIED_CREDIT = re.compile(
    r"(?i:(?:medically|clinically|expertly|professionally)[\s-]+reviewed|fact[\s-]*checked)"
    rf"\s+(?i:by)\s*:?\s+{_NAME}"
)
_CREDIT_CHARS = 200  # the credit fits in this; the rest of its line is not read
_BYLINE_CHARS = 160  # a whole byline fits in this
# a news page's time stamp: "03/19/2014 10:32 pm ET Updated May 19, 2014", "Thursday 22
# September 2016 18:17", "fact checked on December 19, 2023"
_NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,4})?"
_WEEKDAY = (r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
            r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+")
_CHECKED = r"(?i:fact[\s-]*checked|reviewed)(?i:\s*on)?\s*:?\s*"  # dates it, names no author
_STAMP_LINE = re.compile(
    rf"(?:(?:{_WHEN}|{_CHECKED})?(?:{_WEEKDAY})?(?:{_DATE}|{_NUMERIC_DATE})(?:,?\s+{_TIME})?"
    r"\s*(?:[|·•—–,-]\s*)?){1,3}"
)
# how long the page takes to read: "10 min read", "21 minute read", "Reading time: 5 minutes"
_READ_TIME = (r"\d{1,3}\s*-?\s*(?i:min(?:ute)?s?|hrs?|hours?)\.?\s*(?i:read|reading\s+time)"
              r"|(?i:(?:estimated\s+)?reading\s+time)\s*:?\s*\d{1,3}\s*(?i:min(?:ute)?s?)\.?")
# a web page's byline in parts set apart by · | •: "Potting Corner Team · Jan 4, 2026 · Updated
# Jan 11, 2026 · 10 min read", "On Behalf of | May 6, 2024 | Child Custody" (a law firm's, its
# name left out), "21 minute readLast updated December 19, 2023"
_PART_BREAK = re.compile(r"\s*[|·•]\s*")
_READ_TIME_PART = re.compile(_READ_TIME)
_READ_TIME_GLUED = re.compile(rf"(?:{_READ_TIME})(?=[A-Z])")
_ON_BEHALF = re.compile(rf"(?i:on\s+behalf\s+of)(?:\s+{_NAME})?")
_CATEGORY = re.compile(r"[A-Z][\w&'’/ -]{0,40}")  # the blog's category: "Child Custody"
_NAME_PART = re.compile(rf"[A-Z][\w'’.-]*\s+{_NAME}")  # a name of two words or more
_LIST_MARK = " \t•·*-–—"  # before a byline or furniture in a list ("• Written By: Mary McMahon")
_URL_LINE = re.compile(
    r"(?i:(?:url|source|link|originally published (?:at|on))\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>]+?)>?"
)
_TEXT_DATE = re.compile(_DATE)
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+[A-Z]")
# a title ends a phrase: "Trusted Leaders In the" is a banner cut where its line wrapped
_UNFINISHED = re.compile(r"\s(?i:the|a|an|and|or)\Z")
# a breadcrumb over the headline: "1. Health"
_BREADCRUMB = re.compile(r"\d{1,2}[.)]\s+\S+(?:\s+\S+){0,2}")
_NUMBERED = re.compile(r"\d{1,2}[.)]\s")

# an affiliate disclosure: "Some links here may be affiliate links", "Simplify Plants is
# reader-supported", "We may earn a commission"
_DISCLOSURE = (
    r"\b(?:links?\s(?:[\w ]{0,30}?\s)?(?:are|is|may\s+be|might\s+be|could\s+be)\s+affiliate"
    r"\s+links?"
    r"|(?:post|article|page|site|guide)\s+(?:may\s+)?(?:contains?|includes?|uses?)\s+affiliate"
    r"\s+links?|is\s+reader[\s-]supported"
    r"|(?:we|i)\s+(?:may\s+|might\s+|could\s+)?(?:earn|receive|get|make)\s+(?:a\s+)?(?:small\s+)?"
    r"(?:commission|compensation)|as\s+an\s+amazon\s+associate)\b"
)
# a cookie notice: "Our Privacy/Cookie Policy contains detailed information about..."
_COOKIES = (r"\b(?:cookie\s+(?:policy|notice|settings|preferences)|accept\s+all\s+cookies"
            r"|(?:this|our)\s+(?:web\s*)?site\s+uses\s+cookies)\b")
_FURNITURE_CHARS = 600  # no line of furniture is longer

# a saved page's furniture, a whole line wherever it stands: "Print this Article", "Article
# Details", "Advertisement", a skip link ("Skip to content", "top of page"), how long it takes
# to read, "Comments", a teaser for another page ("...for 10 minutes.  more...", "Read more »",
# "RELATED: ...", "Also read: ..."), a call to action ("Get started »"), a breadcrumb trail
# ("Home › Caregiver Wellness › Grief and Loss"), an affiliate disclosure,
# a cookie notice, a site builder's "Writer's picture"
_FURNITURE = re.compile(
    r"(?i:(?:print|e-?mail|share|save|bookmark|cite)\s+this\s+(?:article|page|post|story)"
    r"|article\s+details|advertisement"
    r"|(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+|primary\s+)?(?:content|navigation|nav|menu"
    r"|search|footer|sidebar|recipe|comments|article|section)\b.{0,30}|jump\s+to\s*(?:…|\.{3}|:)"
    r"|(?:back|return|go)\s+to\s+(?:the\s+)?top(?:\s+of(?:\s+the)?\s+page)?\W{0,3}"
    r"|top\s+of(?:\s+the)?\s+page"
    r"|printer[\s-]friendly(?:\s+version)?"
    r"|(?:related|recommended|popular)\s+(?:articles|posts?|stories|reading)(?:\s*:.*)?"
    r"|(?:related|also\s+read|read\s+(?:more|also|next)|see\s+also|don['’]?t\s+miss|up\s+next)"
    r"\s*:\s*\S.{0,200}"
    r"|you\s+may\s+also\s+like|meta\s+description\s*:.*"
    r"|(?:is|was)\s+this\s+(?:page|article|post)\s+(?:useful|helpful)\??"
    rf"|{_READ_TIME}"
    r"|(?:\d+\s+)?comments?(?:\s*\(\d+\))?"
    r"|(?:leave|add|post|view|show|hide|load)\s+(?:a\s+|the\s+|more\s+)?(?:comments?|reply)"
    r"|writer['’]s\s+picture.{0,80}"
    rf"|.{{0,300}}?(?:{_DISCLOSURE}|{_COOKIES}).{{0,300}}"
    r"|[^.!?«‹\n]{1,60}?\s*(?:»|›)"
    r"|[^›»\n]{1,200}?(?:\s[›»]\s[^›»\n]{1,200}?){1,8}"  # a breadcrumb trail: "Home › Health"
    r"|.{0,300}?(?:^|\s)(?:read\s+)?more\s*(?:\.{3}|…|»|›|>>))"
)


def is_furniture(line: str) -> bool:
    """Whether ``line`` is a saved page's furniture, wherever it stands (`_FURNITURE`)."""
    s = line.strip().lstrip(_LIST_MARK + "|")  # or after a bar: "|3 min read"
    return len(s) <= _FURNITURE_CHARS and _FURNITURE.fullmatch(s) is not None


def is_breadcrumb(line: str, below: str) -> bool:
    """Whether ``line``, the first of a page, is a breadcrumb over its headline ``below``
    ("1. Health" over "Help your college freshman combat loneliness"), not a first tip."""
    return (_BREADCRUMB.fullmatch(line.strip()) is not None and looks_like_title(below)
            and not _NUMBERED.match(below.strip()))


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` ("June 8, 2022" -> "2022-06-08")."""
    for m in _TEXT_DATE.finditer(text):
        s = m.group()
        try:
            if re.match(r"\d{4}-", s):
                return date(int(s[:4]), int(s[5:7]), int(s[8:10])).isoformat()
            day = int(re.search(r"\b\d{1,2}(?=st|nd|rd|th|\b)(?!\d)", s).group())
            year = int(re.search(r"\d{4}", s).group())
            month = _MONTHS[re.search(r"[A-Za-z]{3}", s).group().lower()]
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, ISO date) when the whole line is a byline or a date line, else None; a line
    naming who reviewed or edited the article is one, with no author."""
    s = _EMPHASIS.sub("", line).strip().lstrip(_LIST_MARK)
    if _QUALIFIED_CREDIT.match(s[:_CREDIT_CHARS]):
        return None, None
    if len(s) > _BYLINE_CHARS:
        return None
    if _CREDIT_LINE.fullmatch(s) or _EMPTY_BYLINE.fullmatch(s):
        return None, None
    m = _DATE_LINE.fullmatch(s) or _BY_LINE.fullmatch(s)
    if not m:
        if _STAMP_LINE.fullmatch(s):
            return None, parse_date(s)
        return _byline_in_parts(s)
    when = m.group("date")
    return m.group("author"), parse_date(when) if when else None


def _byline_in_parts(s: str) -> tuple[str | None, str | None] | None:
    """(author, ISO date) of a byline in parts set apart by · | • (`_PART_BREAK`): each part a
    date (the first one counts), a "By" line, how long it takes to read, "On Behalf of", the
    blog's category after a date, or first of all a name of two words or more; one part at
    least a date. A table's row ("| Week 1 | May 5, 2020 |") is not one."""
    if s.startswith("|") or s.endswith("|"):  # a row of a table
        return None
    parts = [p for p in _PART_BREAK.split(_READ_TIME_GLUED.sub(r"\g<0> · ", s)) if p]
    if len(parts) < 2:
        return None
    author = when = None
    dated = False
    for k, part in enumerate(parts):
        by = _BY_LINE.fullmatch(part)
        if _STAMP_LINE.fullmatch(part):
            dated, when = True, when or parse_date(part)
        elif by:
            author = author or by.group("author")
            if by.group("date"):
                dated, when = True, when or parse_date(by.group("date"))
        elif k == 0 and _NAME_PART.fullmatch(part):
            author = part
        elif not (_READ_TIME_PART.fullmatch(part) or _ON_BEHALF.fullmatch(part)
                  or (dated and _CATEGORY.fullmatch(part))):
            return None
    return (author, when) if dated else None


def url_of(line: str) -> str | None:
    """The URL when the whole line is one ("https://…", "Source: https://…")."""
    m = _URL_LINE.fullmatch(line.strip())
    return web_address(m.group("url")) if m else None


# what a web address never holds unescaped, and a client writing it into a link or an attribute
# would read as the end of it ("https://a/x) [Click me](javascript:…", "https://a/\" onmouseover=")
_NOT_IN_ADDRESS = re.compile(r"[\s\"'<>\\()`\x00-\x1f\x7f]")


def web_address(value: str | None) -> str | None:
    """``value`` when it is an http(s) address with a host and nothing a link would break on:
    an article's ``url`` reaches ``sources[].url`` of `/api/ask` and MCP answers, which a client
    may render as a link. Anything else ("javascript:…", a relative path) is no address."""
    value = (value or "").strip()
    if not value or _NOT_IN_ADDRESS.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def looks_like_title(line: str) -> bool:
    """Short, one sentence, no trailing period or comma, a phrase that ends (not "Trusted
    Leaders In the"), and not a byline, a URL or a page's furniture."""
    s = line.strip()
    return (
        0 < len(s) <= 150
        and len(s.split()) <= 20
        and not s.endswith((",", ";", ":"))
        and (not s.endswith(".") or s.endswith("..."))
        and not _SENTENCE_BREAK.search(s)
        and not _UNFINISHED.search(s)
        and parse_byline(s) is None
        and url_of(s) is None
        and not is_furniture(s)
    )


_MARKDOWN_TITLE = re.compile(r"#\s+(\S.{0,150})")  # "# Homesick? Here's what to do"


def extract_metadata(text: str) -> dict[str, str | None]:
    """``{"title", "author", "date", "url"}`` from the first lines (and last lines for a url).

    The title is the first line when it looks like one (`looks_like_title`) or is a Markdown
    ``#`` title, after any skip link, under a breadcrumb (`is_breadcrumb`); a banner cut
    mid-phrase is passed over with the rest of its paragraph ("Trusted Leaders In the /
    Practice of Family Law").
    """
    rows, paragraph = [], 0  # (line, number of its paragraph)
    for ln in text.split("\n", 40)[:40]:
        if ln.strip():
            rows.append((ln.strip(), paragraph))
        else:
            paragraph += 1
    head = [r for r in rows[:8] if not is_furniture(r[0])]  # "Skip to main content" first
    if len(head) > 1 and is_breadcrumb(head[0][0], head[1][0]):
        head.pop(0)
    elif head and _UNFINISHED.search(head[0][0]):
        head = [r for r in head if r[1] != head[0][1]]
    title = None
    if head and (looks_like_title(head[0][0]) or _MARKDOWN_TITLE.fullmatch(head[0][0])):
        title = re.sub(r"^#{1,6}\s+", "", head.pop(0)[0])
    author = when = None
    for line, _ in head:
        found = parse_byline(line)
        if found:
            author = author or found[0]
            when = when or found[1]
    tail = [ln.strip() for ln in text.rsplit("\n", 12)[-12:] if ln.strip()][-3:]
    url = next((u for u in map(url_of, [r[0] for r in head] + tail) if u), None)
    return {"title": title, "author": author, "date": when, "url": url}
