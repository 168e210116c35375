"""Batch speed: ``nianbao check --format json`` on thousands of generated reports.

Measured in the same run, the floor is a Python loop that only reads, decodes and
NFKC-normalises the same files on one core; the check is reported as a ratio to
it (target: at most 4× on the 2-core machine) together with the peak memory of
the whole process tree (target: under 300 MB).

Run: ``python bench/batch.py [--reports 10000] [--jobs 0]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


_TAGS = "甲乙丙丁戊己庚辛壬癸"


def make_corpus(folder: Path, count: int) -> list[Path]:
    """Generated reports, each from its own agency, as a province's batch would be.

    The generator draws agencies from a short list; left alone, thousands of reports
    would claim the same few agencies and years, which no real folder does.
    """
    from tests.generator import generate
    from tests.generator.encodings import encode

    paths = []
    for index in range(count):
        report = generate(index)
        tag = "".join(_TAGS[int(d)] for d in f"{index:05d}")
        text = report.text
        agency = report.truth.agency
        for name in sorted({agency.title_name, agency.signature_name, agency.department,
                            *agency.names}, key=len, reverse=True):
            text = text.replace(name, tag + name)
        path = folder / f"{index // 1000:02d}" / report.name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(encode(text, report.encoding))
        paths.append(path)
    return paths


def floor(paths: list[Path]) -> float:
    from nianbao.parser.reading.decode import decode

    begin = time.perf_counter()
    for path in paths:
        text = decode(path.read_bytes(), str(path)).text
        unicodedata.normalize("NFKC", text)
    return time.perf_counter() - begin


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(entry))
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total


def run_check(folder: Path, jobs: int) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "nianbao", "check", "--format", "json", "--exit-zero",
               "--jobs", str(jobs), str(folder)]
    peak = 0
    begin = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(process.pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, err = process.communicate()
        done.set()
        watcher.join()
        elapsed = time.perf_counter() - begin
        size = out.tell()
    if process.returncode not in (0, 1):
        raise SystemExit(f"check failed ({process.returncode}): {err.decode()[:500]}")
    return elapsed, peak, size


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--reports", type=int, default=10_000)
    cli.add_argument("--jobs", type=int, default=0, help="worker processes (0: all cores)")
    args = cli.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        begin = time.perf_counter()
        paths = make_corpus(folder, args.reports)
        size = sum(p.stat().st_size for p in paths)
        print(f"generated {len(paths)} reports ({size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - begin:.1f} s; {os.cpu_count()} cores")
        floor(paths[:200])  # warm the page cache and imports
        base = floor(paths)
        print(f"floor (read + decode + NFKC, one core): {base:.2f} s "
              f"({base / len(paths) * 1000:.3f} ms per report)")
        elapsed, peak, out = run_check(folder, args.jobs)
        print(f"nianbao check --format json: {elapsed:.2f} s "
              f"({elapsed / len(paths) * 1000:.3f} ms per report), {out / 1e6:.1f} MB of JSON")
        print(f"ratio to the floor: {elapsed / base:.2f}x (target <= 4x)")
        print(f"peak memory of the process tree: {peak / 1e6:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
