"""Quality gates for `quotewise eval --fail-under`.

A spec is comma-separated ``metric<op>value``: ``=`` and ``>=`` mean "at least", ``<=`` means
"at most" (for rates where lower is better), e.g.
``fidelity=1.0,hit_rate=0.9,false_abstain_rate<=0.05``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.errors import InputError

# Short names people type; the long names always work too.
ALIASES = {
    "fidelity": "quote_fidelity",
    "citations": "citation_validity",
    "coverage": "gold_coverage",
    "precision": "quote_precision",
}
_GATE = re.compile(r"([A-Za-z_][\w@]*)\s*(<=|>=|=)\s*(\S+)")
_TOLERANCE = 1e-9  # so fidelity=1.0 passes at 0.9999999999 from float summation


@dataclass(frozen=True)
class Gate:
    """``metric op threshold`` with op ">=" (at least) or "<=" (at most)."""

    metric: str
    op: str
    threshold: float

    def passes(self, value: float) -> bool:
        if math.isnan(value):
            return False
        if self.op == ">=":
            return value >= self.threshold - _TOLERANCE
        return value <= self.threshold + _TOLERANCE


def parse_gates(spec: str, known: Iterable[str]) -> list[Gate]:
    """Gates from a spec; an unknown metric or a malformed part is an `InputError`."""
    known = list(known)
    gates = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        m = _GATE.fullmatch(part)
        if not m:
            raise InputError(f"bad gate {part!r}: use metric=value, metric>=value or metric<=value")
        name, op, number = m.groups()
        metric = ALIASES.get(name, name)
        if metric not in known:
            raise InputError(
                f"unknown metric {name!r} in gate {part!r}; "
                f"known: {', '.join(known + list(ALIASES))}"
            )
        try:
            threshold = float(number)
        except ValueError:
            threshold = math.nan
        if not math.isfinite(threshold):
            raise InputError(f"bad gate {part!r}: {number!r} is not a number")
        gates.append(Gate(metric, "<=" if op == "<=" else ">=", threshold))
    if not gates:
        raise InputError(f"no gates in {spec!r}: use e.g. hit_rate=0.9,false_abstain_rate<=0.05")
    return gates


def check_gates(metrics: dict[str, float], gates: Iterable[Gate]) -> list[str]:
    """One line per failed gate; empty when every gate passes. An undefined metric fails."""
    failures = []
    for gate in gates:
        value = metrics.get(gate.metric, math.nan)
        if not gate.passes(value):
            shown = "n/a (undefined in this run)" if math.isnan(value) else f"{value:.4f}"
            failures.append(
                f"gate failed: {gate.metric} = {shown}, required {gate.op} {gate.threshold:g}"
            )
    return failures
