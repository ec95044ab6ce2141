"""Timing checks that hold on a busy, shared machine.

Wall-clock limits fail whenever other work takes the cores (a 7 ms safety check read 34 ms at a
load of 8 on two cores), so these checks time the CPU this process spends (`time.process_time`),
which other processes do not inflate. What "checked quickly" guards against is work that goes
over the text once per match or per line; so a function is also timed on a quarter of the input
and on the whole of it: four times the characters may take at most eight times the CPU (linear
work takes four times, such work sixteen).
"""

from __future__ import annotations

import time
from typing import Any, Callable


def cpu_seconds(call: Callable[[], Any], repeats: int = 1,
                clock: Callable[[], float] = time.process_time) -> float:
    """The least CPU time of ``repeats`` runs of ``call()`` (by default the whole process's, so
    work ``call`` hands to a worker thread is counted)."""
    best = float("inf")
    for _ in range(repeats):
        start = clock()
        call()
        best = min(best, clock() - start)
    return best


def assert_linear(fn: Callable[[str], Any], unit: str, chars: int = 60_000, *,
                  suffix: str = "", limit: float = 1.0, slack: float = 0.05) -> None:
    """``fn`` on ``unit`` repeated to ``chars`` characters (then ``suffix``) takes under ``limit``
    CPU seconds, and at most about twice what linear growth from a quarter of them would take
    (``slack`` seconds absorb the timer's grain on inputs that take milliseconds). ``fn`` runs in
    this thread, so only this thread's CPU is timed, the least of two runs each: a worker's
    background threads (a server left by an earlier test) once made 50,000 characters read
    0.147 s against 0.000 for a quarter of them, a pattern that takes 1 ms."""
    quarter = unit * (chars // 4 // len(unit)) + suffix
    whole = unit * (chars // len(unit)) + suffix
    small = cpu_seconds(lambda: fn(quarter), repeats=2, clock=time.thread_time)
    large = cpu_seconds(lambda: fn(whole), repeats=2, clock=time.thread_time)
    assert large < limit, f"{chars:,} characters took {large:.3f} CPU seconds"
    assert large < 8 * small + slack, (
        f"{chars:,} characters took {large:.3f} CPU seconds, a quarter of them {small:.3f}")
