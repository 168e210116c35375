"""``check`` on a report that is one line of 10 MB, against ``export`` of the same file.

Run: ``python bench/bench_long_line.py [--megabytes 10] [--runs 3]``. A finding's size
does not depend on its line's length (issue 10), so ``check --format text|json`` should
cost about what reading the file costs (``export``), not grow with the output. Prints
the median wall time of each command and the size of what it printed; asserts nothing.
For paired ratios on a quiet machine use farm-bench:
``farm-bench -- nianbao check --format text FILE --vs 'nianbao export FILE'``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--megabytes", type=int, default=10)
    cli.add_argument("--runs", type=int, default=3)
    args = cli.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one_line.txt"
        head = "一、总体情况"
        repeat = (args.megabytes * 2**20 - len(head.encode()) - 1) // len("很长".encode())
        path.write_bytes((head + "很长" * repeat + "\n").encode())
        commands = {
            "check --format text": ["check", "--format", "text", "--exit-zero"],
            "check --format json": ["check", "--format", "json", "--exit-zero"],
            "export --format json": ["export", "--format", "json"],
        }
        print(f"{path.stat().st_size / 2**20:.1f} MB on one line, {args.runs} runs each")
        print(f"{'command':24} {'median s':>9} {'printed':>12}")
        for name, argv in commands.items():
            times, size = [], 0
            for _ in range(args.runs):
                begin = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "nianbao", *argv, str(path)],
                                      capture_output=True, check=False)
                times.append(time.perf_counter() - begin)
                size = len(done.stdout)
            print(f"{name:24} {statistics.median(times):9.2f} {size:12,d}")


if __name__ == "__main__":
    main()
