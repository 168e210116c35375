"""Time per report for every kind of file, each as a ratio to its floor, timed in the
same run on the same bytes (issue 12):

* text — decoding the bytes (``bytes.decode``);
* HTML (plain, Word-pasted) and MHT — one pass of the standard library's
  ``html.parser`` over the page's HTML, decoded;
* DOCX — unzipping ``word/document.xml`` and parsing it with ElementTree;
* PDF (ruled, unruled, the real one) — pypdfium2's plain page text.

Two times are set against each floor: *read*, what the reading stage costs
(``reading.read.read_bytes``: sniffing and the reader, the cache off), and *check*,
the whole core on the bytes (read, parse, every rule). Each document's ratio is the
minimum of its interleaved runs over the minimum of its floor's (the least disturbed
run on a shared machine); a kind's row gives the median and the worst document. The
PDFs' tables that took the slow path (pdfplumber's table finder) are counted.

Run: ``python bench/bench_kinds.py [--per-kind N] [--runs N]``. Prints, never asserts.

Measured in December 2026 on the shared 2-core machine (load average about 8, so
read the medians; ``--per-kind 12 --runs 9``): read/floor medians — text 6.1 (its
floor, a decode, is 0.02 ms), HTML 7.7 (a small page: 2.8 ms floor), Word-pasted
HTML 1.7, MHT 2.0, DOCX 2.2, PDF ruled 2.0, unruled 2.1, the real PDF 2.5;
check/floor medians — PDF ruled 2.1, unruled 2.4, the real PDF 2.8 (target ≤ 3);
no PDF table took the slow path (0 of 36 ruled, 0 of 76 unruled, 0 of 3 real).
Whole commands (``nianbao check``, process start included, median of 7 paired
runs): the real PDF costs 1.3× the CPU of a text report. A folder of 200 distinct
generated PDFs (``--folder``) through ``nianbao check`` on both cores: cold 20.6 s
CPU (67.6 s wall under that load), cached 3.7 s CPU (12.8 s wall), the cache 2.2 MB.
``--folder DIR --count N`` instead writes N distinct generated PDFs (ruled and
unruled, both templates) into DIR, for timing ``nianbao check DIR`` with the pool,
cold and cached (see :func:`write_folder`).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["NIANBAO_NO_CACHE"] = "1"  # the readers' own time, not the cache's

import pypdfium2  # type: ignore[import-untyped]  # noqa: E402

from nianbao.parser.core.check import rules_for  # noqa: E402
from nianbao.parser.document.parse import parse_bytes  # noqa: E402
from nianbao.parser.reading.documents.pdf import read_pdf_counted  # noqa: E402
from nianbao.parser.reading.read import read_bytes  # noqa: E402
from nianbao.parser.rules.checker import run_rules  # noqa: E402

ORIGINALS = ROOT / "tests" / "data" / "originals"


def text_floor(data: bytes, charset: str) -> object:
    return data.decode(charset)


def html_floor(source: str) -> object:
    parser = HTMLParser(convert_charrefs=True)
    parser.feed(source)
    parser.close()
    return parser


def docx_floor(data: bytes) -> object:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read("word/document.xml"))


def pdf_floor(data: bytes) -> object:
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


@dataclass
class Sample:
    kind: str
    name: str
    data: bytes
    floor: Callable[[], object]


@dataclass
class Row:
    floor_ms: list[float] = field(default_factory=list)
    read_ratio: list[float] = field(default_factory=list)
    check_ratio: list[float] = field(default_factory=list)
    read_ms: list[float] = field(default_factory=list)
    check_ms: list[float] = field(default_factory=list)
    slow_tables: int = 0
    tables: int = 0


def _check(data: bytes, name: str) -> object:
    report = parse_bytes(data, name)
    return run_rules(report, rules_for(None))


def _best(action: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - begin)
    return best * 1000


def samples(per_kind: int) -> list[Sample]:
    from tests.generator import generate
    from tests.generator.documents import generate_document

    out: list[Sample] = []
    for n in range(per_kind):
        data = generate(5_000 + n).text.encode("utf-8")
        out.append(Sample("text", f"text_{n}.txt", data,
                          lambda d=data: text_floor(d, "utf-8")))  # type: ignore[misc]
    for kind in ("html", "html_word", "mht", "docx", "pdf_ruled", "pdf_unruled"):
        for n in range(per_kind):
            doc = generate_document(6_000 + 100 * n, kind, template=("2019", "2021")[n % 2])
            if kind in ("html", "html_word", "mht"):
                source = doc.html or ""
                floor: Callable[[], object] = lambda s=source: html_floor(s)  # noqa: E731
            elif kind == "docx":
                floor = lambda d=doc.data: docx_floor(d)  # type: ignore[misc]  # noqa: E731
            else:
                floor = lambda d=doc.data: pdf_floor(d)  # type: ignore[misc]  # noqa: E731
            out.append(Sample(kind, doc.name, doc.data, floor))
    real = (ORIGINALS / "hongze_2023.pdf").read_bytes()
    out.append(Sample("pdf_real", "hongze_2023.pdf", real, lambda: pdf_floor(real)))
    return out


def measure(items: list[Sample], runs: int) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for item in items:
        row = rows.setdefault(item.kind, Row())
        name = item.name
        # Warm imports and caches once, then interleave: floor, read, check.
        item.floor()
        read_bytes(item.data, name)
        _check(item.data, name)
        floor = read = check = float("inf")
        for _ in range(runs):
            floor = min(floor, _best(item.floor, 1))
            read = min(read, _best(lambda i=item: read_bytes(i.data, i.name), 1))  # type: ignore[misc]
            check = min(check, _best(lambda i=item: _check(i.data, i.name), 1))  # type: ignore[misc]
        row.floor_ms.append(floor)
        row.read_ms.append(read)
        row.check_ms.append(check)
        row.read_ratio.append(read / floor)
        row.check_ratio.append(check / floor)
        if item.kind.startswith("pdf"):
            counted = read_pdf_counted(item.data, name)
            row.tables += counted.tables
            row.slow_tables += counted.slow_tables
    return rows


def report(rows: dict[str, Row]) -> None:
    print(f"{'kind':12} {'docs':>4} {'floor ms':>9} {'read ms':>8} {'check ms':>9} "
          f"{'read/floor':>16} {'check/floor':>16} {'slow tables':>12}")
    print(f"{'':12} {'':>4} {'(median)':>9} {'(median)':>8} {'(median)':>9} "
          f"{'median   worst':>16} {'median   worst':>16}")
    for kind, row in rows.items():
        slow = f"{row.slow_tables}/{row.tables}" if kind.startswith("pdf") else ""
        print(f"{kind:12} {len(row.floor_ms):4d} {statistics.median(row.floor_ms):9.2f} "
              f"{statistics.median(row.read_ms):8.2f} {statistics.median(row.check_ms):9.2f} "
              f"{statistics.median(row.read_ratio):8.2f} {max(row.read_ratio):7.2f} "
              f"{statistics.median(row.check_ratio):8.2f} {max(row.check_ratio):7.2f} "
              f"{slow:>12}")


def write_folder(folder: Path, count: int) -> None:
    """``count`` distinct PDFs, ruled and unruled, both templates, for ``nianbao check``.

    Then, for the whole command (the pool on every core), cold and cached::

        rm -rf /tmp/cache && NIANBAO_CACHE_DIR=/tmp/cache nianbao check DIR   # cold
        NIANBAO_CACHE_DIR=/tmp/cache nianbao check DIR                        # cached
    """
    from tests.generator.documents import generate_document

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        kind = ("pdf_ruled", "pdf_unruled")[n % 2]
        doc = generate_document(7_000_000 + n, kind, template=("2019", "2021")[(n // 2) % 2])
        (folder / doc.name).write_bytes(doc.data)
    print(f"wrote {count} PDFs to {folder}")


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--per-kind", type=int, default=6)
    cli.add_argument("--runs", type=int, default=7)
    cli.add_argument("--folder", type=Path, help="write distinct PDFs here and stop")
    cli.add_argument("--count", type=int, default=200)
    args = cli.parse_args()
    if args.folder is not None:
        write_folder(args.folder, args.count)
        return
    report(measure(samples(args.per_kind), args.runs))


if __name__ == "__main__":
    main()
