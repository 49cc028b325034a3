"""Timing shared by the benchmark scripts (run from this folder, which Python puts on the path)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best_of(repeat: int, fn: Callable[[], T], *, warm_up: bool = False) -> tuple[float, T]:
    """The shortest of `repeat` timed calls of `fn`, and the last call's result. warm_up: one untimed
    call first (page faults, first-call imports)."""
    result: T | None = fn() if warm_up else None
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def best_wall_and_cpu(repeat: int, fn: Callable[[], T]) -> tuple[float, float, T]:
    """The shortest wall time (time.perf_counter) and the shortest CPU time of this process (time.process_time:
    user + system, every thread) of `repeat` timed calls of `fn`, and the last call's result. On a shared machine
    CPU time is the steadier figure for a single-threaded run: time spent waiting for a core is not counted."""
    result: T | None = None
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        c1, w1 = time.process_time(), time.perf_counter()
        wall, cpu = min(wall, w1 - w0), min(cpu, c1 - c0)
    assert result is not None
    return wall, cpu, result
