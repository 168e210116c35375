"""The rule registry fills once, completely, however many threads ask at the same time."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import seed

_CODE = """
import sys, threading
from nianbao.parser.document.parse import read_report
from nianbao.parser.rules.checker import check_report
report = read_report(sys.argv[1])
counts = []
barrier = threading.Barrier(8)
def check():
    barrier.wait()
    counts.append(len(check_report(report)))
threads = [threading.Thread(target=check) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(set(counts)))
"""


def test_threads_never_see_a_half_filled_registry() -> None:
    # A fresh interpreter, so the registry is cold when the threads start.
    out = subprocess.run([sys.executable, "-c", _CODE, str(seed("005"))],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[3]", out.stdout + out.stderr
