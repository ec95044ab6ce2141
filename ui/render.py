"""HTML for citations and articles. Article text is always escaped: it shows as text, never
runs. Containers use ``white-space: pre-wrap`` so the ``<mark>``'s text equals the quote exactly."""

from __future__ import annotations

import html
import re

from ingest.model import section_label, title_label

_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark


def plain_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly ``text``: no emphasis, links, HTML or maths.

    CommonMark lets any ASCII punctuation be escaped with a backslash, so escaping all of it
    leaves nothing for a renderer to interpret.
    """
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) around ``text[start:end]``: from the blank line before to the one after."""
    before = [m.end() for m in _PARA_BREAK.finditer(text, 0, start)]
    a = before[-1] if before else 0
    m = _PARA_BREAK.search(text, end)
    b = m.start() if m else len(text)
    return a, b


def highlight(text: str, start: int, end: int, *, mark_id: str = "qw-quote") -> str:
    """Escaped ``text`` with ``text[start:end]`` wrapped in one ``<mark>``."""
    e = html.escape
    return (f"{e(text[:start])}<mark id=\"{mark_id}\">{e(text[start:end])}</mark>{e(text[end:])}")


def _meta_line(doc) -> str:
    bits = [b for b in (doc.author, doc.date) if b]
    return html.escape(" · ".join(bits)) if bits else ""


# A citation card shows the quote in its paragraph, and "Read the whole article" the article
# around it. Both are sent with every answer: a 1.9 MB upload of one paragraph made each answer
# 3.8 MB, and every later event of its page as heavy (sixteenth audit, left open then). So a card
# shows at most CARD_CONTEXT_CHARS of its paragraph either side of the quote, and the article
# view ARTICLE_CONTEXT_CHARS either side (an article of up to about twice that shows whole),
# each cut at a space, with a line saying how much is not shown. The quote is always whole.
CARD_CONTEXT_CHARS = 600
ARTICLE_CONTEXT_CHARS = 30_000


def window(text: str, a: int, b: int, start: int, end: int, reach: int) -> tuple[int, int]:
    """The part ``[lo, hi)`` of ``text[a:b]`` shown around ``text[start:end]``: the quote whole,
    and at most ``reach`` characters of ``text[a:b]`` either side of it, cut at whitespace where
    some is near the cut (a word is not shown in part)."""
    start, end = min(max(start, a), b), min(max(end, a), b)
    lo, hi = max(a, start - reach), min(b, end + reach)
    near = reach // 4
    if lo > a:  # start after the first whitespace near the cut
        m = _SPACE.search(text, lo, min(start, lo + near))
        lo = m.end() if m else lo
    if hi < b:  # end at the last whitespace near the cut
        after = max(end, hi - near)
        cut = max(text.rfind(" ", after, hi), text.rfind("\n", after, hi))
        hi = cut if cut >= 0 else hi
    return lo, hi


_SPACE = re.compile(r"\s")


def _more(n: int, where: str) -> str:
    """A line for ``n`` characters not shown ``where`` ("before", "after") the part shown."""
    return f"<div class='qw-card-meta'>[… {n:,} more characters {where} this, not shown]</div>"


def citation_html(doc, quote: dict) -> str:
    """The source card of a quote: article facts, section, and its paragraph with the quote
    marked (at most `CARD_CONTEXT_CHARS` of it either side of the quote)."""
    s, e_ = quote["start"], quote["end"]
    a, b = paragraph_bounds(doc.text, s, e_)
    lo, hi = window(doc.text, a, b, s, e_, CARD_CONTEXT_CHARS)
    body = highlight(doc.text[lo:hi], s - lo, e_ - lo)
    body = ("… " if lo > a else "") + body + (" …" if hi < b else "")
    section = html.escape(section_label(quote.get("section")))
    return (
        "<div class='qw-card'>"
        f"<div class='qw-card-n'>[{int(quote['n'])}]</div>"
        f"<div class='qw-card-title'>{html.escape(title_label(doc.title, doc.doc_id))}</div>"
        f"<div class='qw-card-meta'>{_meta_line(doc)}</div>"
        f"<div class='qw-card-section'>Section: {section}</div>"
        f"<div class='qw-context'>{body}</div>"
        f"<div class='qw-card-src'>{html.escape(doc.source)} · characters {s}–{e_}</div>"
        "</div>"
    )


def article_html(doc, start: int | None = None, end: int | None = None) -> str:
    """The article, escaped, with the quote (if any) marked and scrollable into view: at most
    `ARTICLE_CONTEXT_CHARS` either side of the quote (of its opening, without one)."""
    text = doc.text
    s, e_ = (start, end) if start is not None and end is not None else (0, 0)
    lo, hi = window(text, 0, len(text), s, e_, ARTICLE_CONTEXT_CHARS)
    body = (highlight(text[lo:hi], s - lo, e_ - lo, mark_id="qw-article-quote")
            if start is not None and end is not None else html.escape(text[lo:hi]))
    return (f"<div class='qw-article'><h3>{html.escape(title_label(doc.title, doc.doc_id))}</h3>"
            f"<div class='qw-card-meta'>{_meta_line(doc)}</div>"
            + (_more(lo, "before") if lo else "")
            + f"<div class='qw-article-text'>{body}</div>"
            + (_more(len(text) - hi, "after") if hi < len(text) else "")
            + "</div>")


def notice_html(answer: dict, *, hint: str = "") -> str:
    """A coloured box for abstentions and safety notices, empty for ordinary answers; ``hint``
    (from the corpus profile) says what the articles do cover."""
    if answer.get("safety"):
        return ("<div class='qw-notice qw-safety' role='alert'><b>Safety first.</b> If you are in "
                "danger, contact local emergency services now, or a domestic-violence hotline. For "
                "thoughts of self-harm, please call a crisis line. Any guidance the articles give "
                "on staying safe is quoted first below.</div>")
    if answer.get("abstained"):
        tip = f" {html.escape(hint)}" if hint else ""
        return ("<div class='qw-notice qw-abstain' role='status'><b>The articles don't cover "
                "this.</b> Quotewise only answers from the indexed articles, so it won't guess."
                f"{tip}</div>")
    return ""


def library_html(docs: list, manifest: dict) -> str:
    counts = {d["doc_id"]: d.get("chunks") for d in manifest.get("documents", [])}
    rows = "".join(
        f"<tr><td>{html.escape(title_label(d.title, d.doc_id))}</td><td>{html.escape(d.author or '—')}</td>"
        f"<td>{html.escape(d.date or '—')}</td><td class='num'>{counts.get(d.doc_id, '—')}</td>"
        f"<td class='num'>{len(d.examples) or '—'}</td>"
        f"<td><code>{html.escape(d.source)}</code></td></tr>"
        for d in sorted(docs, key=lambda d: d.doc_id))
    model = manifest.get("model", {})
    return (
        "<table class='qw-table'><tr><th>Title</th><th>Author</th><th>Date</th>"
        f"<th class='num'>Chunks</th><th class='num' title='questions people ask that the "
        f"article answers, from its .questions.jsonl file; retrieval learns from them'>"
        f"Example questions</th><th>File</th></tr>{rows}</table>"
        f"<p class='qw-facts'>Model: <code>{html.escape(str(model.get('id')))}</code> "
        f"({html.escape(str(model.get('dim')))} dimensions) · last ingest: "
        f"{html.escape(str(manifest.get('created', '—')))} · "
        f"{html.escape(str(manifest.get('counts', {}).get('chunks', '—')))} chunks</p>"
    )


CSS = """
.qw-notice{border-radius:8px;padding:.7rem 1rem;margin:.3rem 0;font-size:.95rem}
.qw-safety{background:#fff4e5;border:1px solid #f59e0b;color:#7c2d12}
.qw-abstain{background:#eef2ff;border:1px solid #818cf8;color:#312e81}
.qw-card{border:1px solid #e5e7eb;border-radius:8px;padding:.8rem;background:#fff;color:#111827}
.qw-card-n{font-weight:700;color:#2563eb}.qw-card-title{font-weight:600;margin:.1rem 0}
.qw-card-meta,.qw-card-src{color:#6b7280;font-size:.85rem}.qw-card-section{font-size:.9rem;margin:.2rem 0 .5rem}
.qw-context,.qw-article-text{white-space:pre-wrap;line-height:1.55;font-size:.95rem}
.qw-context mark,.qw-article-text mark{background:#fde68a;color:#111827;padding:0 1px;border-radius:2px}
.qw-article{max-height:420px;overflow:auto;border:1px solid #e5e7eb;border-radius:8px;padding:.8rem;background:#fff;color:#111827}
.qw-table{width:100%;border-collapse:collapse}.qw-table td,.qw-table th{border-bottom:1px solid #e5e7eb;padding:.35rem;text-align:left}
.qw-table .num{text-align:right}.qw-facts{color:#6b7280;font-size:.9rem}
"""
