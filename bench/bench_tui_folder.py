"""Opening a folder: 10 reports against 10,000, to the first render of the file list.

Issue 5 asks that the TUI open a folder of 10,000 reports in under 2× the time of a
folder of 10, with badges filling in behind. Each run is a fresh interpreter
(headless, 120x40). It is timed from its first line to the moment the file picker
is first drawn showing the folder's first file, with every file of the folder
known to it (its title counts them all): the picker's ``render_lines`` is wrapped
to note that moment, not polled. The picker adds rows beyond the first screenful
in batches between refreshes, so when the last row was in the tree is given too
("all rows"). Badges are not waited for; the run counts how many badges were in
when the list was first drawn and again a second later, to show they were still
arriving after the list was up.

The folders hold copies of the bundled seed reports under distinct names, in one
flat folder: the largest single level the picker can get. Prints, never asserts.

Run: ``python bench/bench_tui_folder.py [--runs 5] [--many 10000] [--few 10]``;
``--profile`` prints where one run of the large folder spends its time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"

CHILD = """
import time
T0 = time.perf_counter()
import asyncio, json, sys
from pathlib import Path

folder, expected, first = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
from nianbao.tui.app import NianbaoApp
from nianbao.tui.widgets.file_picker import FilePicker

seen = {}
real_render_lines = FilePicker.render_lines

def render_lines(self, crop):
    strips = real_render_lines(self, crop)
    if "at" not in seen and len(self.files) == expected:
        drawn = "".join(segment.text for strip in strips for segment in strip)
        if first in drawn:
            seen["at"] = time.perf_counter()
            seen["badges"] = sum(self.state(p) is not None for p in self.files)
    if "all_rows" not in seen and expected and len(self._file_nodes) == expected:
        seen["all_rows"] = time.perf_counter()
    return strips

FilePicker.render_lines = render_lines
app = NianbaoApp(folder)

async def measure(pilot):
    deadline = time.perf_counter() + 120
    while "at" not in seen:
        if time.perf_counter() > deadline:
            app.exit()
            return
        await asyncio.sleep(0.002)
    await asyncio.sleep(1.0)
    picker = app.main.picker
    later = sum(picker.state(p) is not None for p in picker.files)
    print(json.dumps({"seconds": seen["at"] - T0, "badges_at_render": seen["badges"],
                      "badges_a_second_later": later,
                      "all_rows": seen.get("all_rows", float("nan")) - T0}), flush=True)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=measure)
"""


def make_folder(folder: Path, count: int) -> str:
    """``count`` copies of the seeds under distinct names.

    Returns what the first file's row must show: its number (a narrow sidebar cuts
    the rest of the name short).
    """
    seeds = sorted(SAMPLES.glob("00[0-4]_*.txt"))
    folder.mkdir(parents=True)
    names = []
    for index in range(count):
        seed = seeds[index % len(seeds)]
        name = f"{index:05d}_{seed.name}"
        shutil.copyfile(seed, folder / name)
        names.append(name)
    return min(names).partition("_")[0] + "_"


def launch(folder: Path, count: int, first: str) -> dict[str, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(count), first],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"no measurement from the child:\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(lines[-1])
    result["process"] = wall
    return result


def profile(folder: Path, count: int, first: str) -> None:
    import os
    import pstats

    with tempfile.TemporaryDirectory() as scratch:
        script, out = Path(scratch) / "child.py", Path(scratch) / "profile"
        script.write_text(CHILD, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), str(script),
                        str(folder), str(count), first], cwd=ROOT, env=env, check=True,
                       timeout=300)
        stats = pstats.Stats(str(out)).sort_stats("cumulative")
        stats.print_stats(40)
        if os.environ.get("CALLEES"):
            stats.print_callees(os.environ["CALLEES"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--few", type=int, default=10)
    parser.add_argument("--many", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-folder-") as scratch:
        folders = {}
        for count in (args.few, args.many):
            folder = Path(scratch) / f"reports-{count}"
            folders[count] = (folder, make_folder(folder, count))
        if args.profile:
            profile(folders[args.many][0], args.many, folders[args.many][1])
            return
        for count, (folder, first) in folders.items():  # warm the file cache
            launch(folder, count, first)
        runs: dict[int, list[dict[str, float]]] = {args.few: [], args.many: []}
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            for count, (folder, first) in folders.items():
                runs[count].append(launch(folder, count, first))
    print(f"folders of {args.few} and {args.many} copies of the seeds; {args.runs} runs each, "
          "interleaved; headless 120x40")
    print(f"{'':15}{'first drawn':>12}{'min':>8}{'all rows':>10}{'process':>9}"
          f"{'badges then':>14}{'1 s later':>12}")
    for count, results in runs.items():
        seconds = [r["seconds"] for r in results]
        rows = statistics.median(r["all_rows"] for r in results)
        process = statistics.median(r["process"] for r in results)
        badges = statistics.median(r["badges_at_render"] for r in results)
        later = statistics.median(r["badges_a_second_later"] for r in results)
        print(f"{count:>6} reports{statistics.median(seconds) * 1000:>9.0f} ms"
              f"{min(seconds) * 1000:>5.0f} ms{rows * 1000:>7.0f} ms{process:>7.1f} s"
              f"{badges:>8.0f}/{count:<5}{later:>6.0f}/{count}")
    few = statistics.median(r["seconds"] for r in runs[args.few])
    many = statistics.median(r["seconds"] for r in runs[args.many])
    print(f"ratio, first drawn (medians), {args.many} / {args.few} (target < 2x): "
          f"{many / few:.2f}x")
    pending = [r for r in runs[args.many] if r["badges_at_render"] < args.many]
    print(f"the list was drawn before every badge was in: {len(pending)}/{len(runs[args.many])} "
          "runs")


if __name__ == "__main__":
    main()
