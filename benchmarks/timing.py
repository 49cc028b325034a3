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
