"""Check time: per seed (median of many runs) and for a folder of generated reports.

Run: ``python bench/bench_check.py [--runs 300] [--reports 1000]``. Prints numbers,
asserts nothing.

* Per seed: the rules alone on a parsed report (``check_report``), parse + check,
  and parse + check + the text rendering of the findings, each the median of
  ``--runs`` runs on one core.
* Folder: ``--reports`` reports from the project's generator (``tests/generator``),
  every style, encoding and line end, written to a temporary folder and checked by
  ``nianbao check --format json`` as a user would run it: one worker (``-j 1``)
  and all cores (``-j 0``). Wall-clock time, including start-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nianbao.parser.document.parse import parse_bytes  # noqa: E402
from nianbao.parser.outputs.sources import Checked, Sources  # noqa: E402
from nianbao.parser.outputs.text import format_finding  # noqa: E402
from nianbao.parser.rules.checker import check_report  # noqa: E402

SEEDS = sorted((ROOT / "sample_reports").glob("00[0-4]_*.txt"))


def median_ms(func: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        func()  # type: ignore[operator]
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def per_seed(runs: int) -> None:
    print(f"{'seed':10} {'findings':>8} {'check ms':>9} {'parse+check ms':>15} "
          f"{'+text ms':>9}")
    for path in SEEDS:
        data = path.read_bytes()
        report = parse_bytes(data, str(path))
        report.line_index  # noqa: B018 - the parser's callers build it anyway
        findings = check_report(report)

        def with_text(data: bytes = data, path: Path = path) -> None:
            parsed = parse_bytes(data, str(path))
            found = check_report(parsed)
            sources = Sources([Checked.from_report(parsed, found)])
            for finding in found:
                format_finding(finding, sources).plain  # noqa: B018

        check = median_ms(lambda r=report: check_report(r), runs)
        both = median_ms(lambda d=data, p=path: check_report(parse_bytes(d, str(p))), runs)
        text = median_ms(with_text, max(runs // 3, 10))
        print(f"{path.name[:10]:10} {len(findings):8d} {check:9.3f} {both:15.3f} {text:9.3f}")


def make_folder(folder: Path, count: int) -> int:
    from tests.generator import generate

    size = 0
    for index in range(count):
        report = generate(50_000 + index)
        target = folder / f"{index // 500:02d}" / report.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(report.data)
        size += len(report.data)
    return size


def folder_check(folder: Path, count: int, jobs: int) -> tuple[float, int]:
    command = [sys.executable, "-m", "nianbao", "check", "--format", "json", "--exit-zero",
               "--jobs", str(jobs), str(folder)]
    begin = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - begin
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode()[:500])
    return elapsed, done.stdout.count(b'"code":')


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--runs", type=int, default=300)
    cli.add_argument("--reports", type=int, default=1000)
    args = cli.parse_args()
    per_seed(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        begin = time.perf_counter()
        size = make_folder(folder, args.reports)
        print(f"\nfolder: {args.reports} generated reports, {size / 1e6:.1f} MB "
              f"(generated in {time.perf_counter() - begin:.1f} s), {os.cpu_count()} cores")
        for jobs in (1, 0):
            elapsed, findings = folder_check(folder, args.reports, jobs)
            label = "-j 1" if jobs == 1 else "-j 0 (all cores)"
            print(f"nianbao check --format json {label:17}: {elapsed:6.2f} s, "
                  f"{elapsed / args.reports * 1000:.2f} ms per report, {findings} findings")


if __name__ == "__main__":
    main()
