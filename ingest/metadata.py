"""Title, author, date and url as the article itself states them (None where it doesn't)."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_DMY = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8}),? (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BYLINE = re.compile(r"\b(?:[Bb]y|[Aa]uthor:|[Ww]ritten by)\s+([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})\s*$")
_URL = re.compile(r"^\s*(?:URL:\s*|Source:\s*)?(https?://\S+)\s*$", re.I)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:Last )?[Uu]pdated(?: on)?|[Pp]osted(?: on)?|[Pp]ublished(?: on)?)?\s*:?\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]{2,8},? \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s+by\s+.+)?\s*$"
)


def parse_date(text: str) -> str | None:
    """First date in ``text`` as ISO ``YYYY-MM-DD``."""
    for rx, order in ((_ISO, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if order == "ymd":
                return date(int(a), int(b), int(c)).isoformat()
            if order == "mdy":
                month = _MONTHS.get(a.lower())
                return date(int(c), month, int(b)).isoformat() if month else None
            month = _MONTHS.get(b.lower())
            return date(int(c), month, int(a)).isoformat() if month else None
        except ValueError:
            continue
    return None


def is_date_line(line: str) -> bool:
    """A byline or bare date line ("May 15, 2023", "Last updated on … by …")."""
    return bool(_DATE_LINE.match(line)) and len(line) < 160


def looks_like_title(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 150 and not s.endswith((".", ",", ";")) and len(s.split()) <= 20


def extract_metadata(text: str) -> dict:
    """{"title", "author", "date", "url"} from the first lines (and last lines for a url)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head = lines[:6]
    title = head[0].strip() if head and looks_like_title(head[0]) else None
    author = date_ = url = None
    for line in head[1:] if title else head:
        s = line.strip()
        if date_ is None and is_date_line(s):
            date_ = parse_date(s)
        if author is None and len(s) < 120:
            m = _BYLINE.search(s)
            if m and (is_date_line(s) or s.lower().startswith(("by ", "author", "written by"))):
                author = m.group(1).strip()
    for line in head + lines[-3:]:
        m = _URL.match(line)
        if m:
            url = m.group(1)
            break
    return {"title": title, "author": author, "date": date_, "url": url}
