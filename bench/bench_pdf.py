"""PDF reading time against pypdfium2's plain page text, in the same run.

Run: ``python bench/bench_pdf.py [--runs N] [PDF ...]`` (default: the real PDF in
tests/data/originals). The floor is what any PDF reader built on pypdfium2 pays:
open the document and take every page's ``get_text_range()``. nianbao's reader
adds character boxes, ruling lines, table grids and spans on top. Target: at most
3x the floor. Both are timed interleaved, run after run, and the minimum of each
is compared (the least disturbed run on a shared machine); medians are printed too.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]

from nianbao.parser.reading.documents.pdf import read_pdf_counted

ORIGINALS = Path(__file__).resolve().parent.parent / "tests" / "data" / "originals"


def plain_text(data: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def _time(read: Callable[[bytes], object], data: bytes) -> float:
    begin = time.perf_counter()
    read(data)
    return (time.perf_counter() - begin) * 1000


def _ours(data: bytes) -> object:
    return read_pdf_counted(data, "bench.pdf")


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--runs", type=int, default=40)
    cli.add_argument("pdfs", nargs="*", type=Path)
    args = cli.parse_args()
    paths = args.pdfs or sorted(ORIGINALS.glob("*.pdf"))
    print(f"{'pdf':28} {'pages':>5} {'tables':>6} {'slow':>4} {'floor ms':>9} "
          f"{'nianbao ms':>10} {'ratio':>6}  (medians: floor, nianbao)")
    for path in paths:
        data = path.read_bytes()
        reading = read_pdf_counted(data, str(path))  # warm imports and caches
        plain_text(data)
        floor: list[float] = []
        ours: list[float] = []
        for _ in range(args.runs):
            floor.append(_time(plain_text, data))
            ours.append(_time(_ours, data))
        ratio = min(ours) / min(floor)
        print(f"{path.name:28} {reading.pages:5d} {reading.tables:6d} {reading.slow_tables:4d} "
              f"{min(floor):9.1f} {min(ours):10.1f} {ratio:6.2f}  "
              f"({statistics.median(floor):.1f}, {statistics.median(ours):.1f})")


if __name__ == "__main__":
    main()
