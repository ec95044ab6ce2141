"""Compare a run's metrics with an earlier run's metrics.json: old -> new and the change."""

from __future__ import annotations

import json
import math
from pathlib import Path

from eval.metrics import direction
from eval.report import fmt
from ingest.errors import InputError


def load_metrics(old: str | Path) -> dict[str, float]:
    """The metrics of an earlier run: its folder or its metrics.json (null read as NaN)."""
    path = Path(old)
    if path.is_dir():
        path = path / "metrics.json"
    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))["metrics"]
        return {name: math.nan if v is None else float(v) for name, v in metrics.items()}
    except FileNotFoundError:
        raise InputError(f"no metrics.json to compare with at {path}") from None
    except (
        OSError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        AttributeError,
        ValueError,
    ):
        raise InputError(f"cannot read metrics from {path}: not an eval metrics.json") from None


def compare(new_metrics: dict[str, float], old_dir: str | Path) -> str:
    """A printable table: one line per metric, ``old -> new`` and the signed change, marked
    "better" or "worse" where the metric has a direction."""
    old = load_metrics(old_dir)
    names = list(new_metrics) + [n for n in old if n not in new_metrics]
    width = max(map(len, names), default=6) + 2
    lines = [f"{'metric':<{width}}{'old':>10}    {'new':>10}{'change':>10}"]
    for name in names:
        o, n = old.get(name), new_metrics.get(name)
        if o is None:
            change = "(new)"
        elif n is None:
            change = "(gone)"
        elif math.isnan(o) or math.isnan(n):
            change = "n/a"
        else:
            change = _signed(name, n - o)
            verdict = direction(name) * (n - o)
            if abs(n - o) > 1e-12 and verdict:
                change += " better" if verdict > 0 else " worse"
        lines.append(f"{name:<{width}}{fmt(name, o):>10} -> {fmt(name, n):>10}  {change}")
    return "\n".join(lines)


def _signed(name: str, delta: float) -> str:
    text = fmt(name, abs(delta))
    return ("+" if delta >= 0 else "-") + text
