"""Parsing cost grows linearly with the input: 8× the text takes about 8× the time.

A ratio, not a wall-clock bound, so it holds on slow and busy machines alike; a
quadratic step anywhere in the pipeline would make it about 64.
"""

from __future__ import annotations

import time

from nianbao.parser.document.parse import parse_bytes
from tests.conftest import SEEDS


def _best_of(data: bytes, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.perf_counter()
        parse_bytes(data, "x.txt")
        best = min(best, time.perf_counter() - begin)
    return best


def test_parse_time_grows_linearly() -> None:
    base = b"\n".join(path.read_bytes() for path in SEEDS) * 4
    small = _best_of(base)
    large = _best_of(base * 8)
    ratio = large / small
    print(f"\nparse time 1x {small * 1000:.1f} ms, 8x {large * 1000:.1f} ms, ratio {ratio:.1f}")
    assert ratio < 16, f"8x the input took {ratio:.1f}x the time"


def test_one_huge_line_is_linear_too() -> None:
    line = "规章 0 0 0 行政许可 1 "
    small = _best_of((line * 20_000).encode())
    large = _best_of((line * 160_000).encode())
    assert large / small < 16
