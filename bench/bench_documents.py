"""Reading published reports: per-report time of the web page and Word readers.

Each is printed as a ratio to its floor, timed in the same run on the same bytes:

* HTML: one pass of the stdlib ``html.parser`` (no handlers) over the decoded page;
  the page is a full report (the filled 〔2021〕30号 template) written as a CMS
  serves Word-pasted text — styled ``<td><p><span>`` cells, ``<o:p>`` blanks,
  menus, a script and a style around the article (about 100 KB);
* DOCX: unzipping ``word/document.xml`` and parsing it with ElementTree.

Also: the real Shuyang excerpt, and three 50 MB pages (refused at once, an inline
image, text). Prints, never asserts. Run: ``python bench/bench_documents.py
[--runs N] [--no-big]``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nianbao.parser.errors import ReportError  # noqa: E402
from nianbao.parser.reading.documents.docx import read_docx  # noqa: E402
from nianbao.parser.reading.documents.html import read_html  # noqa: E402
from tests.reading.fill_template import DATA, consistent_values, filled_docx  # noqa: E402

_CELL = ('<td style="font-family: 微软雅黑;" width="46" valign="center"><p style="text-align: '
         'justify; line-height: 2; font-family: 微软雅黑;" align=""><span style="font-family: '
         '微软雅黑;">{}</span><span style="font-family: 微软雅黑;"><o:p>{}</o:p></span></p></td>')


def cms_page(rendering_text: str) -> bytes:
    """A report page as a CMS serves it, made from a rendering's lines."""
    menu = "".join(f'<li><a href="/col/col{i}/index.html">栏目{i}</a></li>' for i in range(120))
    out = ['<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
           'charset=utf-8"><title>年度报告</title><style>.a{color:red}</style>'
           '<script>var x = 1 < 2;</script></head><body>'
           f'<div class="nav"><ul>{menu}</ul></div><div class="article">']
    table: list[str] = []
    for line in rendering_text.splitlines():
        if "\t" in line:
            cells = "".join(_CELL.format(c, "" if c else "&nbsp;") for c in line.split("\t"))
            table.append(f"<tr>{cells}</tr>\n")
            continue
        if table:
            out.append('<table border="1" cellspacing="0">' + "".join(table) + "</table>")
            table = []
        out.append(f'<p style="text-indent: 2em;"><span style="font-size: 16px;">{line}'
                   '</span></p>\n')
    if table:
        out.append('<table border="1">' + "".join(table) + "</table>")
    out.append(f"</div><div class=\"footer\"><ul>{menu}</ul></div></body></html>")
    return "".join(out).encode("utf-8")


def html_floor(data: bytes) -> None:
    parser = HTMLParser(convert_charrefs=True)
    parser.feed(data.decode("utf-8"))
    parser.close()


def docx_floor(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        ET.fromstring(archive.read("word/document.xml"))


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return statistics.median(times) * 1000


def row(name: str, size: int, ours: float, floor: float) -> None:
    print(f"{name:34} {size / 1000:8.1f} {ours:9.2f} {floor:9.2f} {ours / floor:6.2f}x")


def big_pages() -> None:
    print("\n50 MB pages (one run each):")
    report = "<table><tr><td>一、本年新收</td><td>26</td></tr></table>".encode()
    image = b"QUJD" * 12_500_000
    pages = {
        "dense markup (refused)": b"<div><span>x</span></div>" * 2_000_000 + report,
        "inline 50 MB image": b'<p>x</p><img src="data:image/png;base64,' + image + b'">' + report,
        "50 MB of text": b"<p>" + "本机关认真贯彻落实条例。".encode() * 1_400_000 + b"</p>" + report,
    }
    for name, data in pages.items():
        begin = time.perf_counter()
        try:
            outcome = f"{len(read_html(data, 'big.html').text):,} chars"
        except ReportError as error:
            outcome = error.reason
        print(f"  {name:26} {len(data) / 1e6:5.1f} MB {time.perf_counter() - begin:6.2f} s  "
              f"{outcome}")


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--runs", type=int, default=50)
    cli.add_argument("--no-big", action="store_true", help="skip the 50 MB pages")
    args = cli.parse_args()
    docx = filled_docx(consistent_values())
    page = cms_page(read_docx(docx, "filled.docx").text)
    shuyang = (DATA / "shuyang_fgj_2023_table3_excerpt.html").read_bytes()
    print(f"{'report':34} {'KB':>8} {'ours ms':>9} {'floor ms':>9} {'ratio':>7}")
    for name, data in (("html: filled template as CMS page", page),
                       ("html: Shuyang excerpt (real)", shuyang)):
        ours = median_ms(lambda d=data: read_html(d, "p.html"), args.runs)  # type: ignore[misc]
        floor = median_ms(lambda d=data: html_floor(d), args.runs)  # type: ignore[misc]
        row(name, len(data), ours, floor)
    ours = median_ms(lambda: read_docx(docx, "r.docx"), args.runs)
    floor = median_ms(lambda: docx_floor(docx), args.runs)
    row("docx: filled template", len(docx), ours, floor)
    if not args.no_big:
        big_pages()


if __name__ == "__main__":
    main()
