"""Launch to first complete render: nianbao on a seed vs a minimal Textual app.

Each run is a fresh interpreter, timed from the parent: start Python, import, build
the UI, read and check the report, and draw it (headless, 120x40) until the app
has settled — the report on screen, its badge in, no worker running. The minimal
app (Header, Static, Footer) is timed the same way, to its first settled frame.
Reported as a ratio; target ≤ 1.5×. Prints, never asserts.

Both sides load their code from bytecode caches, as an installed nianbao does:
Textual's were written when it was installed, and ours are written here first, so
that ``PYTHONDONTWRITEBYTECODE`` (set in some CI and sandbox shells) does not make
every run compile the parser and the TUI from source (some 60 ms of each run).

Run: ``python bench/bench_tui.py [--runs N] [--seed 004]``.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"

NIANBAO = """
import sys
from nianbao.tui.app import NianbaoApp
from nianbao.tui.shoot import settle

app = NianbaoApp(sys.argv[1])

async def ready(pilot):
    await settle(pilot)
    print("READY", flush=True)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=ready)
"""

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

app = Minimal()

async def ready(pilot):
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    print("READY", flush=True)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=ready)
"""


def launch(code: str, *args: str) -> tuple[float, float]:
    """Seconds from starting the interpreter to its READY line; and its CPU seconds.

    CPU time (user + system, whole run) is also given because it barely moves with
    the load of a shared machine, where wall time does.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"no READY line: {process.stderr.read() if process.stderr else ''}")
    process.wait(timeout=30)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", default="004")
    args = parser.parse_args()
    seed = next(SAMPLES.glob(f"{args.seed}_*"))
    for package in ("parser", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    launch(MINIMAL)  # warm the file cache for both
    launch(NIANBAO, str(seed))
    ours: list[tuple[float, float]] = []
    minimal: list[tuple[float, float]] = []
    for _ in range(args.runs):  # interleaved, so machine load hits both alike
        minimal.append(launch(MINIMAL))
        ours.append(launch(NIANBAO, str(seed)))
    print(f"seed:    {seed.name}; {args.runs} runs each, interleaved; headless 120x40")
    print(f"{'':22}{'wall median':>12}{'wall min':>10}{'CPU median':>12}")
    for name, runs in (("minimal Textual app", minimal), ("nianbao", ours)):
        wall = [w for w, _ in runs]
        cpu = [c for _, c in runs]
        print(f"{name:22}{statistics.median(wall) * 1000:>9.0f} ms{min(wall) * 1000:>7.0f} ms"
              f"{statistics.median(cpu) * 1000:>9.0f} ms")
    wall_ratio = statistics.median(w for w, _ in ours) / statistics.median(w for w, _ in minimal)
    min_ratio = min(w for w, _ in ours) / min(w for w, _ in minimal)
    cpu_ratio = statistics.median(c for _, c in ours) / statistics.median(c for _, c in minimal)
    print(f"ratio (target <= 1.5x): wall median {wall_ratio:.2f}x, wall min {min_ratio:.2f}x, "
          f"CPU {cpu_ratio:.2f}x")


if __name__ == "__main__":
    main()
