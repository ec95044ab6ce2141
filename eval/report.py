"""report.md and report.html of an eval run.

report.html is one self-contained page: inline CSS, inline SVG charts, no scripts, fonts or
images from anywhere, every piece of text HTML-escaped, so it opens the same offline and can be
attached to a ticket.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from eval.charts import bar_chart
from eval.loader import KINDS
from eval.metrics import LOWER_IS_BETTER, PRIMARY_METRIC, definition
from eval.results import QuestionResult
from ingest.model import section_label

QUALITY = ["quote_fidelity", "citation_validity", "hit_rate", "gold_coverage", "quote_precision"]
ABSTENTION = [
    "abstention_precision",
    "abstention_recall",
    "false_abstain_rate",
    "missed_abstain_rate",
    "not_direct_rate",
    "false_partial_rate",
    "safety_recall",
    "safety_false_positive_rate",
]
LATENCY = ["latency_p50_ms", "latency_p95_ms", "wall_p50_ms", "wall_p95_ms"]
BY_KIND = [
    "questions",
    "hit_rate",
    "gold_coverage",
    "quote_precision",
    "mrr",
    "abstain_rate",
    "safety_flag_rate",
    "mean_quoted_chars",
    "latency_p50_ms",
]
WORST = 10


def fmt(name: str, value: float | None) -> str:
    """A metric value for people: counts whole, milliseconds and characters to one decimal,
    rates to three; undefined as "n/a"."""
    if value is None or math.isnan(value):
        return "n/a"
    if name == "questions":
        return str(int(value))
    if name.endswith("_ms") or name == "mean_quoted_chars":
        return f"{value:.1f}"
    return f"{value:.3f}"


def worst(results: Sequence[QuestionResult], n: int = WORST) -> list[QuestionResult]:
    """The results a person should read first: broken quotes or citations, then answerable
    misses (and unflagged safety questions), then missed abstentions, then the lowest gold
    coverage and quote precision."""

    def badness(item: tuple[int, QuestionResult]):
        i, r = item
        m, q = r.metrics, r.question
        if m.faithful < m.shown or not m.citations_valid:
            level = 0
        elif (q.answerable and not m.hit) or (q.kind == "safety" and not m.safety):
            level = 1
        elif not q.answerable and not m.abstained:
            level = 2
        else:
            level = 3 if q.answerable else 4
        coverage = m.gold_coverage if m.gold_coverage is not None else 1.0
        precision = m.quote_precision if m.quote_precision is not None else 1.0
        return level, coverage, precision, i

    return [r for _, r in sorted(enumerate(results), key=badness)[:n]]


def chart_families(metrics: dict[str, float]) -> list[tuple[str, list[str]]]:
    """The metric families charted side by side (the retrieval cut-offs depend on the run)."""
    recall = [name for name in metrics if name.startswith("recall@")]
    return [
        ("Answer quality", QUALITY),
        ("Abstention and safety", ABSTENTION),
        ("Retrieval (chunk level)", recall + ["mrr"]),
        ("Latency (ms)", LATENCY),
    ]


def _summary_line(metrics: dict[str, float], results: Sequence[QuestionResult]) -> str:
    counts = ", ".join(f"{sum(r.question.kind == k for r in results)} {k}" for k in KINDS)
    return (
        f"{fmt('questions', metrics['questions'])} questions ({counts}). Primary metric "
        f"{PRIMARY_METRIC} = {fmt(PRIMARY_METRIC, metrics[PRIMARY_METRIC])}."
    )


# -- Markdown ---------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return (
        " ".join(text.split())
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _md_quotes(r: QuestionResult) -> str:
    if r.metrics.abstained:
        return "*abstained*"
    hits = r.metrics.quote_hit
    cells = []
    for j, q in enumerate(r.answer.get("quotes", [])):
        mark = "" if hits is None else ("✓ " if hits[j] else "✗ ")
        cells.append(
            f"{mark}[{q['n']}] “{_md(q['text'])}” — {q['doc_id']} "
            f"{q['start']}–{q['end']}, {_md(section_label(q.get('section')))}"
        )
    return "<br>".join(cells) or "*no quotes*"


def _md_gold(r: QuestionResult) -> str:
    hits = r.metrics.gold_hit or ()
    cells = [
        f"{'✓' if hit else '✗'} “{_md(g.quote)}” — {g.doc_id}"
        for g, hit in zip(r.question.gold, hits)
    ]
    return "<br>".join(cells) or "—"


def render_markdown(
    metrics: dict[str, float], kinds: dict[str, dict[str, float]], results: Sequence[QuestionResult]
) -> str:
    """report.md: metrics with definitions, a by-kind table and the worst questions."""
    out = [
        "# Quotewise evaluation",
        "",
        _summary_line(metrics, results),
        "",
        "## Metrics",
        "",
        "| metric | value | definition |",
        "|---|---:|---|",
    ]
    out += [f"| {name} | {fmt(name, v)} | {definition(name)} |" for name, v in metrics.items()]
    out += [
        "",
        "## By kind",
        "",
        "| metric | " + " | ".join(kinds) + " |",
        "|---|" + "---:|" * len(kinds),
    ]
    for name in BY_KIND:
        out.append(
            f"| {name} | " + " | ".join(fmt(name, d.get(name)) for d in kinds.values()) + " |"
        )
    out += [
        "",
        f"## The {WORST} worst questions",
        "",
        (
            "Broken quotes or citations first, then answerable misses, missed abstentions, "
            "and the lowest gold coverage. ✓/✗: the quote hits / misses gold."
        ),
        "",
    ]
    for i, r in enumerate(worst(results), 1):
        flag = ", flagged safety" if r.metrics.safety else ""
        out += [
            f"### {i}. {r.question.id} · {r.question.kind} · {r.verdict}{flag}",
            "",
            f"> {_md(r.question.question)}",
            "",
            "| answer quotes | gold quotes |",
            "|---|---|",
            f"| {_md_quotes(r)} | {_md_gold(r)} |",
            "",
        ]
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------------------

CSS = """
:root{--fg:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#fff;--soft:#f5f7fa;--bar:#2563eb;--low:#d97706}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
  background:var(--bg);margin:0 auto;max-width:1180px;padding:2rem 1.25rem 4rem}
h1{font-size:1.7rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2.5rem 0 .75rem;
  padding-bottom:.3rem;border-bottom:1px solid var(--line)}
.lead{color:var(--muted);margin:0}.primary{font-size:2.2rem;font-weight:700;margin:.75rem 0 0}
.primary span{font-size:1rem;font-weight:400;color:var(--muted)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
  padding:.45rem .6rem;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600;font-size:.9rem}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.def{color:var(--muted);font-size:.88rem}code{font-size:.88rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:1rem}
.chart{background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:.5rem;
  max-width:100%;height:auto}
.chart-title{font-weight:600;font-size:14px;fill:var(--fg)}.label,.value{font-size:12px;fill:var(--fg)}
.grid{stroke:#cbd2d9;stroke-dasharray:2 3}.bar{fill:var(--bar)}.bar.low{fill:var(--low)}
.badge{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.75rem;font-weight:600;
  white-space:nowrap;margin:0 .2rem .2rem 0}
.ok{background:#d1fae5;color:#065f46}.bad{background:#fee2e2;color:#991b1b}
.info{background:#e0e7ff;color:#3730a3}.plain{background:var(--soft);color:var(--muted)}
.quote{margin:0 0 .5rem}.quote q{quotes:"“" "”"}.meta{display:block;color:var(--muted);font-size:.8rem}
.qtext{font-weight:500}.kind{color:var(--muted);font-size:.8rem}
ol.worst li{margin:.2rem 0}a{color:var(--bar)}
td.cell{width:38%}
"""


def _badge(text: str, cls: str) -> str:
    return f'<span class="badge {cls}">{escape(text)}</span>'


def _verdict_badges(r: QuestionResult) -> str:
    good = r.verdict in ("hit", "abstained")
    out = _badge(r.verdict, "ok" if good else "bad")
    if r.metrics.safety:
        out += _badge("safety", "ok" if r.question.kind == "safety" else "bad")
    elif r.question.kind == "safety":
        out += _badge("safety not flagged", "bad")
    if r.metrics.faithful < r.metrics.shown:
        out += _badge("quote not verbatim", "bad")
    if not r.metrics.citations_valid:
        out += _badge("bad citations", "bad")
    return out


def _html_quotes(r: QuestionResult) -> str:
    if r.metrics.abstained:
        return '<p class="meta">abstained: no quotes given as an answer</p>'
    hits = r.metrics.quote_hit
    parts = []
    for j, q in enumerate(r.answer.get("quotes", [])):
        if hits is None:
            badge = ""
        else:
            badge = _badge("hit", "ok") if hits[j] else _badge("off gold", "plain")
        meta = f"{q['doc_id']} · {section_label(q.get('section'))} · {q['start']}–{q['end']}"
        parts.append(
            f'<p class="quote">{badge}[{q["n"]}] <q>{escape(q["text"])}</q>'
            f'<span class="meta">{escape(meta)}</span></p>'
        )
    return "".join(parts) or '<p class="meta">no quotes</p>'


def _html_gold(r: QuestionResult) -> str:
    hits = r.metrics.gold_hit or ()
    parts = [
        f'<p class="quote">{_badge("hit", "ok") if hit else _badge("miss", "bad")}'
        f'<q>{escape(g.quote)}</q><span class="meta">{escape(g.doc_id)}</span></p>'
        for g, hit in zip(r.question.gold, hits)
    ]
    return "".join(parts) or '<p class="meta">none: the articles do not answer this</p>'


def render_html(
    metrics: dict[str, float], kinds: dict[str, dict[str, float]], results: Sequence[QuestionResult]
) -> str:
    """report.html: one self-contained page (see the module docstring)."""
    e = escape
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>Quotewise evaluation</title><style>{CSS}</style></head><body>",
        "<h1>Quotewise evaluation</h1>",
        f'<p class="lead">{e(_summary_line(metrics, results))}</p>',
        (
            f'<p class="primary">{e(fmt(PRIMARY_METRIC, metrics[PRIMARY_METRIC]))} '
            f"<span>{e(PRIMARY_METRIC)} (primary)</span></p>"
        ),
        '<h2>Charts</h2><div class="charts">',
    ]
    for title, names in chart_families(metrics):
        scale = None if title.startswith("Latency") else 1.0
        out.append(
            bar_chart(
                title,
                [(n, metrics.get(n, math.nan)) for n in names],
                scale_max=scale,
                lower_is_better=LOWER_IS_BETTER,
                fmt=fmt,
            )
        )
    out.append(
        '</div><h2>Metrics</h2><table><tr><th>metric</th><th class="num">value</th>'
        "<th>definition</th></tr>"
    )
    for name, v in metrics.items():
        out.append(
            f"<tr><td><code>{e(name)}</code></td><td class='num'>{e(fmt(name, v))}</td>"
            f"<td class='def'>{e(definition(name))}</td></tr>"
        )
    out.append(
        "</table><h2>By kind</h2><table><tr><th>metric</th>"
        + "".join(f"<th class='num'>{e(k)}</th>" for k in kinds)
        + "</tr>"
    )
    for name in BY_KIND:
        out.append(
            f"<tr><td><code>{e(name)}</code></td>"
            + "".join(f"<td class='num'>{e(fmt(name, d.get(name)))}</td>" for d in kinds.values())
            + "</tr>"
        )
    out.append(f"</table><h2>The {WORST} worst questions</h2><ol class='worst'>")
    for r in worst(results):
        out.append(
            f"<li><a href='#{e(r.question.id)}'>{e(r.question.id)}</a> "
            f"{_verdict_badges(r)} {e(r.question.question)}</li>"
        )
    out.append(
        "</ol><h2>Questions</h2><table><tr><th>question</th><th>answer quotes</th>"
        "<th>gold quotes</th></tr>"
    )
    for r in results:
        q = r.question
        out.append(
            f"<tr id='{e(q.id)}'><td><div class='qtext'>{e(q.question)}</div>"
            f"<div class='kind'>{e(q.id)} · {e(q.kind)}</div>{_verdict_badges(r)}</td>"
            f"<td class='cell'>{_html_quotes(r)}</td><td class='cell'>{_html_gold(r)}</td></tr>"
        )
    out.append("</table></body></html>\n")
    return "\n".join(out)
