"""The extractive composer: grounded Markdown made only of verbatim quotes and their sources.

One framing line that claims nothing beyond the quotes; the quotes grouped under their
article's tip/section heading, each followed by ``[n]``; then "Sources". Citation numbers follow
order of appearance and map 1:1 to ``Answer.quotes``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from assistant.answer import Quote
from ingest.markdown import is_markdown, visible, visible_span
from ingest.model import Document, title_label

# What can start markup inside a line of our Markdown: emphasis, code, links, HTML, strikethrough,
# maths. "(", "!", "#", "+" and "|" start nothing unless a "[" or a line start comes first, and
# our quotes never open a line, so escaping them would only leave stray backslashes in piped
# output ("Tips \(8\)", "love\!"). Text kept on several lines gets its line starts escaped.
# An underscore between two letters or digits ("save_overwatered_plant") opens no emphasis, and
# a "[" opens a link only when its "]" comes right before "(", "[" or ":" (a link, a reference or
# a definition) or it reads like a citation ("[2]"), so "[source: Fisher]" in an article's
# sentence is left as written. A "]" right before "(", "[" or ":" is escaped too: a link's text
# may hold a pair of brackets ("[a [b] c](url)", "![a [b] c](url)") or run over a line of the
# quote, where the "[" alone looked harmless (sixteenth audit: a live link and an image the
# reader's browser fetched, from an article's sentence).
_MD_SPECIAL = re.compile(r"([\\`*<~$]|(?<![^\W_])_|_(?![^\W_])|\[(?=[^\]\n]*\][(\[:]|\d+\])"
                         r"|\](?=[(\[:]))")
# A web or e-mail address in an article's text would show as a link in the chat (a renderer's
# autolinks: "https://…", "www.…", "ftp://…", "help@host.example"): the ":" of "://", the "."
# after "www" and the "@" before a domain are escaped, so the address shows as written, as text.
_ADDRESS_MARKS = (r"(?<=[a-z]){}(:)(?=//)", r"(?<=\bwww){}(\.)", r"{}(@)(?=[\w-]+\.)")
_AUTOLINK = re.compile("(?i)" + "|".join(p.format("") for p in _ADDRESS_MARKS))
_AUTOLINK_ESCAPED = re.compile("(?i)" + "|".join(p.format(r"\\") for p in _ADDRESS_MARKS))
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would show as "&"; a lone "&" is just text
# headings, quotes, "1\\." lists; spaces within the line only: a blank line's "\s*" read on over
# every line after it, the square of the text (4,000 newlines of an LLM's prose: 0.2 s;
# twenty-fifth audit), and the mark it found starts a line of its own anyway
_LINE_START = re.compile(r"(?m)^([^\S\n]*\d*)([#>+\-.)])")


def md_escape(text: str, *, one_line: bool = True) -> str:
    """Escape Markdown/HTML so article text always shows as text, never as markup, with no
    more backslashes than that needs.

    >>> md_escape("Trust Me (8 Tips) — love! <b>*")
    'Trust Me (8 Tips) — love! \\\\<b>\\\\*'
    """
    text = _ENTITY.sub("&amp;", text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(), text)
    if one_line:  # a quote is one line in the answer, after an opening mark
        return " ".join(text.split())
    return _LINE_START.sub(r"\1\\\2", text)


# "$" is escaped for the chat, whose renderer reads "$...$" as maths; an amount ("$6,000") in
# text piped to a file reads as written: a "$" before a digit opens no maths in the renderers
# that have it (GitHub, pandoc), and no "\\" is left in the asker's own file.
_AMOUNT_ESCAPED = re.compile(r"\\(\$)(?=\d)")
# A "*" that cannot open emphasis (CommonMark: not left-flanking) needs no escape in a file:
# one before a space or the line's end ("Diane* walked in", "Elaine,* had"), or after a letter
# and before punctuation ("names changed*."); an asterisk before another "*" or "_" keeps it.
# The backslashes before it are counted: an article's own backslash stays escaped.
_STAR_ESCAPED = re.compile(r"(?<!\\)((?:\\\\)*)\\\*(?=\s|$)|(?<=\w)\\\*(?=[^\w\s*_])")


def as_piped(markdown: str) -> str:
    """``markdown`` for the asker's own files and tools: its web and e-mail addresses' escapes
    (`_AUTOLINK`) undone, where an address is no link into a web page, and those of amounts and
    of asterisks that open no emphasis."""
    markdown = _AMOUNT_ESCAPED.sub(r"\1", markdown)
    markdown = _STAR_ESCAPED.sub(lambda m: (m.group(1) or "") + "*", markdown)
    return _AUTOLINK_ESCAPED.sub(lambda m: next(g for g in m.groups() if g), markdown)


_OPENING_MARKS = ("“", '"', "‘", "„", "«", "'")


_CLOSING = {"“": "”", '"': '"', "‘": "’", "„": "“”", "«": "»", "'": "'"}


def _self_quoted(text: str) -> bool:
    """Whether ``text`` is one quotation of its own: it opens with a quotation mark and that
    mark is closed at its very end (“Play fighting by mutual consent only.” (If it's not fun
    for both...) opens with one but closes it before its end). A ’ or ' inside a word (it’s)
    is an apostrophe; nested marks of the same kind pair up."""
    t = text.strip()
    if len(t) < 2 or not t.startswith(_OPENING_MARKS):
        return False
    first, ends = t[0], _CLOSING[t[0]]
    depth = 0
    for i, ch in enumerate(t):
        if i and ch in ends and not (ch in "’'" and t[i - 1].isalnum()
                                     and i + 1 < len(t) and t[i + 1].isalnum()):
            if ch == first and ch in "\"'" and (i + 1 < len(t) and not t[i + 1].isspace()
                                                and t[i + 1] not in ".,;:!?)…"):
                depth += 1  # a straight mark opening a quotation inside it
                continue
            depth -= 1
            if depth == 0:
                return i == len(t) - 1
        elif ch == first and (ch not in "\"'" or i == 0):
            depth += 1
    return False


def _marked(shown: str, text: str) -> str:
    """``shown`` between quotation marks, unless ``text`` is one quotation of its own ("““Bright
    light”...", `_self_quoted`)."""
    return shown if _self_quoted(text) else f"“{shown}”"
_BLOCK_START = re.compile(r"^([#>]|[=-]+\s*$)")  # a heading, a quote, a heading's underline


# a line break inside a sentence: after a word or a comma, before a word in lower case
_SOFT_BREAK = re.compile(r"(?<=[\w,])[ \t]*\n[ \t]*(?=[a-z])")


def quoted(text: str) -> str:
    """``text`` (already as shown) between quotation marks, for a line of a blockquote: each
    of its lines stays a line ("Avoid repotting in these situations:" / "During dormancy: ..."
    read as one run-on line), escaped so that none opens a heading or a quote of its own; a
    quote that itself opens with a quotation mark gets no second one ("““Bright light”...").
    A line broken in mid-sentence by the article's own line wrapping ("refuse to try new" /
    "foods or even eat") reads as one line."""
    lines = []
    for line in (x for x in _SOFT_BREAK.sub(" ", text).split("\n") if x.strip()):
        line = md_escape(line)
        lines.append(_BLOCK_START.sub(r"\\\1", line) if lines else line)
    body = "  \n> ".join(lines)
    return _marked(body, text)


def shown_text(text: str, doc: Document | None) -> str:
    """A quote or heading of ``doc`` as its reader sees it: a Markdown article's ``**bold**``
    and ``[link](url)`` read as their words (`ingest.markdown.visible`); a quote's ``text``
    itself stays the exact span."""
    return visible(text) if doc is not None and is_markdown(doc.source) else text


def shown_quote(q: Quote, doc: Document | None) -> str:
    """A quote of ``doc`` as its reader sees it, like `shown_text`, but read inside its
    paragraph (`ingest.markdown.visible_span`): a quote that starts or ends inside a span of
    italics or bold shows none of its marks ("Send it to us!*" shows no lone "*")."""
    if (doc is None or not is_markdown(doc.source) or not doc.text
            or doc.text[q.start:q.end] != q.text):
        return shown_text(q.text, doc)
    return visible_span(doc.text, q.start, q.end)


def titles(quotes: list[Quote], documents: dict[str, Document]) -> dict[str, str]:
    """What each quoted article is called in an answer: its `title_label`, and where two of
    them share one (two pages both called "Shin Splints"), where each comes from too: its web
    site, or its file's name when that does not tell them apart ("Shin Splints (nhs.uk)")."""
    def plain(doc_id: str) -> str:
        doc = documents.get(doc_id)
        return title_label(doc.title if doc else None, doc_id)

    def site(doc_id: str) -> str:
        doc = documents.get(doc_id)
        host = (urlsplit(doc.url).hostname or "") if doc and doc.url else ""
        return host.removeprefix("www.")

    def file(doc_id: str) -> str:
        doc = documents.get(doc_id)
        return PurePosixPath(doc.source if doc else doc_id).name

    def key(title: str) -> str:  # "How to make friends…" and "How To Make Friends…" are one
        return " ".join(re.findall(r"\w+", title.casefold()))

    named = {q.doc_id: plain(q.doc_id) for q in quotes}
    shared = Counter(key(t) for t in named.values())
    twins = [d for d in named if shared[key(named[d])] > 1]
    by_site = Counter((key(named[d]), site(d)) for d in twins)
    for d in twins:
        where = site(d) if site(d) and by_site[(key(named[d]), site(d))] == 1 else file(d)
        named[d] = f"{named[d]} ({where})"
    return named


def source_line(q: Quote, doc: Document | None, title: str | None = None) -> str:
    """Where ``q`` comes from: the article's title (``title``, as `titles` names it in this
    answer), author, date and section."""
    title = title or title_label(doc.title if doc else None, q.doc_id)
    bits = [f"*{md_escape(title)}*"]
    if doc and doc.author:
        bits.append(md_escape(doc.author))
    if doc and doc.date:
        bits.append(doc.date)
    if q.section and q.section != title_label(doc.title if doc else None, q.doc_id):
        # a heading in quotation marks keeps its own
        section = md_escape(shown_text(q.section, doc))
        bits.append(f"section {_marked(section, section)}")
    return " — ".join(bits)


def order_quotes(quotes: list[Quote]) -> list[Quote]:
    """Group quotes by (article, section) in order of each group's best quote, then renumber."""
    groups: dict[tuple[str, str], list[Quote]] = {}
    for q in quotes:  # quotes arrive best-first
        groups.setdefault((q.doc_id, q.section), []).append(q)
    ordered = [q for g in groups.values() for q in sorted(g, key=lambda x: x.start)]
    return [
        Quote(n=i, doc_id=q.doc_id, source=q.source, start=q.start, end=q.end, text=q.text,
              section=q.section, score=q.score)
        for i, q in enumerate(ordered, 1)
    ]


def compose_markdown(
    quotes: list[Quote],
    documents: dict[str, Document],
    *,
    framing: str,
    notice: str | None = None,
    scope_note: str | None = None,
) -> str:
    """Markdown for numbered ``quotes`` (already in presentation order, n = 1..); a safety
    ``notice`` and a ``scope_note`` (what the articles don't address) come first."""
    out: list[str] = []
    if notice:
        out += [f"> ⚠️ {notice}", ""]
    if scope_note:
        out += [f"*{md_escape(scope_note)}*", ""]
    out += [framing, ""]
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups and (groups[-1][0].doc_id, groups[-1][0].section) == (q.doc_id, q.section):
            groups[-1].append(q)
        else:
            groups.append([q])
    named = titles(quotes, documents)
    for group in groups:
        first = group[0]
        doc = documents.get(first.doc_id)
        title = named[first.doc_id]
        if first.section and first.section != title_label(doc.title if doc else None,
                                                          first.doc_id):
            out += [f"**{md_escape(shown_text(first.section, doc))}** · *{md_escape(title)}*",
                    ""]
        else:  # a quote from the article's opening, under its title
            out += [f"**{md_escape(title)}**", ""]
        out.append("\n>\n".join(f"> {quoted(shown_quote(q, doc))} [{q.n}]"
                                 for q in group))
        out.append("")
    out += ["**Sources**", ""]
    # quotes in a row from the same place share one line ("[1] [2] *Title* — section ...")
    lines: list[tuple[list[int], str]] = []
    for q in quotes:
        line = source_line(q, documents.get(q.doc_id), named[q.doc_id])
        if lines and lines[-1][1] == line:
            lines[-1][0].append(q.n)
        else:
            lines.append(([q.n], line))
    out += [" ".join(f"[{n}]" for n in ns) + f" {line}  " for ns, line in lines]
    return "\n".join(out).rstrip() + "\n"


def compose_abstention(closest: list[Quote], documents: dict[str, Document], *,
                       notice: str | None = None, scope: str = "the indexed articles") -> str:
    """The Markdown of an abstention: what the articles (``scope``) don't cover, and the
    closest passages, if any, shown for context and not as an answer."""
    out: list[str] = []
    if notice:
        out += [f"> ⚠️ {notice}", ""]
    out.append(
        f"**The articles don't cover this.** I only answer from {md_escape(scope)}, and none "
        "of them addresses this question, so I won't guess."
    )
    if closest:
        out += ["", "*Closest passages — shown for context, not an answer:*", ""]
        named = titles(closest, documents)
        for q in closest:
            doc = documents.get(q.doc_id)
            title = named[q.doc_id]
            text = _marked(md_escape(shown_quote(q, doc)), q.text)
            # an article without headings has no section to name ("Introduction" it has not)
            where = (f", {md_escape(shown_text(q.section, doc))}"
                     if q.section and q.section != title_label(doc.title if doc else None,
                                                              q.doc_id) else "")
            out.append(f"- {text} — *{md_escape(title)}*{where}")
    return "\n".join(out) + "\n"
