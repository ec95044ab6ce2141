"""Horizontal bar charts as inline SVG, drawn by hand so report.html loads nothing."""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

LABEL_W, BAR_W, VALUE_W = 200, 220, 70
ROW_H, BAR_H, TOP = 26, 16, 34


def bar_chart(
    title: str,
    bars: list[tuple[str, float]],
    *,
    scale_max: float | None = None,
    lower_is_better: frozenset[str] = frozenset(),
    fmt: Callable[[str, float], str] = lambda name, v: f"{v:.3f}",
) -> str:
    """An ``<svg>`` with one labelled bar per ``(name, value)``.

    Bars run from 0 to ``scale_max`` (default: the largest value); NaN is drawn as "n/a" with
    no bar. Names in ``lower_is_better`` get a different colour and a "↓" so a reader knows
    which way is good. ``fmt(name, value)`` writes the value labels.
    """
    finite = [v for _, v in bars if not math.isnan(v)]
    top = scale_max if scale_max is not None else max(finite, default=0.0)
    top = top if top > 0 else 1.0
    width = LABEL_W + BAR_W + VALUE_W
    height = TOP + ROW_H * len(bars) + 8
    x0 = LABEL_W
    out = [
        (
            f'<svg class="chart" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>"
        ),
        f'<text class="chart-title" x="0" y="16">{escape(title)}</text>',
    ]
    for frac in (0.0, 0.5, 1.0):
        x = x0 + BAR_W * frac
        out.append(
            f'<line class="grid" x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 6}"/>'
        )
    for i, (name, value) in enumerate(bars):
        y = TOP + i * ROW_H
        label = f"{name} ↓" if name in lower_is_better else name
        out.append(
            f'<text class="label" x="{x0 - 8}" y="{y + 12}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        if math.isnan(value):
            out.append(f'<text class="value" x="{x0 + 4}" y="{y + 12}">n/a</text>')
            continue
        w = BAR_W * min(max(value, 0.0), top) / top
        cls = "bar low" if name in lower_is_better else "bar"
        out.append(
            f'<rect class="{cls}" x="{x0}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
            f'rx="2"><title>{escape(name)}: {escape(fmt(name, value))}</title></rect>'
        )
        out.append(
            f'<text class="value" x="{x0 + w + 6:.1f}" y="{y + 12}">'
            f"{escape(fmt(name, value))}</text>"
        )
    out.append("</svg>")
    return "".join(out)
