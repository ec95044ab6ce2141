"""Title, author, date and url as the article itself states them; None where it doesn't.

Only what is written is taken: a byline ("Last updated on June 8, 2022 by April Maccario",
"By Jane Doe", "Posted on 2023-05-15") or a bare date line near the top, a URL line near the top
or bottom, and the first line as the title when it looks like one. Nothing is guessed (a bare
"About the Author" line names nobody).
"""

from __future__ import annotations

import re
from datetime import date

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
# "By Jane Doe", "Written by: Jane Doe | May 15, 2023", "By Fredda Wasserman, Contributor"
_BY_LINE = re.compile(
    rf"(?i:by|written\s+by|posted\s+by|author)\s*:?\s+(?P<author>{_NAME}){_CREDENTIALS}"
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
# a news page's time stamp: "03/19/2014 10:32 pm ET Updated May 19, 2014"
_NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,4})?"
_STAMP_LINE = re.compile(
    rf"(?:(?:{_WHEN})?(?:{_DATE}|{_NUMERIC_DATE})(?:,?\s+{_TIME})?\s*(?:[|·•—–,-]\s*)?){{1,3}}"
)
_LIST_MARK = " \t•·*-–—"  # before a byline or furniture in a list ("• Written By: Mary McMahon")
_URL_LINE = re.compile(
    r"(?i:(?:url|source|link|originally published (?:at|on))\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>]+?)>?"
)
_TEXT_DATE = re.compile(_DATE)
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+[A-Z]")


# a saved page's furniture, a whole line wherever it stands: "Print this Article", "Article
# Details", "Advertisement", and a teaser for another page ("...for 10 minutes.  more...",
# "Read more »")
_FURNITURE = re.compile(
    r"(?i:(?:print|e-?mail|share|save|bookmark|cite)\s+this\s+(?:article|page|post|story)"
    r"|article\s+details|advertisement|skip\s+to\s+(?:main\s+)?content"
    r"|printer[\s-]friendly(?:\s+version)?"
    r"|(?:related|recommended|popular)\s+(?:articles|posts?|stories|reading)(?:\s*:.*)?"
    r"|you\s+may\s+also\s+like|meta\s+description\s*:.*"
    r"|(?:is|was)\s+this\s+(?:page|article|post)\s+(?:useful|helpful)\??"
    r"|.{0,300}?(?:^|\s)(?:read\s+)?more\s*(?:\.{3}|…|»|›|>>))"
)


def is_furniture(line: str) -> bool:
    """Whether ``line`` is a saved page's furniture, wherever it stands (`_FURNITURE`)."""
    return _FURNITURE.fullmatch(line.strip().lstrip(_LIST_MARK)) is not None


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
    if len(s) > 160:
        return None
    if _CREDIT_LINE.fullmatch(s) or _EMPTY_BYLINE.fullmatch(s):
        return None, None
    m = _DATE_LINE.fullmatch(s) or _BY_LINE.fullmatch(s)
    if not m:
        return (None, parse_date(s)) if _STAMP_LINE.fullmatch(s) else None
    when = m.group("date")
    return m.group("author"), parse_date(when) if when else None


def url_of(line: str) -> str | None:
    """The URL when the whole line is one ("https://…", "Source: https://…")."""
    m = _URL_LINE.fullmatch(line.strip())
    return m.group("url") if m else None


def looks_like_title(line: str) -> bool:
    """Short, one sentence, no trailing period or comma, and not a byline or URL."""
    s = line.strip()
    return (
        0 < len(s) <= 150
        and len(s.split()) <= 20
        and not s.endswith((",", ";", ":"))
        and (not s.endswith(".") or s.endswith("..."))
        and not _SENTENCE_BREAK.search(s)
        and parse_byline(s) is None
        and url_of(s) is None
    )


def extract_metadata(text: str) -> dict[str, str | None]:
    """``{"title", "author", "date", "url"}`` from the first lines (and last lines for a url)."""
    lines = [ln.strip() for ln in text.split("\n", 40)[:40] if ln.strip()]
    head = [ln for ln in lines[:8] if not is_furniture(ln)]  # "Skip to main content" first
    title = None
    if head and looks_like_title(head[0]):
        title = re.sub(r"^#{1,6}\s+", "", head.pop(0))
    author = when = None
    for line in head:
        found = parse_byline(line)
        if found:
            author = author or found[0]
            when = when or found[1]
    tail = [ln.strip() for ln in text.rsplit("\n", 12)[-12:] if ln.strip()][-3:]
    url = next((u for u in map(url_of, head + tail) if u), None)
    return {"title": title, "author": author, "date": when, "url": url}
