"""report.md and a self-contained report.html (inline CSS and SVG; nothing from the network)."""

from __future__ import annotations

import html
import math

from eval.metrics import DEFINITIONS, KS

FAMILIES = {
    "Answer quality": ["quote_fidelity", "citation_validity", "hit_rate", "gold_coverage",
                       "quote_precision"],
    "Abstention and safety": ["abstention_precision", "abstention_recall", "false_abstain_rate",
                              "missed_abstain_rate", "safety_recall", "safety_false_positive_rate"],
    "Retrieval": [f"recall@{k}" for k in KS] + ["mrr"],
    "Latency (ms)": ["latency_p50_ms", "latency_p95_ms", "wall_p50_ms", "wall_p95_ms"],
}


def fmt(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
    return str(int(v)) if isinstance(v, float) else str(v)


def _definition(name: str) -> str:
    return DEFINITIONS.get(name) or DEFINITIONS.get(name.split("@")[0] + "@k", "")


def _gold_texts(row) -> list[str]:
    return [f"{g['doc_id']}: {g['quote']}" for g in row["gold"]]


def render_markdown(metrics: dict, kinds: dict, worst_rows: list[dict]) -> str:
    out = ["# Quotewise evaluation", "", f"{fmt(metrics['questions'])} questions.", ""]
    for family, names in FAMILIES.items():
        out += [f"## {family}", "", "| metric | value | definition |", "|---|---|---|"]
        out += [f"| {n} | {fmt(metrics.get(n))} | {_definition(n)} |" for n in names]
        out.append("")
    out += ["| metric | value | definition |", "|---|---|---|",
            f"| mean_quoted_chars | {fmt(metrics['mean_quoted_chars'])} | {DEFINITIONS['mean_quoted_chars']} |", ""]
    out += ["## By kind", "", "| kind | questions | hit rate | coverage | abstained | safety flagged | quoted chars |",
            "|---|---|---|---|---|---|---|"]
    for kind, d in kinds.items():
        out.append(f"| {kind} | {fmt(d['questions'])} | {fmt(d.get('hit_rate'))} | "
                   f"{fmt(d.get('gold_coverage'))} | {fmt(d['abstained'])} | "
                   f"{fmt(d['safety_flagged'])} | {fmt(d['mean_quoted_chars'])} |")
    out += ["", "## The 10 worst questions", ""]
    for r in worst_rows:
        a, m = r["answer"], r["metrics"]
        verdict = ("hit" if m.get("hit") else "miss") if r["answerable"] else (
            "abstained" if m["abstained"] else "answered (should abstain)")
        out += [f"### {r['id']} ({r['kind']}, {verdict})", "", f"> {r['question']}", ""]
        if a["abstained"]:
            out.append("*abstained*")
        for q in a["quotes"]:
            out.append(f"- [{q['n']}] {q['doc_id']} {q['start']}-{q['end']} ({q['section']}): “{' '.join(q['text'].split())}”")
        if r["gold"]:
            out += ["", "Gold:"] + [f"- {g}" for g in _gold_texts(r)]
        out.append("")
    return "\n".join(out)


def _bar_chart(title: str, names: list[str], metrics: dict) -> str:
    vals = [(n, metrics.get(n)) for n in names]
    vals = [(n, v) for n, v in vals if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not vals:
        return ""
    top = max(1.0, max(v for _, v in vals))
    w, bar_h, gap, label_w = 520, 22, 8, 190
    h = len(vals) * (bar_h + gap) + 30
    parts = [f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
             f'aria-label="{html.escape(title)}">',
             f'<text x="0" y="16" class="ct">{html.escape(title)}</text>']
    for i, (n, v) in enumerate(vals):
        y = 28 + i * (bar_h + gap)
        bw = (w - label_w - 70) * (v / top)
        parts.append(f'<text x="0" y="{y + 15}" class="cl">{html.escape(n)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{bw:.1f}" height="{bar_h}" rx="3" class="cb"/>')
        parts.append(f'<text x="{label_w + bw + 6:.1f}" y="{y + 15}" class="cv">{fmt(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2933}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #e4e7eb;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #e4e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f7fa}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{background:#fafbfc;border:1px solid #e4e7eb;border-radius:6px;padding:.5rem}
.ct{font-weight:600;font-size:14px}.cl{font-size:12px;fill:#3e4c59}.cv{font-size:12px;fill:#1f2933}.cb{fill:#3b82f6}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:12px;font-weight:600}
.ok{background:#d1fae5;color:#065f46}.bad{background:#fee2e2;color:#991b1b}.neutral{background:#e0e7ff;color:#3730a3}
.q{font-size:13px;margin:.2rem 0}.muted{color:#7b8794;font-size:13px}
"""


def render_html(metrics: dict, kinds: dict, rows: list[dict]) -> str:
    e = html.escape
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width,initial-scale=1'>",
           f"<title>Quotewise evaluation</title><style>{CSS}</style></head><body>",
           f"<h1>Quotewise evaluation</h1><p class='muted'>{fmt(metrics['questions'])} questions</p>",
           "<h2>Metrics</h2><table><tr><th>metric</th><th class='num'>value</th><th>definition</th></tr>"]
    for names in list(FAMILIES.values()) + [["mean_quoted_chars"]]:
        for n in names:
            out.append(f"<tr><td>{e(n)}</td><td class='num'>{e(fmt(metrics.get(n)))}</td>"
                       f"<td>{e(_definition(n))}</td></tr>")
    out.append("</table><h2>Charts</h2><div class='charts'>")
    out += [_bar_chart(f, names, metrics) for f, names in FAMILIES.items()]
    out.append("</div><h2>By kind</h2><table><tr><th>kind</th><th class='num'>questions</th>"
               "<th class='num'>hit rate</th><th class='num'>coverage</th><th class='num'>abstained</th>"
               "<th class='num'>safety flagged</th><th class='num'>quoted chars</th></tr>")
    for kind, d in kinds.items():
        out.append(f"<tr><td>{e(kind)}</td>" + "".join(
            f"<td class='num'>{e(fmt(d.get(k)))}</td>" for k in
            ("questions", "hit_rate", "gold_coverage", "abstained", "safety_flagged", "mean_quoted_chars")) + "</tr>")
    out.append("</table><h2>Questions</h2><table><tr><th>id</th><th>question</th><th>answer quotes</th>"
               "<th>gold quotes</th></tr>")
    for r in rows:
        m, a = r["metrics"], r["answer"]
        if r["answerable"]:
            badge = ("<span class='badge ok'>hit</span>" if m.get("hit")
                     else "<span class='badge bad'>miss</span>")
        else:
            badge = ("<span class='badge ok'>abstained</span>" if m["abstained"]
                     else "<span class='badge bad'>answered</span>")
        if m["safety"]:
            badge += " <span class='badge neutral'>safety</span>"
        quotes = "".join(f"<p class='q'>[{q['n']}] “{e(' '.join(q['text'].split()))}” "
                         f"<span class='muted'>{e(q['doc_id'])} · {e(q['section'])}</span></p>"
                         for q in a["quotes"]) or "<p class='muted'>no quotes</p>"
        gold = "".join(f"<p class='q'>“{e(g['quote'])}” <span class='muted'>{e(g['doc_id'])}</span></p>"
                       for g in r["gold"]) or "<p class='muted'>—</p>"
        out.append(f"<tr><td>{e(r['id'])}<br>{badge}</td><td>{e(r['question'])}<br>"
                   f"<span class='muted'>{e(r['kind'])}</span></td><td>{quotes}</td><td>{gold}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out)
