"""Compare a run with an earlier one: each metric old -> new, and the questions whose hit changed.

Small sets move in whole questions (one of 50 graded questions is 0.02), so besides the
metrics `flips` counts the questions hit in one run and missed in the other, with the exact
two-sided sign test's p-value: how often a coin would split them at least this unevenly.
"""

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


def _hits(results: Path) -> dict[str, bool]:
    """Question id -> hit, for the graded questions of a run's results.jsonl."""
    out = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("gold"):
                out[row["id"]] = row.get("verdict") == "hit"
    return out


def sign_test(gained: int, lost: int) -> float:
    """Exact two-sided sign test: the chance of a split at least this uneven by a fair coin."""
    n, k = gained + lost, min(gained, lost)
    if n == 0:
        return 1.0
    return min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n)


def flips(new_dir: str | Path, old_dir: str | Path) -> str | None:
    """One line: graded questions hit now and missed before, the reverse, and the sign test's
    p-value, over the questions both runs graded; None without both runs' results.jsonl."""
    new_path, old_path = Path(new_dir) / "results.jsonl", Path(old_dir)
    old_path = old_path / "results.jsonl" if old_path.is_dir() else old_path.with_name(
        "results.jsonl")
    if not (new_path.is_file() and old_path.is_file()):
        return None
    try:
        new, old = _hits(new_path), _hits(old_path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError):
        return None
    common = new.keys() & old.keys()
    gained = sum(new[q] and not old[q] for q in common)
    lost = sum(old[q] and not new[q] for q in common)
    return (f"questions hit now, missed before: {gained}; missed now, hit before: {lost} "
            f"(of {len(common)} graded in both; sign test p = {sign_test(gained, lost):.2f})")
