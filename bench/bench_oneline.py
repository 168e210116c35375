"""A page flattened onto one line parses in time linear in its length (issue 14).

Run: ``python bench/bench_oneline.py [--runs 3] [--check] [--clock wall|cpu]``. Builds one-line pages of
100 KB, 200 KB, … 6.4 MB from the real page ``tests/data/real/texts/pingtan_2023_oneline.txt``
in two ways — its narrative padded (one set of tables in a long page) and its whole body
repeated (many tables, headings and glued runs on the line) — and prints, per size, the
best wall time of ``parse_bytes`` (with ``--check``: and of the rules) and its ratio to
the size before, then the slope of log(time) over log(size) across all sizes (1 is
linear, 2 quadratic: one number that a busy machine's noise in a single doubling does
not swing). Linear is a ratio of about 2 per doubling; the issue asks ≤ 2.2.
Asserts nothing: timings belong here, not in the tests.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.rules.checker import check_report

PAGE = Path(__file__).resolve().parent.parent / "tests/data/real/texts/pingtan_2023_oneline.txt"
SIZES_KB = (100, 200, 400, 800, 1600, 3200, 6400)


def _padded(header: str, body: str, size: int) -> str:
    """The page with its first section's paragraph repeated up to ``size`` bytes."""
    cut = body.index("二、主动公开政府信息情况")
    paragraph = body[body.index("一、总体情况") + len("一、总体情况"):cut]
    before, after = body[:cut], body[cut:]
    room = size - len((header + before + after).encode())
    copies = max(0, room // len(paragraph.encode()))
    return header + before + paragraph * copies + after + "\n"


def _repeated(header: str, body: str, size: int) -> str:
    """The page's whole body, tables and all, repeated on its one line."""
    copies = max(1, (size - len(header.encode())) // len(body.encode()))
    return header + " ".join([body] * copies) + "\n"


def _best(run: Callable[[], object], runs: int, clock: Callable[[], float]) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = clock()
        run()
        best = min(best, clock() - begin)
    return best


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--runs", type=int, default=3)
    cli.add_argument("--check", action="store_true", help="time the rules too")
    # The process's CPU time is what parsing costs; on a machine shared with other jobs the
    # wall clock adds whatever the scheduler took, which swings single doublings.
    cli.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                     help="wall: time.perf_counter; cpu: time.process_time")
    args = cli.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    print(f"clock: {args.clock}")
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    header, body = "\n".join(lines[:9]) + "\n", lines[9]
    for name, build in (("padded", _padded), ("repeated", _repeated)):
        print(f"{name}: {'size':>8} {'parse s':>9} {'ratio':>6}"
              + (f" {'check s':>9} {'ratio':>6}" if args.check else ""))
        previous: tuple[float, float] | None = None
        points: list[tuple[float, float]] = []
        for kb in SIZES_KB:
            data = build(header, body, kb * 1000).encode()
            runs = args.runs
            parse = _best(lambda data=data: parse_bytes(data, "page.txt"), runs, clock)
            check = 0.0
            if args.check:
                report = parse_bytes(data, "page.txt")
                check = _best(lambda report=report: check_report(report), runs, clock)
            ratio = "" if previous is None else f"{parse / previous[0]:6.2f}"
            line = f"{'':8}{len(data) / 1000:8.0f}K {parse:9.3f} {ratio:>6}"
            if args.check:
                cratio = "" if previous is None else f"{check / max(previous[1], 1e-9):6.2f}"
                line += f" {check:9.3f} {cratio:>6}"
            print(line, flush=True)
            previous = (parse, check)
            points.append((math.log(len(data)), math.log(parse)))
        print(f"{'':8}slope of log(parse time) over log(size): {_slope(points):.2f}")


def _slope(points: list[tuple[float, float]]) -> float:
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    return (sum((x - mean_x) * (y - mean_y) for x, y in points)
            / sum((x - mean_x) ** 2 for x, _ in points))


if __name__ == "__main__":
    main()
