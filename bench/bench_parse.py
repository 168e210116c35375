"""Parse time per seed: the median of many runs on one core.

Run: ``python bench/bench_parse.py [--runs N]``. Target: under 3 ms for a
seed-sized report. Reading the file is excluded; decoding is included.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from nianbao.parser.document.parse import parse_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--runs", type=int, default=300)
    args = cli.parse_args()
    print(f"{'report':40} {'chars':>7} {'median ms':>10} {'p90 ms':>8}")
    for path in sorted(SAMPLES.iterdir()):
        data = path.read_bytes()
        parse_bytes(data, str(path))  # warm caches and imports
        times = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            report = parse_bytes(data, str(path))
            times.append((time.perf_counter() - begin) * 1000)
        times.sort()
        print(f"{path.name:40} {len(report.text):7d} {statistics.median(times):10.3f} "
              f"{times[int(len(times) * 0.9)]:8.3f}")


if __name__ == "__main__":
    main()
